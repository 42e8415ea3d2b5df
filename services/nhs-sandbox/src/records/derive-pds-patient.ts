import { Json, NHS_NUMBER_SYSTEM, ODS_SYSTEM, array, identifierValue, isObject, text } from '../fhir';

/**
 * A PDS FHIR R4 Patient built from a GP Connect (STU3) record's own Patient, for records that come
 * without a PDS file: identity, name, gender, birth date, address, telecom, and the registered
 * practice (the Patient's managingOrganization, else the record's first practice).
 */
export function derivePdsPatient(nhsNumber: string, patient: Json, practiceOds: string | undefined): Json {
  const names = array(patient['name']).map((name) => ({
    use: text(name['use']) === 'official' ? 'usual' : (text(name['use']) ?? 'usual'),
    ...(text(name['family']) ? { family: name['family'] } : {}),
    ...(Array.isArray(name['given']) ? { given: name['given'] } : {}),
    ...(Array.isArray(name['prefix']) ? { prefix: name['prefix'] } : {}),
  }));
  const addresses = array(patient['address']).map((address) => ({
    use: text(address['use']) ?? 'home',
    ...(Array.isArray(address['line']) ? { line: address['line'] } : {}),
    ...(text(address['city']) ? { city: address['city'] } : {}),
    ...(text(address['district']) ? { district: address['district'] } : {}),
    ...(text(address['postalCode']) ? { postalCode: address['postalCode'] } : {}),
  }));
  const telecom = array(patient['telecom']).filter((point) => text(point['system']) && text(point['value']));
  return {
    resourceType: 'Patient',
    id: nhsNumber,
    meta: { versionId: '1', security: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality', code: 'U', display: 'unrestricted' }] },
    identifier: [{ system: NHS_NUMBER_SYSTEM, value: nhsNumber }],
    ...(names.length ? { name: names } : {}),
    ...(text(patient['gender']) ? { gender: patient['gender'] } : {}),
    ...(text(patient['birthDate']) ? { birthDate: patient['birthDate'] } : {}),
    ...(text(patient['deceasedDateTime']) ? { deceasedDateTime: patient['deceasedDateTime'] } : {}),
    ...(addresses.length ? { address: addresses } : {}),
    ...(telecom.length ? { telecom } : {}),
    ...(practiceOds ? { generalPractitioner: [{ type: 'Organization', identifier: { system: ODS_SYSTEM, value: practiceOds } }] } : {}),
  };
}

/** The ODS code of the organisation a reference such as `Organization/7` names, within the record. */
export function organisationOds(resources: readonly Json[], reference: unknown): string | undefined {
  const ref = isObject(reference) ? text(reference['reference']) : undefined;
  const id = ref?.split('/').pop();
  const organisation = resources.find((resource) => resource['resourceType'] === 'Organization' && resource['id'] === id);
  return identifierValue(organisation, ODS_SYSTEM);
}
