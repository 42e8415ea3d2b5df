import { route } from './route';
import type { SoapExchange, SoapReply } from './soap-ingress';
import type { PatientRead, PatientSearch, PatientLookup } from './pds';
import type { StructuredRecordRequest, StructuredRecordReply } from './gpconnect';
import type { BuildDocumentRequest, BuildDocumentReply } from './ccda';
import type { AccessTokenRequest, AccessTokenReply, JwksReply, GpConnectJwtRequest, GpConnectJwtReply } from './token';
import type { HealthReply } from './health';

/**
 * Every NATS subject in the suite, versioned. Every reply is a `Result` of the route's value type.
 * Services subscribe in the queue group of their own name.
 */
export const Subjects = {
  soapHandle: route<SoapExchange, SoapReply>('v1.soap-ingress.handle', 'soap-ingress', 30_000),
  soapHealth: route<Record<string, never>, HealthReply>('v1.soap-ingress.health', 'soap-ingress', 2_000),

  pdsRead: route<PatientRead, PatientLookup>('v1.pds.patient.read', 'pds', 8_000),
  pdsSearch: route<PatientSearch, PatientLookup>('v1.pds.patient.search', 'pds', 8_000),
  pdsHealth: route<Record<string, never>, HealthReply>('v1.pds.health', 'pds', 2_000),

  gpconnectRecord: route<StructuredRecordRequest, StructuredRecordReply>('v1.gpconnect.structured-record.get', 'gpconnect', 15_000),
  gpconnectHealth: route<Record<string, never>, HealthReply>('v1.gpconnect.health', 'gpconnect', 2_000),

  ccdaBuild: route<BuildDocumentRequest, BuildDocumentReply>('v1.ccda.document.build', 'ccda', 10_000),
  ccdaHealth: route<Record<string, never>, HealthReply>('v1.ccda.health', 'ccda', 2_000),

  tokenAccess: route<AccessTokenRequest, AccessTokenReply>('v1.token.access-token.get', 'token', 8_000),
  tokenJwks: route<Record<string, never>, JwksReply>('v1.token.jwks.get', 'token', 2_000),
  tokenGpConnectJwt: route<GpConnectJwtRequest, GpConnectJwtReply>('v1.token.gpconnect-jwt.build', 'token', 2_000),
  tokenHealth: route<Record<string, never>, HealthReply>('v1.token.health', 'token', 2_000),
} as const;

export type SubjectName = keyof typeof Subjects;
