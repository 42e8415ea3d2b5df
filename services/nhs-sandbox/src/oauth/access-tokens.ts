import { randomBytes } from 'node:crypto';

/** The access tokens the sandbox's token endpoint issued; PDS accepts only live ones. */
export class AccessTokens {
  private readonly tokens = new Map<string, number>();
  private readonly everIssued: string[] = [];

  constructor(
    private readonly lifetimeSeconds = 599,
    private readonly now: () => number = Date.now,
  ) {}

  issue(): { token: string; expiresInSeconds: number } {
    this.prune();
    const token = randomBytes(24).toString('base64url');
    this.tokens.set(token, this.now() + this.lifetimeSeconds * 1000);
    this.everIssued.push(token);
    return { token, expiresInSeconds: this.lifetimeSeconds };
  }

  isLive(token: string): boolean {
    const expiresAt = this.tokens.get(token);
    return expiresAt !== undefined && expiresAt > this.now();
  }

  /** Every token issued so far, for tests that prove tokens never reach a log line. */
  issued(): readonly string[] {
    return this.everIssued;
  }

  /** Forgets every token, as if they had all expired (tests of the 401 → refresh path). */
  revokeAll(): void {
    this.tokens.clear();
  }

  private prune(): void {
    const now = this.now();
    for (const [token, expiresAt] of this.tokens) if (expiresAt <= now) this.tokens.delete(token);
  }
}
