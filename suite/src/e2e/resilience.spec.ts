import { JsonWebKey, KeyObject, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { IheClient } from '@gpb/ihe-client';
import { RunningSandbox, startNhsSandbox } from '@gpb/service-nhs-sandbox';
import { RunningEmbeddedSuite, startEmbeddedSuite } from '../embedded-suite';

const HOME = 'urn:oid:2.16.840.1.113883.3.9999.1';
const REPOSITORY = '2.16.840.1.113883.3.9999.1.1';
const PDS_TIMEOUT_MS = 4_000;
const GPC_TIMEOUT_MS = 4_000;

/** Measures how long an answer took. */
async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = Date.now();
  const value = await work();
  return { value, ms: Date.now() - started };
}

/**
 * The suite against an NHS that has bad days: the sandbox runs separately so that its key source can
 * be controlled, and the suite's services are pointed at it by configuration alone.
 */
describe('resilience: rate limits, outages, hangs and unpublished keys', () => {
  const logs: string[] = [];
  const keyDir = mkdtempSync(join(tmpdir(), 'gpb-keys-'));
  let published: ReadonlyMap<string, KeyObject> = new Map();
  let sandbox: RunningSandbox;
  let suite: RunningEmbeddedSuite;
  let client: IheClient;
  let privateKeyPem = '';

  beforeAll(async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    privateKeyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    writeFileSync(join(keyDir, 'suite-key.pem'), privateKeyPem, { mode: 0o600 });
    sandbox = await startNhsSandbox({ port: 0, publicKeys: { key: async (kid) => published.get(kid) } });
    const stream = new PassThrough();
    stream.on('data', (chunk: Buffer) => logs.push(...chunk.toString('utf8').split('\n').filter(Boolean)));
    suite = await startEmbeddedSuite({
      logStream: stream,
      env: {
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'debug',
        NHS_TOKEN_URL: `${sandbox.url}/oauth2/token`,
        PDS_BASE_URL: `${sandbox.url}/personal-demographics/FHIR/R4`,
        SDS_BASE_URL: `${sandbox.url}/spine-directory/FHIR/R4`,
        TOKEN_KEY_FILES: `suite-key=${join(keyDir, 'suite-key.pem')}`,
        TOKEN_EPHEMERAL_KEY: 'false',
        PDS_TIMEOUT_MS: String(PDS_TIMEOUT_MS),
        PDS_CACHE_TTL_SECONDS: '0',
        PDS_BREAKER_COOL_DOWN_MS: '200',
        GPC_TIMEOUT_MS: String(GPC_TIMEOUT_MS),
        GPC_BREAKER_COOL_DOWN_MS: '200',
        SOAP_TIMEOUT_MS: '20000',
      },
    });
    client = new IheClient(suite.url);
  }, 60_000);

  afterAll(async () => {
    await suite.close();
    await sandbox.close();
    rmSync(keyDir, { recursive: true, force: true });
  });
  afterEach(async () => {
    sandbox.faults.clear();
    await new Promise((resolve) => setTimeout(resolve, 250)); // let any circuit cool down
  });

  it('is refused while its signing key is not in the JWKS the NHS reads, and recovers once it is published', async () => {
    const refused = await client.discoverPatient({ nhsNumber: '9690937286' });
    expect(refused.match).toMatchObject({ acknowledgement: 'AE', queryResponseCode: 'AE' });
    expect(logs.some((line) => line.includes('token exchange refused') && line.includes('401'))).toBe(true);

    const jwks = (await (await fetch(`${suite.url}/.well-known/jwks.json`)).json()) as { keys: (JsonWebKey & { kid: string })[] };
    published = new Map(jwks.keys.map((jwk) => [jwk.kid, createPublicKey({ key: jwk, format: 'jwk' })]));
    const recovered = await client.discoverPatient({ nhsNumber: '9690937286' });
    expect(recovered.match).toMatchObject({ acknowledgement: 'AA', queryResponseCode: 'OK' });
  }, 30_000);

  it('rides out PDS 429s with Retry-After and still matches within the deadline', async () => {
    const before = sandbox.faults.requestCounts().pds;
    sandbox.faults.inject('pds', { status: 429, retryAfterSeconds: 1, times: 2 });
    const { value, ms } = await timed(() => client.discoverPatient({ nhsNumber: '9690937278' }));
    expect(value.match?.queryResponseCode).toBe('OK');
    expect(ms).toBeLessThan(PDS_TIMEOUT_MS + 1_000);
    expect(sandbox.faults.requestCounts().pds - before).toBeGreaterThanOrEqual(3);
  }, 30_000);

  it('answers AE/AE for discovery and XDSRegistryBusy for a query while PDS keeps answering 429', async () => {
    sandbox.faults.inject('pds', { status: 429, retryAfterSeconds: 1 });
    const discovery = await timed(() => client.discoverPatient({ nhsNumber: '9690937472' }));
    expect(discovery.value.match).toMatchObject({ acknowledgement: 'AE', queryResponseCode: 'AE' });
    expect(discovery.ms).toBeLessThan(PDS_TIMEOUT_MS + 1_000);
    const query = await timed(() => client.findDocuments('9690937472'));
    expect(query.value.result?.errors.map((error) => error.code)).toEqual(['XDSRegistryBusy']);
    expect(query.ms).toBeLessThan(PDS_TIMEOUT_MS + 1_000);
  }, 30_000);

  it('retries a GP Connect 502 and still serves the document', async () => {
    const entry = (await client.findDocuments('9690937286', { entryTypes: ['onDemand'] })).result?.entries[0];
    sandbox.faults.inject('gpconnect', { status: 502, times: 1 });
    const retrieval = await client.retrieveDocuments([{ homeCommunityId: HOME, repositoryUniqueId: REPOSITORY, documentUniqueId: entry?.uniqueId ?? '' }]);
    expect(retrieval.result?.status).toMatch(/:Success$/);
    expect(retrieval.contents.size).toBe(1);
  }, 30_000);

  it('answers a hung GP Connect with XDSRegistryNotAvailable within its deadline, never a hang', async () => {
    const entry = (await client.findDocuments('9690937286', { entryTypes: ['onDemand'] })).result?.entries[0];
    sandbox.faults.inject('gpconnect', { hang: true });
    const { value, ms } = await timed(() =>
      client.retrieveDocuments([{ homeCommunityId: HOME, repositoryUniqueId: REPOSITORY, documentUniqueId: entry?.uniqueId ?? '' }]),
    );
    expect(value.result?.errors.map((error) => error.code)).toEqual(['XDSRegistryNotAvailable']);
    expect(ms).toBeLessThan(GPC_TIMEOUT_MS + 2_000);
  }, 30_000);

  it('survives a token endpoint outage (503) when a token has to be renewed', async () => {
    sandbox.tokens.revokeAll();
    sandbox.faults.inject('token', { status: 503, times: 1 });
    const { match } = await client.discoverPatient({ nhsNumber: '9693632109' });
    expect(match?.queryResponseCode).toBe('OK');
  }, 30_000);

  it('never wrote a token, key or certificate into a log line', () => {
    expect(logs.length).toBeGreaterThan(20);
    const keyBody = privateKeyPem.split('\n')[1] ?? 'no-key';
    for (const line of logs) {
      expect(line).not.toMatch(/PRIVATE KEY|CERTIFICATE|Bearer |eyJ[\w-]{10,}\./);
      expect(line).not.toContain(keyBody);
      for (const token of sandbox.tokens.issued()) expect(line).not.toContain(token);
    }
  });
});
