import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import jwt from 'jsonwebtoken';
import request from 'supertest';
import { RunningSandbox, startNhsSandbox } from './start-sandbox';

const API_KEY = 'test-api-key';
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const { privateKey: strangerKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });

function assertion(tokenUrl: string, key = privateKey, kid = 'test-key', claims: Record<string, unknown> = {}): string {
  return jwt.sign({ iss: API_KEY, sub: API_KEY, aud: tokenUrl, jti: randomUUID(), ...claims }, key, { algorithm: 'RS512', keyid: kid, expiresIn: 240 });
}

describe('nhs-sandbox', () => {
  let sandbox: RunningSandbox;
  const dataDir = mkdtempSync(join(tmpdir(), 'sandbox-data-'));

  beforeAll(async () => {
    // A record with no PDS file: its PDS Patient is derived from the record's own Patient.
    copyFileSync(resolve(__dirname, '../../../fixtures/gpconnect/pathologyexample.json'), join(dataDir, '9876543210.json'));
    writeFileSync(join(dataDir, '9690937472.dissent'), '');
    // Two people PDS cannot tell apart by these demographics: a search must answer TOO_MANY_MATCHES.
    for (const nhsNumber of ['9434765811', '9434765838']) {
      writeFileSync(
        join(dataDir, `${nhsNumber}.pds.json`),
        JSON.stringify({ resourceType: 'Patient', id: nhsNumber, name: [{ use: 'usual', family: 'Twin', given: ['Sam'] }], gender: 'male', birthDate: '1990-01-01' }),
      );
    }
    sandbox = await startNhsSandbox({ port: 0, dataDir, publicKeys: { key: async (kid) => (kid === 'test-key' ? publicKey : undefined) } });
  });
  afterAll(async () => {
    await sandbox.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function accessToken(): Promise<string> {
    const tokenUrl = `${sandbox.url}/oauth2/token`;
    const response = await request(sandbox.url)
      .post('/oauth2/token')
      .type('form')
      .send({ grant_type: 'client_credentials', client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: assertion(tokenUrl) });
    expect(response.status).toBe(200);
    return response.body.access_token as string;
  }

  describe('token endpoint', () => {
    const post = (clientAssertion: string) =>
      request(sandbox.url)
        .post('/oauth2/token')
        .type('form')
        .send({ grant_type: 'client_credentials', client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: clientAssertion });

    it('issues a token for an assertion signed with a published key', async () => {
      const response = await post(assertion(`${sandbox.url}/oauth2/token`));
      expect(response.body).toMatchObject({ token_type: 'Bearer', expires_in: '599' });
    });

    it('refuses a key that is not in the JWKS, a wrong audience, a replayed jti and a long-lived assertion', async () => {
      const tokenUrl = `${sandbox.url}/oauth2/token`;
      expect((await post(assertion(tokenUrl, strangerKey, 'stranger'))).status).toBe(401);
      expect((await post(assertion(tokenUrl, strangerKey, 'test-key'))).status).toBe(401);
      expect((await post(assertion('https://elsewhere.example/oauth2/token'))).status).toBe(401);
      const once = assertion(tokenUrl);
      expect((await post(once)).status).toBe(200);
      expect((await post(once)).status).toBe(400);
      const tooLong = jwt.sign({ iss: API_KEY, sub: API_KEY, aud: tokenUrl, jti: randomUUID(), exp: Math.floor(Date.now() / 1000) + 3600 }, privateKey, { algorithm: 'RS512', keyid: 'test-key' });
      expect((await post(tooLong)).status).toBe(400);
    });
  });

  describe('PDS', () => {
    const pds = (path: string, token?: string) => {
      const call = request(sandbox.url).get(`/personal-demographics/FHIR/R4${path}`).set('X-Request-ID', randomUUID());
      return token ? call.set('Authorization', `Bearer ${token}`) : call;
    };

    it('needs a token it issued', async () => {
      expect((await pds('/Patient/9690937286')).status).toBe(401);
      expect((await pds('/Patient/9690937286', 'made-up')).status).toBe(401);
    });

    it('answers found, not found, invalid and restricted like PDS', async () => {
      const token = await accessToken();
      expect((await pds('/Patient/9690937286', token)).body).toMatchObject({ resourceType: 'Patient', id: '9690937286' });
      expect((await pds('/Patient/9434765919', token)).status).toBe(404);
      expect((await pds('/Patient/9690937287', token)).status).toBe(400);
      const restricted = await pds('/Patient/9000000025', token);
      expect(restricted.body.meta.security[0].code).toBe('R');
      expect(restricted.body.address).toBeUndefined();
    });

    it('derives a PDS Patient from a record that came without one', async () => {
      const token = await accessToken();
      const derived = await pds('/Patient/9876543210', token);
      expect(derived.body).toMatchObject({ id: '9876543210', name: [expect.objectContaining({ family: expect.any(String) })], generalPractitioner: [expect.anything()] });
    });

    it('searches by demographics with at most one match', async () => {
      const token = await accessToken();
      const found = await pds('/Patient?family=skelly&birthdate=eq1925-04-21&gender=male&_max-results=1', token);
      expect(found.body.total).toBe(1);
      expect((await pds('/Patient?family=nobody&birthdate=eq1925-04-21', token)).body.total).toBe(0);
      expect((await pds('/Patient?family=skelly', token)).status).toBe(400);
      const twins = await pds('/Patient?family=Twin&birthdate=eq1990-01-01&_max-results=1', token);
      expect(twins.body.issue?.[0]?.details?.coding?.[0]?.code).toBe('TOO_MANY_MATCHES');
    });
  });

  describe('SDS and GP Connect', () => {
    it('lists the practice of every record and refuses a record for a dissenting patient', async () => {
      const sds = await request(sandbox.url)
        .get('/spine-directory/FHIR/R4/Endpoint')
        .set('apikey', API_KEY)
        .query({ organization: 'https://fhir.nhs.uk/Id/ods-organization-code|B82617', identifier: 'https://fhir.nhs.uk/Id/nhsServiceInteractionId|urn:nhs:names:services:gpconnect:fhir:operation:gpc.getstructuredrecord-1' });
      expect(sds.body.total).toBe(1);
      const address = sds.body.entry[0].resource.address as string;
      expect(address).toContain('/gpconnect/B82617/');
      expect(sandbox.store.patient('9690937472')?.dissent).toBe(true);
    });

    it('injects 429s with Retry-After, then recovers', async () => {
      sandbox.faults.inject('sds', { status: 429, retryAfterSeconds: 1, times: 1 });
      const query = { organization: 'https://fhir.nhs.uk/Id/ods-organization-code|B82617', identifier: 'https://fhir.nhs.uk/Id/nhsServiceInteractionId|urn:nhs:names:services:gpconnect:fhir:operation:gpc.getstructuredrecord-1' };
      const busy = await request(sandbox.url).get('/spine-directory/FHIR/R4/Device').set('apikey', API_KEY).query(query);
      expect(busy.status).toBe(429);
      expect(busy.headers['retry-after']).toBe('1');
      expect((await request(sandbox.url).get('/spine-directory/FHIR/R4/Device').set('apikey', API_KEY).query(query)).status).toBe(200);
    });

    it('answers malformed bodies with an OperationOutcome', async () => {
      const response = await request(sandbox.url)
        .post('/gpconnect/B82617/STU3/1/gpconnect/structured/fhir/Patient/$gpc.getstructuredrecord')
        .set('Content-Type', 'application/fhir+json')
        .send('{not json');
      expect(response.status).toBe(400);
      expect(response.body.resourceType).toBe('OperationOutcome');
    });
  });
});
