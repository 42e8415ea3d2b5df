export { ClientAssertionSigner } from './client-assertion-signer';
export type { ClientAssertionOptions, ActiveKeySource } from './client-assertion-signer';
export { AccessTokenProvider, accessTokenCacheKeys } from './access-token-provider';
export type { AccessTokenProviderOptions, AccessTokenProviderDeps } from './access-token-provider';
