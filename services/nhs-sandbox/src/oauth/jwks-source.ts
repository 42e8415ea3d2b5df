import { JsonWebKey, KeyObject, createPublicKey } from 'node:crypto';

/** Where the client's public keys come from: the suite's published JWKS URL. */
export interface PublicKeySource {
  /** The key for `kid`, or undefined when the JWKS does not list it. */
  key(kid: string): Promise<KeyObject | undefined>;
}

interface JwkLike {
  readonly kid?: unknown;
  readonly kty?: unknown;
}

/**
 * Reads the JWKS over HTTP like the NHS API platform does: cached briefly, fetched again when an
 * unknown kid appears (so a newly published key is picked up without waiting for the cache).
 */
export class JwksUrlSource implements PublicKeySource {
  private keys = new Map<string, KeyObject>();
  private fetchedAt = 0;

  constructor(
    private readonly url: string,
    private readonly cacheMs = 5_000,
  ) {}

  async key(kid: string): Promise<KeyObject | undefined> {
    if (Date.now() - this.fetchedAt > this.cacheMs || !this.keys.has(kid)) await this.refresh();
    return this.keys.get(kid);
  }

  private async refresh(): Promise<void> {
    try {
      const response = await fetch(this.url, { signal: AbortSignal.timeout(3_000) });
      if (!response.ok) return;
      const body = (await response.json()) as { keys?: unknown };
      const keys = new Map<string, KeyObject>();
      for (const jwk of Array.isArray(body.keys) ? (body.keys as JwkLike[]) : []) {
        if (typeof jwk.kid !== 'string' || jwk.kty !== 'RSA') continue;
        try {
          keys.set(jwk.kid, createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' }));
        } catch {
          // An unusable key is skipped, as the platform would.
        }
      }
      this.keys = keys;
      this.fetchedAt = Date.now();
    } catch {
      // JWKS unreachable: keep what we had; unknown kids are refused.
    }
  }
}
