import { EnvReader } from '@gpb/config';
import { TrustSettings, readTrustSettings } from './security/trust-settings';

export interface SoapIngressConfig {
  /** Our XCA home community id (an OID; sent as urn:oid:…). */
  readonly homeCommunityId: string;
  /** Our XDS repositoryUniqueId. */
  readonly repositoryUniqueId: string;
  /** Device id (OID) we answer as in HL7v3 messages. */
  readonly deviceId: string;
  /** How long a generated document stays retrievable before it must be regenerated, seconds. */
  readonly documentTtlSeconds: number;
  /** How long a document's uniqueId stays known (so an evicted document can be regenerated), seconds. */
  readonly documentIndexTtlSeconds: number;
  /** How long a client's own patient id stays mapped to the NHS number, seconds. */
  readonly patientIdMapTtlSeconds: number;
  /** Bounds on an incoming envelope. */
  readonly maxEnvelopeBytes: number;
  /** IHE XUA: when set, SAML assertions are verified (and required for `requiredFor`). */
  readonly xua?: TrustSettings;
}

/** Placeholder OIDs under the ISO "example" arc; production deployments must set their own. */
export const DEFAULT_HOME_COMMUNITY_ID = '2.16.840.1.113883.3.9999.1';

export function readSoapIngressConfig(env: EnvReader): SoapIngressConfig {
  const xua = readTrustSettings(env);
  return {
    homeCommunityId: env.oid('HOME_COMMUNITY_ID', DEFAULT_HOME_COMMUNITY_ID),
    repositoryUniqueId: env.oid('REPOSITORY_UNIQUE_ID', '2.16.840.1.113883.3.9999.1.1'),
    deviceId: env.oid('DEVICE_ID', '2.16.840.1.113883.3.9999.1.2'),
    documentTtlSeconds: env.int('DOCUMENT_TTL_SECONDS', 3600, { min: 60 }),
    documentIndexTtlSeconds: env.int('DOCUMENT_INDEX_TTL_SECONDS', 7 * 24 * 3600, { min: 60 }),
    patientIdMapTtlSeconds: env.int('PATIENT_ID_MAP_TTL_SECONDS', 24 * 3600, { min: 60 }),
    maxEnvelopeBytes: env.int('MAX_ENVELOPE_BYTES', 5 * 1024 * 1024, { min: 1024 }),
    ...(xua ? { xua } : {}),
  };
}
