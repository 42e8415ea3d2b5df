import request from 'supertest';
import { readSoapResponse } from '@gpb/ihe-client';
import { validateSoapMessage } from '@gpb/testing';
import { RunningEmbeddedSuite, startEmbeddedSuite } from '../embedded-suite';

const TRANSACTIONS = ['iti55', 'iti47', 'iti38', 'iti39'] as const;
const SOAP12 = 'application/soap+xml; charset=UTF-8';
const MAX_BODY_BYTES = 64 * 1024;
// SOAP 1.2 HTTP binding (Part 2, 7.5.2.2): Sender faults are 400, every other fault 500.

const envelope = (action: string, body = '<x:Ping xmlns:x="urn:example"/>', extraHeader = '') =>
  `<?xml version="1.0"?><env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope" xmlns:wsa="http://www.w3.org/2005/08/addressing">` +
  `<env:Header><wsa:Action>${action}</wsa:Action><wsa:MessageID>urn:uuid:7c1f3a52-8a8e-4a0e-9d35-7b0f1e1d2a11</wsa:MessageID>${extraHeader}</env:Header>` +
  `<env:Body>${body}</env:Body></env:Envelope>`;

const XXE =
  '<?xml version="1.0"?><!DOCTYPE env:Envelope [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>' +
  '<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope"><env:Body><x xmlns="urn:x">&xxe;</x></env:Body></env:Envelope>';

const BILLION_LAUGHS =
  '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">' +
  '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><lolz>&lol3;</lolz>';

const SOAP11 =
  '<?xml version="1.0"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><x xmlns="urn:x"/></soap:Body></soap:Envelope>';

interface Case {
  readonly name: string;
  readonly contentType: string;
  readonly body: (transaction: string) => string | Buffer;
  readonly status: number;
  /** Expected fault code (env:Value) */
  readonly code: string;
}

const CASES: readonly Case[] = [
  { name: 'a body that is not XML', contentType: SOAP12, body: () => 'this is { not xml', status: 400, code: 'Sender' },
  { name: 'a wrong content type', contentType: 'application/json', body: () => '{"resourceType":"Patient"}', status: 415, code: 'Sender' },
  { name: 'an unknown action', contentType: SOAP12, body: () => envelope('urn:example:NoSuchAction'), status: 400, code: 'Sender' },
  { name: "another transaction's action", contentType: SOAP12, body: (t) => envelope(t === 'iti38' ? 'urn:ihe:iti:2007:CrossGatewayRetrieve' : 'urn:ihe:iti:2007:CrossGatewayQuery'), status: 400, code: 'Sender' },
  { name: 'a DTD with an external entity', contentType: SOAP12, body: () => XXE, status: 400, code: 'Sender' },
  { name: 'an entity expansion bomb', contentType: SOAP12, body: () => BILLION_LAUGHS, status: 400, code: 'Sender' },
  { name: 'a SOAP 1.1 envelope', contentType: SOAP12, body: () => SOAP11, status: 500, code: 'VersionMismatch' },
  {
    name: 'a mustUnderstand header we do not understand',
    contentType: SOAP12,
    body: () => envelope('urn:ihe:iti:2007:CrossGatewayQuery', undefined, '<z:Unknown xmlns:z="urn:z" env:mustUnderstand="true"/>'),
    status: 500,
    code: 'MustUnderstand',
  },
  {
    name: 'a non-anonymous wsa:ReplyTo (an asynchronous reply we would have to send elsewhere)',
    contentType: SOAP12,
    body: (t) =>
      envelope(
        { iti55: 'urn:hl7-org:v3:PRPA_IN201305UV02:CrossGatewayPatientDiscovery', iti47: 'urn:hl7-org:v3:PRPA_IN201305UV02', iti38: 'urn:ihe:iti:2007:CrossGatewayQuery', iti39: 'urn:ihe:iti:2007:CrossGatewayRetrieve' }[t] ?? '',
        undefined,
        '<wsa:ReplyTo><wsa:Address>https://attacker.example/collect</wsa:Address></wsa:ReplyTo>',
      ),
    status: 400,
    code: 'Sender',
  },
  { name: 'a body over the size limit', contentType: SOAP12, body: () => Buffer.alloc(MAX_BODY_BYTES + 1024, 'a'), status: 413, code: 'Sender' },
  { name: 'a broken MTOM package', contentType: 'multipart/related; type="application/xop+xml"; boundary=nope', body: () => '--other\r\n\r\n<x/>\r\n--other--', status: 400, code: 'Sender' },
];

describe('bad input on every IHE endpoint gets a SOAP fault, never a crash', () => {
  let suite: RunningEmbeddedSuite;

  beforeAll(async () => {
    suite = await startEmbeddedSuite({ env: { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'error', MAX_BODY_BYTES: String(MAX_BODY_BYTES) } });
  }, 60_000);
  afterAll(() => suite.close());

  describe.each(TRANSACTIONS)('/ihe/%s', (transaction) => {
    it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, badCase) => {
      const response = await request(suite.url).post(`/ihe/${transaction}`).set('Content-Type', badCase.contentType).send(badCase.body(transaction));
      expect(response.status).toBe(badCase.status);
      expect(response.headers['content-type']).toMatch(/^application\/soap\+xml/);
      const xml = response.text;
      const soap = readSoapResponse(xml);
      expect(soap.fault?.code.split(':').pop()).toBe(badCase.code);
      expect(soap.fault?.reason).toBeTruthy();
      expect(xml).not.toContain('root:');
      expect(await validateSoapMessage(xml)).toEqual({ valid: true, errors: [] });
    });
  });

  it('names the WS-Addressing problem when an asynchronous reply is asked for', async () => {
    const body = envelope('urn:ihe:iti:2007:CrossGatewayQuery', undefined, '<wsa:ReplyTo><wsa:Address>https://elsewhere.example/replies</wsa:Address></wsa:ReplyTo>');
    const response = await request(suite.url).post('/ihe/iti38').set('Content-Type', SOAP12).send(body);
    expect(readSoapResponse(response.text).fault?.subcode).toBe('wsa:OnlyAnonymousAddressSupported');
  });

  it('answers an unknown endpoint with a SOAP fault', async () => {
    const response = await request(suite.url).post('/ihe/iti99').set('Content-Type', SOAP12).send(envelope('urn:x'));
    expect(response.status).toBe(404);
    expect(readSoapResponse(response.text).fault?.code.split(':').pop()).toBe('Sender');
  });

  it('still serves after all of it', async () => {
    expect((await request(suite.url).get('/health/ready')).status).toBe(200);
  });
});
