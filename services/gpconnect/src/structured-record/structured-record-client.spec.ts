import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { contractError, fail, ok, type GpProvider, type Requester, type Result } from '@gpb/contracts';
import { CircuitBreaker } from '@gpb/http';
import { StructuredRecordClient, type StructuredRecordClientOptions } from './structured-record-client';

const BUNDLE = readFileSync(join(__dirname, '../../../../fixtures/gpconnect/9690937286.json'), 'utf8');
const outcome = (code: string): string =>
  JSON.stringify({
    resourceType: 'OperationOutcome',
    issue: [{ severity: 'error', code: 'invalid', details: { coding: [{ system: 'https://fhir.nhs.uk/STU3/CodeSystem/Spine-ErrorOrWarningCode-1', code }] } }],
  });

interface Received {
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}
type Reply = { status: number; body: string } | 'hang';

describe('StructuredRecordClient', () => {
  let server: Server;
  let base: string;
  let received: Received[];
  let replies: Reply[];
  let jwtCalls: { audience: string; requester?: Requester }[];
  let providers: Record<string, GpProvider>;

  beforeEach(async () => {
    received = [];
    replies = [{ status: 200, body: BUNDLE }];
    jwtCalls = [];
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        received.push({ url: request.url ?? '', headers: request.headers, body });
        const reply = replies[Math.min(received.length - 1, replies.length - 1)] as Reply;
        if (reply === 'hang') return;
        response.writeHead(reply.status, { 'Content-Type': 'application/fhir+json' });
        response.end(reply.body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    providers = {
      B82617: { odsCode: 'B82617', asid: '918999198738', endpoint: `${base}/B82617/STU3/1/gpconnect` },
      A20047: { odsCode: 'A20047', asid: '200000000359', endpoint: `${base}/A20047/STU3/1/gpconnect/` },
    };
  });
  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const sds = {
    findProvider: async (odsCode: string): Promise<Result<GpProvider>> => {
      const provider = providers[odsCode];
      return provider ? ok(provider) : fail(contractError('PRACTICE_NOT_FOUND', 'no such practice'));
    },
  };
  const jwt = {
    build: async (audience: string, requester?: Requester): Promise<Result<string>> => {
      jwtCalls.push({ audience, ...(requester ? { requester } : {}) });
      return ok('header.claims.');
    },
  };
  const client = (options: Partial<StructuredRecordClientOptions> = {}, breaker = new CircuitBreaker({ failureThreshold: 3, coolDownMs: 60_000 })) =>
    new StructuredRecordClient({ fromAsid: '200000001234', timeoutMs: 3_000, ...options }, { sds, jwt, breaker });

  it('posts the Parameters with every Ssp header and returns the Bundle with its provider', async () => {
    const requester: Requester = { subjectId: 'dr.who', subjectName: 'Dr John Smith' };
    const result = await client().get({ nhsNumber: '9690937286', odsCode: 'B82617', requester });
    expect(result).toEqual(ok({ bundleJson: BUNDLE, provider: providers['B82617'] }));
    expect(jwtCalls).toEqual([{ audience: providers['B82617']?.endpoint, requester }]);
    const [call] = received;
    expect(call?.url).toBe('/B82617/STU3/1/gpconnect/Patient/$gpc.getstructuredrecord');
    expect(call?.headers).toMatchObject({
      'ssp-from': '200000001234',
      'ssp-to': '918999198738',
      'ssp-interactionid': 'urn:nhs:names:services:gpconnect:fhir:operation:gpc.getstructuredrecord-1',
      authorization: 'Bearer header.claims.',
      'content-type': 'application/fhir+json',
      accept: 'application/fhir+json',
    });
    expect(call?.headers['ssp-traceid']).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.parse(call?.body ?? '')).toEqual({
      resourceType: 'Parameters',
      parameter: [
        { name: 'patientNHSNumber', valueIdentifier: { system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9690937286' } },
        { name: 'includeAllergies', part: [{ name: 'includeResolvedAllergies', valueBoolean: true }] },
        { name: 'includeMedication', part: [{ name: 'includePrescriptionIssues', valueBoolean: true }] },
        { name: 'includeProblems' },
        { name: 'includeImmunisations' },
        { name: 'includeUncategorisedData' },
        { name: 'includeConsultations' },
        { name: 'includeInvestigations' },
        { name: 'includeReferrals' },
      ],
    });
  });

  it('goes through the Spine Secure Proxy prefix, and sends only the configured clinical areas', async () => {
    await client({ sspPrefix: `${base}/ssp/`, clinicalAreas: ['allergies', 'problems'] }).get({ nhsNumber: '9690937286', odsCode: 'A20047' });
    expect(received[0]?.url).toBe(`/ssp/${base}/A20047/STU3/1/gpconnect/Patient/$gpc.getstructuredrecord`);
    const names = (JSON.parse(received[0]?.body ?? '') as { parameter: { name: string }[] }).parameter.map((p) => p.name);
    expect(names).toEqual(['patientNHSNumber', 'includeAllergies', 'includeProblems']);
  });

  it.each([
    [403, 'NO_PATIENT_CONSENT', 'NO_PATIENT_CONSENT'],
    [404, 'PATIENT_NOT_FOUND', 'PATIENT_NOT_FOUND'],
    [400, 'INVALID_NHS_NUMBER', 'INVALID_NHS_NUMBER'],
    [403, 'ACCESS_DENIED', 'ACCESS_DENIED'],
    [422, 'INVALID_PARAMETER', 'INVALID_REQUEST'],
    [500, 'INTERNAL_SERVER_ERROR', 'UPSTREAM_ERROR'],
  ])('maps HTTP %i %s to %s', async (status, code, expected) => {
    replies = [{ status, body: outcome(code) }];
    expect(await client().get({ nhsNumber: '9690937286', odsCode: 'B82617' })).toMatchObject({ ok: false, error: { code: expected } });
    expect(received).toHaveLength(1);
  });

  it('retries 503 and 429 (the operation is read-only)', async () => {
    replies = [{ status: 503, body: '' }, { status: 429, body: '' }, { status: 200, body: BUNDLE }];
    expect(await client().get({ nhsNumber: '9690937286', odsCode: 'B82617' })).toMatchObject({ ok: true });
    expect(received).toHaveLength(3);
    expect(new Set(received.map((call) => call.headers['ssp-traceid'])).size).toBe(3);
  });

  it('answers UPSTREAM_TIMEOUT when the provider hangs past the deadline', async () => {
    replies = ['hang'];
    expect(await client({ timeoutMs: 300 }).get({ nhsNumber: '9690937286', odsCode: 'B82617' })).toMatchObject({
      ok: false,
      error: { code: 'UPSTREAM_TIMEOUT', retryable: true },
    });
  });

  it('refuses a 200 that is not a Bundle', async () => {
    replies = [{ status: 200, body: outcome('PATIENT_NOT_FOUND') }];
    expect(await client().get({ nhsNumber: '9690937286', odsCode: 'B82617' })).toMatchObject({ ok: false, error: { code: 'INVALID_BUNDLE' } });
  });

  it('opens a circuit per provider ASID', async () => {
    replies = [{ status: 502, body: '' }];
    const breaker = new CircuitBreaker({ failureThreshold: 2, coolDownMs: 60_000 });
    const gpc = client({}, breaker);
    await gpc.get({ nhsNumber: '9690937286', odsCode: 'B82617' });
    const calls = received.length;
    expect(await gpc.get({ nhsNumber: '9690937286', odsCode: 'B82617' })).toMatchObject({ ok: false, error: { code: 'UPSTREAM_UNAVAILABLE' } });
    expect(received).toHaveLength(calls);
    replies = [{ status: 200, body: BUNDLE }];
    expect(await gpc.get({ nhsNumber: '9690937286', odsCode: 'A20047' })).toMatchObject({ ok: true });
  });

  it('shares one call between concurrent requests for the same patient', async () => {
    const gpc = client();
    const [a, b] = await Promise.all([gpc.get({ nhsNumber: '9690937286', odsCode: 'B82617' }), gpc.get({ nhsNumber: '9690937286', odsCode: 'B82617' })]);
    expect(a).toEqual(b);
    expect(received).toHaveLength(1);
  });

  it('passes SDS errors through and validates the request', async () => {
    expect(await client().get({ nhsNumber: '9690937286', odsCode: 'ZZZ999' })).toMatchObject({ ok: false, error: { code: 'PRACTICE_NOT_FOUND' } });
    expect(await client().get({ nhsNumber: '96909', odsCode: 'B82617' })).toMatchObject({ ok: false, error: { code: 'INVALID_NHS_NUMBER' } });
    expect(received).toHaveLength(0);
  });
});
