import { randomUUID } from 'node:crypto';
import { getJson, setJson, type KeyValueCache, type Pseudonymiser } from '@gpb/cache';
import { contractError, fail, ok, type ContractError, type PatientLookup, type PatientSearch, type Result } from '@gpb/contracts';
import { callUpstream, SingleFlight, upstreamFailureError, type CircuitBreaker, type RateLimiter, type UpstreamObserver } from '@gpb/http';
import { isRestricted, toDemographics } from './demographics';
import { outcomeCodes, parsePdsResource, type FhirPatient, type PdsResource } from './fhir-patient';
import { isValidNhsNumber, normaliseNhsNumber } from '@gpb/nhs-number';

export interface PdsClientOptions {
  /** e.g. https://int.api.service.nhs.uk/personal-demographics/FHIR/R4 */
  readonly baseUrl: string;
  /** Sent as NHSD-End-User-Organisation-ODS. */
  readonly endUserOdsCode?: string;
  /** Deadline for one lookup, token refresh and retries included. */
  readonly timeoutMs: number;
  /** The application's PDS rate limit, shared by every replica through the rate limiter's cache. */
  readonly rateLimitPerSecond: number;
  /** How long a found patient stays cached; 0 disables caching. */
  readonly cacheTtlSeconds: number;
}

/** Where the Bearer token comes from (the token service); `refresh` forces a new one after a 401. */
export interface AccessTokenSource {
  get(refresh?: boolean): Promise<Result<string>>;
}

export interface WarnLogger {
  warn(message: string, meta?: Record<string, unknown>): void;
}

export interface PdsClientDeps {
  readonly tokens: AccessTokenSource;
  readonly cache: KeyValueCache;
  /** Names NHS numbers in cache keys. */
  readonly pseudonyms: Pseudonymiser;
  readonly rateLimiter: RateLimiter;
  /** Shared by every PDS call under the key "pds". */
  readonly breaker?: CircuitBreaker;
  readonly logger?: WarnLogger;
  /** Metrics: upstream "pds", cache "pds-patient". */
  readonly observer?: UpstreamObserver;
  readonly now?: () => number;
}

export interface LookupOptions {
  /** Propagated as X-Correlation-ID; a fresh uuid when absent. */
  readonly correlationId?: string;
  readonly signal?: AbortSignal;
}

/** Rate-limit key shared by every replica: the NHS counts requests per application. */
export const PDS_RATE_LIMIT_KEY = 'pds';

/**
 * Cache key of a found patient: `pds:patient:<keyed hash of the NHS number>`, TTL `cacheTtlSeconds`,
 * owned by the pds service. The NHS number never appears in Redis, not even as a plain hash.
 */
export function patientCacheKey(nhsNumber: string, pseudonyms: Pseudonymiser): string {
  return `pds:patient:${pseudonyms.of('nhs-number', nhsNumber)}`;
}

interface PdsAnswer {
  readonly status: number;
  readonly resource: PdsResource | undefined;
}

/** PDS FHIR R4 application-restricted read and search, every outcome mapped to a `PatientLookup` or an error. */
export class PdsClient {
  private readonly reads = new SingleFlight<string, Result<PatientLookup>>();
  private readonly baseUrl: string;
  private readonly now: () => number;

  constructor(
    private readonly options: PdsClientOptions,
    private readonly deps: PdsClientDeps,
  ) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.now = deps.now ?? Date.now;
  }

  async read(nhsNumber: string, options: LookupOptions = {}): Promise<Result<PatientLookup>> {
    const normalised = normaliseNhsNumber(nhsNumber) ?? '';
    if (!isValidNhsNumber(normalised)) return fail(contractError('INVALID_NHS_NUMBER', 'the NHS number fails the format or Modulus 11 check'));
    const key = patientCacheKey(normalised, this.deps.pseudonyms);
    const cached = this.options.cacheTtlSeconds > 0 ? await getJson<PatientLookup>(this.deps.cache, key) : undefined;
    this.deps.observer?.cacheLookup?.('pds-patient', cached ? 'hit' : 'miss');
    if (cached) return ok(cached);
    return this.reads.run(key, async () => {
      const answer = await this.call(`${this.baseUrl}/Patient/${encodeURIComponent(normalised)}`, options);
      if (!answer.ok) return answer;
      const lookup = this.interpretRead(answer.value, normalised);
      if (lookup.ok) await this.remember(key, lookup.value);
      return lookup;
    });
  }

  async search(query: PatientSearch, options: LookupOptions = {}): Promise<Result<PatientLookup>> {
    if (query.family.trim() === '' || !/^\d{4}-\d{2}-\d{2}$/.test(query.birthDate)) {
      return fail(contractError('INVALID_REQUEST', 'a PDS search needs a family name and a birth date (YYYY-MM-DD)'));
    }
    const params = new URLSearchParams({ family: query.family });
    if (query.given) params.set('given', query.given);
    if (query.gender) params.set('gender', query.gender);
    params.set('birthdate', `eq${query.birthDate}`);
    if (query.postcode) params.set('address-postalcode', query.postcode);
    params.set('_max-results', '1');
    const answer = await this.call(`${this.baseUrl}/Patient?${params.toString()}`, options);
    if (!answer.ok) return answer;
    const lookup = this.interpretSearch(answer.value);
    if (lookup.ok && lookup.value.outcome === 'found') await this.remember(patientCacheKey(lookup.value.patient.nhsNumber, this.deps.pseudonyms), lookup.value);
    return lookup;
  }

  private interpretRead({ status, resource }: PdsAnswer, nhsNumber: string): Result<PatientLookup> {
    if (status === 200 && resource?.resourceType === 'Patient') return ok(this.fromPatient(resource, nhsNumber));
    if (status === 404) return ok({ outcome: 'not-found' });
    const codes = outcomeCodes(resource);
    if (status === 400 && codes.includes('INVALID_RESOURCE_ID')) return fail(contractError('INVALID_NHS_NUMBER', 'PDS rejected the NHS number as invalid'));
    return fail(this.unexpected(status, codes));
  }

  private interpretSearch({ status, resource }: PdsAnswer): Result<PatientLookup> {
    const codes = outcomeCodes(resource);
    // PDS has answered TOO_MANY_MATCHES both as 200 and as an error status: the code decides.
    if (codes.includes('TOO_MANY_MATCHES')) return ok({ outcome: 'too-many-matches' });
    if (status === 200 && resource?.resourceType === 'Bundle') {
      const patients = (resource.entry ?? []).map((entry) => entry.resource).filter((item): item is FhirPatient => item?.resourceType === 'Patient');
      if (patients.length === 0) return ok({ outcome: 'not-found' });
      if (patients.length > 1) return ok({ outcome: 'too-many-matches' });
      const patient = patients[0] as FhirPatient;
      if (!patient.id) return fail(contractError('UPSTREAM_ERROR', 'PDS returned a search match without an NHS number', false));
      return ok(this.fromPatient(patient, patient.id));
    }
    if (status === 404) return ok({ outcome: 'not-found' });
    return fail(this.unexpected(status, codes));
  }

  private fromPatient(patient: FhirPatient, requested: string): PatientLookup {
    if (isRestricted(patient)) return { outcome: 'restricted' };
    const current = patient.id ?? requested;
    const demographics = toDemographics(patient, current, new Date(this.now()).toISOString().slice(0, 10));
    // PDS answers a read of a superseded NHS number with the record under its current number.
    return current === requested ? { outcome: 'found', patient: demographics } : { outcome: 'found', patient: demographics, supersededFrom: requested };
  }

  private unexpected(status: number, codes: readonly string[]): ContractError {
    const detail = codes.length ? ` (${codes.join(', ')})` : '';
    if (status === 400) return contractError('INVALID_REQUEST', `PDS rejected the request${detail}`);
    if (status === 401) return contractError('AUTHENTICATION_FAILED', 'PDS rejected the access token twice');
    if (status === 403) return contractError('ACCESS_DENIED', `PDS refused access${detail}`);
    this.deps.logger?.warn('unexpected PDS answer', { upstream: 'pds', status, codes });
    return contractError('UPSTREAM_ERROR', `PDS answered HTTP ${status}${detail}`, status >= 500);
  }

  /** One PDS GET with a token; a 401 gets one retry with a freshly exchanged token. */
  private async call(url: string, options: LookupOptions): Promise<Result<PdsAnswer>> {
    const deadline = this.now() + this.options.timeoutMs;
    const correlationId = options.correlationId ?? randomUUID();
    let refresh = false;
    for (;;) {
      const token = await this.deps.tokens.get(refresh);
      if (!token.ok) return token;
      const remaining = deadline - this.now();
      if (remaining <= 0) return fail(contractError('UPSTREAM_TIMEOUT', 'PDS did not answer before the deadline', true));
      const outcome = await callUpstream(
        {
          method: 'GET',
          url,
          headers: {
            Accept: 'application/fhir+json',
            Authorization: `Bearer ${token.value}`,
            'X-Request-ID': randomUUID(),
            'X-Correlation-ID': correlationId,
            ...(this.options.endUserOdsCode ? { 'NHSD-End-User-Organisation-ODS': this.options.endUserOdsCode } : {}),
          },
        },
        {
          timeoutMs: remaining,
          rateLimit: { limiter: this.deps.rateLimiter, key: PDS_RATE_LIMIT_KEY, perSecond: this.options.rateLimitPerSecond },
          ...(this.deps.breaker ? { breaker: { breaker: this.deps.breaker, key: 'pds' } } : {}),
          ...(options.signal ? { signal: options.signal } : {}),
          ...(this.deps.observer ? { observe: { observer: this.deps.observer, upstream: 'pds' } } : {}),
          now: this.now,
        },
      );
      if (!outcome.ok) {
        this.deps.logger?.warn('PDS call failed', { upstream: 'pds', kind: outcome.kind, status: outcome.status, attempts: outcome.attempts });
        return fail(upstreamFailureError(outcome, 'PDS'));
      }
      if (outcome.status === 401 && !refresh) {
        this.deps.logger?.warn('PDS rejected the access token; refreshing it once', { upstream: 'pds' });
        refresh = true;
        continue;
      }
      return ok({ status: outcome.status, resource: parsePdsResource(outcome.body) });
    }
  }

  private async remember(key: string, lookup: PatientLookup): Promise<void> {
    if (lookup.outcome !== 'found' || this.options.cacheTtlSeconds <= 0) return;
    await setJson(this.deps.cache, key, lookup, this.options.cacheTtlSeconds);
  }
}
