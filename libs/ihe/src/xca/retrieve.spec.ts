import { SCHEMAS, validateXsd } from '@gpb/testing';
import { XmlElement, XmlNode, attribute, findDescendants, parseXml, serializeXml, textContent } from '@gpb/xml';
import { NS } from '../namespaces';
import { parseMultipartRelated, buildMtomMessage } from '../mtom/multipart';
import { contentIdFromHref, readXopBinary } from '../mtom/xop';
import { buildSoapResponse } from '../soap/build';
import { readSoapRequest } from '../soap/read-request';
import { iheSample } from '../testing/samples';
import { XDS } from '../xds-constants';
import { buildRetrieveDocumentSetResponse, readRetrieveDocumentSetRequest } from './retrieve';

const HOME = 'urn:oid:1.2.826.0.1.999.1';
const REPO = '1.2.826.0.1.999.2';

/** The schema types Document as base64Binary; XOP replaces that text with an Include, so validate the XOP-decoded form. */
function withoutXopIncludes(element: XmlElement): XmlElement {
  const children: XmlNode[] = [];
  for (const child of element.children) {
    if (typeof child === 'string') children.push(child);
    else if (child.name === 'xop:Include') children.push(Buffer.from('document').toString('base64'));
    else children.push(withoutXopIncludes(child));
  }
  return { ...element, children };
}

async function expectValid(element: XmlElement): Promise<void> {
  const result = await validateXsd(SCHEMAS.xdsRepository, serializeXml(withoutXopIncludes(element), { declaration: true }));
  expect(result.errors).toEqual([]);
}

describe('readRetrieveDocumentSetRequest', () => {
  it('reads the ITI-39 sample through readSoapRequest', () => {
    const soap = readSoapRequest(iheSample('iti39/IT_iti-39_request.xml'));
    if (!soap.ok) throw new Error(soap.fault.reason);
    expect(readRetrieveDocumentSetRequest(soap.body)).toEqual({
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

  it('reads several requests, with and without a home community', () => {
    const body = parseXml(
      `<r:RetrieveDocumentSetRequest xmlns:r="${NS.xdsb}">` +
        `<r:DocumentRequest><r:RepositoryUniqueId> ${REPO} </r:RepositoryUniqueId><r:DocumentUniqueId>1.2.3</r:DocumentUniqueId></r:DocumentRequest>` +
        `<r:DocumentRequest><r:HomeCommunityId>${HOME}</r:HomeCommunityId><r:RepositoryUniqueId>${REPO}</r:RepositoryUniqueId><r:DocumentUniqueId>1.2.4</r:DocumentUniqueId></r:DocumentRequest>` +
        `</r:RetrieveDocumentSetRequest>`,
    );
    expect(readRetrieveDocumentSetRequest(body)).toEqual({
      ok: true,
      value: {
        documentRequests: [
          { homeCommunityId: undefined, repositoryUniqueId: REPO, documentUniqueId: '1.2.3' },
          { homeCommunityId: HOME, repositoryUniqueId: REPO, documentUniqueId: '1.2.4' },
        ],
      },
    });
  });

  it('reports requests it cannot read', () => {
    expect(readRetrieveDocumentSetRequest(parseXml('<x/>'))).toMatchObject({ ok: false });
    expect(readRetrieveDocumentSetRequest(parseXml(`<r:RetrieveDocumentSetRequest xmlns:r="${NS.xdsb}"/>`))).toMatchObject({ ok: false });
    const noDocumentId = parseXml(
      `<r:RetrieveDocumentSetRequest xmlns:r="${NS.xdsb}"><r:DocumentRequest><r:RepositoryUniqueId>1</r:RepositoryUniqueId></r:DocumentRequest></r:RetrieveDocumentSetRequest>`,
    );
    expect(readRetrieveDocumentSetRequest(noDocumentId)).toMatchObject({ ok: false, problem: expect.stringContaining('DocumentUniqueId') });
  });
});

describe('buildRetrieveDocumentSetResponse', () => {
  it('builds a schema-valid answer whose documents are xop:Includes of MTOM parts', async () => {
    const built = buildRetrieveDocumentSetResponse({
      status: 'Success',
      documents: [{ homeCommunityId: HOME, repositoryUniqueId: REPO, documentUniqueId: '1.2.3', mimeType: 'text/xml', contentId: 'doc-1.2.3@gpbridge' }],
      errors: [],
      homeCommunityId: HOME,
    });
    await expectValid(built);
    const envelope = serializeXml(buildSoapResponse({ action: 'urn:ihe:iti:2007:CrossGatewayRetrieveResponse', messageId: 'urn:uuid:x', relatesTo: 'urn:uuid:y' }, built));
    const cda = Buffer.from('<ClinicalDocument xmlns="urn:hl7-org:v3"/>');
    const message = buildMtomMessage(envelope, [{ contentId: 'doc-1.2.3@gpbridge', contentType: 'text/xml', content: cda }]);

    const mime = parseMultipartRelated(message.body, message.contentType);
    if (!mime.ok) throw new Error(mime.problem);
    const soap = readSoapRequest(mime.root.content);
    if (!soap.ok) throw new Error(soap.fault.reason);
    expect(attribute(findDescendants(soap.body, NS.rs, 'RegistryResponse')[0], 'status')).toBe(XDS.responseStatus.success);
    const include = findDescendants(soap.body, NS.xop, 'Include')[0];
    expect(contentIdFromHref(attribute(include, 'href') ?? '')).toBe('doc-1.2.3@gpbridge');
    const document = findDescendants(soap.body, NS.xdsb, 'Document')[0];
    if (!document) throw new Error('no Document');
    expect(readXopBinary(document, mime.parts)).toEqual({ ok: true, value: cda });
    expect(textContent(findDescendants(soap.body, NS.xdsb, 'mimeType')[0])).toBe('text/xml');
  });

  it('builds partial successes, failures and inline documents', async () => {
    const partial = buildRetrieveDocumentSetResponse({
      status: 'PartialSuccess',
      documents: [
        { homeCommunityId: HOME, repositoryUniqueId: REPO, documentUniqueId: '1.2.3', newDocumentUniqueId: '1.2.3.1', mimeType: 'text/xml', inline: Buffer.from('<x/>') },
      ],
      errors: [{ errorCode: 'XDSDocumentUniqueIdError', codeContext: 'No document 1.2.9 is known.' }],
      homeCommunityId: HOME,
    });
    await expectValid(partial);
    const doc = parseXml(serializeXml(partial));
    expect(textContent(findDescendants(doc, NS.xdsb, 'Document')[0])).toBe(Buffer.from('<x/>').toString('base64'));
    expect(findDescendants(doc, NS.rs, 'RegistryError').map((e) => attribute(e, 'location'))).toEqual([HOME]);

    const failure = buildRetrieveDocumentSetResponse({
      status: 'Failure',
      documents: [],
      errors: [{ errorCode: 'XDSUnknownRepositoryId', codeContext: 'Unknown repository.' }],
      homeCommunityId: HOME,
    });
    await expectValid(failure);
    expect(attribute(findDescendants(parseXml(serializeXml(failure)), NS.rs, 'RegistryResponse')[0], 'status')).toBe(XDS.responseStatus.failure);
  });
});
