import { MemoryCache, type KeyValueCache } from '@gpb/cache';
import { sleep } from './sleep';

/** Admission control for an upstream's rate limit. */
export interface RateLimiter {
  /**
   * Waits for a slot under `limitPerSecond` for `key`. True when the caller may send its request;
   * false when no slot could be had before `deadline` (epoch ms).
   */
  acquire(key: string, limitPerSecond: number, deadline: number, signal?: AbortSignal): Promise<boolean>;
}

export interface WindowRateLimiterOptions {
  readonly now?: () => number;
  /** Random spread after a window opens, so waiting callers do not all fire on its first millisecond. */
  readonly maxJitterMs?: number;
  readonly random?: () => number;
}

/**
 * Fixed 1-second windows counted with `KeyValueCache.increment`: cluster-wide when the cache is Redis,
 * since every replica increments the same counter. Keys are `ratelimit:<key>:<epoch second>`.
 * If the shared cache fails, each process falls back to counting on its own: slower, not broken.
 */
export class WindowRateLimiter implements RateLimiter {
  private readonly now: () => number;
  private readonly fallback: KeyValueCache;

  constructor(
    private readonly cache: KeyValueCache,
    private readonly options: WindowRateLimiterOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.fallback = new MemoryCache(this.now);
  }

  async acquire(key: string, limitPerSecond: number, deadline: number, signal?: AbortSignal): Promise<boolean> {
    for (;;) {
      if (signal?.aborted) return false;
      const now = this.now();
      const window = Math.floor(now / 1000);
      const count = await this.count(`ratelimit:${key}:${window}`);
      if (count <= limitPerSecond) return true;
      const jitter = Math.floor((this.options.random ?? Math.random)() * (this.options.maxJitterMs ?? 50));
      const nextWindow = (window + 1) * 1000 + jitter;
      if (nextWindow >= deadline) return false;
      if (!(await sleep(nextWindow - now, signal))) return false;
    }
  }

  private async count(windowKey: string): Promise<number> {
    try {
      return await this.cache.increment(windowKey, 2);
    } catch {
      return this.fallback.increment(windowKey, 2);
    }
  }
}
