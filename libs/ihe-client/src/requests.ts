import { randomUUID } from 'node:crypto';
import { XmlChild, XmlElement, el } from '@gpb/xml';
import { NS } from './namespaces';

/** Request builders of an IHE initiating gateway, for the demo and for end-to-end tests. */

export const NHS_NUMBER_ROOT = '2.16.840.1.113883.2.1.4.1';
export const FIND_DOCUMENTS = 'urn:uuid:14d4debf-8f97-4251-9a74-a90016b0af0d';

export const RequestActions = {
  iti55: 'urn:hl7-org:v3:PRPA_IN201305UV02:CrossGatewayPatientDiscovery',
  iti47: 'urn:hl7-org:v3:PRPA_IN201305UV02',
  iti38: 'urn:ihe:iti:2007:CrossGatewayQuery',
  iti39: 'urn:ihe:iti:2007:CrossGatewayRetrieve',
} as const;

export interface EnvelopeOptions {
  action: string;
  to: string;
  messageId?: string;
  /** Extra header blocks, e.g. a wsse:Security with a SAML assertion. */
  headers?: XmlChild[];
}

export function soapEnvelope(options: EnvelopeOptions, body: XmlElement): XmlElement {
  return el(
    'soap:Envelope',
    { 'xmlns:soap': NS.env, 'xmlns:wsa': NS.wsa },
    el(
      'soap:Header',
      null,
      el('wsa:Action', { 'soap:mustUnderstand': 'true' }, options.action),
      el('wsa:MessageID', null, options.messageId ?? `urn:uuid:${randomUUID()}`),
      el('wsa:ReplyTo', null, el('wsa:Address', null, 'http://www.w3.org/2005/08/addressing/anonymous')),
      el('wsa:To', { 'soap:mustUnderstand': 'true' }, options.to),
      options.headers,
    ),
    el('soap:Body', null, body),
  );
}

export interface PatientDiscoveryQuery {
  nhsNumber?: string;
  /** Other ids the client knows the patient by (e.g. its own MRN). */
  otherIds?: { root: string; extension: string }[];
  family?: string;
  given?: string;
  /** YYYYMMDD */
  birthTime?: string;
  gender?: 'M' | 'F' | 'UN';
  postcode?: string;
  senderDeviceId?: string;
}

/** PRPA_IN201305UV02: the ITI-55 / ITI-47 query. */
// ITI-55 and ITI-47 send the same PRPA_IN201305UV02; only the wsa:Action differs.
export function patientDiscoveryQuery(query: PatientDiscoveryQuery): XmlElement {
  const ids = [...(query.nhsNumber ? [{ root: NHS_NUMBER_ROOT, extension: query.nhsNumber }] : []), ...(query.otherIds ?? [])];
  const parameters: XmlChild[] = [
    query.gender && el('hl7:livingSubjectAdministrativeGender', null, el('hl7:value', { code: query.gender }), el('hl7:semanticsText', null, 'LivingSubject.administrativeGender')),
    query.birthTime && el('hl7:livingSubjectBirthTime', null, el('hl7:value', { value: query.birthTime }), el('hl7:semanticsText', null, 'LivingSubject.birthTime')),
    ids.length > 0 && el('hl7:livingSubjectId', null, ids.map((id) => el('hl7:value', { root: id.root, extension: id.extension })), el('hl7:semanticsText', null, 'LivingSubject.id')),
    (query.family || query.given) &&
      el('hl7:livingSubjectName', null, el('hl7:value', null, query.given && el('hl7:given', null, query.given), query.family && el('hl7:family', null, query.family)), el('hl7:semanticsText', null, 'LivingSubject.name')),
    query.postcode && el('hl7:patientAddress', null, el('hl7:value', null, el('hl7:postalCode', null, query.postcode)), el('hl7:semanticsText', null, 'Patient.addr')),
  ];
  const device = (typeCode: string, root: string) => el(typeCode, { typeCode: typeCode === 'hl7:receiver' ? 'RCV' : 'SND' }, el('hl7:device', { classCode: 'DEV', determinerCode: 'INSTANCE' }, el('hl7:id', { root })));
  return el(
    'hl7:PRPA_IN201305UV02',
    { 'xmlns:hl7': NS.hl7, ITSVersion: 'XML_1.0' },
    el('hl7:id', { root: '1.2.3.4.5', extension: randomUUID() }),
    el('hl7:creationTime', { value: new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14) }),
    el('hl7:interactionId', { root: '2.16.840.1.113883.1.6', extension: 'PRPA_IN201305UV02' }),
    el('hl7:processingCode', { code: 'P' }),
    el('hl7:processingModeCode', { code: 'T' }),
    el('hl7:acceptAckCode', { code: 'AL' }),
    device('hl7:receiver', '2.16.840.1.113883.3.9999.1.2'),
    device('hl7:sender', query.senderDeviceId ?? '1.2.3.4.5.6'),
    el(
      'hl7:controlActProcess',
      { classCode: 'CACT', moodCode: 'EVN' },
      el('hl7:code', { code: 'PRPA_TE201305UV02', codeSystem: '2.16.840.1.113883.1.6' }),
      el(
        'hl7:queryByParameter',
        null,
        el('hl7:queryId', { root: '1.2.3.4.5.7', extension: randomUUID() }),
        el('hl7:statusCode', { code: 'new' }),
        el('hl7:responseModalityCode', { code: 'R' }),
        el('hl7:responsePriorityCode', { code: 'I' }),
        el('hl7:parameterList', null, ...parameters),
      ),
    ),
  );
}

const slot = (name: string, ...values: string[]) => el('rim:Slot', { name }, el('rim:ValueList', null, values.map((value) => el('rim:Value', null, value))));

const STABLE_ENTRY = 'urn:uuid:7edca82f-054d-47f2-a032-9b2a5b5186c1';
const ON_DEMAND_ENTRY = 'urn:uuid:34268e47-fdf5-41a6-ba33-82133c465248';
export const GET_DOCUMENTS = 'urn:uuid:5c4f972b-d56b-40ac-a5fc-c8ca9b40b9d4';

export interface FindDocumentsOptions {
  readonly returnType?: 'LeafClass' | 'ObjectRef';
  /** `$XDSDocumentEntryType`; absent sends no slot. */
  readonly entryTypes?: ReadonlyArray<'stable' | 'onDemand'>;
  /** Further slots, values already in ebXML list syntax, e.g. `{ '$XDSDocumentEntryClassCode': ["('34133-9^^2.16.840.1.113883.6.1')"] }`. */
  readonly slots?: Readonly<Record<string, readonly string[]>>;
  /** `AdhocQuery/@home`. */
  readonly home?: string;
}

/** ITI-38 FindDocuments for an NHS number (or any CX patient id). */
export function findDocumentsQuery(patient: { id: string; root?: string }, options: FindDocumentsOptions = {}): XmlElement {
  const types = options.entryTypes?.map((type) => `'${type === 'stable' ? STABLE_ENTRY : ON_DEMAND_ENTRY}'`);
  return el(
    'query:AdhocQueryRequest',
    { 'xmlns:query': NS.query, 'xmlns:rim': NS.rim },
    el('query:ResponseOption', { returnComposedObjects: 'true', returnType: options.returnType ?? 'LeafClass' }),
    el(
      'rim:AdhocQuery',
      { id: FIND_DOCUMENTS, home: options.home },
      slot('$XDSDocumentEntryPatientId', `'${patient.id}^^^&${patient.root ?? NHS_NUMBER_ROOT}&ISO'`),
      slot('$XDSDocumentEntryStatus', "('urn:oasis:names:tc:ebxml-regrep:StatusType:Approved')"),
      types && slot('$XDSDocumentEntryType', `(${types.join(',')})`),
      Object.entries(options.slots ?? {}).map(([name, values]) => slot(name, ...values)),
    ),
  );
}

/** ITI-38 GetDocuments by uniqueIds or entryUUIDs. */
export function getDocumentsQuery(ids: { uniqueIds?: readonly string[]; entryUuids?: readonly string[] }, returnType: 'LeafClass' | 'ObjectRef' = 'LeafClass'): XmlElement {
  const list = (values: readonly string[]) => `(${values.map((value) => `'${value}'`).join(',')})`;
  return el(
    'query:AdhocQueryRequest',
    { 'xmlns:query': NS.query, 'xmlns:rim': NS.rim },
    el('query:ResponseOption', { returnComposedObjects: 'true', returnType }),
    el(
      'rim:AdhocQuery',
      { id: GET_DOCUMENTS },
      ids.uniqueIds?.length ? slot('$XDSDocumentEntryUniqueId', list(ids.uniqueIds)) : undefined,
      ids.entryUuids?.length ? slot('$XDSDocumentEntryEntryUUID', list(ids.entryUuids)) : undefined,
    ),
  );
}

export interface DocumentReference {
  homeCommunityId?: string;
  repositoryUniqueId: string;
  documentUniqueId: string;
}

/** ITI-39 RetrieveDocumentSet. */
export function retrieveDocumentsRequest(documents: DocumentReference[]): XmlElement {
  return el(
    'xdsb:RetrieveDocumentSetRequest',
    { 'xmlns:xdsb': NS.xdsb },
    documents.map((document) =>
      el(
        'xdsb:DocumentRequest',
        null,
        document.homeCommunityId && el('xdsb:HomeCommunityId', null, document.homeCommunityId),
        el('xdsb:RepositoryUniqueId', null, document.repositoryUniqueId),
        el('xdsb:DocumentUniqueId', null, document.documentUniqueId),
      ),
    ),
  );
}
