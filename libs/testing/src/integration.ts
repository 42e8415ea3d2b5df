/** `describe` for specs that need the real NATS and Redis; see global-setup.js for when they run. */
export const describeIntegration: jest.Describe = process.env['GPB_INTEGRATION'] === '1' ? describe : describe.skip;

export const testNatsUrl = (): string => process.env['GPB_TEST_NATS_URL'] ?? 'nats://127.0.0.1:4222';
export const testRedisUrl = (): string => process.env['GPB_TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';
