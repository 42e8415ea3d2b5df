import { SCHEMAS, validateXsd } from '@gpb/testing';
import { ParsedElement, XmlElement, attribute, findChild, findChildren, findDescendants, findPath, parseXml, resolveQName, serializeXml, textContent } from '@gpb/xml';
import { NS } from '../namespaces';
import { readSoapRequest } from '../soap/read-request';
import { iheSample } from '../testing/samples';
import { buildPatientDiscoveryResponse } from './build-response';
import { readPatientDiscoveryQuery } from './read-query';
import { MatchedPatient, PatientDiscoveryOutcome, PatientDiscoveryQuery } from './types';

const H = NS.hl7;
const HOME = 'urn:oid:1.2.826.0.1.999.1';
const DEVICE = '1.2.826.0.1.999.3';
const NOW = new Date('2025-07-31T18:49:15Z');

function query(xml: string): PatientDiscoveryQuery {
  const result = readPatientDiscoveryQuery(parseXml(xml));
  if (!result.ok) throw new Error(result.problem);
  return result.value;
}

const patient: MatchedPatient = {
  nhsNumber: '9690937286',
  name: { given: ['Jane', 'Ann'], family: 'Smith', prefix: ['Mrs'] },
  gender: 'female',
  birthDate: '1980-02-01',
  address: { lines: ['1 Trevelyan Square', 'Boar Lane'], city: 'Leeds', district: 'West Yorkshire', postcode: 'LS1 6AE' },
  gpOdsCode: 'A81001',
  gpName: 'The Health Centre',
  otherIds: [{ root: '1.2.840.114350.1.13.99997.2.3412', extension: '1234' }],
};

async function expectValid(element: XmlElement): Promise<ParsedElement> {
  const xml = serializeXml(element, { declaration: true });
  const result = await validateXsd(SCHEMAS.hl7v3Response, xml);
  expect(result.errors).toEqual([]);
  return parseXml(xml);
}

const path = (root: ParsedElement | undefined, ...locals: string[]) => findPath(root, ...locals.map((local) => [H, local] as const));

describe('readPatientDiscoveryQuery', () => {
  it('reads the ITI-47 sample', () => {
    const request = query(iheSample('iti47/01_PDQQuery1.xml'));
    expect(request).toMatchObject({
      messageId: { root: '1.2.840.114350.1.13.0.1.7.1.1', extension: '35423' },
      sender: { id: { root: '1.2.840.114350.1.13.999.567' } },
      receiver: { id: { root: '1.2.840.114350.1.13.999.234' } },
      processingCode: 'T',
      interactionId: 'PRPA_IN201305UV02',
      queryId: { root: '1.2.840.114350.1.13.28.1.18.5.999', extension: '18204' },
      responsePriorityCode: 'I',
      deferred: false,
      livingSubjectIds: [{ root: '1.2.840.114350.1.13.99997.2.3412', extension: '1234' }],
      name: { given: ['Jimmy'], family: 'Jones' },
      birthTime: '19630804',
      gender: 'M',
    });
    expect(request.nhsNumber).toBeUndefined();
    expect(request.postcode).toBeUndefined();
    expect(request.queryByParameter.local).toBe('queryByParameter');
  });

  it('reads the ITI-55 sample through readSoapRequest-like wrapping, with the sender community', () => {
    const envelope = `<s:Envelope xmlns:s="${NS.soap12}"><s:Body>${iheSample('iti55/iti55-sample-request.xml')}</s:Body></s:Envelope>`;
    const soap = readSoapRequest(envelope);
    if (!soap.ok) throw new Error(soap.fault.reason);
    const result = readPatientDiscoveryQuery(soap.body);
    if (!result.ok) throw new Error(result.problem);
    expect(result.value).toMatchObject({
      sender: { id: { root: '1.2.840.114350.1.13.999.567' }, homeCommunityOid: '1.2.3.928.955' },
      livingSubjectIds: [
        { root: '1.2.840.114350.1.13.99997.2.3412', extension: '1234' },
        { root: '2.16.840.1.113883.4.1', extension: '58910' },
      ],
      name: { given: ['Jimmy'], family: 'Jones' },
      birthTime: '19630805',
      deferred: false,
    });
  });

  it('detects a deferred-mode XCPD request and where to send the answer', () => {
    const request = query(iheSample('iti55/iti55-sample-request-deferred.xml'));
    expect(request.responsePriorityCode).toBe('D');
    expect(request.deferred).toBe(true);
    expect(request.respondTo).toBe('***REPLACEME***');
  });

  it('reads an NHS number and a postcode', () => {
    const request = query(
      `<PRPA_IN201305UV02 xmlns="${H}" ITSVersion="XML_1.0"><id root="1.2" extension="9"/><sender typeCode="SND"><device><id root="1.3"/></device></sender>` +
        `<controlActProcess><queryByParameter><queryId root="1.4"/><parameterList>` +
        `<livingSubjectId><value root="2.16.840.1.113883.2.1.4.1" extension="9690937286"/></livingSubjectId>` +
        `<patientAddress><value><postalCode>LS1 6AE</postalCode></value></patientAddress>` +
        `</parameterList></queryByParameter></controlActProcess></PRPA_IN201305UV02>`,
    );
    expect(request.nhsNumber).toBe('9690937286');
    expect(request.postcode).toBe('LS1 6AE');
    expect(request.name).toBeUndefined();
  });

  it('reports what it cannot read, with what is needed to answer AE', () => {
    expect(readPatientDiscoveryQuery(parseXml('<x/>'))).toMatchObject({ ok: false });
    const partial = readPatientDiscoveryQuery(
      parseXml(`<PRPA_IN201305UV02 xmlns="${H}"><id root="1.2" extension="9"/><sender><device><id root="1.3"/></device></sender></PRPA_IN201305UV02>`),
    );
    expect(partial).toMatchObject({ ok: false, echo: { messageId: { root: '1.2', extension: '9' }, sender: { id: { root: '1.3' } } } });
  });
});

describe('buildPatientDiscoveryResponse', () => {
  const request = query(iheSample('iti55/iti55-sample-request.xml'));
  const build = (transaction: 'iti55' | 'iti47', outcome: PatientDiscoveryOutcome) =>
    buildPatientDiscoveryResponse({ transaction, request, outcome, homeCommunityId: HOME, deviceId: DEVICE, now: NOW, messageId: { root: DEVICE, extension: 'r1' } });

  it('answers an XCPD match: AA/OK, the patient, the GP practice, our community as custodian', async () => {
    const doc = await expectValid(build('iti55', { kind: 'match', patient }));
    expect(attribute(path(doc, 'creationTime'), 'value')).toBe('20250731184915+0000');
    expect(attribute(path(doc, 'receiver', 'device', 'id'), 'root')).toBe('1.2.840.114350.1.13.999.567');
    expect(attribute(path(doc, 'receiver', 'device', 'asAgent', 'representedOrganization', 'id'), 'root')).toBe('1.2.3.928.955');
    expect(attribute(path(doc, 'sender', 'device', 'id'), 'root')).toBe(DEVICE);
    expect(attribute(path(doc, 'sender', 'device', 'asAgent', 'representedOrganization', 'id'), 'root')).toBe('1.2.826.0.1.999.1');
    expect(attribute(path(doc, 'acknowledgement', 'typeCode'), 'code')).toBe('AA');
    expect(attribute(path(doc, 'acknowledgement', 'targetMessage', 'id'), 'extension')).toBe('35423');
    expect(attribute(path(doc, 'processingCode'), 'code')).toBe('T');

    const event = path(doc, 'controlActProcess', 'subject', 'registrationEvent');
    const patientElement = path(event, 'subject1', 'patient');
    expect([attribute(path(patientElement, 'id'), 'root'), attribute(path(patientElement, 'id'), 'extension')]).toEqual(['2.16.840.1.113883.2.1.4.1', '9690937286']);
    expect(attribute(path(patientElement, 'statusCode'), 'code')).toBe('active');
    const personElement = path(patientElement, 'patientPerson');
    expect(findChildren(path(personElement, 'name'), H, 'given').map((g) => textContent(g))).toEqual(['Jane', 'Ann']);
    expect(textContent(path(personElement, 'name', 'family'))).toBe('Smith');
    expect(attribute(path(personElement, 'administrativeGenderCode'), 'code')).toBe('F');
    expect(attribute(path(personElement, 'birthTime'), 'value')).toBe('19800201');
    expect(textContent(path(personElement, 'addr', 'postalCode'))).toBe('LS1 6AE');
    expect(path(personElement, 'deceasedInd')).toBeUndefined();
    const provider = path(patientElement, 'providerOrganization', 'id');
    expect([attribute(provider, 'root'), attribute(provider, 'extension')]).toEqual(['2.16.840.1.113883.2.1.4.3', 'A81001']);
    expect(attribute(path(event, 'custodian', 'assignedEntity', 'id'), 'root')).toBe('1.2.826.0.1.999.1');

    const queryAck = path(doc, 'controlActProcess', 'queryAck');
    expect(attribute(path(queryAck, 'queryId'), 'extension')).toBe('18204');
    expect(attribute(path(queryAck, 'queryResponseCode'), 'code')).toBe('OK');
    expect(attribute(path(queryAck, 'resultTotalQuantity'), 'value')).toBe('1');
  });

  it('echoes queryByParameter so that its QName values still resolve', async () => {
    const doc = await expectValid(build('iti55', { kind: 'no-match' }));
    const echoed = path(doc, 'controlActProcess', 'queryByParameter');
    expect(attribute(path(echoed, 'queryId'), 'extension')).toBe('18204');
    const ids = findDescendants(echoed ?? doc, H, 'livingSubjectId').map((p) => attribute(findChild(p, H, 'value'), 'extension'));
    expect(ids).toEqual(['1234', '58910']);
    const minimum = path(echoed, 'matchCriterionList', 'minimumDegreeMatch', 'value');
    if (!minimum) throw new Error('no minimumDegreeMatch');
    expect(resolveQName(minimum, attribute(minimum, 'type', NS.xsi) ?? '')).toEqual({ ns: H, local: 'INT' });
  });

  it('answers a PDQv3 match without the XCPD sender community, and a deceased patient', async () => {
    const doc = await expectValid(build('iti47', { kind: 'match', patient: { ...patient, deceasedDateTime: '2024-03-01T10:00:00+00:00' }, matchScore: 87 }));
    expect(path(doc, 'sender', 'device', 'asAgent')).toBeUndefined();
    const event = path(doc, 'controlActProcess', 'subject', 'registrationEvent');
    expect(attribute(path(event, 'custodian', 'assignedEntity', 'id'), 'root')).toBe('1.2.826.0.1.999.1');
    const personElement = path(event, 'subject1', 'patient', 'patientPerson');
    expect(attribute(path(personElement, 'deceasedInd'), 'value')).toBe('true');
    expect(attribute(path(personElement, 'deceasedTime'), 'value')).toBe('20240301100000+0000');
    expect(attribute(path(event, 'subject1', 'patient', 'subjectOf1', 'queryMatchObservation', 'value'), 'value')).toBe('87');
  });

  it('answers a bare minimum match (NHS number only)', async () => {
    await expectValid(build('iti55', { kind: 'match', patient: { nhsNumber: '9690937286' } }));
  });

  it('answers no match with AA/NF and no subject', async () => {
    const doc = await expectValid(build('iti55', { kind: 'no-match' }));
    expect(attribute(path(doc, 'acknowledgement', 'typeCode'), 'code')).toBe('AA');
    expect(path(doc, 'controlActProcess', 'subject')).toBeUndefined();
    expect(attribute(path(doc, 'controlActProcess', 'queryAck', 'queryResponseCode'), 'code')).toBe('NF');
    expect(attribute(path(doc, 'controlActProcess', 'queryAck', 'resultTotalQuantity'), 'value')).toBe('0');
  });

  it('answers errors with AE and an acknowledgementDetail, also from a partly readable request', async () => {
    const doc = await expectValid(build('iti47', { kind: 'error', code: 'InternalError', text: 'PDS is unavailable; try again later.' }));
    expect(attribute(path(doc, 'acknowledgement', 'typeCode'), 'code')).toBe('AE');
    expect(attribute(path(doc, 'acknowledgement', 'acknowledgementDetail', 'code'), 'code')).toBe('InternalError');
    expect(textContent(path(doc, 'acknowledgement', 'acknowledgementDetail', 'text'))).toBe('PDS is unavailable; try again later.');
    expect(attribute(path(doc, 'controlActProcess', 'queryAck', 'queryResponseCode'), 'code')).toBe('AE');

    const qe = await expectValid(build('iti55', { kind: 'error', code: 'InvalidQuery', text: 'x', queryResponseCode: 'QE', codeSystem: '1.2.3' }));
    expect(attribute(path(qe, 'controlActProcess', 'queryAck', 'queryResponseCode'), 'code')).toBe('QE');

    const partial = readPatientDiscoveryQuery(
      parseXml(`<PRPA_IN201305UV02 xmlns="${H}"><id root="1.2" extension="9"/><sender><device><id root="1.3"/></device></sender></PRPA_IN201305UV02>`),
    );
    if (partial.ok || !partial.echo) throw new Error('expected a partial read');
    const fromEcho = buildPatientDiscoveryResponse({
      transaction: 'iti55',
      request: partial.echo,
      outcome: { kind: 'error', code: 'InternalError', text: partial.problem, queryResponseCode: 'QE' },
      homeCommunityId: HOME,
      deviceId: DEVICE,
      now: NOW,
    });
    const doc2 = await expectValid(fromEcho);
    expect(attribute(path(doc2, 'id'), 'root')).toBe(DEVICE);
    expect(path(doc2, 'controlActProcess', 'queryByParameter')).toBeUndefined();
  });
});
