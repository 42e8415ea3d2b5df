import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import express, { type Request } from 'express';
import { MemoryCache, Pseudonymiser } from '@gpb/cache';
import { ok, type Result } from '@gpb/contracts';
import { WindowRateLimiter } from '@gpb/http';
import { PdsClient, patientCacheKey, type PdsClientOptions } from './pds-client';

const FIXTURES = join(__dirname, '../../../../fixtures/pds/sandbox');
const fixture = (path: string): string => readFileSync(join(FIXTURES, path), 'utf8');
const BASE = '/personal-demographics/FHIR/R4';

/** A stand-in PDS serving the sandbox fixtures; behaviour per NHS number or family name. */
function pdsStub() {
  const seen: Request[] = [];
  const script: Record<string, (status: (code: number) => void) => string | undefined> = {};
  const app = express();
  app.use((request, _response, next) => {
    seen.push(request);
    next();
  });
  app.get(`${BASE}/Patient/:id`, (request, response) => {
    const id = request.params['id'] ?? '';
    const custom = script[id];
    if (custom) {
      const body = custom((code) => response.status(code));
      if (body === undefined) return; // hang
      response.type('application/fhir+json').send(body);
      return;
    }
    if (request.header('authorization') !== 'Bearer good-token') return void response.status(401).send('{}');
    const files: Record<string, string> = {
      '9000000009': 'patientResponses/patient_9000000009.json',
      '9000000025': 'patientResponses/patient_9000000025.json',
      '9000000033': 'patientResponses/patient_9000000033.json',
      '9693632109': 'patientResponses/patient_9693632109.json',
      // A superseded number: PDS answers with the record under the current one.
      '9434765919': 'patientResponses/patient_9693632109.json',
    };
    const file = files[id];
    if (id === '9434765870') return void response.status(400).type('application/fhir+json').send(fixture('errorResponses/INVALID_RESOURCE_ID.json'));
    if (!file) return void response.status(404).type('application/fhir+json').send(fixture('errorResponses/RESOURCE_NOT_FOUND.json'));
    response.type('application/fhir+json').send(fixture(file));
  });
  app.get(`${BASE}/Patient`, (request, response) => {
    const family = String(request.query['family']);
    const searches: Record<string, [number, string]> = {
      Smith: [200, fixture('searchResponses/PatientSearch.json')],
      Smythe: [200, fixture('searchResponses/search_patient_9000000025.json')],
      Tunney: [200, fixture('searchResponses/dateOfDeath_searchset.json')],
      Many: [200, fixture('searchResponses/TOO_MANY_MATCHES.json')],
      Bad: [400, fixture('errorResponses/INVALID_SEARCH_DATA.json')],
    };
    const [status, body] = searches[family] ?? [200, '{"resourceType":"Bundle","type":"searchset","total":0}'];
    response.status(status).type('application/fhir+json').send(body);
  });
  return { app, seen, script };
}

describe('PdsClient', () => {
  let server: Server;
  let stub: ReturnType<typeof pdsStub>;
  let cache: MemoryCache;
  let warnings: { message: string; meta?: Record<string, unknown> }[];
  let tokenCalls: (boolean | undefined)[];
  let baseUrl: string;

  const pseudonyms = Pseudonymiser.withSecret('pds-client-spec-secret');
  const tokens = {
    get: async (refresh?: boolean): Promise<Result<string>> => {
      tokenCalls.push(refresh);
      return ok(refresh || tokenCalls.length > 1 ? 'good-token' : 'stale-token');
    },
  };

  const client = (overrides: Partial<PdsClientOptions> = {}) =>
    new PdsClient(
      { baseUrl, endUserOdsCode: 'X26', timeoutMs: 2_000, rateLimitPerSecond: 50, cacheTtlSeconds: 300, ...overrides },
      { tokens, cache, pseudonyms, rateLimiter: new WindowRateLimiter(cache), logger: { warn: (message, meta) => warnings.push({ message, meta }) } },
    );

  beforeEach(async () => {
    stub = pdsStub();
    cache = new MemoryCache();
    warnings = [];
    tokenCalls = [];
    server = stub.app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}${BASE}`;
  });
  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('reads a patient into demographics, sending the NHS headers, refreshing a rejected token once', async () => {
    const result = await client().read('900 000 0009', { correlationId: 'corr-1' });
    expect(result).toEqual(
      ok({
        outcome: 'found',
        patient: {
          nhsNumber: '9000000009',
          name: { given: ['Jane'], family: 'Smith', prefix: ['Mrs'] },
          gender: 'female',
          birthDate: '2010-10-22',
          deceasedDateTime: '2010-10-22T00:00:00+00:00',
          address: { lines: ['1 Trevelyan Square', 'Boar Lane', 'City Centre', 'Leeds', 'West Yorkshire'], postcode: 'LS1 6AE' },
          telecom: [
            { system: 'phone', value: '01632960587', use: 'home' },
            { system: 'email', value: 'jane.smith@example.com', use: 'home' },
            { system: 'other', value: '01632960587', use: 'home' },
          ],
          gpOdsCode: 'Y12345',
        },
      }),
    );
    expect(tokenCalls).toEqual([false, true]);
    const last = stub.seen[stub.seen.length - 1] as Request;
    expect(last.header('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(last.header('x-correlation-id')).toBe('corr-1');
    expect(last.header('nhsd-end-user-organisation-ods')).toBe('X26');
    expect(last.header('authorization')).toBe('Bearer good-token');
  });

  it('caches a found patient under a keyed hash of the NHS number, reporting misses and hits', async () => {
    const lookups: string[] = [];
    const pds = new PdsClient(
      { baseUrl, timeoutMs: 2_000, rateLimitPerSecond: 50, cacheTtlSeconds: 300 },
      { tokens, cache, pseudonyms, rateLimiter: new WindowRateLimiter(cache), observer: { cacheLookup: (name, result) => lookups.push(`${name}:${result}`) } },
    );
    await pds.read('9693632109');
    const hits = stub.seen.length;
    expect(await pds.read('9693632109')).toMatchObject({ ok: true, value: { outcome: 'found' } });
    expect(stub.seen.length).toBe(hits);
    expect(patientCacheKey('9693632109', pseudonyms)).toMatch(/^pds:patient:[0-9a-f]{40}$/);
    // Not a plain hash: without the secret, trying every NHS number would not find it.
    expect(patientCacheKey('9693632109', pseudonyms)).not.toBe(patientCacheKey('9693632109', Pseudonymiser.withSecret('another-secret-value')));
    expect(await cache.get(patientCacheKey('9693632109', pseudonyms))).toContain('GARTON');
    expect(lookups).toEqual(['pds-patient:miss', 'pds-patient:hit']);
  });

  it('shares one upstream call between concurrent reads of a patient', async () => {
    tokenCalls.push(true); // start with the good token
    const pds = client();
    const [a, b] = await Promise.all([pds.read('9693632109'), pds.read('9693632109')]);
    expect(a).toEqual(b);
    expect(stub.seen).toHaveLength(1);
  });

  it('answers restricted without any demographics, and does not cache it', async () => {
    tokenCalls.push(true);
    const result = await client().read('9000000025');
    expect(result).toEqual(ok({ outcome: 'restricted' }));
    expect(JSON.stringify(result)).not.toContain('Smythe');
    expect(await cache.get(patientCacheKey('9000000025', pseudonyms))).toBeNull();
  });

  it('reads a minimal record (identifier only)', async () => {
    tokenCalls.push(true);
    expect(await client().read('9000000033')).toEqual(ok({ outcome: 'found', patient: { nhsNumber: '9000000033', telecom: [] } }));
  });

  it('reports a superseded NHS number as found under the current one', async () => {
    tokenCalls.push(true);
    const result = await client().read('9434765919');
    expect(result).toMatchObject({ ok: true, value: { outcome: 'found', supersededFrom: '9434765919', patient: { nhsNumber: '9693632109', gpOdsCode: 'A20047' } } });
  });

  it('maps 404 RESOURCE_NOT_FOUND to not-found', async () => {
    tokenCalls.push(true);
    expect(await client().read('9000000017')).toEqual(ok({ outcome: 'not-found' }));
  });

  it('maps 400 INVALID_RESOURCE_ID to INVALID_NHS_NUMBER', async () => {
    tokenCalls.push(true);
    expect(await client().read('9434765870')).toMatchObject({ ok: false, error: { code: 'INVALID_NHS_NUMBER', retryable: false } });
  });

  it('refuses a number failing the check digit without calling PDS', async () => {
    expect(await client().read('9000000001')).toMatchObject({ ok: false, error: { code: 'INVALID_NHS_NUMBER' } });
    expect(await client().read('12345')).toMatchObject({ ok: false, error: { code: 'INVALID_NHS_NUMBER' } });
    expect(stub.seen).toHaveLength(0);
  });

  it('gives AUTHENTICATION_FAILED when the refreshed token is refused too', async () => {
    stub.script['9000000009'] = (status) => {
      status(401);
      return '{}';
    };
    expect(await client().read('9000000009')).toMatchObject({ ok: false, error: { code: 'AUTHENTICATION_FAILED' } });
    expect(tokenCalls).toEqual([false, true]);
  });

  it('retries a 429 and succeeds', async () => {
    let calls = 0;
    stub.script['9000000009'] = (status) => {
      calls += 1;
      if (calls === 1) {
        status(429);
        return '{}';
      }
      return fixture('patientResponses/patient_9000000009.json');
    };
    expect(await client().read('9000000009')).toMatchObject({ ok: true, value: { outcome: 'found' } });
    expect(calls).toBe(2);
  });

  it.each([
    [429, 'UPSTREAM_RATE_LIMITED'],
    [503, 'UPSTREAM_UNAVAILABLE'],
  ])('maps a persistent %i to a retryable %s', async (code, expected) => {
    stub.script['9000000009'] = (status) => {
      status(code);
      return '{}';
    };
    expect(await client({ timeoutMs: 1_500 }).read('9000000009')).toMatchObject({ ok: false, error: { code: expected, retryable: true } });
  });

  it('maps a hung PDS to UPSTREAM_TIMEOUT within the deadline', async () => {
    stub.script['9000000009'] = () => undefined;
    const started = Date.now();
    expect(await client({ timeoutMs: 300 }).read('9000000009')).toMatchObject({ ok: false, error: { code: 'UPSTREAM_TIMEOUT', retryable: true } });
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('never logs the NHS number or the token', async () => {
    stub.script['9000000009'] = (status) => {
      status(503);
      return '{}';
    };
    await client({ timeoutMs: 500 }).read('9000000009');
    await client().read('9693632109');
    expect(warnings.length).toBeGreaterThan(0);
    const logged = JSON.stringify(warnings);
    for (const secret of ['9000000009', '9693632109', 'good-token', 'stale-token']) expect(logged).not.toContain(secret);
  });

  it('holds the PDS rate limit across instances sharing one cache', async () => {
    tokenCalls.push(true);
    // A clock shifted so the test starts on a window boundary: arrivals then fall clearly inside windows.
    const offset = Date.now() % 1000;
    const now = () => Date.now() - offset;
    const arrivals: number[] = [];
    for (const id of ['9000000009', '9693632109', '9000000033', '9000000025']) {
      stub.script[id] = () => {
        arrivals.push(now());
        return fixture(`patientResponses/patient_${id}.json`);
      };
    }
    const options = { baseUrl, timeoutMs: 3_000, rateLimitPerSecond: 2, cacheTtlSeconds: 0 };
    const a = new PdsClient(options, { tokens, cache, pseudonyms, rateLimiter: new WindowRateLimiter(cache, { now }) });
    const b = new PdsClient(options, { tokens, cache, pseudonyms, rateLimiter: new WindowRateLimiter(cache, { now }) });
    const results = await Promise.all([a.read('9000000009'), b.read('9693632109'), a.read('9000000033'), b.read('9000000025')]);
    expect(results.every((result) => result.ok)).toBe(true);
    const perSecond = new Map<number, number>();
    for (const at of arrivals) perSecond.set(Math.floor(at / 1000), (perSecond.get(Math.floor(at / 1000)) ?? 0) + 1);
    expect(Math.max(...perSecond.values())).toBeLessThanOrEqual(2);
    expect(perSecond.size).toBeGreaterThanOrEqual(2);
  });

  describe('search', () => {
    beforeEach(() => tokenCalls.push(true));

    it('sends the PDS search parameters and maps a single match', async () => {
      const result = await client().search({ family: 'Smith', given: 'Jane', gender: 'female', birthDate: '2010-10-22', postcode: 'LS1 6AE' });
      expect(result).toMatchObject({ ok: true, value: { outcome: 'found', patient: { nhsNumber: '9000000009', gpOdsCode: 'Y12345' } } });
      expect((stub.seen[0] as Request).query).toEqual({
        family: 'Smith',
        given: 'Jane',
        gender: 'female',
        birthdate: 'eq2010-10-22',
        'address-postalcode': 'LS1 6AE',
        '_max-results': '1',
      });
      expect(await cache.get(patientCacheKey('9000000009', pseudonyms))).not.toBeNull();
    });

    it('maps a deceased match with its date of death', async () => {
      expect(await client().search({ family: 'Tunney', birthDate: '1930-01-01' })).toMatchObject({
        ok: true,
        value: { outcome: 'found', patient: { nhsNumber: '9733163201', deceasedDateTime: '2019-02-07T00:00:00+00:00' } },
      });
    });

    it('maps a restricted match, an empty result, TOO_MANY_MATCHES and INVALID_SEARCH_DATA', async () => {
      const pds = client();
      expect(await pds.search({ family: 'Smythe', birthDate: '2010-10-22' })).toEqual(ok({ outcome: 'restricted' }));
      expect(await pds.search({ family: 'Nobody', birthDate: '2010-10-22' })).toEqual(ok({ outcome: 'not-found' }));
      expect(await pds.search({ family: 'Many', birthDate: '2010-10-22' })).toEqual(ok({ outcome: 'too-many-matches' }));
      expect(await pds.search({ family: 'Bad', birthDate: '2010-10-22' })).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    });

    it('refuses a search without family name or with a malformed birth date', async () => {
      expect(await client().search({ family: ' ', birthDate: '2010-10-22' })).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
      expect(await client().search({ family: 'Smith', birthDate: '22/10/2010' })).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
      expect(stub.seen).toHaveLength(0);
    });
  });
});
