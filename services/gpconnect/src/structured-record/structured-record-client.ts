import { randomUUID } from 'node:crypto';
import { contractError, fail, ok, type GpProvider, type Requester, type Result, type StructuredRecordRequest } from '@gpb/contracts';
import { callUpstream, SingleFlight, upstreamFailureError, type CircuitBreaker, type TlsMaterial, type UpstreamObserver } from '@gpb/http';
import { STRUCTURED_RECORD_INTERACTION } from '../sds';
import { gpConnectError } from './operation-outcome';
import { CLINICAL_AREAS, structuredRecordParameters, type ClinicalArea } from './parameters';

export interface StructuredRecordClientOptions {
  /** Spine Secure Proxy URL prefix; the request goes to `<prefix>/<endpoint>/…`. Empty or absent: straight to the endpoint. */
  readonly sspPrefix?: string;
  /** Our ASID (Ssp-From). */
  readonly fromAsid: string;
  /** Deadline for one retrieval, SDS lookup and retries included. */
  readonly timeoutMs: number;
  /** Which include* parameters to send; all by default. */
  readonly clinicalAreas?: readonly ClinicalArea[];
  /** Mutual TLS: our certificate and key and the CA to trust, PEM text read from the configured files. */
  readonly tls?: TlsMaterial;
}

export interface GpConnectJwtSource {
  build(audience: string, requester?: Requester): Promise<Result<string>>;
}

export interface ProviderDirectory {
  findProvider(odsCode: string): Promise<Result<GpProvider>>;
}

export interface StructuredRecordClientDeps {
  readonly sds: ProviderDirectory;
  readonly jwt: GpConnectJwtSource;
  /** Keyed per provider ASID. */
  readonly breaker: CircuitBreaker;
  /** Metrics: upstream "gpconnect". */
  readonly observer?: UpstreamObserver;
}

export interface StructuredRecord {
  readonly bundleJson: string;
  readonly provider: GpProvider;
}

const FHIR_JSON = 'application/fhir+json';
const NHS_NUMBER = /^\d{10}$/;

/** GP Connect Access Record: Structured, `$gpc.getstructuredrecord`, through the Spine Secure Proxy. */
export class StructuredRecordClient {
  private readonly flights = new SingleFlight<string, Result<StructuredRecord>>();

  constructor(
    private readonly options: StructuredRecordClientOptions,
    private readonly deps: StructuredRecordClientDeps,
  ) {}

  /** Concurrent requests for the same patient and practice share one upstream call. */
  get(request: StructuredRecordRequest): Promise<Result<StructuredRecord>> {
    if (!NHS_NUMBER.test(request.nhsNumber)) return Promise.resolve(fail(contractError('INVALID_NHS_NUMBER', 'the NHS number is not ten digits')));
    if (request.odsCode.trim() === '') return Promise.resolve(fail(contractError('INVALID_REQUEST', 'the practice ODS code is missing')));
    return this.flights.run(`${request.nhsNumber}|${request.odsCode}`, () => this.retrieve(request));
  }

  private async retrieve(request: StructuredRecordRequest): Promise<Result<StructuredRecord>> {
    const started = Date.now();
    const provider = await this.deps.sds.findProvider(request.odsCode);
    if (!provider.ok) return provider;
    const jwt = await this.deps.jwt.build(provider.value.endpoint, request.requester);
    if (!jwt.ok) return jwt;
    const remaining = this.options.timeoutMs - (Date.now() - started);
    if (remaining <= 0) return fail(contractError('UPSTREAM_TIMEOUT', 'GP Connect was not called: the deadline passed during the SDS lookup', true));

    const body = JSON.stringify(structuredRecordParameters(request.nhsNumber, this.options.clinicalAreas ?? CLINICAL_AREAS));
    // A fresh Ssp-TraceID per attempt: each is a separate message through the proxy.
    const outcome = await callUpstream(
      () => ({
        method: 'POST',
        url: this.operationUrl(provider.value.endpoint),
        headers: {
          'Ssp-TraceID': randomUUID(),
          'Ssp-From': this.options.fromAsid,
          'Ssp-To': provider.value.asid,
          'Ssp-InteractionID': STRUCTURED_RECORD_INTERACTION,
          Authorization: `Bearer ${jwt.value}`,
          'Content-Type': FHIR_JSON,
          Accept: FHIR_JSON,
        },
        body,
        ...(this.options.tls ? { tls: this.options.tls } : {}),
      }),
      {
        timeoutMs: remaining,
        // A read-only operation, so repeating the POST is harmless; only answers that say "try again" are retried.
        safeToRepeat: true,
        retryConnectionFailures: false,
        breaker: { breaker: this.deps.breaker, key: `gpconnect:${provider.value.asid}` },
        ...(this.deps.observer ? { observe: { observer: this.deps.observer, upstream: 'gpconnect' } } : {}),
      },
    );
    if (!outcome.ok) return fail(upstreamFailureError(outcome, 'GP Connect'));
    if (outcome.status !== 200) return fail(gpConnectError(outcome.status, outcome.body));
    if (!isBundle(outcome.body)) return fail(contractError('INVALID_BUNDLE', 'GP Connect answered 200 without a FHIR Bundle', false));
    return ok({ bundleJson: outcome.body, provider: provider.value });
  }

  private operationUrl(endpoint: string): string {
    const target = `${endpoint.replace(/\/+$/, '')}/Patient/$gpc.getstructuredrecord`;
    const prefix = (this.options.sspPrefix ?? '').replace(/\/+$/, '');
    return prefix === '' ? target : `${prefix}/${target}`;
  }
}

function isBundle(body: string): boolean {
  try {
    const parsed: unknown = JSON.parse(body);
    return typeof parsed === 'object' && parsed !== null && (parsed as { resourceType?: unknown }).resourceType === 'Bundle';
  } catch {
    return false;
  }
}
