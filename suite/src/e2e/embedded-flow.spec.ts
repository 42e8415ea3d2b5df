import request from 'supertest';
import { resolve } from 'node:path';
import { IheClient } from '@gpb/ihe-client';
import { convert } from '@gpb/service-ccda';
import { BODY_SCHEMAS, validateSoapMessage } from '@gpb/testing';
import { RunningEmbeddedSuite, startEmbeddedSuite } from '../embedded-suite';
import { runIheFlow } from '../testing/ihe-flow';

describe('embedded suite: an external client discovers, finds and retrieves the GP summary', () => {
  let suite: RunningEmbeddedSuite;

  beforeAll(async () => {
    suite = await startEmbeddedSuite({ env: { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'error' } });
  }, 60_000);
  afterAll(() => suite.close());

  it('answers ITI-55, ITI-38 and ITI-39 for NHS test patient 9690937286, every message schema-valid', async () => {
    const flow = await runIheFlow(suite.url, '9690937286');
    expect(flow.document.toString('utf8')).toContain('9690937286');
  }, 60_000);

  it('serves the same document ccda:convert prints for the record', async () => {
    const served = (await runIheFlow(suite.url, '9690937286')).document.toString('utf8');
    const printed = convert(resolve(__dirname, '../../../services/nhs-sandbox/data/records/9690937286.json'));
    if (!printed.ok) throw new Error(printed.problem);
    // Only the document id and the times of writing may differ.
    const normalise = (xml: string) =>
      xml
        .replace(/2\.25\.\d+/g, 'DOCUMENT-ID')
        .replace(/<(effectiveTime|time|high) value="\d{14}\+0000"\/>/g, '<$1 value="NOW"/>');
    expect(normalise(served)).toBe(normalise(printed.xml));
  }, 60_000);

  it.each(['9690937278', '9690937472'])('serves the GP summary of test patient %s', async (nhsNumber) => {
    await runIheFlow(suite.url, nhsNumber);
  }, 60_000);

  it('answers ITI-47 (PDQv3) with a schema-valid match', async () => {
    const { exchange, match } = await new IheClient(suite.url).discoverPatient({ nhsNumber: '9690937286' }, 'iti47');
    expect(match).toMatchObject({ acknowledgement: 'AA', queryResponseCode: 'OK' });
    expect(await validateSoapMessage(exchange.envelope, BODY_SCHEMAS.iti47)).toEqual({ valid: true, errors: [] });
  });

  it('answers AA/NF for a valid NHS number PDS does not know', async () => {
    const { exchange, match } = await new IheClient(suite.url).discoverPatient({ nhsNumber: '9876543210' });
    expect(match).toMatchObject({ acknowledgement: 'AA', queryResponseCode: 'NF' });
    expect(await validateSoapMessage(exchange.envelope, BODY_SCHEMAS.iti55)).toEqual({ valid: true, errors: [] });
  });

  it('answers a query for an unknown patient with XDSUnknownPatientId, schema-valid', async () => {
    const { exchange, result } = await new IheClient(suite.url).findDocuments('9876543210');
    expect(result?.status).toMatch(/Failure$/);
    expect(result?.errors.map((error) => error.code)).toEqual(['XDSUnknownPatientId']);
    expect(await validateSoapMessage(exchange.envelope, BODY_SCHEMAS.iti38)).toEqual({ valid: true, errors: [] });
  });

  it('serves a WSDL per transaction, probes, Prometheus metrics and the JWKS', async () => {
    const http = request(suite.url);
    for (const transaction of ['iti55', 'iti47', 'iti38', 'iti39']) {
      const wsdl = await http.get(`/ihe/${transaction}?wsdl`);
      expect(wsdl.status).toBe(200);
      expect(wsdl.text).toContain('definitions');
      expect(wsdl.text).toContain(`/ihe/${transaction}`);
    }
    expect((await http.get('/health/live')).status).toBe(200);
    const ready = await http.get('/health/ready');
    expect(ready.status).toBe(200);
    const metrics = await http.get('/metrics');
    expect(metrics.text).toContain('gpb_soap_requests_total');
    expect(metrics.text).toContain('gpb_upstream_calls_total');
    const jwks = await http.get('/.well-known/jwks.json');
    expect(jwks.body.keys).toEqual([expect.objectContaining({ kty: 'RSA', alg: 'RS512', use: 'sig' })]);
  });
});
