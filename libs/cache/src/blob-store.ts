import { randomUUID } from 'node:crypto';
import type { BlobRef, TextPayload } from '@gpb/contracts';
import { INLINE_PAYLOAD_LIMIT } from '@gpb/contracts';
import { KeyValueCache } from './key-value-cache';

/**
 * Claim check for bodies too big for a NATS message: the body goes to the shared store, the message
 * carries only its key. Unlike the cache, a lost blob is a real failure, so errors propagate.
 */
export class BlobStore {
  constructor(
    private readonly store: KeyValueCache,
    private readonly defaultTtlSeconds = 600,
  ) {}

  async put(text: string, ttlSeconds = this.defaultTtlSeconds, key = `blob:${randomUUID()}`): Promise<BlobRef> {
    await this.store.set(key, text, ttlSeconds);
    return { key, bytes: Buffer.byteLength(text) };
  }

  async get(ref: BlobRef): Promise<string | null> {
    return this.store.get(ref.key);
  }

  async exists(ref: BlobRef): Promise<boolean> {
    return this.store.exists(ref.key);
  }

  /** Inline when small, by reference when large. */
  async wrap(text: string, ttlSeconds = this.defaultTtlSeconds): Promise<TextPayload> {
    if (Buffer.byteLength(text) <= INLINE_PAYLOAD_LIMIT) return { inline: text };
    return { ref: await this.put(text, ttlSeconds) };
  }

  async unwrap(payload: TextPayload): Promise<string | null> {
    return 'inline' in payload ? payload.inline : this.get(payload.ref);
  }
}
