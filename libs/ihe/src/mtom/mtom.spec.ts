import { findChild, parseXml } from '@gpb/xml';
import { NS } from '../namespaces';
import { readSoapRequest } from '../soap/read-request';
import { iheSample } from '../testing/samples';
import { readRetrieveDocumentSetRequest } from '../xca/retrieve';
import { parseContentType } from './content-type';
import { MultipartResult, buildMtomMessage, parseMultipartRelated } from './multipart';
import { cidHref, contentIdFromHref, readXopBinary } from './xop';

const binary = Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 37) % 256));

function parsed(result: MultipartResult): Extract<MultipartResult, { ok: true }> {
  if (!result.ok) throw new Error(result.problem);
  return result;
}

describe('parseContentType', () => {
  it('reads quoted and bare parameters, case-insensitively', () => {
    const type = parseContentType('Multipart/Related;boundary=abc ; TYPE="application/xop+xml"; start="<r@x>"; start-info="application/soap+xml; action=\\"a\\""');
    expect(type.mediaType).toBe('multipart/related');
    expect(Object.fromEntries(type.params)).toEqual({ boundary: 'abc', type: 'application/xop+xml', start: '<r@x>', 'start-info': 'application/soap+xml; action="a"' });
  });
});

describe('MTOM', () => {
  it('round-trips an envelope and binary attachments', () => {
    const envelope = '<e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope"><e:Body><x/></e:Body></e:Envelope>';
    const message = buildMtomMessage(
      envelope,
      [
        { contentId: 'doc1@gpbridge', contentType: 'text/xml', content: binary },
        { contentId: '<doc 2/é@gpbridge>', contentType: 'application/pdf', content: Buffer.from('\r\n--not-a-boundary\r\n') },
      ],
      'urn:ihe:iti:2007:CrossGatewayRetrieveResponse',
    );
    const type = parseContentType(message.contentType);
    expect(type.mediaType).toBe('multipart/related');
    expect(type.params.get('type')).toBe('application/xop+xml');
    expect(type.params.get('start-info')).toBe('application/soap+xml');
    expect(type.params.get('action')).toBe('urn:ihe:iti:2007:CrossGatewayRetrieveResponse');
    expect(message.body.toString('latin1')).toContain('Content-Type: application/xop+xml; charset=UTF-8; type="application/soap+xml"\r\n');
    expect(message.body.toString('latin1')).toContain(`Content-ID: ${type.params.get('start')}\r\n`);

    const result = parsed(parseMultipartRelated(message.body, message.contentType));
    expect(result.root.content.toString('utf8')).toBe(envelope);
    expect(result.root.contentType).toBe('application/xop+xml; charset=UTF-8; type="application/soap+xml"');
    expect([...result.parts.keys()]).toEqual(['doc1@gpbridge', 'doc 2/é@gpbridge']);
    expect(result.parts.get('doc1@gpbridge')?.content.equals(binary)).toBe(true);
    expect(result.parts.get('doc 2/é@gpbridge')?.content.toString()).toBe('\r\n--not-a-boundary\r\n');
    expect(contentIdFromHref(cidHref('doc 2/é@gpbridge'))).toBe('doc 2/é@gpbridge');
    expect(cidHref('<doc1@gpbridge>')).toBe('cid:doc1@gpbridge');
  });

  it('reads an Epic-style ITI-39 request: odd prefixes, LF line ends, no start parameter, bare Content-IDs', () => {
    const envelope = iheSample('iti39/IT_iti-39_request.xml').replace(/\r\n/g, '\n');
    const body = Buffer.from(
      'preamble to ignore\n' +
        '--uuid:5ef1-b0c3\n' +
        'content-type: application/xop+xml;charset=utf-8;type="application/soap+xml"\n' +
        'CONTENT-ID: root-part@client\n' +
        '\n' +
        envelope +
        '\n--uuid:5ef1-b0c3   \n' +
        'Content-Type: application/octet-stream\n' +
        'Content-Id: <extra@client>\n' +
        '\n' +
        'tail\n' +
        '--uuid:5ef1-b0c3--\n' +
        'epilogue',
      'utf8',
    );
    const result = parsed(parseMultipartRelated(body, 'multipart/related; type="application/xop+xml"; boundary="uuid:5ef1-b0c3"'));
    expect(result.parts.get('extra@client')?.content.toString()).toBe('tail');
    const soap = readSoapRequest(result.root.content);
    if (!soap.ok) throw new Error(soap.fault.reason);
    const request = readRetrieveDocumentSetRequest(soap.body, result.parts);
    expect(request).toEqual({
      ok: true,
      value: {
        documentRequests: [
          {
            homeCommunityId: 'urn:oid:2.16.578.1.12.4.5.100.1.1',
            repositoryUniqueId: '2.16.578.1.12.4.5.100.1.1.2',
            documentUniqueId: '8f3b8038-5122-4e1b-8af4-29bb8759e8ae',
          },
        ],
      },
    });
  });

  it('picks the root by the start parameter and decodes base64 parts', () => {
    const body = Buffer.from(
      '--b\r\nContent-ID: <att>\r\nContent-Transfer-Encoding: base64\r\n\r\n' +
        binary.toString('base64').replace(/(.{76})/g, '$1\r\n') +
        '\r\n--b\r\nContent-ID: <root>\r\nContent-Type: application/xop+xml\r\n\r\n<x/>\r\n--b--\r\n',
    );
    const result = parsed(parseMultipartRelated(body, 'multipart/related; boundary=b; start="<root>"'));
    expect(result.root.content.toString()).toBe('<x/>');
    expect(result.parts.get('att')?.content.equals(binary)).toBe(true);
  });

  it('resolves xop:Include to the part it names', () => {
    const element = parseXml(`<d xmlns:xop="${NS.xop}"><xop:Include href="cid:a%40b"/></d>`);
    const parts = new Map([['a@b', { contentType: 'text/xml', content: binary }]]);
    expect(readXopBinary(element, parts)).toEqual({ ok: true, value: binary });
    expect(readXopBinary(element, new Map())).toMatchObject({ ok: false });
    expect(readXopBinary(parseXml('<d>aGk=</d>'), undefined)).toEqual({ ok: true, value: Buffer.from('hi') });
    expect(findChild(element, NS.xop, 'Include')).toBeDefined();
  });

  it('reports unreadable messages as problems', () => {
    expect(parseMultipartRelated(Buffer.from('x'), 'application/soap+xml')).toMatchObject({ ok: false });
    expect(parseMultipartRelated(Buffer.from('x'), 'multipart/related')).toMatchObject({ ok: false, problem: expect.stringContaining('boundary') });
    expect(parseMultipartRelated(Buffer.from('no delimiters here'), 'multipart/related; boundary=b')).toMatchObject({ ok: false });
    expect(parseMultipartRelated(Buffer.from('--b\r\n\r\nx\r\n--b--'), 'multipart/related; boundary=b; start=<missing>')).toMatchObject({ ok: false });
    const many = Array.from({ length: 5 }, () => '--b\r\n\r\nx\r\n').join('') + '--b--';
    expect(parseMultipartRelated(Buffer.from(many), 'multipart/related; boundary=b', { maxParts: 4 })).toMatchObject({ ok: false, problem: expect.stringContaining('4') });
    const duplicate = '--b\r\n\r\nroot\r\n--b\r\nContent-ID: <a>\r\n\r\n1\r\n--b\r\nContent-ID: a\r\n\r\n2\r\n--b--';
    expect(parseMultipartRelated(Buffer.from(duplicate), 'multipart/related; boundary=b')).toMatchObject({ ok: false });
    expect(parseMultipartRelated(Buffer.from('--b\r\nContent-Transfer-Encoding: x-weird\r\n\r\nx\r\n--b--'), 'multipart/related; boundary=b')).toMatchObject({ ok: false });
  });

  it('accepts a message without its close delimiter', () => {
    const result = parsed(parseMultipartRelated(Buffer.from('--b\n\n<x/>\n'), 'multipart/related; boundary=b'));
    expect(result.root.content.toString()).toBe('<x/>');
  });
});
