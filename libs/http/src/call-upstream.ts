import { backoffDelayMs, parseRetryAfterMs, type BackoffSettings } from './backoff';
import type { CircuitBreaker } from './circuit-breaker';
import type { UpstreamObserver } from './observer';
import type { HttpMethod, UpstreamFailure, UpstreamOutcome, UpstreamRequest } from './outcome';
import type { RateLimiter } from './rate-limiter';
import { sleep } from './sleep';
import { tlsDispatcher } from './tls';

export interface UpstreamPolicy {
  /** Deadline for the whole call, every attempt and every wait included. */
  readonly timeoutMs: number;
  /** Cap on one attempt, so a hung attempt leaves time for another. Defaults to the whole deadline. */
  readonly attemptTimeoutMs?: number;
  /** Attempts in all, the first included. Default 3. */
  readonly maxAttempts?: number;
  readonly backoff?: BackoffSettings;
  /** A non-idempotent method (POST, PATCH) is retried only when this says repeating it is harmless. */
  readonly safeToRepeat?: boolean;
  /** Retry connection resets, refusals and attempt timeouts (default true); 429/502/503/504 are always retryable. */
  readonly retryConnectionFailures?: boolean;
  readonly breaker?: { readonly breaker: CircuitBreaker; readonly key: string };
  /** Every attempt, retries included, takes a slot: the upstream counts them all. */
  readonly rateLimit?: { readonly limiter: RateLimiter; readonly key: string; readonly perSecond: number };
  /** Reports the call's outcome and duration (retries included) under `upstream`. */
  readonly observe?: { readonly observer: UpstreamObserver; readonly upstream: string };
  /** Caller cancellation; reported as a timeout. */
  readonly signal?: AbortSignal;
  readonly now?: () => number;
  readonly random?: () => number;
}

const DEFAULT_BACKOFF: BackoffSettings = { baseDelayMs: 100, maxDelayMs: 2_000 };
const IDEMPOTENT: ReadonlySet<HttpMethod> = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);
const TRANSIENT_STATUS: ReadonlySet<number> = new Set([502, 503, 504]);

type Attempt =
  | { readonly kind: 'response'; readonly status: number; readonly headers: Record<string, string>; readonly body: string }
  | { readonly kind: 'timeout' | 'network'; readonly deadlineReached: boolean };

/**
 * One resilient upstream call: a deadline over everything, retries with backoff and jitter for what
 * is safe to retry, the circuit breaker and rate limiter when given. Never throws for upstream
 * failures: they come back as `{ ok: false, kind }`. Any other HTTP answer (404, 400, 500…) is
 * `{ ok: true, status }` for the caller to interpret. `request` may be a function, called per
 * attempt, when each attempt needs fresh content (a new JWT `jti`, say).
 */
export async function callUpstream(
  request: UpstreamRequest | ((attempt: number) => UpstreamRequest),
  policy: UpstreamPolicy,
): Promise<UpstreamOutcome> {
  const now = policy.now ?? Date.now;
  const started = now();
  const deadline = started + policy.timeoutMs;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), policy.timeoutMs);
  const cancel = (): void => controller.abort();
  if (policy.signal?.aborted) cancel();
  policy.signal?.addEventListener('abort', cancel, { once: true });
  try {
    const outcome = await attempts(request, policy, deadline, controller.signal, now);
    policy.observe?.observer.upstreamCall?.(policy.observe.upstream, outcome.ok ? String(outcome.status) : outcome.kind, (now() - started) / 1000);
    return outcome;
  } finally {
    clearTimeout(timer);
    policy.signal?.removeEventListener('abort', cancel);
  }
}

async function attempts(
  request: UpstreamRequest | ((attempt: number) => UpstreamRequest),
  policy: UpstreamPolicy,
  deadline: number,
  signal: AbortSignal,
  now: () => number,
): Promise<UpstreamOutcome> {
  const maxAttempts = Math.max(1, policy.maxAttempts ?? 3);
  const breaker = policy.breaker;
  let last: UpstreamFailure | undefined;

  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const done = attempt - 1;
    if (breaker && breaker.breaker.state(breaker.key) === 'open') return last ?? { ok: false, kind: 'circuit-open', attempts: done };
    const limit = policy.rateLimit;
    if (limit && !(await limit.limiter.acquire(limit.key, limit.perSecond, deadline, signal))) {
      return last ?? { ok: false, kind: signal.aborted ? 'timeout' : 'rate-limited', attempts: done };
    }
    if (breaker && !breaker.breaker.tryAcquire(breaker.key)) return last ?? { ok: false, kind: 'circuit-open', attempts: done };

    const current = typeof request === 'function' ? request(attempt) : request;
    const result = await send(current, signal, policy.attemptTimeoutMs);
    recordHealth(policy, result);

    if (result.kind === 'response') {
      if (result.status !== 429 && !TRANSIENT_STATUS.has(result.status)) {
        return { ok: true, status: result.status, headers: result.headers, body: result.body, attempts: attempt };
      }
      const retryAfterMs = parseRetryAfterMs(result.headers['retry-after'], now());
      last = {
        ok: false,
        kind: result.status === 429 ? 'rate-limited' : 'unavailable',
        status: result.status,
        attempts: attempt,
        ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
      };
    } else {
      last = { ok: false, kind: result.kind, attempts: attempt };
      if (result.deadlineReached) return last;
      if (policy.retryConnectionFailures === false) return last;
    }

    if (attempt === maxAttempts) return last;
    if (!IDEMPOTENT.has(current.method) && !policy.safeToRepeat) return last;
    const delay = last.retryAfterMs ?? backoffDelayMs(attempt, policy.backoff ?? DEFAULT_BACKOFF, policy.random);
    // Waiting past the deadline only to fail is worse than failing now with what we know.
    if (now() + delay >= deadline) return last;
    if (!(await sleep(delay, signal))) return last;
  }
  return last ?? { ok: false, kind: 'unavailable', attempts: 0 };
}

function recordHealth(policy: UpstreamPolicy, result: Attempt): void {
  const breaker = policy.breaker;
  if (!breaker) return;
  if (result.kind !== 'response' || result.status >= 500) breaker.breaker.recordFailure(breaker.key);
  // A 429 says nothing about the upstream's health: it is our own pace.
  else if (result.status !== 429) breaker.breaker.recordSuccess(breaker.key);
}

async function send(request: UpstreamRequest, callSignal: AbortSignal, attemptTimeoutMs: number | undefined): Promise<Attempt> {
  const signal = attemptTimeoutMs === undefined ? callSignal : AbortSignal.any([callSignal, AbortSignal.timeout(attemptTimeoutMs)]);
  try {
    const init: RequestInit & { dispatcher?: unknown } = {
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal,
      redirect: 'manual',
    };
    if (request.tls) init.dispatcher = tlsDispatcher(request.tls);
    const response = await fetch(request.url, init);
    const body = await response.text();
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      headers[name] = value;
    });
    return { kind: 'response', status: response.status, headers, body };
  } catch {
    if (callSignal.aborted) return { kind: 'timeout', deadlineReached: true };
    if (signal.aborted) return { kind: 'timeout', deadlineReached: false };
    return { kind: 'network', deadlineReached: false };
  }
}
