/** One jest run for the whole workspace: unit specs (*.spec.ts) and integration specs (*.int-spec.ts). */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': swc },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: {
    '^@gpb/service-(.*)$': '<rootDir>/services/$1/src/index.ts',
    '^@gpb/gateway$': '<rootDir>/gateway/src/index.ts',
    '^@gpb/(.*)$': '<rootDir>/libs/$1/src/index.ts',
  },
  testMatch: ['<rootDir>/**/*.spec.ts', '<rootDir>/**/*.int-spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  testTimeout: 30000,
  globalSetup: '<rootDir>/test/support/global-setup.js',
  reporters: ['default', '<rootDir>/tools/summary-reporter.js'],
};
