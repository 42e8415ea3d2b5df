/**
 * Every fixed XDS/ebXML identifier we emit or match, in one table (ITI TF-3 4.2.5 and 4.2.3.2;
 * ebRS 3.0). Tested value by value in xds-constants.spec.ts.
 */
export const XDS = {
  objectType: {
    /** XDSDocumentEntry.objectType for a Stable Document Entry (ITI TF-3 4.2.5.2). */
    stableDocumentEntry: 'urn:uuid:7edca82f-054d-47f2-a032-9b2a5b5186c1',
    /** XDSDocumentEntry.objectType for an On-Demand Document Entry (ITI TF-3 4.2.5.2). */
    onDemandDocumentEntry: 'urn:uuid:34268e47-fdf5-41a6-ba33-82133c465248',
    classification: 'urn:oasis:names:tc:ebxml-regrep:ObjectType:RegistryObject:Classification',
    externalIdentifier: 'urn:oasis:names:tc:ebxml-regrep:ObjectType:RegistryObject:ExternalIdentifier',
  },
  /** XDSDocumentEntry classification schemes (ITI TF-3 Table 4.2.5-1). */
  classificationScheme: {
    author: 'urn:uuid:93606bcf-9494-43ec-9b4e-a7748d1a838d',
    classCode: 'urn:uuid:41a5887f-8865-4c09-adf7-e362475b143a',
    confidentialityCode: 'urn:uuid:f4f85eac-e6cb-4883-b524-f2705394840f',
    eventCodeList: 'urn:uuid:2c6b8cb7-8b2a-4051-b291-b1ae6a575ef4',
    formatCode: 'urn:uuid:a09d5840-386c-46f2-b5ad-9c3699a4309d',
    healthcareFacilityTypeCode: 'urn:uuid:f33fb8ac-18af-42cc-ae0e-ed0b0bdb91e1',
    practiceSettingCode: 'urn:uuid:cccf5598-8b07-4b77-a05e-ae952c785ead',
    typeCode: 'urn:uuid:f0306f51-975f-434e-a61c-c59651d33983',
  },
  /** XDSDocumentEntry external identifier schemes (ITI TF-3 Table 4.2.5-2). */
  identificationScheme: {
    patientId: 'urn:uuid:58a6f841-87b3-4a3e-92fd-a8ffeff98427',
    uniqueId: 'urn:uuid:2e82c1f6-a085-4c72-9da3-8640a32e42ab',
  },
  /** Registry stored query ids (ITI TF-2a 3.18.4.1.2.3.7). */
  storedQuery: {
    findDocuments: 'urn:uuid:14d4debf-8f97-4251-9a74-a90016b0af0d',
    getDocuments: 'urn:uuid:5c4f972b-d56b-40ac-a5fc-c8ca9b40b9d4',
  },
  status: {
    approved: 'urn:oasis:names:tc:ebxml-regrep:StatusType:Approved',
    deprecated: 'urn:oasis:names:tc:ebxml-regrep:StatusType:Deprecated',
  },
  responseStatus: {
    success: 'urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Success',
    failure: 'urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Failure',
    /** IHE's addition to ebRS (ITI TF-3 4.2.4.2). */
    partialSuccess: 'urn:ihe:iti:2007:ResponseStatusType:PartialSuccess',
  },
  errorSeverity: {
    error: 'urn:oasis:names:tc:ebxml-regrep:ErrorSeverityType:Error',
    warning: 'urn:oasis:names:tc:ebxml-regrep:ErrorSeverityType:Warning',
  },
} as const;

/** The documents we advertise: the GP summary as a C-CDA R2.1 CCD (DOMAIN.md §4, ITI-38). */
export const GP_SUMMARY_CODES = {
  typeCode: { code: '34133-9', codeSystem: '2.16.840.1.113883.6.1', displayName: 'Summarization of episode note' },
  formatCode: { code: 'urn:hl7-org:sdwg:ccda-structuredBody:2.1', codeSystem: '1.3.6.1.4.1.19376.1.2.3', displayName: 'C-CDA R2.1 Structured Body' },
} as const;

/** Well-known OIDs for identifiers in IHE messages (DOMAIN.md §2). */
export const OIDS = {
  nhsNumber: '2.16.840.1.113883.2.1.4.1',
  odsOrganisationCode: '2.16.840.1.113883.2.1.4.3',
  snomedCt: '2.16.840.1.113883.6.96',
  loinc: '2.16.840.1.113883.6.1',
} as const;
