import { createHash, randomUUID } from 'node:crypto';
import { getJson, setJson, type KeyValueCache } from '@gpb/cache';
import { contractError, fail, ok, type AccessTokenReply, type ContractError, type Result } from '@gpb/contracts';
import { callUpstream, SingleFlight, sleep, upstreamFailureError, type UpstreamObserver } from '@gpb/http';
import { ClientAssertionSigner, type ActiveKeySource } from './client-assertion-signer';

export interface AccessTokenProviderOptions {
  /** e.g. https://int.api.service.nhs.uk/oauth2/token */
  readonly tokenUrl: string;
  readonly apiKey: string;
  /** Deadline of one exchange, retries included. */
  readonly timeoutMs: number;
  /** A cached token this close to expiry is replaced rather than handed out. */
  readonly refreshMarginSeconds: number;
  /** How long to wait for another replica's exchange before doing our own. Default `timeoutMs`. */
  readonly lockWaitMs?: number;
}

export interface AccessTokenProviderDeps {
  readonly keys: ActiveKeySource;
  readonly cache: KeyValueCache;
  readonly logger?: { warn(message: string, meta?: Record<string, unknown>): void };
  /** Metrics: upstream "nhs-oauth", cache "access-token". */
  readonly observer?: UpstreamObserver;
  readonly now?: () => number;
}

interface CachedToken {
  readonly accessToken: string;
  /** Epoch ms. */
  readonly expiresAt: number;
  /** Epoch ms: lets a refresh tell a token someone just fetched from the one that was rejected. */
  readonly obtainedAt: number;
}

interface TokenEndpointReply {
  readonly access_token?: unknown;
  readonly expires_in?: unknown;
  readonly error?: unknown;
  readonly error_description?: unknown;
}

const FORM = 'application/x-www-form-urlencoded';
const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
/** A token fetched this recently by anyone is taken to be newer than the one a caller saw rejected. */
const REFRESH_REUSE_WINDOW_MS = 2_000;
const POLL_INTERVAL_MS = 50;

/** `token:access:<sha256 of apiKey|tokenUrl>` (the shared token) and `token:lock:<same>` (one exchange at a time). */
export function accessTokenCacheKeys(apiKey: string, tokenUrl: string): { readonly token: string; readonly lock: string } {
  const id = createHash('sha256').update(`${apiKey}|${tokenUrl}`).digest('hex');
  return { token: `token:access:${id}`, lock: `token:lock:${id}` };
}

/**
 * NHS API platform access tokens (client credentials with a signed JWT), shared by every replica
 * through the cache and replaced before they expire. One exchange at a time cluster-wide: the
 * replica that takes the lock exchanges; the others wait for its token, then fall back to their own.
 * Neither the token nor the assertion is ever logged.
 */
export class AccessTokenProvider {
  private readonly signer: ClientAssertionSigner;
  private readonly keys: { readonly token: string; readonly lock: string };
  private readonly flights = new SingleFlight<'get' | 'refresh', Result<AccessTokenReply>>();
  private readonly now: () => number;

  constructor(
    private readonly options: AccessTokenProviderOptions,
    private readonly deps: AccessTokenProviderDeps,
  ) {
    this.now = deps.now ?? Date.now;
    this.signer = new ClientAssertionSigner({ apiKey: options.apiKey, tokenUrl: options.tokenUrl }, deps.keys, this.now);
    this.keys = accessTokenCacheKeys(options.apiKey, options.tokenUrl);
  }

  /** A usable token; `refresh` (after a 401) skips the cached one unless another caller fetched it moments ago. */
  async get(refresh = false): Promise<Result<AccessTokenReply>> {
    const notBefore = refresh ? this.now() - REFRESH_REUSE_WINDOW_MS : 0;
    const cached = await this.cached(notBefore);
    this.deps.observer?.cacheLookup?.('access-token', cached ? 'hit' : 'miss');
    if (cached) return ok(cached);
    return this.flights.run(refresh ? 'refresh' : 'get', () => this.exchangeOnce(notBefore));
  }

  private async exchangeOnce(notBefore: number): Promise<Result<AccessTokenReply>> {
    const owner = randomUUID();
    const locked = await this.tryLock(owner);
    if (!locked) {
      const winner = await this.awaitWinner(notBefore);
      if (winner) return ok(winner);
    }
    try {
      const cached = await this.cached(notBefore);
      if (cached) return ok(cached);
      const token = await this.exchange();
      if (token.ok) {
        const entry: CachedToken = { ...token.value, obtainedAt: this.now() };
        await setJson(this.deps.cache, this.keys.token, entry, Math.max(1, Math.floor((token.value.expiresAt - this.now()) / 1000)));
      }
      return token;
    } finally {
      if (locked) await this.unlock(owner);
    }
  }

  private async exchange(): Promise<Result<AccessTokenReply>> {
    const outcome = await callUpstream(
      () => ({
        method: 'POST',
        url: this.options.tokenUrl,
        headers: { 'Content-Type': FORM, Accept: 'application/json' },
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_assertion_type: ASSERTION_TYPE,
          client_assertion: this.signer.sign(),
        }).toString(),
      }),
      // Each attempt signs a new assertion (new jti), so repeating the POST is harmless.
      {
        timeoutMs: this.options.timeoutMs,
        safeToRepeat: true,
        now: this.now,
        ...(this.deps.observer ? { observe: { observer: this.deps.observer, upstream: 'nhs-oauth' } } : {}),
      },
    );
    if (!outcome.ok) {
      this.deps.logger?.warn('token exchange failed', { upstream: 'nhs-oauth', kind: outcome.kind, status: outcome.status });
      return fail(upstreamFailureError(outcome, 'the NHS token endpoint'));
    }
    const reply = parseReply(outcome.body);
    if (outcome.status !== 200) {
      const error = rejection(outcome.status, reply);
      this.deps.logger?.warn('token exchange refused', { upstream: 'nhs-oauth', status: outcome.status, reason: error.message });
      return fail(error);
    }
    const expiresIn = Number(reply?.expires_in);
    if (typeof reply?.access_token !== 'string' || reply.access_token === '' || !Number.isFinite(expiresIn) || expiresIn <= 0) {
      return fail(contractError('UPSTREAM_ERROR', 'the NHS token endpoint answered 200 without a usable token', true));
    }
    return ok({ accessToken: reply.access_token, expiresAt: this.now() + expiresIn * 1000 });
  }

  private async cached(notBefore: number): Promise<AccessTokenReply | undefined> {
    const entry = await getJson<CachedToken>(this.deps.cache, this.keys.token);
    if (!entry || entry.obtainedAt < notBefore) return undefined;
    if (entry.expiresAt - this.options.refreshMarginSeconds * 1000 <= this.now()) return undefined;
    return { accessToken: entry.accessToken, expiresAt: entry.expiresAt };
  }

  private async tryLock(owner: string): Promise<boolean> {
    try {
      return await this.deps.cache.setIfAbsent(this.keys.lock, owner, Math.ceil(this.options.timeoutMs / 1000) + 1);
    } catch {
      // No shared cache, no cluster-wide lock: exchanging on our own is slower, not broken.
      return true;
    }
  }

  private async unlock(owner: string): Promise<void> {
    try {
      // Not atomic, but a lock that outlived its TTL and was re-taken only costs one extra exchange.
      if ((await this.deps.cache.get(this.keys.lock)) === owner) await this.deps.cache.delete(this.keys.lock);
    } catch {
      // The lock expires by itself.
    }
  }

  private async awaitWinner(notBefore: number): Promise<AccessTokenReply | undefined> {
    const giveUpAt = this.now() + (this.options.lockWaitMs ?? this.options.timeoutMs);
    while (this.now() < giveUpAt) {
      await sleep(POLL_INTERVAL_MS);
      const cached = await this.cached(notBefore);
      if (cached) return cached;
      if (!(await this.lockHeld())) return this.cached(notBefore);
    }
    return undefined;
  }

  private async lockHeld(): Promise<boolean> {
    try {
      return (await this.deps.cache.get(this.keys.lock)) !== null;
    } catch {
      return false;
    }
  }
}

function parseReply(body: string): TokenEndpointReply | undefined {
  try {
    const value: unknown = JSON.parse(body);
    return typeof value === 'object' && value !== null ? (value as TokenEndpointReply) : undefined;
  } catch {
    return undefined;
  }
}

function rejection(status: number, reply: TokenEndpointReply | undefined): ContractError {
  const code = typeof reply?.error === 'string' ? reply.error : `HTTP ${status}`;
  // The platform's descriptions name the problem ("Invalid 'kid' header…"); strip anything JWT-shaped all the same.
  const description = typeof reply?.error_description === 'string' ? `: ${reply.error_description.replace(/eyJ[\w-]*\.[\w-]*\.?[\w-]*/g, '[jwt]').slice(0, 200)}` : '';
  if (status === 400 || status === 401 || status === 403) return contractError('AUTHENTICATION_FAILED', `the NHS token endpoint refused our assertion (${code})${description}`);
  return contractError('UPSTREAM_ERROR', `the NHS token endpoint answered ${code}${description}`, status >= 500);
}
