import { EnvReader } from '@gpb/config';

export interface PdsConfig {
  /** e.g. https://int.api.service.nhs.uk/personal-demographics/FHIR/R4 */
  readonly baseUrl: string;
  /** ODS code of the organisation using the API (NHSD-End-User-Organisation-ODS). */
  readonly endUserOdsCode?: string;
  /** Deadline for one lookup, retries included. */
  readonly timeoutMs: number;
  /** The application's PDS rate limit, shared by every replica through Redis. */
  readonly rateLimitPerSecond: number;
  /** How long a found patient is cached. */
  readonly cacheTtlSeconds: number;
  /** Consecutive failures that stop calls to PDS for `breakerCoolDownMs`. */
  readonly breakerFailureThreshold: number;
  readonly breakerCoolDownMs: number;
}

export function readPdsConfig(env: EnvReader): PdsConfig {
  return {
    baseUrl: env.url('PDS_BASE_URL') ?? env.required('PDS_BASE_URL', 'the PDS FHIR R4 base URL'),
    endUserOdsCode: env.string('PDS_END_USER_ODS_CODE'),
    timeoutMs: env.int('PDS_TIMEOUT_MS', 5_000, { min: 100 }),
    rateLimitPerSecond: env.int('PDS_RATE_LIMIT_PER_SECOND', 5, { min: 1 }),
    cacheTtlSeconds: env.int('PDS_CACHE_TTL_SECONDS', 300, { min: 0 }),
    breakerFailureThreshold: env.int('PDS_BREAKER_FAILURES', 5, { min: 1 }),
    breakerCoolDownMs: env.int('PDS_BREAKER_COOL_DOWN_MS', 10_000, { min: 100 }),
  };
}
