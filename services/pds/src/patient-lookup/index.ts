export { PdsClient, patientCacheKey, PDS_RATE_LIMIT_KEY } from './pds-client';
export type { PdsClientOptions, PdsClientDeps, AccessTokenSource, LookupOptions, WarnLogger } from './pds-client';
