import type { TlsMaterial } from './tls';

export type HttpMethod = 'GET' | 'HEAD' | 'OPTIONS' | 'PUT' | 'DELETE' | 'POST' | 'PATCH';

/** One HTTP request to an upstream. */
export interface UpstreamRequest {
  readonly method: HttpMethod;
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  /** Mutual TLS: our client certificate and key, and the CA to trust. Reuse one object per upstream: it keys the connection pool. */
  readonly tls?: TlsMaterial;
}

/** An HTTP answer to interpret: anything but the transient failures below, whatever the status. */
export interface UpstreamResponse {
  readonly ok: true;
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly attempts: number;
}

export type UpstreamFailureKind = 'timeout' | 'rate-limited' | 'unavailable' | 'circuit-open' | 'network';

/** The call did not produce an answer worth interpreting, after every retry the policy allowed. */
export interface UpstreamFailure {
  readonly ok: false;
  readonly kind: UpstreamFailureKind;
  readonly status?: number;
  readonly retryAfterMs?: number;
  readonly attempts: number;
}

export type UpstreamOutcome = UpstreamResponse | UpstreamFailure;
