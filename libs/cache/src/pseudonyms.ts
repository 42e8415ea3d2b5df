import { createHmac, randomBytes } from 'node:crypto';

/**
 * Stable, non-reversible names for patient identifiers in cache keys. A plain hash of a ten-digit NHS
 * number can be reversed by trying them all; a keyed hash (HMAC-SHA-256 under a deployment secret,
 * the same on every service) cannot without the secret.
 */
export class Pseudonymiser {
  private constructor(private readonly secret: Buffer) {}

  static withSecret(secret: string): Pseudonymiser {
    return new Pseudonymiser(Buffer.from(secret, 'utf8'));
  }

  /** For a single process (the embedded suite): a secret that lives as long as its memory cache. */
  static ephemeral(): Pseudonymiser {
    return new Pseudonymiser(randomBytes(32));
  }

  /** `kind` separates identifier spaces, so an NHS number and an MRN with the same digits differ. */
  of(kind: string, value: string): string {
    return createHmac('sha256', this.secret).update(`${kind}\u0000${value}`).digest('hex').slice(0, 40);
  }
}
