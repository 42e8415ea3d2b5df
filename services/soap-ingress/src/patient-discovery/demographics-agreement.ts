import type { PatientDemographics } from '@gpb/contracts';
import type { PatientDiscoveryQuery } from '@gpb/ihe';

const GENDERS: Readonly<Record<string, PatientDemographics['gender']>> = { M: 'male', F: 'female', UN: 'other' };

const normalise = (text: string) => text.normalize('NFKD').replace(/[^\p{L}]/gu, '').toLowerCase();

/**
 * Demographics sent with an NHS number must agree with PDS before we claim a match: a mistyped NHS
 * number must not pull another person's GP record. Only what the client sent is compared.
 */
export function demographicsDisagree(query: PatientDiscoveryQuery, patient: PatientDemographics): readonly string[] {
  const problems: string[] = [];
  const family = query.name?.family;
  if (family && patient.name?.family && normalise(family) !== normalise(patient.name.family)) problems.push('family name');
  const birthDigits = query.birthTime?.replace(/\D/g, '').slice(0, 8);
  const pdsBirth = patient.birthDate?.replace(/\D/g, '');
  if (birthDigits && pdsBirth && !(birthDigits.startsWith(pdsBirth) || pdsBirth.startsWith(birthDigits))) problems.push('birth date');
  const gender = query.gender ? GENDERS[query.gender.toUpperCase()] : undefined;
  if (gender && patient.gender && patient.gender !== 'unknown' && gender !== patient.gender) problems.push('gender');
  return problems;
}
