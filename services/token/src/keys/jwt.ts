import { sign, type KeyObject } from 'node:crypto';

export type JwtClaims = Readonly<Record<string, unknown>>;

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** A compact JWS signed RS512 (RSASSA-PKCS1-v1_5 with SHA-512). */
export function signRs512(claims: JwtClaims, key: { readonly kid: string; readonly privateKey: KeyObject }): string {
  const input = `${base64url({ alg: 'RS512', typ: 'JWT', kid: key.kid })}.${base64url(claims)}`;
  return `${input}.${sign('sha512', Buffer.from(input), key.privateKey).toString('base64url')}`;
}

/** An unsecured JWT (`alg: none`): header and claims, and an empty signature segment. */
export function unsignedJwt(claims: JwtClaims): string {
  return `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(claims)}.`;
}
