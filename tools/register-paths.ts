/**
 * Resolves the workspace's `@gpb/<lib>` imports inside the compiled `dist/` tree at run time
 * (TypeScript path aliases are not rewritten by tsc). Loaded with `node -r`.
 */
import { resolve } from 'node:path';
import { register } from 'tsconfig-paths';

register({
  baseUrl: resolve(__dirname, '..'),
  paths: {
    '@gpb/service-*': ['services/*/src/index.js'],
    '@gpb/gateway': ['gateway/src/index.js'],
    '@gpb/*': ['libs/*/src/index.js'],
  },
});
