import type { PatientDemographics, PersonName, PostalAddress } from '@gpb/contracts';
import type { FhirAddress, FhirHumanName, FhirPatient, FhirPeriod } from './fhir-patient';

const ODS_SYSTEM = 'https://fhir.nhs.uk/Id/ods-organization-code';
const CONFIDENTIALITY_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality';
/** Restricted (R), very restricted (V) and redacted records: PDS withholds details, and so must we. */
const WITHHELD_CODES: ReadonlySet<string> = new Set(['R', 'V', 'REDACTED']);
const GENDERS: ReadonlySet<string> = new Set(['male', 'female', 'other', 'unknown']);

export function isRestricted(patient: FhirPatient): boolean {
  return (patient.meta?.security ?? []).some(
    (label) => label.code !== undefined && WITHHELD_CODES.has(label.code) && (label.system === undefined || label.system === CONFIDENTIALITY_SYSTEM),
  );
}

/** The demographics we disclose, from an unrestricted PDS Patient. */
export function toDemographics(patient: FhirPatient, nhsNumber: string, today: string): PatientDemographics {
  const name = pick(patient.name ?? [], ['usual', 'official'], today);
  const address = pick(patient.address ?? [], ['home'], today);
  const gp = (patient.generalPractitioner ?? []).find((item) => item.identifier?.value && (item.identifier.system ?? ODS_SYSTEM) === ODS_SYSTEM);
  return {
    nhsNumber,
    ...(name ? { name: toName(name) } : {}),
    ...(patient.gender && GENDERS.has(patient.gender) ? { gender: patient.gender as PatientDemographics['gender'] } : {}),
    ...(patient.birthDate ? { birthDate: patient.birthDate } : {}),
    ...(patient.deceasedDateTime ? { deceasedDateTime: patient.deceasedDateTime } : {}),
    ...(address ? { address: toAddress(address) } : {}),
    telecom: (patient.telecom ?? [])
      .filter((point) => point.system && point.value)
      .map((point) => ({ system: point.system ?? '', value: point.value ?? '', ...(point.use ? { use: point.use } : {}) })),
    ...(gp?.identifier?.value ? { gpOdsCode: gp.identifier.value } : {}),
  };
}

/** The first item with a preferred use, current ones first; else any current one; else the first. */
function pick<T extends { readonly use?: string; readonly period?: FhirPeriod }>(items: readonly T[], uses: readonly string[], today: string): T | undefined {
  const current = items.filter((item) => isCurrent(item.period, today));
  for (const pool of [current, items]) {
    for (const use of uses) {
      const match = pool.find((item) => item.use === use);
      if (match) return match;
    }
  }
  return current[0] ?? items[0];
}

function isCurrent(period: FhirPeriod | undefined, today: string): boolean {
  if (!period) return true;
  return (period.start === undefined || period.start.slice(0, 10) <= today) && (period.end === undefined || period.end.slice(0, 10) >= today);
}

function toName(name: FhirHumanName): PersonName {
  return {
    given: [...(name.given ?? [])],
    ...(name.family ? { family: name.family } : {}),
    ...(name.prefix?.length ? { prefix: [...name.prefix] } : {}),
  };
}

function toAddress(address: FhirAddress): PostalAddress {
  return {
    lines: [...(address.line ?? [])],
    ...(address.city ? { city: address.city } : {}),
    ...(address.district ? { district: address.district } : {}),
    ...(address.postalCode ? { postcode: address.postalCode } : {}),
  };
}
