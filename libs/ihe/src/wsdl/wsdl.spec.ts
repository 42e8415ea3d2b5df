import { ParsedElement, attribute, findChild, findChildren, findDescendants, parseXml, resolveQName } from '@gpb/xml';
import { IHE_ACTIONS, IheTransaction } from '../actions';
import { NS } from '../namespaces';
import { buildWsdl } from './wsdl';

const TRANSACTIONS: IheTransaction[] = ['iti55', 'iti47', 'iti38', 'iti39'];
const PAYLOADS: Record<IheTransaction, [string, string, string]> = {
  iti55: [NS.hl7, 'PRPA_IN201305UV02', 'PRPA_IN201306UV02'],
  iti47: [NS.hl7, 'PRPA_IN201305UV02', 'PRPA_IN201306UV02'],
  iti38: [NS.query, 'AdhocQueryRequest', 'AdhocQueryResponse'],
  iti39: [NS.xdsb, 'RetrieveDocumentSetRequest', 'RetrieveDocumentSetResponse'],
};

function named(parent: ParsedElement, local: string, qname: string | undefined): ParsedElement {
  const target = resolveQName(parent, qname ?? '');
  const tns = attribute(parent, 'targetNamespace');
  const found = findChildren(parent, NS.wsdl, local).find((child) => attribute(child, 'name') === target.local && target.ns === tns);
  if (!found) throw new Error(`no wsdl:${local} named ${qname}`);
  return found;
}

describe('buildWsdl', () => {
  it.each(TRANSACTIONS)('%s: every reference resolves, as a WSDL-driven client needs', (transaction) => {
    const url = `https://gateway.example.nhs.uk/ihe/${transaction}`;
    const wsdl = parseXml(buildWsdl(transaction, url));
    expect([wsdl.ns, wsdl.local]).toEqual([NS.wsdl, 'definitions']);

    const service = findChild(wsdl, NS.wsdl, 'service');
    const port = findChild(service, NS.wsdl, 'port');
    expect(attribute(findChild(port, NS.wsdlSoap12, 'address'), 'location')).toBe(url);

    const binding = named(wsdl, 'binding', port && attribute(port, 'binding'));
    expect(attribute(findChild(binding, NS.wsdlSoap12, 'binding'), 'style')).toBe('document');
    const portType = named(wsdl, 'portType', attribute(binding, 'type'));
    const operation = findChild(portType, NS.wsdl, 'operation');
    expect(attribute(findChild(binding, NS.wsdl, 'operation'), 'name')).toBe(attribute(operation, 'name'));

    const input = findChild(operation, NS.wsdl, 'input');
    const output = findChild(operation, NS.wsdl, 'output');
    expect(attribute(input, 'Action', NS.wsaw)).toBe(IHE_ACTIONS[transaction].request);
    expect(attribute(input, 'Action', NS.wsam)).toBe(IHE_ACTIONS[transaction].request);
    expect(attribute(output, 'Action', NS.wsaw)).toBe(IHE_ACTIONS[transaction].response);

    const [ns, requestElement, responseElement] = PAYLOADS[transaction];
    const declared = findDescendants(wsdl, NS.xsd, 'element').map((e) => attribute(e, 'name'));
    for (const [io, local] of [[input, requestElement], [output, responseElement]] as const) {
      const message = named(wsdl, 'message', io && attribute(io, 'message'));
      const part = findChild(message, NS.wsdl, 'part');
      expect(resolveQName(part ?? message, attribute(part, 'element') ?? '')).toEqual({ ns, local });
      expect(declared).toContain(local);
    }
    expect(attribute(findDescendants(wsdl, NS.xsd, 'schema')[0], 'targetNamespace')).toBe(ns);
  });

  it('escapes the endpoint URL', () => {
    expect(buildWsdl('iti38', 'https://h/ihe/iti38?a=1&b="2"')).toContain('location="https://h/ihe/iti38?a=1&amp;b=&quot;2&quot;"');
  });
});
