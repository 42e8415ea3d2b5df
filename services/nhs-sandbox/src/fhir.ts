/** The loosely typed FHIR JSON the sandbox reads from its records. */
export type Json = Record<string, unknown>;

export const ODS_SYSTEM = 'https://fhir.nhs.uk/Id/ods-organization-code';
export const NHS_NUMBER_SYSTEM = 'https://fhir.nhs.uk/Id/nhs-number';
export const ASID_SYSTEM = 'https://fhir.nhs.uk/Id/nhsSpineASID';
export const PARTY_KEY_SYSTEM = 'https://fhir.nhs.uk/Id/nhsMhsPartyKey';
export const INTERACTION_SYSTEM = 'https://fhir.nhs.uk/Id/nhsServiceInteractionId';
export const STRUCTURED_RECORD_INTERACTION = 'urn:nhs:names:services:gpconnect:fhir:operation:gpc.getstructuredrecord-1';

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function array(value: unknown): Json[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

export function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

export function identifierValue(resource: Json | undefined, system: string): string | undefined {
  return text(array(resource?.['identifier']).find((id) => id['system'] === system)?.['value']);
}

/** The resources of a Bundle, tolerating entries without a `resource` wrapper (seen in spec examples). */
export function bundleResources(bundle: Json): Json[] {
  return array(bundle['entry']).map((entry) => (isObject(entry['resource']) ? entry['resource'] : entry)).filter((r) => typeof r['resourceType'] === 'string');
}

/** A FHIR OperationOutcome with a Spine error code, as the NHS APIs answer errors. */
export function operationOutcome(code: string, display: string, system: string, issueCode = 'processing', diagnostics?: string): Json {
  return {
    resourceType: 'OperationOutcome',
    issue: [{ severity: 'error', code: issueCode, details: { coding: [{ system, code, display }] }, ...(diagnostics ? { diagnostics } : {}) }],
  };
}
