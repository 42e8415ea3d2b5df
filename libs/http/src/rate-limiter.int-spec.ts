import { randomUUID } from 'node:crypto';
import { RedisCache } from '@gpb/cache';
import { describeIntegration, testRedisUrl } from '@gpb/testing';
import { WindowRateLimiter } from './rate-limiter';

describeIntegration('WindowRateLimiter on Redis', () => {
  let caches: RedisCache[] = [];
  afterEach(async () => {
    await Promise.all(caches.map((cache) => cache.close()));
    caches = [];
  });

  it('holds one limit across two replicas, each with its own connection', async () => {
    const keyPrefix = `gpb-test-${randomUUID()}:`;
    caches = await Promise.all(
      ['a', 'b'].map((name) => RedisCache.connect({ url: testRedisUrl(), keyPrefix, connectionName: `rate-limit-test-${name}` })),
    );
    // Start on a window boundary so admissions fall clearly inside windows.
    const offset = Date.now() % 1000;
    const now = () => Date.now() - offset;
    const [a, b] = caches.map((cache) => new WindowRateLimiter(cache, { now })) as [WindowRateLimiter, WindowRateLimiter];
    const deadline = now() + 5_000;
    const admitted = await Promise.all(
      Array.from({ length: 6 }, (_, i) => (i % 2 ? a : b).acquire('pds', 2, deadline).then((ok) => ({ ok, window: Math.floor(now() / 1000) }))),
    );
    expect(admitted.every((entry) => entry.ok)).toBe(true);
    const perWindow = new Map<number, number>();
    for (const { window } of admitted) perWindow.set(window, (perWindow.get(window) ?? 0) + 1);
    expect([...perWindow.values()]).toEqual([2, 2, 2]);
  });
});
