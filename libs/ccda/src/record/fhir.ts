/** The parts of FHIR STU3 JSON the converter reads. Every field is optional: real records omit anything. */
export interface Coding {
  readonly system?: string;
  readonly code?: string;
  readonly display?: string;
}

export interface CodeableConcept {
  readonly coding?: readonly Coding[];
  readonly text?: string;
}

export interface Reference {
  readonly reference?: string;
  readonly display?: string;
  readonly identifier?: Identifier;
}

export interface Identifier {
  readonly system?: string;
  readonly value?: string;
}

export interface Period {
  readonly start?: string;
  readonly end?: string;
}

export interface Extension {
  readonly url?: string;
  readonly valueCode?: string;
  readonly valueString?: string;
  readonly valueDateTime?: string;
  readonly valueBoolean?: boolean;
  readonly valueReference?: Reference;
  readonly valueCodeableConcept?: CodeableConcept;
  readonly valuePeriod?: Period;
  readonly extension?: readonly Extension[];
}

export interface HumanName {
  readonly use?: string;
  readonly text?: string;
  readonly family?: string;
  readonly given?: readonly string[];
  readonly prefix?: readonly string[];
}

export interface Address {
  readonly use?: string;
  readonly line?: readonly string[];
  readonly city?: string;
  readonly district?: string;
  readonly postalCode?: string;
  readonly country?: string;
}

export interface ContactPoint {
  readonly system?: string;
  readonly value?: string;
  readonly use?: string;
}

export interface Annotation {
  readonly text?: string;
}

export interface Resource {
  readonly resourceType: string;
  readonly id?: string;
  readonly extension?: readonly Extension[];
  readonly identifier?: readonly Identifier[];
  readonly contained?: readonly Resource[];
}

export interface Patient extends Resource {
  readonly resourceType: 'Patient';
  readonly name?: readonly HumanName[];
  readonly gender?: string;
  readonly birthDate?: string;
  readonly address?: readonly Address[];
  readonly telecom?: readonly ContactPoint[];
  readonly managingOrganization?: Reference;
  readonly generalPractitioner?: readonly Reference[];
}

export interface Organization extends Resource {
  readonly resourceType: 'Organization';
  readonly name?: string;
  readonly address?: readonly Address[];
  readonly telecom?: readonly ContactPoint[];
}

export interface Practitioner extends Resource {
  readonly resourceType: 'Practitioner';
  readonly name?: readonly HumanName[];
}

export interface ListResource extends Resource {
  readonly resourceType: 'List';
  readonly title?: string;
  readonly code?: CodeableConcept;
  readonly status?: string;
  readonly note?: readonly Annotation[];
  readonly emptyReason?: CodeableConcept;
  readonly entry?: readonly { readonly item?: Reference; readonly flag?: CodeableConcept }[];
}

export interface AllergyIntolerance extends Resource {
  readonly resourceType: 'AllergyIntolerance';
  readonly clinicalStatus?: string;
  readonly verificationStatus?: string;
  readonly type?: string;
  readonly category?: readonly string[];
  readonly code?: CodeableConcept;
  readonly onsetDateTime?: string;
  readonly assertedDate?: string;
  readonly lastOccurrence?: string;
  readonly note?: readonly Annotation[];
  readonly reaction?: readonly {
    readonly manifestation?: readonly CodeableConcept[];
    readonly severity?: string;
    readonly description?: string;
    readonly onset?: string;
  }[];
}

export interface Dosage {
  readonly text?: string;
  readonly patientInstruction?: string;
  readonly asNeededBoolean?: boolean;
  readonly asNeededCodeableConcept?: CodeableConcept;
  readonly doseQuantity?: Quantity;
  readonly route?: CodeableConcept;
  readonly timing?: { readonly repeat?: { readonly frequency?: number; readonly period?: number; readonly periodUnit?: string } };
  readonly additionalInstruction?: readonly CodeableConcept[];
}

export interface MedicationStatement extends Resource {
  readonly resourceType: 'MedicationStatement';
  readonly status?: string;
  readonly medicationReference?: Reference;
  readonly medicationCodeableConcept?: CodeableConcept;
  readonly effectivePeriod?: Period;
  readonly effectiveDateTime?: string;
  readonly dateAsserted?: string;
  readonly basedOn?: readonly Reference[];
  readonly dosage?: readonly Dosage[];
  readonly note?: readonly Annotation[];
}

export interface MedicationRequest extends Resource {
  readonly resourceType: 'MedicationRequest';
  readonly groupIdentifier?: Identifier;
  readonly status?: string;
  readonly intent?: string;
  readonly medicationReference?: Reference;
  readonly authoredOn?: string;
  readonly dosageInstruction?: readonly Dosage[];
  readonly basedOn?: readonly Reference[];
  readonly dispenseRequest?: {
    readonly validityPeriod?: Period;
    readonly quantity?: { readonly value?: number; readonly unit?: string; readonly extension?: readonly Extension[] };
  };
}

export interface Medication extends Resource {
  readonly resourceType: 'Medication';
  readonly code?: CodeableConcept;
}

export interface Quantity {
  readonly value?: number;
  readonly comparator?: string;
  readonly unit?: string;
  readonly system?: string;
  readonly code?: string;
}

export interface Observation extends Resource {
  readonly resourceType: 'Observation';
  readonly status?: string;
  readonly code?: CodeableConcept;
  readonly effectiveDateTime?: string;
  readonly effectivePeriod?: Period;
  readonly issued?: string;
  readonly valueQuantity?: Quantity;
  readonly valueString?: string;
  readonly valueCodeableConcept?: CodeableConcept;
  readonly valueBoolean?: boolean;
  readonly valueInteger?: number;
  readonly valueDateTime?: string;
  readonly valueRange?: { readonly low?: Quantity; readonly high?: Quantity };
  readonly valueRatio?: { readonly numerator?: Quantity; readonly denominator?: Quantity };
  readonly interpretation?: CodeableConcept;
  readonly comment?: string;
  readonly specimen?: Reference;
  readonly referenceRange?: readonly { readonly low?: Quantity; readonly high?: Quantity; readonly text?: string }[];
  readonly related?: readonly { readonly type?: string; readonly target?: Reference }[];
  readonly component?: readonly { readonly code?: CodeableConcept; readonly valueQuantity?: Quantity; readonly valueString?: string; readonly valueCodeableConcept?: CodeableConcept }[];
}

export interface DiagnosticReport extends Resource {
  readonly resourceType: 'DiagnosticReport';
  readonly status?: string;
  readonly code?: CodeableConcept;
  readonly effectiveDateTime?: string;
  readonly issued?: string;
  readonly basedOn?: readonly Reference[];
  readonly specimen?: readonly Reference[];
  readonly result?: readonly Reference[];
  readonly conclusion?: string;
  readonly performer?: readonly { readonly actor?: Reference }[];
}

export interface Specimen extends Resource {
  readonly resourceType: 'Specimen';
  readonly type?: CodeableConcept;
  readonly collection?: { readonly collectedDateTime?: string; readonly bodySite?: CodeableConcept };
  readonly note?: readonly Annotation[];
}

export interface Immunization extends Resource {
  readonly resourceType: 'Immunization';
  readonly status?: string;
  readonly notGiven?: boolean;
  readonly vaccineCode?: CodeableConcept;
  readonly date?: string;
  readonly lotNumber?: string;
  readonly site?: CodeableConcept;
  readonly route?: CodeableConcept;
  readonly doseQuantity?: Quantity;
  readonly note?: readonly Annotation[];
  readonly explanation?: { readonly reasonNotGiven?: readonly CodeableConcept[]; readonly reason?: readonly CodeableConcept[] };
  readonly vaccinationProtocol?: readonly { readonly doseSequence?: number; readonly description?: string }[];
}

export interface Encounter extends Resource {
  readonly resourceType: 'Encounter';
  readonly status?: string;
  readonly type?: readonly CodeableConcept[];
  readonly period?: Period;
  readonly participant?: readonly { readonly individual?: Reference }[];
  readonly location?: readonly { readonly location?: Reference }[];
  readonly serviceProvider?: Reference;
}

export interface ReferralRequest extends Resource {
  readonly resourceType: 'ReferralRequest';
  readonly status?: string;
  readonly priority?: string;
  readonly authoredOn?: string;
  readonly reasonCode?: readonly CodeableConcept[];
  readonly serviceRequested?: readonly CodeableConcept[];
  readonly specialty?: CodeableConcept;
  readonly description?: string;
  readonly recipient?: readonly Reference[];
  readonly note?: readonly Annotation[];
}

export interface ProcedureRequest extends Resource {
  readonly resourceType: 'ProcedureRequest';
  readonly status?: string;
  readonly code?: CodeableConcept;
  readonly occurrenceDateTime?: string;
  readonly occurrencePeriod?: Period;
  readonly authoredOn?: string;
  readonly reasonCode?: readonly CodeableConcept[];
  readonly note?: readonly Annotation[];
}

export interface Condition extends Resource {
  readonly resourceType: 'Condition';
  readonly clinicalStatus?: string;
  readonly abatementBoolean?: boolean;
  readonly code?: CodeableConcept;
  readonly onsetDateTime?: string;
  readonly abatementDateTime?: string;
  readonly assertedDate?: string;
  readonly note?: readonly Annotation[];
}

/** Real records break cardinality (e.g. a `note` that is a string): read repeating fields through this. */
export function many<T>(value: readonly T[] | T | undefined): readonly T[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? (value as readonly T[]) : [value as T];
}

/** The text of Annotations, tolerating a bare string where an Annotation array belongs. */
export function annotationText(value: readonly Annotation[] | string | undefined): string {
  return many<unknown>(value as readonly unknown[] | undefined)
    .map((note) => (typeof note === 'string' ? text(note) : text((note as Annotation | null)?.text)))
    .filter(Boolean)
    .join(' ');
}

/** The objects of a repeating field, whatever a damaged record put there. */
export function objects<T>(value: unknown): T[] {
  const items = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  return items.filter((item): item is T => typeof item === 'object' && item !== null && !Array.isArray(item));
}

/** A non-empty string, trimmed; anything else is absent. */
export function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** The strings of a repeating string field (given names, address lines). */
export function texts(value: unknown): string[] {
  return (Array.isArray(value) ? value : [value]).map(text).filter((item): item is string => item !== undefined);
}
