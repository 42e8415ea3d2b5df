import { GP_SUMMARY_CODES, OIDS, XDS } from './xds-constants';

const UUID_URN = /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const OID = /^[0-2](\.(0|[1-9][0-9]*))+$/;

// Copied by hand from ITI TF-3 Tables 4.2.5-1/-2 and TF-2a 3.18.4.1.2.3.7, independently of xds-constants.ts.
const PUBLISHED_UUIDS: ReadonlyArray<readonly [string, string]> = [
  ['objectType.stableDocumentEntry', 'urn:uuid:7edca82f-054d-47f2-a032-9b2a5b5186c1'],
  ['objectType.onDemandDocumentEntry', 'urn:uuid:34268e47-fdf5-41a6-ba33-82133c465248'],
  ['classificationScheme.author', 'urn:uuid:93606bcf-9494-43ec-9b4e-a7748d1a838d'],
  ['classificationScheme.classCode', 'urn:uuid:41a5887f-8865-4c09-adf7-e362475b143a'],
  ['classificationScheme.confidentialityCode', 'urn:uuid:f4f85eac-e6cb-4883-b524-f2705394840f'],
  ['classificationScheme.eventCodeList', 'urn:uuid:2c6b8cb7-8b2a-4051-b291-b1ae6a575ef4'],
  ['classificationScheme.formatCode', 'urn:uuid:a09d5840-386c-46f2-b5ad-9c3699a4309d'],
  ['classificationScheme.healthcareFacilityTypeCode', 'urn:uuid:f33fb8ac-18af-42cc-ae0e-ed0b0bdb91e1'],
  ['classificationScheme.practiceSettingCode', 'urn:uuid:cccf5598-8b07-4b77-a05e-ae952c785ead'],
  ['classificationScheme.typeCode', 'urn:uuid:f0306f51-975f-434e-a61c-c59651d33983'],
  ['identificationScheme.patientId', 'urn:uuid:58a6f841-87b3-4a3e-92fd-a8ffeff98427'],
  ['identificationScheme.uniqueId', 'urn:uuid:2e82c1f6-a085-4c72-9da3-8640a32e42ab'],
  ['storedQuery.findDocuments', 'urn:uuid:14d4debf-8f97-4251-9a74-a90016b0af0d'],
  ['storedQuery.getDocuments', 'urn:uuid:5c4f972b-d56b-40ac-a5fc-c8ca9b40b9d4'],
];

const PUBLISHED_URNS: ReadonlyArray<readonly [string, string]> = [
  ['objectType.classification', 'urn:oasis:names:tc:ebxml-regrep:ObjectType:RegistryObject:Classification'],
  ['objectType.externalIdentifier', 'urn:oasis:names:tc:ebxml-regrep:ObjectType:RegistryObject:ExternalIdentifier'],
  ['status.approved', 'urn:oasis:names:tc:ebxml-regrep:StatusType:Approved'],
  ['status.deprecated', 'urn:oasis:names:tc:ebxml-regrep:StatusType:Deprecated'],
  ['responseStatus.success', 'urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Success'],
  ['responseStatus.failure', 'urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Failure'],
  ['responseStatus.partialSuccess', 'urn:ihe:iti:2007:ResponseStatusType:PartialSuccess'],
  ['errorSeverity.error', 'urn:oasis:names:tc:ebxml-regrep:ErrorSeverityType:Error'],
  ['errorSeverity.warning', 'urn:oasis:names:tc:ebxml-regrep:ErrorSeverityType:Warning'],
];

function flatten(value: unknown, path = ''): Array<[string, string]> {
  if (typeof value === 'string') return [[path, value]];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, child]) => flatten(child, path ? `${path}.${key}` : key));
}

describe('XDS constants', () => {
  const table = new Map(flatten(XDS));

  it.each(PUBLISHED_UUIDS)('%s is the published urn:uuid', (path, expected) => {
    const value = table.get(path);
    expect(value).toMatch(UUID_URN);
    expect(value).toBe(expected);
  });

  it.each(PUBLISHED_URNS)('%s is the published URN', (path, expected) => {
    expect(table.get(path)).toBe(expected);
  });

  it('has no entry the published lists do not check, and no stray whitespace', () => {
    const checked = new Set([...PUBLISHED_UUIDS, ...PUBLISHED_URNS].map(([path]) => path));
    expect([...table.keys()].filter((path) => !checked.has(path))).toEqual([]);
    for (const value of table.values()) expect(value).toBe(value.trim());
  });

  it('has well-formed OIDs', () => {
    for (const [, value] of flatten(OIDS)) expect(value).toMatch(OID);
    expect(GP_SUMMARY_CODES.formatCode.codeSystem).toMatch(OID);
    expect(GP_SUMMARY_CODES.typeCode.codeSystem).toBe(OIDS.loinc);
    expect(OIDS).toEqual({
      nhsNumber: '2.16.840.1.113883.2.1.4.1',
      odsOrganisationCode: '2.16.840.1.113883.2.1.4.3',
      snomedCt: '2.16.840.1.113883.6.96',
      loinc: '2.16.840.1.113883.6.1',
    });
  });
});
