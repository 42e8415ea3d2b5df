/** The clinical areas of Access Record: Structured, each an `include*` parameter of the operation. */
export const CLINICAL_AREAS = [
  'allergies',
  'medication',
  'problems',
  'immunisations',
  'uncategorised',
  'consultations',
  'investigations',
  'referrals',
] as const;

export type ClinicalArea = (typeof CLINICAL_AREAS)[number];

const NHS_NUMBER_SYSTEM = 'https://fhir.nhs.uk/Id/nhs-number';

interface ParameterPart {
  readonly name: string;
  readonly valueBoolean?: boolean;
  readonly valueIdentifier?: { readonly system: string; readonly value: string };
  readonly part?: readonly ParameterPart[];
}

export interface StructuredRecordParameters {
  readonly resourceType: 'Parameters';
  readonly parameter: readonly ParameterPart[];
}

const AREA_PARAMETER: Readonly<Record<ClinicalArea, ParameterPart>> = {
  allergies: { name: 'includeAllergies', part: [{ name: 'includeResolvedAllergies', valueBoolean: true }] },
  medication: { name: 'includeMedication', part: [{ name: 'includePrescriptionIssues', valueBoolean: true }] },
  problems: { name: 'includeProblems' },
  immunisations: { name: 'includeImmunisations' },
  uncategorised: { name: 'includeUncategorisedData' },
  consultations: { name: 'includeConsultations' },
  investigations: { name: 'includeInvestigations' },
  referrals: { name: 'includeReferrals' },
};

/** The `Parameters` body of `$gpc.getstructuredrecord` for one patient and the chosen clinical areas. */
export function structuredRecordParameters(nhsNumber: string, areas: readonly ClinicalArea[] = CLINICAL_AREAS): StructuredRecordParameters {
  return {
    resourceType: 'Parameters',
    parameter: [
      { name: 'patientNHSNumber', valueIdentifier: { system: NHS_NUMBER_SYSTEM, value: nhsNumber } },
      ...CLINICAL_AREAS.filter((area) => areas.includes(area)).map((area) => AREA_PARAMETER[area]),
    ],
  };
}
