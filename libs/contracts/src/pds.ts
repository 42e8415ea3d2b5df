/** Read one patient by NHS number. */
export interface PatientRead {
  readonly nhsNumber: string;
}

/** Search by demographics; PDS application-restricted search returns at most one match. */
export interface PatientSearch {
  readonly family: string;
  readonly given?: string;
  readonly gender?: 'male' | 'female' | 'other' | 'unknown';
  /** YYYY-MM-DD */
  readonly birthDate: string;
  readonly postcode?: string;
}

export interface PersonName {
  readonly given: readonly string[];
  readonly family?: string;
  readonly prefix?: readonly string[];
}

export interface PostalAddress {
  readonly lines: readonly string[];
  readonly city?: string;
  readonly district?: string;
  readonly postcode?: string;
}

/** The demographics we may disclose for an unrestricted patient. */
export interface PatientDemographics {
  readonly nhsNumber: string;
  readonly name?: PersonName;
  readonly gender?: 'male' | 'female' | 'other' | 'unknown';
  /** YYYY-MM-DD */
  readonly birthDate?: string;
  readonly deceasedDateTime?: string;
  readonly address?: PostalAddress;
  readonly telecom: readonly { readonly system: string; readonly value: string; readonly use?: string }[];
  /** ODS code of the registered GP practice. */
  readonly gpOdsCode?: string;
}

/** Expected outcomes are values, not errors. */
export type PatientLookup =
  | { readonly outcome: 'found'; readonly patient: PatientDemographics; readonly supersededFrom?: string }
  | { readonly outcome: 'not-found' }
  | { readonly outcome: 'restricted' }
  | { readonly outcome: 'too-many-matches' };
