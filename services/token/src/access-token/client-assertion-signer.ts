import { randomUUID } from 'node:crypto';
import { signRs512, type SigningKey } from '../keys';

export interface ActiveKeySource {
  active(): SigningKey;
}

export interface ClientAssertionOptions {
  /** The API key of our NHS API platform application: `iss` and `sub`. */
  readonly apiKey: string;
  /** The token endpoint: `aud`. */
  readonly tokenUrl: string;
  /** Seconds until `exp`; at most 300. Default 240, leaving room for clock skew against the platform's limit. */
  readonly lifetimeSeconds?: number;
}

const MAX_LIFETIME_SECONDS = 300;

/** Signs the client-assertion JWT of NHS application-restricted OAuth (RS512, `kid` of the active key). */
export class ClientAssertionSigner {
  private readonly lifetimeSeconds: number;

  constructor(
    private readonly options: ClientAssertionOptions,
    private readonly keys: ActiveKeySource,
    private readonly now: () => number = Date.now,
  ) {
    this.lifetimeSeconds = Math.min(MAX_LIFETIME_SECONDS, Math.max(1, options.lifetimeSeconds ?? 240));
  }

  /** A new assertion every call: the platform refuses a reused `jti`. */
  sign(): string {
    const issuedAt = Math.floor(this.now() / 1000);
    return signRs512(
      {
        iss: this.options.apiKey,
        sub: this.options.apiKey,
        aud: this.options.tokenUrl,
        jti: randomUUID(),
        iat: issuedAt,
        exp: issuedAt + this.lifetimeSeconds,
      },
      this.keys.active(),
    );
  }
}
