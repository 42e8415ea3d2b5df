import { SCHEMAS, validateXsd } from '@gpb/testing';
import { attribute, el, findDescendants, findPath, parseXml, resolveQName, serializeXml, textContent } from '@gpb/xml';
import { IHE_ACTIONS, SOAP_FAULT_ACTION, transactionForAction } from '../actions';
import { NS } from '../namespaces';
import { iheSample } from '../testing/samples';
import { actionNotSupportedFault } from '../wsa/addressing';
import { buildSoapFault, buildSoapResponse, faultHttpStatus } from './build';
import { mustUnderstandFault, readSoapRequest } from './read-request';

const envelope = (header: string, body: string, ns: string = NS.soap12) =>
  `<e:Envelope xmlns:e="${ns}" xmlns:w="${NS.wsa}"><e:Header>${header}</e:Header><e:Body>${body}</e:Body></e:Envelope>`;

function failure(input: string | Buffer) {
  const result = readSoapRequest(input);
  if (result.ok) throw new Error('expected a fault');
  return result.fault;
}

describe('readSoapRequest', () => {
  it('reads the ITI-38 sample: addressing headers, security and the payload', () => {
    const result = readSoapRequest(Buffer.from(iheSample('iti38/IT_iti-38_request.xml')));
    if (!result.ok) throw new Error(result.fault.reason);
    expect(result.header).toMatchObject({
      action: 'urn:ihe:iti:2007:CrossGatewayQuery',
      messageId: 'urn:uuid:c6fda90e-a5ec-4f8d-aa1b-14802f4bf68d',
      replyTo: 'http://www.w3.org/2005/08/addressing/anonymous',
      to: 'https://ttr1xds-reg01.test.drift.nhn.no/xca/xca-iti18',
      notUnderstood: [],
    });
    expect(result.header.security?.local).toBe('Security');
    expect(result.body).toMatchObject({ ns: NS.query, local: 'AdhocQueryRequest' });
    expect(transactionForAction(result.header.action)).toBe('iti38');
  });

  it('reads the ITI-39 sample', () => {
    const result = readSoapRequest(iheSample('iti39/IT_iti-39_request.xml'));
    if (!result.ok) throw new Error(result.fault.reason);
    expect(result.body).toMatchObject({ ns: NS.xdsb, local: 'RetrieveDocumentSetRequest' });
    expect(transactionForAction(result.header.action)).toBe('iti39');
  });

  it('ignores a UTF-8 byte order mark', () => {
    const text = envelope('<w:Action>a</w:Action>', '<x xmlns="urn:x"/>');
    const result = readSoapRequest(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]));
    expect(result.ok).toBe(true);
  });

  it('answers SOAP 1.1 with VersionMismatch and other namespaces too', () => {
    expect(failure(envelope('', '<x/>', NS.soap11)).code).toBe('VersionMismatch');
    expect(failure(envelope('', '<x/>', 'urn:not-soap')).code).toBe('VersionMismatch');
  });

  it('answers unreadable input with Sender faults, without throwing', () => {
    expect(failure('not xml')).toMatchObject({ code: 'Sender', subcode: 'NotWellFormed' });
    expect(failure('')).toMatchObject({ code: 'Sender' });
    expect(failure('<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>')).toMatchObject({ code: 'Sender', subcode: 'DtdForbidden' });
    expect(readSoapRequest(envelope('', '<x/>'), { maxBytes: 10 })).toMatchObject({ ok: false, fault: { code: 'Sender', subcode: 'MessageTooLarge' } });
    expect(failure('<a:Q xmlns:a="urn:x"/>')).toMatchObject({ code: 'Sender', subcode: 'NotSoapEnvelope' });
    expect(failure(envelope('', '  '))).toMatchObject({ code: 'Sender', subcode: 'EmptyBody' });
    expect(failure(`<e:Envelope xmlns:e="${NS.soap12}"><e:Header/></e:Envelope>`)).toMatchObject({ code: 'Sender', subcode: 'MissingBody' });
  });

  it('lists mustUnderstand headers it cannot process, honouring roles', () => {
    const header =
      `<w:Action e:mustUnderstand="1">a</w:Action>` +
      `<s:Security xmlns:s="${NS.wsse}" e:mustUnderstand="true"/>` +
      `<p:Custom xmlns:p="urn:p" e:mustUnderstand="true"/>` +
      `<p:Other xmlns:p="urn:p" e:mustUnderstand="1" e:role="http://www.w3.org/2003/05/soap-envelope/role/none"/>` +
      `<p:Relay xmlns:p="urn:p" e:mustUnderstand="1" e:role="urn:some-other-node"/>` +
      `<p:Optional xmlns:p="urn:p" e:mustUnderstand="0"/>`;
    const result = readSoapRequest(envelope(header, '<x/>'));
    if (!result.ok) throw new Error(result.fault.reason);
    expect(result.header.notUnderstood).toEqual([{ ns: 'urn:p', local: 'Custom' }]);
    expect(mustUnderstandFault(result.header.notUnderstood, 'urn:uuid:1')).toMatchObject({ code: 'MustUnderstand', relatesTo: 'urn:uuid:1' });
    expect(mustUnderstandFault([])).toBeUndefined();
  });
});

describe('building SOAP messages', () => {
  it('builds a response whose envelope validates and carries the WS-Addressing reply headers', async () => {
    const built = buildSoapResponse(
      { action: IHE_ACTIONS.iti38.response, relatesTo: 'urn:uuid:req', messageId: 'urn:uuid:resp' },
      el('query:AdhocQueryResponse', { 'xmlns:query': NS.query, status: 'x' }),
    );
    const xml = serializeXml(built, { declaration: true });
    const result = await validateXsd(SCHEMAS.soap, xml);
    expect(result.errors).toEqual([]);
    const reread = readSoapRequest(xml);
    if (!reread.ok) throw new Error(reread.fault.reason);
    expect(reread.header.action).toBe('urn:ihe:iti:2007:CrossGatewayQueryResponse');
    expect(reread.header.messageId).toBe('urn:uuid:resp');
    const relatesTo = findPath(reread.envelope, [NS.soap12, 'Header'], [NS.wsa, 'RelatesTo']);
    expect(textContent(relatesTo)).toBe('urn:uuid:req');
    const action = findPath(reread.envelope, [NS.soap12, 'Header'], [NS.wsa, 'Action']);
    expect(attribute(action, 'mustUnderstand', NS.soap12)).toBe('1');
    expect(reread.header.notUnderstood).toEqual([]);
  });

  it('builds schema-valid faults with code, subcode, reason and NotUnderstood blocks', async () => {
    const faults = [
      { code: 'Sender' as const, subcode: 'UnknownEndpoint', reason: 'No such endpoint <x> & co.', relatesTo: 'urn:uuid:r' },
      actionNotSupportedFault('urn:nope'),
      { code: 'MustUnderstand' as const, reason: 'r', notUnderstood: [{ ns: 'urn:p', local: 'Custom' }] },
      { code: 'Receiver' as const, subcode: 'not a name!', reason: 'boom' },
      { code: 'VersionMismatch' as const, reason: 'v' },
    ];
    for (const fault of faults) {
      const xml = serializeXml(buildSoapFault(fault));
      expect((await validateXsd(SCHEMAS.soap, xml)).errors).toEqual([]);
      const doc = parseXml(xml);
      const [value, subvalue] = findDescendants(doc, NS.soap12, 'Value');
      expect(textContent(value)).toBe(`env:${fault.code}`);
      if (fault.subcode && subvalue) {
        const qname = resolveQName(subvalue, textContent(subvalue));
        expect(qname.ns).toBe(fault.subcode.startsWith('wsa:') ? NS.wsa : NS.gpbFault);
        expect(qname.local).toBe(fault.subcode === 'not a name!' ? 'notaname' : fault.subcode.replace(/^wsa:/, ''));
      }
      const text = findDescendants(doc, NS.soap12, 'Text')[0];
      expect(attribute(text, 'lang', NS.xml)).toBe('en');
      expect(textContent(text)).toBe(fault.reason);
      expect(textContent(findDescendants(doc, NS.wsa, 'Action')[0])).toBe(SOAP_FAULT_ACTION);
    }
    const withNotUnderstood = parseXml(serializeXml(buildSoapFault(faults[2] ?? faults[0]!)));
    const block = findDescendants(withNotUnderstood, NS.soap12, 'NotUnderstood')[0];
    expect(block?.nsScope['nu']).toBe('urn:p');
    expect(attribute(block, 'qname')).toBe('nu:Custom');
  });

  it('maps fault codes to HTTP statuses per the SOAP 1.2 HTTP binding', () => {
    expect(faultHttpStatus('Sender')).toBe(400);
    expect(faultHttpStatus('Receiver')).toBe(500);
    expect(faultHttpStatus('VersionMismatch')).toBe(500);
    expect(faultHttpStatus('MustUnderstand')).toBe(500);
  });
});
