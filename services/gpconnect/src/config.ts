import { readFileSync } from 'node:fs';
import { EnvReader } from '@gpb/config';
import type { TlsMaterial } from '@gpb/http';
import { CLINICAL_AREAS, type ClinicalArea } from './structured-record';

export interface GpConnectConfig {
  /** Spine Directory Service FHIR R4 base URL, e.g. https://int.api.service.nhs.uk/spine-directory/FHIR/R4 */
  readonly sdsBaseUrl: string;
  readonly apiKey: string;
  readonly sdsTimeoutMs: number;
  /** SDS entries change rarely: cached for hours. */
  readonly sdsCacheTtlSeconds: number;
  /** Spine Secure Proxy prefix, e.g. https://proxy.int.spine2.ncrs.nhs.uk; empty calls providers directly. */
  readonly sspPrefix: string;
  /** Our ASID, sent as Ssp-From. */
  readonly fromAsid: string;
  readonly timeoutMs: number;
  readonly clinicalAreas: readonly ClinicalArea[];
  readonly tls?: TlsMaterial;
  /** How long a fetched record stays in the blob store for the ccda service. */
  readonly recordTtlSeconds: number;
  readonly breakerFailureThreshold: number;
  readonly breakerCoolDownMs: number;
}

function readClinicalAreas(env: EnvReader): readonly ClinicalArea[] {
  const raw = env.string('GPC_CLINICAL_AREAS');
  if (!raw) return CLINICAL_AREAS;
  const requested = raw.split(',').map((area) => area.trim()).filter(Boolean);
  const unknown = requested.filter((area) => !(CLINICAL_AREAS as readonly string[]).includes(area));
  if (unknown.length > 0) env.problem(`GPC_CLINICAL_AREAS has unknown areas ${unknown.join(', ')}; allowed: ${CLINICAL_AREAS.join(', ')}`);
  return requested.filter((area): area is ClinicalArea => (CLINICAL_AREAS as readonly string[]).includes(area));
}

/** PEM files named by GPC_TLS_CERT_FILE / GPC_TLS_KEY_FILE / GPC_TLS_CA_FILE; read once at start-up. */
function readTls(env: EnvReader): TlsMaterial | undefined {
  const certFile = env.string('GPC_TLS_CERT_FILE');
  const keyFile = env.string('GPC_TLS_KEY_FILE');
  const caFile = env.string('GPC_TLS_CA_FILE');
  if (!certFile && !keyFile) return undefined;
  if (!certFile || !keyFile) {
    env.problem('GPC_TLS_CERT_FILE and GPC_TLS_KEY_FILE must be set together');
    return undefined;
  }
  const read = (name: string, path: string): string => {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      env.problem(`${name} names a file that cannot be read: ${path}`);
      return '';
    }
  };
  const cert = read('GPC_TLS_CERT_FILE', certFile);
  const key = read('GPC_TLS_KEY_FILE', keyFile);
  return caFile ? { cert, key, ca: read('GPC_TLS_CA_FILE', caFile) } : { cert, key };
}

export function readGpConnectConfig(env: EnvReader): GpConnectConfig {
  const tls = readTls(env);
  return {
    sdsBaseUrl: env.url('SDS_BASE_URL') ?? env.required('SDS_BASE_URL', 'the Spine Directory Service FHIR R4 base URL'),
    apiKey: env.required('NHS_API_KEY', 'the API key of the NHS API platform application'),
    sdsTimeoutMs: env.int('SDS_TIMEOUT_MS', 3_000, { min: 100 }),
    sdsCacheTtlSeconds: env.int('SDS_CACHE_TTL_SECONDS', 4 * 3600, { min: 0 }),
    sspPrefix: env.string('GPC_SSP_PREFIX', ''),
    fromAsid: env.required('GPC_FROM_ASID', 'our ASID, sent as Ssp-From'),
    timeoutMs: env.int('GPC_TIMEOUT_MS', 12_000, { min: 100 }),
    clinicalAreas: readClinicalAreas(env),
    ...(tls ? { tls } : {}),
    recordTtlSeconds: env.int('GPC_RECORD_TTL_SECONDS', 300, { min: 10 }),
    breakerFailureThreshold: env.int('GPC_BREAKER_FAILURES', 5, { min: 1 }),
    breakerCoolDownMs: env.int('GPC_BREAKER_COOL_DOWN_MS', 30_000, { min: 100 }),
  };
}
