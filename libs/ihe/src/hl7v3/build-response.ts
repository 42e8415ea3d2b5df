import { randomUUID } from 'node:crypto';
import { XmlChild, XmlElement, el, toXmlElement } from '@gpb/xml';
import { fhirDateTimeToTs, formatHl7Date, formatHl7Timestamp } from '../hl7-formats';
import { NS } from '../namespaces';
import { OIDS } from '../xds-constants';
import { DeviceRef, InstanceIdentifier, MatchedPatient, PatientDiscoveryOutcome, PatientDiscoveryResponseInput } from './types';

const INTERACTION_ROOT = '2.16.840.1.113883.1.6';
const ADMINISTRATIVE_GENDER = '2.16.840.1.113883.5.1';
/** IHE XCPD error codes (ITI TF-2b 3.55.4.2.2.6): InternalError, AnswerNotAvailable, … */
const XCPD_ERROR_CODES = '1.3.6.1.4.1.19376.1.2.27.3';

const GENDER_CODES: Record<NonNullable<MatchedPatient['gender']>, string> = { male: 'M', female: 'F', other: 'UN', unknown: 'UN' };

/** PRPA_IN201306UV02: the answer to an ITI-47 / ITI-55 query, for a match, no match or an error (ITI TF-2b 3.55.4.2). */
export function buildPatientDiscoveryResponse(input: PatientDiscoveryResponseInput): XmlElement {
  const { request, outcome } = input;
  const homeOid = input.homeCommunityId.replace(/^urn:oid:/i, '');
  const isXcpd = input.transaction === 'iti55';
  const ack = acknowledgement(outcome);
  const responseId = input.messageId ?? { root: input.deviceId, extension: randomUUID() };

  return el(
    'hl7:PRPA_IN201306UV02',
    { 'xmlns:hl7': NS.hl7, 'xmlns:xsi': NS.xsi, ITSVersion: 'XML_1.0' },
    ii('hl7:id', responseId),
    el('hl7:creationTime', { value: formatHl7Timestamp(input.now) }),
    el('hl7:interactionId', { root: INTERACTION_ROOT, extension: 'PRPA_IN201306UV02' }),
    el('hl7:processingCode', { code: request.processingCode ?? 'P' }),
    el('hl7:processingModeCode', { code: 'T' }),
    el('hl7:acceptAckCode', { code: 'NE' }),
    el('hl7:receiver', { typeCode: 'RCV' }, device(request.sender)),
    // XCPD: the responding gateway names its home community in sender/device/asAgent (ITI TF-2b 3.55.4.2.2.3).
    el('hl7:sender', { typeCode: 'SND' }, device({ id: { root: input.deviceId }, homeCommunityOid: isXcpd ? homeOid : undefined })),
    el(
      'hl7:acknowledgement',
      null,
      el('hl7:typeCode', { code: ack.typeCode }),
      el('hl7:targetMessage', null, ii('hl7:id', request.messageId)),
      ack.detail,
    ),
    el(
      'hl7:controlActProcess',
      { classCode: 'CACT', moodCode: 'EVN' },
      el('hl7:code', { code: 'PRPA_TE201306UV02', codeSystem: INTERACTION_ROOT }),
      outcome.kind === 'match' && subject(outcome.patient, outcome.matchScore ?? 100, homeOid),
      el(
        'hl7:queryAck',
        null,
        request.queryId && ii('hl7:queryId', request.queryId),
        el('hl7:statusCode', { code: 'deliveredResponse' }),
        el('hl7:queryResponseCode', { code: ack.queryResponseCode }),
        quantities(outcome.kind === 'match' ? 1 : 0),
      ),
      request.queryByParameter && toXmlElement(request.queryByParameter, { dropWhitespace: true }),
    ),
  );
}

function acknowledgement(outcome: PatientDiscoveryOutcome): { typeCode: 'AA' | 'AE'; queryResponseCode: 'OK' | 'NF' | 'AE' | 'QE'; detail?: XmlElement } {
  switch (outcome.kind) {
    case 'match':
      return { typeCode: 'AA', queryResponseCode: 'OK' };
    case 'no-match':
      return { typeCode: 'AA', queryResponseCode: 'NF' };
    case 'error':
      return {
        typeCode: 'AE',
        queryResponseCode: outcome.queryResponseCode ?? 'AE',
        detail: el(
          'hl7:acknowledgementDetail',
          { typeCode: 'E' },
          el('hl7:code', { code: outcome.code, codeSystem: outcome.codeSystem ?? XCPD_ERROR_CODES }),
          el('hl7:text', null, outcome.text),
        ),
      };
  }
}

function quantities(count: number): XmlElement[] {
  return [
    el('hl7:resultTotalQuantity', { value: count }),
    el('hl7:resultCurrentQuantity', { value: count }),
    el('hl7:resultRemainingQuantity', { value: 0 }),
  ];
}

function subject(patient: MatchedPatient, matchScore: number, custodianOid: string): XmlElement {
  return el(
    'hl7:subject',
    { typeCode: 'SUBJ' },
    el(
      'hl7:registrationEvent',
      { classCode: 'REG', moodCode: 'EVN' },
      el('hl7:id', { nullFlavor: 'NA' }),
      el('hl7:statusCode', { code: 'active' }),
      el(
        'hl7:subject1',
        { typeCode: 'SBJ' },
        el(
          'hl7:patient',
          { classCode: 'PAT' },
          ii('hl7:id', { root: OIDS.nhsNumber, extension: patient.nhsNumber }),
          el('hl7:statusCode', { code: 'active' }),
          person(patient),
          patient.gpOdsCode !== undefined &&
            el(
              'hl7:providerOrganization',
              { classCode: 'ORG', determinerCode: 'INSTANCE' },
              ii('hl7:id', { root: OIDS.odsOrganisationCode, extension: patient.gpOdsCode }),
              patient.gpName !== undefined && el('hl7:name', null, patient.gpName),
              el('hl7:contactParty', { classCode: 'CON' }),
            ),
          el(
            'hl7:subjectOf1',
            null,
            el(
              'hl7:queryMatchObservation',
              { classCode: 'COND', moodCode: 'EVN' },
              el('hl7:code', { code: 'IHE_PDQ' }),
              el('hl7:value', { 'xsi:type': 'hl7:INT', value: Math.round(Math.min(100, Math.max(0, matchScore))) }),
            ),
          ),
        ),
      ),
      // XCPD: custodian/assignedEntity/id names the community that holds the patient (ITI TF-2b 3.55.4.2.2.4);
      // the schema requires a custodian for PDQv3 too, where it names the same organisation.
      el('hl7:custodian', { typeCode: 'CST' }, el('hl7:assignedEntity', { classCode: 'ASSIGNED' }, el('hl7:id', { root: custodianOid }))),
    ),
  );
}

function person(patient: MatchedPatient): XmlElement {
  const name = patient.name;
  const hasName = name !== undefined && (name.given.length > 0 || name.family !== undefined || (name.prefix?.length ?? 0) > 0);
  const birthTime = patient.birthDate === undefined ? undefined : formatHl7Date(patient.birthDate);
  const deceasedTime = patient.deceasedDateTime === undefined ? undefined : fhirDateTimeToTs(patient.deceasedDateTime);
  const deceased = patient.deceased === true || patient.deceasedDateTime !== undefined;
  const address = patient.address;
  const parts: XmlChild[] = [];
  if (hasName) {
    parts.push(
      el(
        'hl7:name',
        { use: 'L' },
        (name.prefix ?? []).map((prefix) => el('hl7:prefix', null, prefix)),
        name.given.map((given) => el('hl7:given', null, given)),
        name.family !== undefined && el('hl7:family', null, name.family),
      ),
    );
  } else {
    parts.push(el('hl7:name', { nullFlavor: 'MSK' }));
  }
  return el(
    'hl7:patientPerson',
    { classCode: 'PSN', determinerCode: 'INSTANCE' },
    parts,
    patient.gender !== undefined && el('hl7:administrativeGenderCode', { code: GENDER_CODES[patient.gender], codeSystem: ADMINISTRATIVE_GENDER }),
    birthTime !== undefined && el('hl7:birthTime', { value: birthTime }),
    deceased && el('hl7:deceasedInd', { value: 'true' }),
    deceasedTime !== undefined && el('hl7:deceasedTime', { value: deceasedTime }),
    address !== undefined &&
      el(
        'hl7:addr',
        { use: 'H' },
        address.lines.map((line) => el('hl7:streetAddressLine', null, line)),
        address.city !== undefined && el('hl7:city', null, address.city),
        address.district !== undefined && el('hl7:county', null, address.district),
        address.postcode !== undefined && el('hl7:postalCode', null, address.postcode),
        address.country !== undefined && el('hl7:country', null, address.country),
      ),
    (patient.otherIds ?? []).map((id) =>
      el(
        'hl7:asOtherIDs',
        { classCode: 'PAT' },
        ii('hl7:id', id),
        el('hl7:scopingOrganization', { classCode: 'ORG', determinerCode: 'INSTANCE' }, el('hl7:id', { root: id.root })),
      ),
    ),
  );
}

function device(ref: DeviceRef): XmlElement {
  return el(
    'hl7:device',
    { classCode: 'DEV', determinerCode: 'INSTANCE' },
    ii('hl7:id', ref.id),
    ref.homeCommunityOid !== undefined &&
      el(
        'hl7:asAgent',
        { classCode: 'AGNT' },
        el('hl7:representedOrganization', { classCode: 'ORG', determinerCode: 'INSTANCE' }, el('hl7:id', { root: ref.homeCommunityOid })),
      ),
  );
}

function ii(name: string, id: InstanceIdentifier): XmlElement {
  return el(name, { root: id.root, extension: id.extension });
}
