import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import request from 'supertest';
import { readPatientMatch, readQueryResult, readRetrieveResult, readSoapResponse } from '@gpb/ihe-client';
import { BODY_SCHEMAS, validateSoapMessage } from '@gpb/testing';
import { RunningEmbeddedSuite, startEmbeddedSuite } from '../embedded-suite';

const SAMPLES = resolve(__dirname, '../../../conformance/samples/ihe');
const sample = (path: string) => readFileSync(resolve(SAMPLES, path), 'utf8').replace(/^<\?xml[^>]*>\s*/, '');

/** The HL7v3 samples are bare payloads: sent as an initiating gateway would, in a SOAP 1.2 envelope. */
function envelope(action: string, payload: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?><env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope" xmlns:wsa="http://www.w3.org/2005/08/addressing">' +
    `<env:Header><wsa:Action env:mustUnderstand="true">${action}</wsa:Action><wsa:MessageID>urn:uuid:0f4a6c3e-2b7d-4d0e-9a51-8d2a7f1c3b99</wsa:MessageID>` +
    '<wsa:ReplyTo><wsa:Address>http://www.w3.org/2005/08/addressing/anonymous</wsa:Address></wsa:ReplyTo></env:Header>' +
    `<env:Body>${payload}</env:Body></env:Envelope>`
  );
}

describe('the IHE sample requests of conformance/samples are accepted and answered correctly', () => {
  let suite: RunningEmbeddedSuite;
  beforeAll(async () => {
    suite = await startEmbeddedSuite({ env: { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'error' } });
  }, 60_000);
  afterAll(() => suite.close());

  const post = (transaction: string, body: string) =>
    request(suite.url).post(`/ihe/${transaction}`).set('Content-Type', 'application/soap+xml; charset=UTF-8').send(body);

  it('ITI-55 sample (demographics, foreign ids): AA/NF, the query echoed, schema-valid', async () => {
    const response = await post('iti55', envelope('urn:hl7-org:v3:PRPA_IN201305UV02:CrossGatewayPatientDiscovery', sample('iti55/iti55-sample-request.xml')));
    expect(response.status).toBe(200);
    const soap = readSoapResponse(response.text);
    expect(soap.relatesTo).toBe('urn:uuid:0f4a6c3e-2b7d-4d0e-9a51-8d2a7f1c3b99');
    expect(soap.body && readPatientMatch(soap.body)).toMatchObject({ acknowledgement: 'AA', queryResponseCode: 'NF' });
    expect(response.text).toContain('queryByParameter');
    expect(await validateSoapMessage(response.text, BODY_SCHEMAS.iti55)).toEqual({ valid: true, errors: [] });
  });

  it('ITI-55 deferred-mode sample: a clear, schema-valid refusal', async () => {
    const response = await post('iti55', envelope('urn:hl7-org:v3:PRPA_IN201305UV02:CrossGatewayPatientDiscovery', sample('iti55/iti55-sample-request-deferred.xml')));
    expect(response.status).toBe(200);
    const soap = readSoapResponse(response.text);
    const match = soap.body && readPatientMatch(soap.body);
    expect(match).toMatchObject({ acknowledgement: 'AE', queryResponseCode: 'AE' });
    expect(match && match.detail).toMatch(/[Dd]eferred/);
    expect(await validateSoapMessage(response.text, BODY_SCHEMAS.iti55)).toEqual({ valid: true, errors: [] });
  });

  it('ITI-47 PDQv3 sample: AA/NF, schema-valid', async () => {
    const response = await post('iti47', envelope('urn:hl7-org:v3:PRPA_IN201305UV02', sample('iti47/01_PDQQuery1.xml')));
    expect(response.status).toBe(200);
    const soap = readSoapResponse(response.text);
    expect(soap.body && readPatientMatch(soap.body)).toMatchObject({ acknowledgement: 'AA', queryResponseCode: 'NF' });
    expect(await validateSoapMessage(response.text, BODY_SCHEMAS.iti47)).toEqual({ valid: true, errors: [] });
  });

  it('ITI-38 sample (a patient id of another affinity domain): XDSUnknownPatientId, schema-valid', async () => {
    const response = await post('iti38', sample('iti38/IT_iti-38_request.xml'));
    expect(response.status).toBe(200);
    const soap = readSoapResponse(response.text);
    const result = soap.body && readQueryResult(soap.body);
    expect(result && result.status).toMatch(/Failure$/);
    expect(result && result.errors.map((error) => error.code)).toEqual(['XDSUnknownPatientId']);
    expect(await validateSoapMessage(response.text, BODY_SCHEMAS.iti38)).toEqual({ valid: true, errors: [] });
  });

  it('ITI-39 sample (documents of another community): XDSUnknownCommunity per item, schema-valid', async () => {
    const response = await post('iti39', sample('iti39/IT_iti-39_request.xml'));
    expect(response.status).toBe(200);
    const soap = readSoapResponse(response.text);
    const result = soap.body && readRetrieveResult(soap.body);
    expect(result && result.status).toMatch(/Failure$/);
    expect(result && result.errors.length).toBeGreaterThan(0);
    for (const error of (result && result.errors) ?? []) {
      expect(error.code).toBe('XDSUnknownCommunity');
      expect(error.location).toBe('urn:oid:2.16.840.1.113883.3.9999.1');
    }
    expect(await validateSoapMessage(response.text, BODY_SCHEMAS.iti39)).toEqual({ valid: true, errors: [] });
  });
});
