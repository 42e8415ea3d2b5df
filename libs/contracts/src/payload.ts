/**
 * Text that may be too large for a NATS message (1 MB by default): small bodies travel inline,
 * large ones by reference to the shared blob store (claim check).
 */
export type TextPayload = { readonly inline: string } | { readonly ref: BlobRef };

export interface BlobRef {
  /** Opaque key in the blob store. */
  readonly key: string;
  readonly bytes: number;
}

/** Above this many bytes, payloads go by reference. Well under NATS's 1 MB default. */
export const INLINE_PAYLOAD_LIMIT = 256 * 1024;
