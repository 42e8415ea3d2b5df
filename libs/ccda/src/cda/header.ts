import { XmlChild, XmlElement, el } from '@gpb/xml';
import { Address, ContactPoint, HumanName, Identifier, Organization, objects, text, texts } from '../record/fhir';
import { StructuredRecord } from '../record/structured-record';
import { OID } from './code-systems';
import { templateIds } from './ids';
import { hl7Ts } from './time';

export interface HeaderInput {
  readonly record: StructuredRecord;
  readonly documentId: string;
  readonly title: string;
  /** HL7 TS with zone. */
  readonly effectiveTime: string;
  readonly serviceStart?: string;
  readonly serviceStop: string;
  readonly confidentialityCode: 'N' | 'R' | 'V';
  readonly languageCode: string;
}

const NHS_NUMBER_SYSTEM = 'https://fhir.nhs.uk/Id/nhs-number';
const GENDER: Readonly<Record<string, string>> = { male: 'M', female: 'F', other: 'UN', unknown: 'UN' };
const ADDRESS_USE: Readonly<Record<string, string>> = { home: 'HP', work: 'WP', temp: 'TMP', old: 'OLD' };
const TELECOM_USE: Readonly<Record<string, string>> = { home: 'HP', work: 'WP', mobile: 'MC', temp: 'TMP' };
const TELECOM_SCHEME: Readonly<Record<string, string>> = { phone: 'tel:', fax: 'fax:', email: 'mailto:', url: '' };

/** US Realm Header + CCD header elements, in CDA schema order, up to (not including) the body. */
export function headerElements(input: HeaderInput): XmlChild[] {
  const { record } = input;
  const practice = record.practice();
  return [
    el('realmCode', { code: 'GB' }),
    el('typeId', { root: '2.16.840.1.113883.1.3', extension: 'POCD_HD000040' }),
    templateIds('2.16.840.1.113883.10.20.22.1.1', '2015-08-01'),
    templateIds('2.16.840.1.113883.10.20.22.1.2', '2015-08-01'),
    el('id', { root: input.documentId }),
    el('code', { code: '34133-9', codeSystem: OID.loinc, codeSystemName: 'LOINC', displayName: 'Summarization of Episode Note' }),
    el('title', null, input.title),
    el('effectiveTime', { value: input.effectiveTime }),
    el('confidentialityCode', { code: input.confidentialityCode, codeSystem: OID.confidentiality }),
    el('languageCode', { code: input.languageCode }),
    recordTarget(record),
    el(
      'author',
      null,
      el('time', { value: input.effectiveTime }),
      el(
        'assignedAuthor',
        null,
        organisationId(practice.odsCode),
        addresses(practice.organization?.address),
        telecoms(practice.organization?.telecom),
        el('assignedAuthoringDevice', null, el('manufacturerModelName', null, 'GP Connect Access Record: Structured'), el('softwareName', null, 'gp-bridge')),
        representedOrganization('representedOrganization', practice.organization, practice.odsCode),
      ),
    ),
    el('custodian', null, el('assignedCustodian', null, representedOrganization('representedCustodianOrganization', practice.organization, practice.odsCode))),
    el(
      'documentationOf',
      null,
      el(
        'serviceEvent',
        { classCode: 'PCPR' },
        el('effectiveTime', null, input.serviceStart ? el('low', { value: input.serviceStart }) : el('low', { nullFlavor: 'UNK' }), el('high', { value: input.serviceStop })),
      ),
    ),
  ];
}

function recordTarget(record: StructuredRecord): XmlElement {
  const patient = record.patient;
  const nhsNumber = text(objects<Identifier>(patient.identifier).find((id) => id.system === NHS_NUMBER_SYSTEM)?.value);
  const birthTime = hl7Ts(patient.birthDate);
  const gender = typeof patient.gender === 'string' ? GENDER[patient.gender] : undefined;
  return el(
    'recordTarget',
    null,
    el(
      'patientRole',
      null,
      nhsNumber ? el('id', { root: OID.nhsNumber, extension: nhsNumber }) : el('id', { nullFlavor: 'UNK' }),
      addresses(patient.address),
      telecoms(patient.telecom),
      el(
        'patient',
        null,
        names(patient.name),
        gender ? el('administrativeGenderCode', { code: gender, codeSystem: OID.administrativeGender }) : el('administrativeGenderCode', { nullFlavor: 'UNK' }),
        birthTime ? el('birthTime', { value: birthTime }) : el('birthTime', { nullFlavor: 'UNK' }),
        // Race and ethnicity are US-realm data the NHS record does not hold.
        el('raceCode', { nullFlavor: 'UNK' }),
        el('ethnicGroupCode', { nullFlavor: 'UNK' }),
      ),
    ),
  );
}

function names(list: readonly HumanName[] | undefined): XmlElement[] {
  const all = objects<HumanName>(list);
  const chosen = all.find((name) => name.use === 'official' || name.use === 'usual') ?? all[0];
  if (!chosen) return [el('name', { nullFlavor: 'UNK' })];
  return [
    el(
      'name',
      { use: 'L' },
      texts(chosen.prefix).map((prefix) => el('prefix', null, prefix)),
      texts(chosen.given).map((given) => el('given', null, given)),
      text(chosen.family) ? el('family', null, text(chosen.family)) : el('family', { nullFlavor: 'UNK' }),
    ),
  ];
}

function addresses(list: readonly Address[] | undefined): XmlElement[] {
  const usable = objects<Address>(list).filter((address) => texts(address.line).length || text(address.city) || text(address.postalCode));
  if (usable.length === 0) return [el('addr', { nullFlavor: 'UNK' })];
  return usable.map((address) =>
    el(
      'addr',
      { use: typeof address.use === 'string' ? ADDRESS_USE[address.use] : undefined },
      texts(address.line).map((line) => el('streetAddressLine', null, line)),
      text(address.city) && el('city', null, text(address.city)),
      text(address.district) && el('county', null, text(address.district)),
      text(address.postalCode) && el('postalCode', null, text(address.postalCode)),
      el('country', null, text(address.country) ?? 'GB'),
    ),
  );
}

function telecoms(list: readonly ContactPoint[] | undefined): XmlElement[] {
  const usable = objects<ContactPoint>(list).filter((point) => text(point.value) && typeof point.system === 'string' && point.system in TELECOM_SCHEME);
  if (usable.length === 0) return [el('telecom', { nullFlavor: 'UNK' })];
  return usable.map((point) =>
    el('telecom', {
      use: typeof point.use === 'string' ? TELECOM_USE[point.use] : undefined,
      value: `${TELECOM_SCHEME[point.system ?? ''] ?? ''}${(text(point.value) ?? '').replace(/\s+/g, '')}`,
    }),
  );
}

function organisationId(odsCode: string | undefined): XmlElement {
  return odsCode ? el('id', { root: OID.odsCode, extension: odsCode }) : el('id', { nullFlavor: 'UNK' });
}

function representedOrganization(name: string, organization: Organization | undefined, odsCode: string | undefined): XmlElement {
  return el(
    name,
    null,
    organisationId(odsCode),
    el('name', null, text(organization?.name) ?? 'GP practice'),
    telecoms(organization?.telecom),
    addresses(organization?.address),
  );
}
