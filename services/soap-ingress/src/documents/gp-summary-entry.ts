import type { PatientDemographics } from '@gpb/contracts';
import { CodedValue, DocumentEntry, GP_SUMMARY_CODES, SourcePatientInfo } from '@gpb/ihe';
import { SoapIngressConfig } from '../config';
import { DocumentRecord, OnDemandRecord } from './document-registry';
import { parseHl7Timestamp } from './hl7-time';

const SNOMED_CT = '2.16.840.1.113883.6.96';
const CONFIDENTIALITY = '2.16.840.1.113883.5.25';

/** The fixed coded metadata of the one document we publish: the GP summary CCD. */
const GP_SUMMARY_METADATA = {
  classCode: GP_SUMMARY_CODES.typeCode,
  typeCode: GP_SUMMARY_CODES.typeCode,
  formatCode: GP_SUMMARY_CODES.formatCode,
  healthcareFacilityTypeCode: { code: '35971002', codeSystem: SNOMED_CT, displayName: 'Ambulatory care site' },
  practiceSettingCode: { code: '394802001', codeSystem: SNOMED_CT, displayName: 'General medicine' },
} as const satisfies Record<string, CodedValue>;

const CONFIDENTIALITY_NAMES = { N: 'normal', R: 'restricted', V: 'very restricted' } as const;

const SEX: Readonly<Record<string, SourcePatientInfo['gender']>> = { male: 'M', female: 'F', other: 'O', unknown: 'U' };

/** The XDS DocumentEntry advertising a generated document (a stable entry: it exists, with hash and size). */
export function gpSummaryEntry(document: DocumentRecord, config: SoapIngressConfig, patient?: PatientDemographics): DocumentEntry {
  const creationTime = parseHl7Timestamp(document.creationTime);
  const serviceStartTime = parseHl7Timestamp(document.serviceStartTime);
  const serviceStopTime = parseHl7Timestamp(document.serviceStopTime);
  return {
    entryUuid: document.entryUuid,
    uniqueId: document.uniqueId,
    homeCommunityId: `urn:oid:${config.homeCommunityId}`,
    repositoryUniqueId: config.repositoryUniqueId,
    availability: 'stable',
    status: 'Approved',
    title: document.title,
    mimeType: 'text/xml',
    languageCode: document.languageCode,
    ...(creationTime ? { creationTime } : {}),
    ...(serviceStartTime ? { serviceStartTime } : {}),
    ...(serviceStopTime ? { serviceStopTime } : {}),
    hash: document.sha1,
    size: document.size,
    patientId: document.nhsNumber,
    ...(patient ? { sourcePatientInfo: sourcePatientInfo(patient) } : {}),
    author: { institutionName: document.custodian.name ?? 'GP practice', odsCode: document.custodian.odsCode ?? document.odsCode },
    confidentialityCode: {
      code: document.confidentialityCode,
      codeSystem: CONFIDENTIALITY,
      displayName: CONFIDENTIALITY_NAMES[document.confidentialityCode],
    },
    ...GP_SUMMARY_METADATA,
  };
}

function sourcePatientInfo(patient: PatientDemographics): SourcePatientInfo {
  const gender = patient.gender ? SEX[patient.gender] : undefined;
  return {
    ...(patient.name?.family ? { family: patient.name.family } : {}),
    ...(patient.name?.given.length ? { given: patient.name.given } : {}),
    ...(patient.birthDate ? { birthDate: patient.birthDate } : {}),
    ...(gender ? { gender } : {}),
  };
}

/** The On-Demand entry: a GP summary generated fresh from GP Connect when retrieved (no hash, size or creation time). */
export function onDemandSummaryEntry(record: OnDemandRecord, config: SoapIngressConfig, patient?: PatientDemographics): DocumentEntry {
  return {
    entryUuid: record.entryUuid,
    uniqueId: record.uniqueId,
    homeCommunityId: `urn:oid:${config.homeCommunityId}`,
    repositoryUniqueId: config.repositoryUniqueId,
    availability: 'onDemand',
    status: 'Approved',
    title: 'GP summary record (generated from the GP record when retrieved)',
    mimeType: 'text/xml',
    languageCode: 'en-GB',
    patientId: record.nhsNumber,
    ...(patient ? { sourcePatientInfo: sourcePatientInfo(patient) } : {}),
    author: { institutionName: record.odsCode, odsCode: record.odsCode },
    confidentialityCode: { code: 'N', codeSystem: CONFIDENTIALITY, displayName: CONFIDENTIALITY_NAMES.N },
    ...GP_SUMMARY_METADATA,
  };
}
