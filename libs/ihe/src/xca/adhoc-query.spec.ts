import { SCHEMAS, validateXsd } from '@gpb/testing';
import { ParsedElement, attribute, findChild, findChildren, findDescendants, parseXml, serializeXml, textContent } from '@gpb/xml';
import { NS } from '../namespaces';
import { readSoapRequest } from '../soap/read-request';
import { iheSample } from '../testing/samples';
import { GP_SUMMARY_CODES, XDS } from '../xds-constants';
import { AdhocQueryRequest, readAdhocQueryRequest } from './adhoc-query-request';
import { buildAdhocQueryResponse } from './adhoc-query-response';
import { DocumentEntry } from './document-entry';
import { decodeSlotValue, parseCx } from './slot-values';

const HOME = 'urn:oid:1.2.826.0.1.999.1';

const entry: DocumentEntry = {
  entryUuid: 'urn:uuid:8e3b9a6c-6d8e-4c7e-9d61-1f2a3b4c5d6e',
  uniqueId: '2.25.123456789012345678901234567890',
  homeCommunityId: HOME,
  repositoryUniqueId: '1.2.826.0.1.999.2',
  availability: 'stable',
  title: 'GP summary & record',
  creationTime: new Date('2025-07-31T18:49:15Z'),
  serviceStartTime: new Date('2010-01-01T00:00:00Z'),
  serviceStopTime: new Date('2025-07-31T18:49:15Z'),
  hash: 'da39a3ee5e6b4b0d3255bfef95601890afd80709',
  size: 12345,
  patientId: '9690937286',
  sourcePatientInfo: {
    family: 'Smith',
    given: ['Jane', 'Ann'],
    birthDate: '1980-02-01',
    gender: 'F',
    address: { lines: ['1 Trevelyan Square', 'Boar Lane'], city: 'Leeds', postcode: 'LS1 6AE' },
  },
  author: { institutionName: 'The Health Centre ^ Co', odsCode: 'A81001' },
  classCode: { code: '422735006', codeSystem: '2.16.840.1.113883.6.96', displayName: 'Summary clinical document' },
  typeCode: GP_SUMMARY_CODES.typeCode,
  formatCode: GP_SUMMARY_CODES.formatCode,
  confidentialityCode: { code: 'N', codeSystem: '2.16.840.1.113883.5.25', displayName: 'normal' },
  healthcareFacilityTypeCode: { code: '394761003', codeSystem: '2.16.840.1.113883.6.96', displayName: 'General practice' },
  practiceSettingCode: { code: '394814009', codeSystem: '2.16.840.1.113883.6.96', displayName: 'General practice (specialty)' },
};

function read(body: ParsedElement): AdhocQueryRequest {
  const result = readAdhocQueryRequest(body);
  if (!result.ok) throw new Error(result.problem);
  return result.value;
}

const query = (returnType: string, slots: string, id: string = XDS.storedQuery.findDocuments) =>
  parseXml(
    `<q:AdhocQueryRequest xmlns:q="${NS.query}" xmlns:r="${NS.rim}"><q:ResponseOption returnType="${returnType}"/>` +
      `<r:AdhocQuery id="${id}" home="${HOME}">${slots}</r:AdhocQuery></q:AdhocQueryRequest>`,
  );
const slot = (name: string, ...values: string[]) =>
  `<r:Slot name="${name}"><r:ValueList>${values.map((v) => `<r:Value>${v}</r:Value>`).join('')}</r:ValueList></r:Slot>`;

async function expectValid(element: Parameters<typeof serializeXml>[0]): Promise<void> {
  const result = await validateXsd(SCHEMAS.ebxmlQuery, serializeXml(element, { declaration: true }));
  expect(result.errors).toEqual([]);
  expect(result.valid).toBe(true);
}

describe('slot values', () => {
  it.each([
    ["('a','b')", ['a', 'b']],
    ["( 'a' , 'b' )", ['a', 'b']],
    ["('urn:oasis:names:tc:ebxml-regrep:StatusType:Approved')", ['urn:oasis:names:tc:ebxml-regrep:StatusType:Approved']],
    ["'x'", ['x']],
    ['20200101', ['20200101']],
    ["('it''s','a,b')", ["it's", 'a,b']],
    ['()', []],
    ['', []],
  ] as const)('decodes %s', (raw, expected) => {
    expect(decodeSlotValue(raw)).toEqual(expected);
  });

  it('parses CX identifiers', () => {
    expect(parseCx('9690937286^^^&2.16.840.1.113883.2.1.4.1&ISO')).toEqual({ id: '9690937286', root: '2.16.840.1.113883.2.1.4.1' });
    expect(parseCx('9690937286')).toBeUndefined();
    expect(parseCx('^^^&1.2&ISO')).toBeUndefined();
  });
});

describe('readAdhocQueryRequest', () => {
  it('reads the ITI-38 sample through readSoapRequest', () => {
    const soap = readSoapRequest(iheSample('iti38/IT_iti-38_request.xml'));
    if (!soap.ok) throw new Error(soap.fault.reason);
    const request = read(soap.body);
    expect(request).toMatchObject({
      returnType: 'LeafClass',
      queryId: XDS.storedQuery.findDocuments,
      storedQuery: 'FindDocuments',
      patientId: { id: '17855599120', root: '2.16.578.1.12.4.1.4.1' },
      slots: {
        $XDSDocumentEntryPatientId: ['17855599120^^^&2.16.578.1.12.4.1.4.1&ISO'],
        $XDSDocumentEntryStatus: [XDS.status.approved],
      },
    });
    expect(request.homeCommunityId).toBeUndefined();
    expect(request.entryTypes).toBeUndefined();
  });

  it('reads an NHS number, entry types, repeated values and GetDocuments', () => {
    const request = read(
      query(
        'ObjectRef',
        slot('$XDSDocumentEntryPatientId', "'9690937286^^^&amp;2.16.840.1.113883.2.1.4.1&amp;ISO'") +
          slot('$XDSDocumentEntryType', `('${XDS.objectType.onDemandDocumentEntry}')`, `('${XDS.objectType.stableDocumentEntry}')`) +
          slot('$XDSDocumentEntryUniqueId', "('1.2.3','1.2.4')"),
        XDS.storedQuery.getDocuments,
      ),
    );
    expect(request).toMatchObject({
      returnType: 'ObjectRef',
      storedQuery: 'GetDocuments',
      homeCommunityId: HOME,
      patientId: { id: '9690937286', root: '2.16.840.1.113883.2.1.4.1' },
      entryTypes: ['onDemand', 'stable'],
      slots: { $XDSDocumentEntryUniqueId: ['1.2.3', '1.2.4'] },
    });
    expect(read(query('LeafClass', '', 'urn:uuid:10b545ea-725c-446d-9b95-8aeb444eddf3')).storedQuery).toBe('other');
  });

  it('reports what it cannot read', () => {
    expect(readAdhocQueryRequest(parseXml('<x/>'))).toMatchObject({ ok: false });
    expect(readAdhocQueryRequest(query('RegistryObject', ''))).toMatchObject({ ok: false, problem: expect.stringContaining('returnType') });
    expect(readAdhocQueryRequest(parseXml(`<q:AdhocQueryRequest xmlns:q="${NS.query}"/>`))).toMatchObject({ ok: false });
  });
});

describe('buildAdhocQueryResponse', () => {
  it('builds a schema-valid LeafClass answer with the full XDS metadata', async () => {
    const built = buildAdhocQueryResponse({ status: 'Success', returnType: 'LeafClass', entries: [entry], errors: [], homeCommunityId: HOME });
    await expectValid(built);
    const doc = parseXml(serializeXml(built));
    expect(attribute(doc, 'status')).toBe(XDS.responseStatus.success);
    const objects = findDescendants(doc, NS.rim, 'ExtrinsicObject');
    expect(objects).toHaveLength(1);
    const object = objects[0] as ParsedElement;
    expect(attribute(object, 'home')).toBe(HOME);
    expect(attribute(object, 'objectType')).toBe(XDS.objectType.stableDocumentEntry);
    expect(attribute(object, 'status')).toBe(XDS.status.approved);
    expect(attribute(object, 'mimeType')).toBe('text/xml');

    const slots = Object.fromEntries(
      findChildren(object, NS.rim, 'Slot').map((s) => [attribute(s, 'name'), findDescendants(s, NS.rim, 'Value').map((v) => textContent(v))]),
    );
    expect(slots).toEqual({
      creationTime: ['20250731184915'],
      languageCode: ['en-GB'],
      serviceStartTime: ['20100101000000'],
      serviceStopTime: ['20250731184915'],
      sourcePatientId: ['9690937286^^^&2.16.840.1.113883.2.1.4.1&ISO'],
      sourcePatientInfo: [
        'PID-3|9690937286^^^&2.16.840.1.113883.2.1.4.1&ISO',
        'PID-5|Smith^Jane^Ann^^',
        'PID-7|19800201',
        'PID-8|F',
        'PID-11|1 Trevelyan Square^Boar Lane^Leeds^^LS1 6AE^',
      ],
      repositoryUniqueId: ['1.2.826.0.1.999.2'],
      hash: ['da39a3ee5e6b4b0d3255bfef95601890afd80709'],
      size: ['12345'],
    });
    expect(attribute(findDescendants(findChild(object, NS.rim, 'Name') ?? object, NS.rim, 'LocalizedString')[0], 'value')).toBe('GP summary & record');

    const classifications = new Map(findChildren(object, NS.rim, 'Classification').map((c) => [attribute(c, 'classificationScheme'), c]));
    const code = (scheme: string) => {
      const c = classifications.get(scheme);
      return [attribute(c, 'nodeRepresentation'), textContent(findDescendants(c ?? object, NS.rim, 'Value')[0])];
    };
    expect(code(XDS.classificationScheme.typeCode)).toEqual(['34133-9', '2.16.840.1.113883.6.1']);
    expect(code(XDS.classificationScheme.formatCode)).toEqual(['urn:hl7-org:sdwg:ccda-structuredBody:2.1', '1.3.6.1.4.1.19376.1.2.3']);
    expect(code(XDS.classificationScheme.classCode)[0]).toBe('422735006');
    expect(code(XDS.classificationScheme.confidentialityCode)[0]).toBe('N');
    expect(code(XDS.classificationScheme.healthcareFacilityTypeCode)[0]).toBe('394761003');
    expect(code(XDS.classificationScheme.practiceSettingCode)[0]).toBe('394814009');
    const author = classifications.get(XDS.classificationScheme.author);
    expect(findDescendants(author ?? object, NS.rim, 'Value').map((v) => textContent(v))).toEqual([
      'The Health Centre \\S\\ Co^^^^^&2.16.840.1.113883.2.1.4.3&ISO^^^^A81001',
    ]);
    for (const c of classifications.values()) expect(attribute(c, 'classifiedObject')).toBe(entry.entryUuid);

    const identifiers = findChildren(object, NS.rim, 'ExternalIdentifier').map((x) => [attribute(x, 'identificationScheme'), attribute(x, 'value')]);
    expect(identifiers).toEqual([
      [XDS.identificationScheme.patientId, '9690937286^^^&2.16.840.1.113883.2.1.4.1&ISO'],
      [XDS.identificationScheme.uniqueId, entry.uniqueId],
    ]);
    const ids = findDescendants(object, NS.rim, 'Classification')
      .concat(findDescendants(object, NS.rim, 'ExternalIdentifier'))
      .map((x) => attribute(x, 'id'));
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('advertises an On-Demand entry without hash, size or creation time', async () => {
    const { hash: _hash, size: _size, creationTime: _creationTime, ...rest } = entry;
    const built = buildAdhocQueryResponse({
      status: 'Success',
      returnType: 'LeafClass',
      entries: [{ ...rest, availability: 'onDemand' }],
      errors: [],
      homeCommunityId: HOME,
    });
    await expectValid(built);
    const object = findDescendants(parseXml(serializeXml(built)), NS.rim, 'ExtrinsicObject')[0];
    expect(attribute(object, 'objectType')).toBe(XDS.objectType.onDemandDocumentEntry);
    const names = findChildren(object, NS.rim, 'Slot').map((s) => attribute(s, 'name'));
    expect(names).not.toContain('hash');
    expect(names).not.toContain('size');
    expect(names).not.toContain('creationTime');
  });

  it('builds ObjectRef answers and failures with located registry errors', async () => {
    const refs = buildAdhocQueryResponse({ status: 'Success', returnType: 'ObjectRef', entries: [entry], errors: [], homeCommunityId: HOME });
    await expectValid(refs);
    const ref = findDescendants(parseXml(serializeXml(refs)), NS.rim, 'ObjectRef')[0];
    expect([attribute(ref, 'id'), attribute(ref, 'home')]).toEqual([entry.entryUuid, HOME]);

    const failure = buildAdhocQueryResponse({
      status: 'PartialSuccess',
      returnType: 'LeafClass',
      entries: [],
      errors: [
        { errorCode: 'XDSUnknownPatientId', codeContext: 'No patient with this NHS number.' },
        { errorCode: 'XDSRegistryBusy', codeContext: 'Busy', severity: 'Warning', location: 'elsewhere' },
      ],
      homeCommunityId: HOME,
    });
    await expectValid(failure);
    const doc = parseXml(serializeXml(failure));
    expect(attribute(doc, 'status')).toBe(XDS.responseStatus.partialSuccess);
    const errors = findDescendants(doc, NS.rs, 'RegistryError');
    expect(errors.map((e) => [attribute(e, 'errorCode'), attribute(e, 'severity'), attribute(e, 'location')])).toEqual([
      ['XDSUnknownPatientId', XDS.errorSeverity.error, HOME],
      ['XDSRegistryBusy', XDS.errorSeverity.warning, 'elsewhere'],
    ]);
    expect(findChild(doc, NS.rim, 'RegistryObjectList')).toBeDefined();
  });
});
