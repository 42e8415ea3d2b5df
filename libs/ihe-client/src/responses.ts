import { ParsedElement, attribute, findChild, findChildren, findDescendants, findPath, parseXml, textContent } from '@gpb/xml';
import { NS } from './namespaces';


export interface SoapResponse {
  readonly action?: string;
  readonly relatesTo?: string;
  readonly fault?: { code: string; subcode?: string; reason: string };
  readonly body?: ParsedElement;
}

/** Reads any SOAP 1.2 response envelope. */
export function readSoapResponse(xml: string): SoapResponse {
  const envelope = parseXml(xml);
  const header = findChild(envelope, NS.env, 'Header');
  const body = findChild(envelope, NS.env, 'Body');
  const first = body?.children.find((child): child is ParsedElement => typeof child !== 'string');
  const action = textContent(findChild(header, NS.wsa, 'Action')) || undefined;
  const relatesTo = textContent(findChild(header, NS.wsa, 'RelatesTo')) || undefined;
  if (first && first.ns === NS.env && first.local === 'Fault') {
    return {
      action,
      relatesTo,
      fault: {
        code: textContent(findPath(first, [NS.env, 'Code'], [NS.env, 'Value'])),
        subcode: textContent(findPath(first, [NS.env, 'Code'], [NS.env, 'Subcode'], [NS.env, 'Value'])) || undefined,
        reason: textContent(findPath(first, [NS.env, 'Reason'], [NS.env, 'Text'])),
      },
    };
  }
  return { action, relatesTo, body: first };
}

export interface PatientMatch {
  readonly acknowledgement: string;
  readonly queryResponseCode: string;
  readonly nhsNumber?: string;
  readonly name?: string;
  readonly gender?: string;
  readonly birthTime?: string;
  readonly gpPracticeOds?: string;
  readonly detail?: string;
}

/** The essentials of a PRPA_IN201306UV02 answer. */
export function readPatientMatch(body: ParsedElement): PatientMatch {
  const person = findDescendants(body, NS.hl7, 'patientPerson')[0];
  const patient = findDescendants(body, NS.hl7, 'patient')[0];
  const nhsId = findChildren(patient, NS.hl7, 'id').find((id) => attribute(id, 'root') === '2.16.840.1.113883.2.1.4.1');
  const nameElement = findChild(person, NS.hl7, 'name');
  const name = nameElement
    ? [...findChildren(nameElement, NS.hl7, 'given').map(textContent), ...findChildren(nameElement, NS.hl7, 'family').map(textContent)].join(' ')
    : undefined;
  const provider = findDescendants(body, NS.hl7, 'providerOrganization')[0];
  return {
    acknowledgement: attribute(findPath(body, [NS.hl7, 'acknowledgement'], [NS.hl7, 'typeCode']), 'code') ?? '',
    queryResponseCode: attribute(findDescendants(body, NS.hl7, 'queryResponseCode')[0], 'code') ?? '',
    nhsNumber: attribute(nhsId, 'extension'),
    name,
    gender: attribute(findChild(person, NS.hl7, 'administrativeGenderCode'), 'code'),
    birthTime: attribute(findChild(person, NS.hl7, 'birthTime'), 'value'),
    gpPracticeOds: attribute(findChild(provider, NS.hl7, 'id'), 'extension'),
    detail: textContent(findDescendants(body, NS.hl7, 'acknowledgementDetail')[0]) || undefined,
  };
}

export interface DocumentEntrySummary {
  readonly entryUuid?: string;
  readonly objectType?: string;
  readonly home?: string;
  readonly title?: string;
  readonly uniqueId?: string;
  readonly repositoryUniqueId?: string;
  readonly creationTime?: string;
  readonly size?: string;
  readonly hash?: string;
}

export interface QueryResult {
  readonly status: string;
  readonly entries: DocumentEntrySummary[];
  /** `rim:ObjectRef/@id` of an ObjectRef answer. */
  readonly objectRefs: string[];
  readonly errors: { code: string; message: string; location?: string }[];
}

const UNIQUE_ID_SCHEME = 'urn:uuid:2e82c1f6-a085-4c72-9da3-8640a32e42ab';

/** The essentials of an AdhocQueryResponse. */
export function readQueryResult(body: ParsedElement): QueryResult {
  const entries = findDescendants(body, NS.rim, 'ExtrinsicObject').map((object) => {
    const slotValue = (name: string) => textContent(findChildren(object, NS.rim, 'Slot').find((slot) => attribute(slot, 'name') === name)) || undefined;
    const uniqueId = findChildren(object, NS.rim, 'ExternalIdentifier').find((identifier) => attribute(identifier, 'identificationScheme') === UNIQUE_ID_SCHEME);
    return {
      entryUuid: attribute(object, 'id'),
      objectType: attribute(object, 'objectType'),
      home: attribute(object, 'home'),
      title: attribute(findDescendants(object, NS.rim, 'LocalizedString')[0], 'value'),
      uniqueId: attribute(uniqueId, 'value'),
      repositoryUniqueId: slotValue('repositoryUniqueId'),
      creationTime: slotValue('creationTime'),
      size: slotValue('size'),
      hash: slotValue('hash'),
    };
  });
  const objectRefs = findDescendants(body, NS.rim, 'ObjectRef').map((ref) => attribute(ref, 'id') ?? '');
  return { status: attribute(body, 'status') ?? '', entries, objectRefs, errors: registryErrors(body) };
}

function registryErrors(body: ParsedElement): QueryResult['errors'] {
  return findDescendants(body, NS.rs, 'RegistryError').map((error) => ({
    code: attribute(error, 'errorCode') ?? '',
    message: attribute(error, 'codeContext') ?? '',
    location: attribute(error, 'location'),
  }));
}

export interface RetrievedDocument {
  readonly documentUniqueId: string;
  readonly repositoryUniqueId: string;
  readonly homeCommunityId?: string;
  readonly mimeType?: string;
  /** `cid:` reference when sent as an MTOM attachment. */
  readonly contentId?: string;
  /** Inline base64 content when not MTOM. */
  readonly inline?: Buffer;
  /** For an On-Demand entry: the uniqueId of the document generated for this retrieval. */
  readonly newDocumentUniqueId?: string;
}

export interface RetrieveResult {
  readonly status: string;
  readonly documents: RetrievedDocument[];
  readonly errors: QueryResult['errors'];
}

/** The essentials of a RetrieveDocumentSetResponse. */
export function readRetrieveResult(body: ParsedElement): RetrieveResult {
  const registryResponse = findChild(body, NS.rs, 'RegistryResponse');
  const documents = findChildren(body, NS.xdsb, 'DocumentResponse').map((response) => {
    const documentElement = findChild(response, NS.xdsb, 'Document');
    const include = findChild(documentElement, NS.xop, 'Include');
    const href = attribute(include, 'href');
    return {
      documentUniqueId: textContent(findChild(response, NS.xdsb, 'DocumentUniqueId')),
      repositoryUniqueId: textContent(findChild(response, NS.xdsb, 'RepositoryUniqueId')),
      homeCommunityId: textContent(findChild(response, NS.xdsb, 'HomeCommunityId')) || undefined,
      mimeType: textContent(findChild(response, NS.xdsb, 'mimeType')) || undefined,
      newDocumentUniqueId: textContent(findChild(response, NS.xdsb, 'NewDocumentUniqueId')) || undefined,
      contentId: href ? decodeURIComponent(href.replace(/^cid:/, '')) : undefined,
      inline: include ? undefined : Buffer.from(textContent(documentElement), 'base64'),
    };
  });
  return { status: attribute(registryResponse, 'status') ?? '', documents, errors: registryErrors(registryResponse ?? body) };
}
