import type { Requester } from './gpconnect';

/** An NHS API platform access token (application-restricted OAuth, client-credentials with a signed JWT). */
export interface AccessTokenRequest {
  /** Set to force a new exchange, e.g. after the API answered 401. */
  readonly refresh?: boolean;
}

export interface AccessTokenReply {
  readonly accessToken: string;
  /** Epoch milliseconds. */
  readonly expiresAt: number;
}

export interface Jwk {
  readonly kty: 'RSA';
  readonly kid: string;
  readonly use: 'sig';
  readonly alg: 'RS512';
  readonly n: string;
  readonly e: string;
}

export interface JwksReply {
  readonly keys: readonly Jwk[];
}

export interface GpConnectJwtRequest {
  /** The provider's GP Connect endpoint (the `aud` claim). */
  readonly audience: string;
  readonly requester?: Requester;
}

export interface GpConnectJwtReply {
  readonly jwt: string;
}
