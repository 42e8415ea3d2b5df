import { randomUUID } from 'node:crypto';
import { createClientAsync } from 'soap';
import { findDocumentsQuery, patientDiscoveryQuery, retrieveDocumentsRequest } from '@gpb/ihe-client';
import { XmlElement, serializeXml } from '@gpb/xml';
import { RunningEmbeddedSuite, startEmbeddedSuite } from '../embedded-suite';

const ACTIONS = {
  iti55: 'urn:hl7-org:v3:PRPA_IN201305UV02:CrossGatewayPatientDiscovery',
  iti47: 'urn:hl7-org:v3:PRPA_IN201305UV02',
  iti38: 'urn:ihe:iti:2007:CrossGatewayQuery',
  iti39: 'urn:ihe:iti:2007:CrossGatewayRetrieve',
} as const;

type Transaction = keyof typeof ACTIONS;

/**
 * node-soap writes the message part's element itself (from the WSDL); what goes inside is ours. Each
 * child carries the namespace declarations the dropped root had.
 */
function partContent(root: XmlElement): string {
  const declarations = Object.fromEntries(Object.entries(root.attrs).filter(([name]) => name.startsWith('xmlns')));
  return root.children.map((child) => (typeof child === 'string' ? child : serializeXml({ ...child, attrs: { ...declarations, ...child.attrs } }))).join('');
}

/**
 * node-soap plays a WSDL-driven client: it loads each endpoint's WSDL, finds the one operation and
 * calls it over SOAP 1.2 with WS-Addressing headers, the way a generated client stub would.
 */
describe('WSDLs: a WSDL-driven SOAP client (node-soap) loads each and calls it', () => {
  let suite: RunningEmbeddedSuite;
  beforeAll(async () => {
    suite = await startEmbeddedSuite({ env: { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'error' } });
  }, 60_000);
  afterAll(() => suite.close());

  async function call(transaction: Transaction, payloadXml: string): Promise<{ operation: string; result: unknown; raw: string }> {
    const client = await createClientAsync(`${suite.url}/ihe/${transaction}?wsdl`, { forceSoap12Headers: true });
    const description = client.describe() as Record<string, Record<string, Record<string, unknown>>>;
    const [service] = Object.values(description);
    const [port] = Object.values(service ?? {});
    const [operation] = Object.keys(port ?? {});
    if (!operation) throw new Error(`no operation in the ${transaction} WSDL`);
    client.addSoapHeader(`<wsa:Action xmlns:wsa="http://www.w3.org/2005/08/addressing">${ACTIONS[transaction]}</wsa:Action>`);
    client.addSoapHeader(`<wsa:MessageID xmlns:wsa="http://www.w3.org/2005/08/addressing">urn:uuid:${randomUUID()}</wsa:MessageID>`);
    const method = (client as unknown as Record<string, (args: unknown, callback: (error: unknown, result: unknown, raw: string) => void) => void>)[operation];
    if (!method) throw new Error(`client has no method ${operation}`);
    return new Promise((resolve, reject) => {
      method.call(client, { $xml: payloadXml }, (error, result, raw) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve({ operation, result, raw })));
    });
  }

  it.each(['iti55', 'iti47'] as const)('%s: PRPA_IN201305UV02 → PRPA_IN201306UV02', async (transaction) => {
    const { operation, raw } = await call(transaction, partContent(patientDiscoveryQuery({ nhsNumber: '9690937286' })));
    expect(operation).toMatch(/PRPA_IN201305UV02|PatientDiscovery/);
    expect(raw).toContain('PRPA_IN201306UV02');
    expect(raw).toContain('<hl7:queryResponseCode code="OK"/>');
  }, 30_000);

  it('iti38: AdhocQueryRequest → AdhocQueryResponse', async () => {
    const { operation, raw } = await call('iti38', partContent(findDocumentsQuery({ id: '9690937286' })));
    expect(operation).toBe('RespondingGateway_CrossGatewayQuery');
    expect(raw).toMatch(/AdhocQueryResponse[^>]*ResponseStatusType:Success/);
  }, 30_000);

  it('iti39: RetrieveDocumentSetRequest → the document as an MTOM attachment', async () => {
    const query = await call('iti38', partContent(findDocumentsQuery({ id: '9690937286' })));
    const uniqueId = /identificationScheme="urn:uuid:2e82c1f6-a085-4c72-9da3-8640a32e42ab"[^>]*value="([^"]+)"/.exec(query.raw)?.[1] ?? /value="([^"]+)"[^>]*identificationScheme="urn:uuid:2e82c1f6/.exec(query.raw)?.[1];
    expect(uniqueId).toBeTruthy();
    const { operation, raw } = await call(
      'iti39',
      partContent(retrieveDocumentsRequest([{ homeCommunityId: 'urn:oid:2.16.840.1.113883.3.9999.1', repositoryUniqueId: '2.16.840.1.113883.3.9999.1.1', documentUniqueId: uniqueId ?? '' }])),
    );
    expect(operation).toBe('RespondingGateway_CrossGatewayRetrieve');
    expect(raw).toContain('RetrieveDocumentSetResponse');
    expect(raw).toContain('ResponseStatusType:Success');
    // node-soap reads the root part of the multipart/related answer; the CCD is the part the xop:Include names.
    expect(raw).toMatch(/<xop:Include href="cid:[^"]+"\/>/);
  }, 30_000);
});
