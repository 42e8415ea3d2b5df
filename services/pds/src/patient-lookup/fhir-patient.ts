/** The parts of a PDS FHIR R4 Patient we read. Everything optional: PDS omits what it does not hold. */
export interface FhirPatient {
  readonly resourceType: 'Patient';
  readonly id?: string;
  readonly meta?: { readonly security?: readonly FhirCoding[] };
  readonly name?: readonly FhirHumanName[];
  readonly gender?: string;
  readonly birthDate?: string;
  readonly deceasedDateTime?: string;
  readonly address?: readonly FhirAddress[];
  readonly telecom?: readonly FhirContactPoint[];
  readonly generalPractitioner?: readonly { readonly identifier?: { readonly system?: string; readonly value?: string } }[];
}

export interface FhirCoding {
  readonly system?: string;
  readonly code?: string;
  readonly display?: string;
}

export interface FhirPeriod {
  readonly start?: string;
  readonly end?: string;
}

export interface FhirHumanName {
  readonly use?: string;
  readonly period?: FhirPeriod;
  readonly given?: readonly string[];
  readonly family?: string;
  readonly prefix?: readonly string[];
}

export interface FhirAddress {
  readonly use?: string;
  readonly period?: FhirPeriod;
  readonly line?: readonly string[];
  readonly city?: string;
  readonly district?: string;
  readonly postalCode?: string;
}

export interface FhirContactPoint {
  readonly system?: string;
  readonly value?: string;
  readonly use?: string;
  readonly period?: FhirPeriod;
}

export interface FhirBundle {
  readonly resourceType: 'Bundle';
  readonly total?: number;
  readonly entry?: readonly { readonly resource?: { readonly resourceType?: string } }[];
}

export interface FhirOperationOutcome {
  readonly resourceType: 'OperationOutcome';
  readonly issue?: readonly { readonly code?: string; readonly details?: { readonly coding?: readonly FhirCoding[] } }[];
}

export type PdsResource = FhirPatient | FhirBundle | FhirOperationOutcome;

/** Parses a PDS answer body; undefined when it is not JSON or not one of the resources PDS returns. */
export function parsePdsResource(body: string): PdsResource | undefined {
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const type = (parsed as { resourceType?: unknown }).resourceType;
    return type === 'Patient' || type === 'Bundle' || type === 'OperationOutcome' ? (parsed as PdsResource) : undefined;
  } catch {
    return undefined;
  }
}

/** The Spine-ErrorOrWarningCode codes (e.g. RESOURCE_NOT_FOUND) an OperationOutcome carries. */
export function outcomeCodes(resource: PdsResource | undefined): readonly string[] {
  if (resource?.resourceType !== 'OperationOutcome') return [];
  return (resource.issue ?? []).flatMap((issue) => (issue.details?.coding ?? []).map((coding) => coding.code ?? '')).filter((code) => code !== '');
}
