export { SigningKeyRing, KeyRingError, publicJwk } from './signing-key-ring';
export type { SigningKey, KeyFile } from './signing-key-ring';
export { signRs512, unsignedJwt } from './jwt';
export type { JwtClaims } from './jwt';
