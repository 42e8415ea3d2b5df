import { ParsedElement, attribute, findChild, findChildren, findPath, textContent } from '@gpb/xml';
import { NS } from '../namespaces';
import { OIDS } from '../xds-constants';
import { DeviceRef, InstanceIdentifier, PatientDiscoveryEcho, PatientDiscoveryReadResult } from './types';

const H = NS.hl7;

/** Reads a PRPA_IN201305UV02 patient discovery query (ITI-47 / ITI-55 body). */
export function readPatientDiscoveryQuery(body: ParsedElement): PatientDiscoveryReadResult {
  if (body.ns !== H || body.local !== 'PRPA_IN201305UV02') {
    return { ok: false, problem: `expected hl7:PRPA_IN201305UV02, found {${body.ns}}${body.local}` };
  }
  const messageId = ii(findChild(body, H, 'id'));
  if (!messageId) return { ok: false, problem: 'the message has no id/@root' };
  const sender = device(findChild(body, H, 'sender'));
  if (!sender) return { ok: false, problem: 'the message has no sender/device/id' };
  const queryByParameter = findPath(body, [H, 'controlActProcess'], [H, 'queryByParameter']);
  const queryId = ii(findChild(queryByParameter, H, 'queryId'));
  const echo: PatientDiscoveryEcho = {
    messageId,
    sender,
    receiver: device(findChild(body, H, 'receiver')),
    processingCode: code(findChild(body, H, 'processingCode')),
    queryId,
    queryByParameter,
  };
  if (!queryByParameter) return { ok: false, problem: 'the message has no controlActProcess/queryByParameter', echo };
  if (!queryId) return { ok: false, problem: 'queryByParameter has no queryId/@root', echo };

  const parameters = findChild(queryByParameter, H, 'parameterList');
  const values = (local: string) => findChildren(parameters, H, local).flatMap((parameter) => findChildren(parameter, H, 'value'));
  const livingSubjectIds = values('livingSubjectId').flatMap((value) => {
    const id = ii(value);
    return id?.extension ? [{ root: id.root, extension: id.extension }] : [];
  });
  const nameValue = values('livingSubjectName')[0];
  const given = findChildren(nameValue, H, 'given').map((part) => textContent(part)).filter((part) => part !== '');
  const family = nonEmpty(textContent(findChild(nameValue, H, 'family')));
  const responsePriorityCode = code(findChild(queryByParameter, H, 'responsePriorityCode'));

  return {
    ok: true,
    value: {
      ...echo,
      queryId,
      queryByParameter,
      interactionId: attribute(findChild(body, H, 'interactionId'), 'extension'),
      creationTime: attribute(findChild(body, H, 'creationTime'), 'value'),
      responsePriorityCode,
      deferred: responsePriorityCode === 'D',
      respondTo: nonEmpty(attribute(findPath(body, [H, 'respondTo'], [H, 'telecom']), 'value')?.trim()),
      livingSubjectIds,
      nhsNumber: livingSubjectIds.find((id) => id.root === OIDS.nhsNumber)?.extension,
      name: nameValue && (given.length > 0 || family) ? { given, family } : undefined,
      birthTime: nonEmpty(attribute(values('livingSubjectBirthTime')[0], 'value')?.trim()),
      gender: code(values('livingSubjectAdministrativeGender')[0]),
      postcode: nonEmpty(textContent(findChild(values('patientAddress')[0], H, 'postalCode'))),
    },
  };
}

function ii(element: ParsedElement | undefined): InstanceIdentifier | undefined {
  const root = attribute(element, 'root')?.trim();
  if (!root) return undefined;
  const extension = attribute(element, 'extension')?.trim();
  return extension ? { root, extension } : { root };
}

function device(transmission: ParsedElement | undefined): DeviceRef | undefined {
  const deviceElement = findChild(transmission, H, 'device');
  const id = ii(findChild(deviceElement, H, 'id'));
  if (!id) return undefined;
  const community = attribute(findPath(deviceElement, [H, 'asAgent'], [H, 'representedOrganization'], [H, 'id']), 'root')?.trim();
  return community ? { id, homeCommunityOid: community } : { id };
}

function code(element: ParsedElement | undefined): string | undefined {
  return nonEmpty(attribute(element, 'code')?.trim());
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}
