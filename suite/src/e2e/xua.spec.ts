import { IheClient, RequestActions, findDocumentsQuery, soapEnvelope } from '@gpb/ihe-client';
import { el, serializeXml } from '@gpb/xml';
import { assertionXml, signAssertion, testIdp, testIdpCertificatePath, validateSoapMessage } from '@gpb/testing';
import { RunningEmbeddedSuite, startEmbeddedSuite } from '../embedded-suite';

const WSSE = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd';

describe('XUA: with a trust store configured, ITI-38 needs a valid signed assertion', () => {
  let suite: RunningEmbeddedSuite;
  let client: IheClient;

  beforeAll(async () => {
    suite = await startEmbeddedSuite({
      env: {
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'error',
        XUA_TRUST_CERTS_FILE: testIdpCertificatePath('trusted-idp'),
      },
    });
    client = new IheClient(suite.url);
  }, 60_000);
  afterAll(() => suite.close());

  /** An ITI-38 envelope whose wsse:Security holds `assertion` byte for byte, as signed. */
  function query(assertion: string): string {
    const xml = serializeXml(
      soapEnvelope(
        { action: RequestActions.iti38, to: `${suite.url}/ihe/iti38`, headers: [el('wsse:Security', { 'xmlns:wsse': WSSE }, el('gpb:Assertion', { 'xmlns:gpb': 'urn:placeholder' }))] },
        findDocumentsQuery({ id: '9690937286' }),
      ),
      { declaration: true },
    );
    return xml.replace('<gpb:Assertion xmlns:gpb="urn:placeholder"/>', assertion);
  }

  it('serves a query that carries an assertion signed by the trusted identity provider', async () => {
    const exchange = await client.post('iti38', query(signAssertion(assertionXml(), testIdp('trusted-idp'))));
    expect(exchange.status).toBe(200);
    expect(exchange.envelope).toMatch(/ResponseStatusType:Success/);
  }, 60_000);

  it.each([
    ['no assertion', () => query(''), 'InvalidSecurity'],
    ['an untrusted signer', () => query(signAssertion(assertionXml(), testIdp('other-idp'))), 'InvalidSecurity'],
    ['an expired assertion', () => query(signAssertion(assertionXml({ notBefore: new Date(Date.now() - 3_600_000), notOnOrAfter: new Date(Date.now() - 1_800_000) }), testIdp('trusted-idp'))), 'MessageExpired'],
  ])('answers %s with a WS-Security SOAP fault', async (_name, build, subcode) => {
    const exchange = await client.post('iti38', build());
    expect(exchange.status).toBe(400);
    expect(exchange.soap.fault).toMatchObject({ code: 'env:Sender', subcode: `wsse:${subcode}` });
    expect(await validateSoapMessage(exchange.envelope)).toEqual({ valid: true, errors: [] });
  });

  it('still answers patient discovery without an assertion (not required there by default)', async () => {
    const { match } = await client.discoverPatient({ nhsNumber: '9690937286' });
    expect(match?.queryResponseCode).toBe('OK');
  });
});
