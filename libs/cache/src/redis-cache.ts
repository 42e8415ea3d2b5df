import { createClient } from 'redis';
import { KeyValueCache } from './key-value-cache';

type RedisClient = ReturnType<typeof createClient>;

export interface RedisCacheOptions {
  url: string;
  /** Prefix for every key, so several deployments can share one Redis. */
  keyPrefix?: string;
  /** Name shown in CLIENT LIST; one connection per purpose. */
  connectionName: string;
  /** Per-command deadline in ms. */
  commandTimeoutMs?: number;
}

/** Redis-backed cache. Each instance owns one connection, for one purpose. */
export class RedisCache implements KeyValueCache {
  private constructor(
    private readonly client: RedisClient,
    private readonly prefix: string,
  ) {}

  static async connect(options: RedisCacheOptions): Promise<RedisCache> {
    const client = createClient({
      url: options.url,
      name: options.connectionName,
      // Fail commands fast while disconnected instead of queueing them forever.
      disableOfflineQueue: true,
      socket: {
        connectTimeout: 2_000,
        reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 2_000),
      },
      commandsQueueMaxLength: 10_000,
    });
    client.on('error', () => {
      // Reconnection is automatic; errors surface on the commands that fail.
    });
    await client.connect();
    return new RedisCache(client, options.keyPrefix ?? 'gpb:');
  }

  async get(key: string): Promise<string | null> {
    return this.client.get(this.prefix + key);
  }

  async exists(key: string): Promise<boolean> {
    return (await this.client.exists(this.prefix + key)) > 0;
  }

  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    await this.client.set(this.prefix + key, value, { EX: Math.max(1, Math.ceil(ttlSeconds)) });
  }

  async setIfAbsent(key: string, value: string, ttlSeconds: number): Promise<boolean> {
    const reply = await this.client.set(this.prefix + key, value, { EX: Math.max(1, Math.ceil(ttlSeconds)), NX: true });
    return reply === 'OK';
  }

  async delete(key: string): Promise<void> {
    await this.client.del(this.prefix + key);
  }

  async increment(key: string, ttlSeconds: number): Promise<number> {
    const fullKey = this.prefix + key;
    const [count] = (await this.client.multi().incr(fullKey).expire(fullKey, Math.max(1, Math.ceil(ttlSeconds)), 'NX').exec()) as [number, unknown];
    return count;
  }

  async ping(): Promise<boolean> {
    try {
      return (await this.client.ping()) === 'PONG';
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    if (this.client.isOpen) await this.client.quit();
  }
}
