import { MemoryCache, type KeyValueCache } from '@gpb/cache';
import { WindowRateLimiter } from './rate-limiter';

describe('WindowRateLimiter', () => {
  it('admits the limit per window and makes the rest wait for the next one', async () => {
    const limiter = new WindowRateLimiter(new MemoryCache());
    const started = Date.now();
    const window = Math.floor(started / 1000);
    const admitted = await Promise.all(Array.from({ length: 6 }, () => limiter.acquire('pds', 3, started + 5_000).then((ok) => ({ ok, at: Date.now() }))));
    expect(admitted.every((entry) => entry.ok)).toBe(true);
    expect(admitted.slice(3).every((entry) => entry.at >= (window + 1) * 1000)).toBe(true);
  });

  // A clock stopped mid-window: the next window opens after the deadline, so over-limit calls fail at once.
  const now = () => 1_700_000_000_500;
  const deadline = 1_700_000_000_900;

  it('shares the count between instances over one cache (as replicas share Redis)', async () => {
    const cache = new MemoryCache(now);
    const a = new WindowRateLimiter(cache, { now });
    const b = new WindowRateLimiter(cache, { now });
    const results = await Promise.all([a.acquire('pds', 2, deadline), b.acquire('pds', 2, deadline), a.acquire('pds', 2, deadline), b.acquire('pds', 2, deadline)]);
    expect(results.filter(Boolean)).toHaveLength(2);
  });

  it('reports false at once when the next window opens after the deadline', async () => {
    const limiter = new WindowRateLimiter(new MemoryCache(now), { now });
    await limiter.acquire('k', 1, deadline);
    const started = Date.now();
    expect(await limiter.acquire('k', 1, deadline)).toBe(false);
    expect(Date.now() - started).toBeLessThan(50);
  });

  it('keeps limiting per process when the shared cache fails', async () => {
    const broken = { increment: () => Promise.reject(new Error('redis down')) } as unknown as KeyValueCache;
    const limiter = new WindowRateLimiter(broken, { now });
    const results = await Promise.all([limiter.acquire('k', 1, deadline), limiter.acquire('k', 1, deadline)]);
    expect(results.filter(Boolean)).toHaveLength(1);
  });
});
