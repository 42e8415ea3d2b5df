export { SdsClient, providerCacheKey, STRUCTURED_RECORD_INTERACTION, ASID_SYSTEM, ODS_SYSTEM, INTERACTION_SYSTEM } from './sds-client';
export type { SdsClientOptions, SdsClientDeps } from './sds-client';
