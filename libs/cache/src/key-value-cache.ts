/** The cache every service sees: Redis when deployed, memory in the embedded default. Values are strings. */
export interface KeyValueCache {
  get(key: string): Promise<string | null>;
  /** True when the key holds a live value, without transferring it. */
  exists(key: string): Promise<boolean>;
  set(key: string, value: string, ttlSeconds: number): Promise<void>;
  /** Sets only if absent; true when this call set it (used for locks and single-flight). */
  setIfAbsent(key: string, value: string, ttlSeconds: number): Promise<boolean>;
  delete(key: string): Promise<void>;
  /** Atomically adds to a counter, creating it with the TTL when new; returns the new value. */
  increment(key: string, ttlSeconds: number): Promise<number>;
  /** True when the backing store answers. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/** Reads JSON through a cache; a cache failure is a miss, never an outage. */
export async function getJson<T>(cache: KeyValueCache, key: string): Promise<T | undefined> {
  try {
    const raw = await cache.get(key);
    return raw === null ? undefined : (JSON.parse(raw) as T);
  } catch {
    return undefined;
  }
}

export async function setJson(cache: KeyValueCache, key: string, value: unknown, ttlSeconds: number): Promise<void> {
  try {
    await cache.set(key, JSON.stringify(value), ttlSeconds);
  } catch {
    // Redis down means slower, not broken: the value is simply not cached.
  }
}
