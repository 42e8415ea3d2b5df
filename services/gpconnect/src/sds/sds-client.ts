import { randomUUID } from 'node:crypto';
import { getJson, setJson, type KeyValueCache } from '@gpb/cache';
import { contractError, fail, ok, type GpProvider, type Result } from '@gpb/contracts';
import { callUpstream, SingleFlight, upstreamFailureError, type CircuitBreaker, type UpstreamObserver } from '@gpb/http';

export interface SdsClientOptions {
  /** e.g. https://int.api.service.nhs.uk/spine-directory/FHIR/R4 */
  readonly baseUrl: string;
  readonly apiKey: string;
  /** Deadline for one lookup (Device and Endpoint run in parallel under it). */
  readonly timeoutMs: number;
  /** How long a provider stays cached, in seconds (SDS entries change rarely: hours). */
  readonly cacheTtlSeconds: number;
}

export interface SdsClientDeps {
  readonly cache: KeyValueCache;
  /** Shared by every SDS call under the key "sds". */
  readonly breaker?: CircuitBreaker;
  /** Metrics: upstream "sds", cache "sds-provider". */
  readonly observer?: UpstreamObserver;
}

export const ODS_SYSTEM = 'https://fhir.nhs.uk/Id/ods-organization-code';
export const INTERACTION_SYSTEM = 'https://fhir.nhs.uk/Id/nhsServiceInteractionId';
export const ASID_SYSTEM = 'https://fhir.nhs.uk/Id/nhsSpineASID';
export const STRUCTURED_RECORD_INTERACTION = 'urn:nhs:names:services:gpconnect:fhir:operation:gpc.getstructuredrecord-1';

/** Cache key of a provider: `sds:provider:<ODS code>` (an organisation code, not patient data), TTL `cacheTtlSeconds`. */
export function providerCacheKey(odsCode: string): string {
  return `sds:provider:${odsCode}`;
}

interface Identifier {
  readonly system?: string;
  readonly value?: string;
}

interface SearchSet {
  readonly resourceType?: string;
  readonly entry?: readonly { readonly resource?: { readonly resourceType?: string; readonly identifier?: readonly Identifier[]; readonly address?: string } }[];
}

/** Spine Directory Service FHIR R4: finds the GP Connect system (ASID and endpoint) of a practice. */
export class SdsClient {
  private readonly lookups = new SingleFlight<string, Result<GpProvider>>();
  private readonly baseUrl: string;

  constructor(
    private readonly options: SdsClientOptions,
    private readonly deps: SdsClientDeps,
  ) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
  }

  async findProvider(odsCode: string): Promise<Result<GpProvider>> {
    const ods = odsCode.trim().toUpperCase();
    if (!/^[A-Z0-9]{3,10}$/.test(ods)) return fail(contractError('INVALID_REQUEST', 'the practice ODS code is malformed'));
    const key = providerCacheKey(ods);
    const cached = await getJson<GpProvider>(this.deps.cache, key);
    this.deps.observer?.cacheLookup?.('sds-provider', cached ? 'hit' : 'miss');
    if (cached) return ok(cached);
    return this.lookups.run(key, async () => {
      const provider = await this.lookup(ods);
      if (provider.ok) await setJson(this.deps.cache, key, provider.value, this.options.cacheTtlSeconds);
      return provider;
    });
  }

  private async lookup(odsCode: string): Promise<Result<GpProvider>> {
    const [devices, endpoints] = await Promise.all([this.search('Device', odsCode), this.search('Endpoint', odsCode)]);
    if (!devices.ok) return devices;
    if (!endpoints.ok) return endpoints;
    const deviceResources = (devices.value.entry ?? []).map((entry) => entry.resource).filter((item) => item?.resourceType === 'Device');
    if (deviceResources.length === 0) return fail(contractError('PRACTICE_NOT_FOUND', `no GP Connect system is registered in SDS for practice ${odsCode}`));
    const asid = deviceResources.flatMap((device) => device?.identifier ?? []).find((id) => id.system === ASID_SYSTEM && id.value)?.value;
    if (!asid) return fail(contractError('GP_SYSTEM_NOT_FOUND', `the SDS entry of practice ${odsCode} has no ASID`));
    const endpoint = (endpoints.value.entry ?? [])
      .map((entry) => entry.resource)
      .find((item) => item?.resourceType === 'Endpoint' && typeof item.address === 'string' && item.address.trim() !== '')?.address;
    if (!endpoint) return fail(contractError('GP_SYSTEM_NOT_FOUND', `SDS lists no GP Connect endpoint address for practice ${odsCode}`));
    return ok({ odsCode, asid, endpoint: endpoint.trim() });
  }

  private async search(resource: 'Device' | 'Endpoint', odsCode: string): Promise<Result<SearchSet>> {
    const params = new URLSearchParams();
    params.set('organization', `${ODS_SYSTEM}|${odsCode}`);
    params.set('identifier', `${INTERACTION_SYSTEM}|${STRUCTURED_RECORD_INTERACTION}`);
    const outcome = await callUpstream(
      {
        method: 'GET',
        url: `${this.baseUrl}/${resource}?${params.toString()}`,
        headers: { Accept: 'application/fhir+json', apikey: this.options.apiKey, 'X-Correlation-Id': randomUUID() },
      },
      {
        timeoutMs: this.options.timeoutMs,
        ...(this.deps.breaker ? { breaker: { breaker: this.deps.breaker, key: 'sds' } } : {}),
        ...(this.deps.observer ? { observe: { observer: this.deps.observer, upstream: 'sds' } } : {}),
      },
    );
    if (!outcome.ok) return fail(upstreamFailureError(outcome, 'SDS'));
    if (outcome.status === 401 || outcome.status === 403) return fail(contractError('AUTHENTICATION_FAILED', `SDS refused the API key (HTTP ${outcome.status})`));
    if (outcome.status !== 200) return fail(contractError('UPSTREAM_ERROR', `SDS ${resource} search answered HTTP ${outcome.status}`, outcome.status >= 500));
    const parsed = parseJson(outcome.body);
    if (parsed?.resourceType !== 'Bundle') return fail(contractError('UPSTREAM_ERROR', `SDS ${resource} search did not return a Bundle`, false));
    return ok(parsed);
  }
}

function parseJson(body: string): SearchSet | undefined {
  try {
    const value: unknown = JSON.parse(body);
    return typeof value === 'object' && value !== null ? (value as SearchSet) : undefined;
  } catch {
    return undefined;
  }
}
