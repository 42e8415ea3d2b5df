import { createHash } from 'node:crypto';
import { XmlElement, el } from '@gpb/xml';
import { escapeV2, formatDtm, formatHl7Date } from '../hl7-formats';
import { OIDS, XDS } from '../xds-constants';
import type { DocumentAvailability } from './adhoc-query-request';
import { nhsNumberCx } from './slot-values';

/** A coded metadata value: code, its coding scheme (OID or URN) and display name. */
export interface CodedValue {
  readonly code: string;
  readonly codeSystem: string;
  readonly displayName: string;
}

/** Demographics as the source system knows them (XDSDocumentEntry.sourcePatientInfo, PID segment fields). */
export interface SourcePatientInfo {
  readonly family?: string;
  readonly given?: readonly string[];
  /** FHIR date (YYYY-MM-DD) or HL7 date (YYYYMMDD). */
  readonly birthDate?: string;
  /** HL7 v2 administrative sex (table 0001). */
  readonly gender?: 'M' | 'F' | 'U' | 'O' | 'A' | 'N';
  readonly address?: { readonly lines: readonly string[]; readonly city?: string; readonly postcode?: string; readonly country?: string };
}

/** One XDS document entry as we advertise it (ITI TF-3 4.2.3.2). */
export interface DocumentEntry {
  /** Symbolic id `urn:uuid:…`, also used as `lid`. */
  readonly entryUuid: string;
  /** XDSDocumentEntry.uniqueId: an OID. */
  readonly uniqueId: string;
  /** `urn:oid:…` of our community. */
  readonly homeCommunityId: string;
  readonly repositoryUniqueId: string;
  readonly availability: DocumentAvailability;
  readonly status?: 'Approved' | 'Deprecated';
  readonly title: string;
  /** Defaults to text/xml (a CDA document). */
  readonly mimeType?: string;
  /** Defaults to en-GB. */
  readonly languageCode?: string;
  /** Required for stable entries; optional for On-Demand entries. */
  readonly creationTime?: Date;
  readonly serviceStartTime?: Date;
  readonly serviceStopTime?: Date;
  /** SHA-1 of the document, hex; stable entries only. */
  readonly hash?: string;
  /** Size in bytes; stable entries only. */
  readonly size?: number;
  /** The NHS number (the affinity-domain patient id). */
  readonly patientId: string;
  readonly sourcePatientInfo?: SourcePatientInfo;
  /** The GP practice that holds the record. */
  readonly author: { readonly institutionName: string; readonly odsCode: string };
  readonly classCode: CodedValue;
  readonly typeCode: CodedValue;
  readonly formatCode: CodedValue;
  readonly confidentialityCode: CodedValue;
  readonly healthcareFacilityTypeCode: CodedValue;
  readonly practiceSettingCode: CodedValue;
}

/** A full-metadata `rim:ExtrinsicObject` for a LeafClass answer (ITI TF-3 Table 4.2.3.2-1). */
export function buildExtrinsicObject(entry: DocumentEntry): XmlElement {
  const id = entry.entryUuid;
  const stable = entry.availability === 'stable';
  const patientCx = nhsNumberCx(entry.patientId);
  return el(
    'rim:ExtrinsicObject',
    {
      id,
      lid: id,
      home: entry.homeCommunityId,
      objectType: stable ? XDS.objectType.stableDocumentEntry : XDS.objectType.onDemandDocumentEntry,
      status: entry.status === 'Deprecated' ? XDS.status.deprecated : XDS.status.approved,
      mimeType: entry.mimeType ?? 'text/xml',
    },
    entry.creationTime && slot('creationTime', formatDtm(entry.creationTime)),
    slot('languageCode', entry.languageCode ?? 'en-GB'),
    entry.serviceStartTime && slot('serviceStartTime', formatDtm(entry.serviceStartTime)),
    entry.serviceStopTime && slot('serviceStopTime', formatDtm(entry.serviceStopTime)),
    slot('sourcePatientId', patientCx),
    slot('sourcePatientInfo', ...sourcePatientInfo(patientCx, entry.sourcePatientInfo)),
    slot('repositoryUniqueId', entry.repositoryUniqueId),
    entry.hash !== undefined && slot('hash', entry.hash),
    entry.size !== undefined && slot('size', String(entry.size)),
    name(entry.title),
    el(
      'rim:Classification',
      {
        id: derivedId(id, XDS.classificationScheme.author),
        classificationScheme: XDS.classificationScheme.author,
        classifiedObject: id,
        nodeRepresentation: '',
        objectType: XDS.objectType.classification,
      },
      slot('authorInstitution', xon(entry.author.institutionName, entry.author.odsCode)),
    ),
    classification(id, XDS.classificationScheme.classCode, entry.classCode),
    classification(id, XDS.classificationScheme.confidentialityCode, entry.confidentialityCode),
    classification(id, XDS.classificationScheme.formatCode, entry.formatCode),
    classification(id, XDS.classificationScheme.healthcareFacilityTypeCode, entry.healthcareFacilityTypeCode),
    classification(id, XDS.classificationScheme.practiceSettingCode, entry.practiceSettingCode),
    classification(id, XDS.classificationScheme.typeCode, entry.typeCode),
    externalIdentifier(id, XDS.identificationScheme.patientId, patientCx, 'XDSDocumentEntry.patientId'),
    externalIdentifier(id, XDS.identificationScheme.uniqueId, entry.uniqueId, 'XDSDocumentEntry.uniqueId'),
  );
}

/** A `rim:ObjectRef` for an ObjectRef answer. */
export function buildObjectRef(entry: Pick<DocumentEntry, 'entryUuid' | 'homeCommunityId'>): XmlElement {
  return el('rim:ObjectRef', { id: entry.entryUuid, home: entry.homeCommunityId });
}

function slot(slotName: string, ...values: string[]): XmlElement {
  return el('rim:Slot', { name: slotName }, el('rim:ValueList', null, values.map((value) => el('rim:Value', null, value))));
}

function name(value: string): XmlElement {
  return el('rim:Name', null, el('rim:LocalizedString', { value }));
}

function classification(entryId: string, scheme: string, coded: CodedValue): XmlElement {
  return el(
    'rim:Classification',
    {
      id: derivedId(entryId, scheme),
      classificationScheme: scheme,
      classifiedObject: entryId,
      nodeRepresentation: coded.code,
      objectType: XDS.objectType.classification,
    },
    slot('codingScheme', coded.codeSystem),
    name(coded.displayName),
  );
}

function externalIdentifier(entryId: string, scheme: string, value: string, label: string): XmlElement {
  return el(
    'rim:ExternalIdentifier',
    { id: derivedId(entryId, scheme), registryObject: entryId, identificationScheme: scheme, value, objectType: XDS.objectType.externalIdentifier },
    name(label),
  );
}

/** XON: `name^^^^^&<ODS root>&ISO^^^^<ODS code>` (ITI TF-3 4.2.3.1.7, authorInstitution). */
function xon(institutionName: string, odsCode: string): string {
  return `${escapeV2(institutionName)}^^^^^&${OIDS.odsOrganisationCode}&ISO^^^^${escapeV2(odsCode)}`;
}

function sourcePatientInfo(patientCx: string, info: SourcePatientInfo | undefined): string[] {
  const values = [`PID-3|${patientCx}`];
  if (!info) return values;
  if (info.family !== undefined || (info.given?.length ?? 0) > 0) {
    const given = info.given ?? [];
    values.push(`PID-5|${escapeV2(info.family ?? '')}^${escapeV2(given[0] ?? '')}^${escapeV2(given.slice(1).join(' '))}^^`);
  }
  const birthDate = info.birthDate === undefined ? undefined : formatHl7Date(info.birthDate);
  if (birthDate) values.push(`PID-7|${birthDate}`);
  if (info.gender) values.push(`PID-8|${info.gender}`);
  if (info.address) {
    const [line1 = '', ...rest] = info.address.lines;
    const address = [line1, rest.join(', '), info.address.city ?? '', '', info.address.postcode ?? '', info.address.country ?? ''];
    values.push(`PID-11|${address.map(escapeV2).join('^')}`);
  }
  return values;
}

/** Stable `urn:uuid:` for a classification/identifier of an entry (RFC 4122 name-based, SHA-1). */
function derivedId(entryId: string, scheme: string): string {
  const hash = createHash('sha1').update(`${entryId}|${scheme}`).digest();
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50;
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

