/** FHIR code system URIs and the OIDs CDA names them by. Codings in other systems stay in the narrative. */
export const CODE_SYSTEMS: Readonly<Record<string, { readonly oid: string; readonly name: string }>> = {
  'http://snomed.info/sct': { oid: '2.16.840.1.113883.6.96', name: 'SNOMED CT' },
  'http://loinc.org': { oid: '2.16.840.1.113883.6.1', name: 'LOINC' },
  'http://unitsofmeasure.org': { oid: '2.16.840.1.113883.6.8', name: 'UCUM' },
  'http://read.info/readv2': { oid: '2.16.840.1.113883.2.1.3.2.4.14', name: 'Read Codes v2' },
  'http://read.info/ctv3': { oid: '2.16.840.1.113883.2.1.3.2.4.15', name: 'Read Codes CTV3' },
  // dm+d concepts are SNOMED CT (UK drug extension) concepts.
  'https://dmd.nhs.uk': { oid: '2.16.840.1.113883.6.96', name: 'SNOMED CT' },
};

export const OID = {
  snomed: '2.16.840.1.113883.6.96',
  loinc: '2.16.840.1.113883.6.1',
  actCode: '2.16.840.1.113883.5.6',
  actClass: '2.16.840.1.113883.5.4',
  confidentiality: '2.16.840.1.113883.5.25',
  administrativeGender: '2.16.840.1.113883.5.1',
  nhsNumber: '2.16.840.1.113883.2.1.4.1',
  odsCode: '2.16.840.1.113883.2.1.3.2.4.19.1',
  sdsUserId: '2.16.840.1.113883.2.1.3.2.4.18.24',
  crossCareSetting: '2.16.840.1.113883.2.1.3.2.4.18.48',
} as const;
