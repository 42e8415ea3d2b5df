export { StructuredRecordClient } from './structured-record-client';
export type { StructuredRecordClientOptions, StructuredRecordClientDeps, StructuredRecord, GpConnectJwtSource, ProviderDirectory } from './structured-record-client';
export { structuredRecordParameters, CLINICAL_AREAS } from './parameters';
export type { ClinicalArea, StructuredRecordParameters } from './parameters';
export { gpConnectError, spineCodes } from './operation-outcome';
