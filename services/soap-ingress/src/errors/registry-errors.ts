import { ContractError, ErrorCode } from '@gpb/contracts';
import type { XdsErrorCode } from '@gpb/ihe';

export interface RegistryErrorSpec {
  readonly errorCode: XdsErrorCode;
  /** Shown to the clinician by most EHRs: say what happened and what to do. */
  readonly codeContext: string;
}

/** How each contract error reads to a clinician in another hospital, and which XDS code carries it. */
const MAPPING: Record<ErrorCode, (error: ContractError) => RegistryErrorSpec> = {
  INVALID_REQUEST: (e) => ({ errorCode: 'XDSRegistryError', codeContext: `The request could not be processed: ${e.message}` }),
  INVALID_NHS_NUMBER: () => ({ errorCode: 'XDSUnknownPatientId', codeContext: 'The patient identifier is not a valid NHS number (10 digits with a valid check digit).' }),
  PATIENT_NOT_FOUND: () => ({ errorCode: 'XDSUnknownPatientId', codeContext: 'No patient with this NHS number is known to the NHS Spine or to the GP practice.' }),
  PATIENT_RESTRICTED: () => ({ errorCode: 'XDSUnknownPatientId', codeContext: 'No patient with this NHS number is known to the NHS Spine or to the GP practice.' }),
  TOO_MANY_MATCHES: () => ({ errorCode: 'XDSUnknownPatientId', codeContext: 'The patient could not be identified uniquely; query by NHS number.' }),
  NO_PATIENT_CONSENT: () => ({
    errorCode: 'XDSRegistryError',
    codeContext: 'The patient has dissented from sharing their GP record (GP Connect NO_PATIENT_CONSENT). Ask the patient or contact their GP practice.',
  }),
  ACCESS_DENIED: () => ({
    errorCode: 'XDSRegistryError',
    codeContext: 'The GP practice refused access to the record (GP Connect ACCESS_DENIED). Contact the GP practice.',
  }),
  PRACTICE_NOT_FOUND: () => ({
    errorCode: 'XDSRegistryError',
    codeContext: "The patient's registered GP practice could not be found in the Spine Directory; the record cannot be fetched electronically. Contact the GP practice.",
  }),
  GP_SYSTEM_NOT_FOUND: () => ({
    errorCode: 'XDSRegistryError',
    codeContext: "The patient's GP practice does not offer GP Connect structured records; contact the GP practice.",
  }),
  INVALID_BUNDLE: () => ({ errorCode: 'XDSRegistryError', codeContext: 'The GP system returned a record that could not be converted; the problem has been logged.' }),
  DOCUMENT_NOT_FOUND: () => ({ errorCode: 'XDSDocumentUniqueIdError', codeContext: 'No document with this uniqueId is known to this gateway.' }),
  UPSTREAM_RATE_LIMITED: () => ({ errorCode: 'XDSRegistryBusy', codeContext: 'NHS services are busy; try again in a few seconds.' }),
  UPSTREAM_UNAVAILABLE: () => ({ errorCode: 'XDSRegistryNotAvailable', codeContext: 'An NHS service needed to answer is unavailable; try again later.' }),
  UPSTREAM_TIMEOUT: () => ({ errorCode: 'XDSRegistryNotAvailable', codeContext: 'An NHS service did not answer in time; try again later.' }),
  UPSTREAM_ERROR: () => ({ errorCode: 'XDSRegistryError', codeContext: 'An NHS service answered with an error; try again later.' }),
  SERVICE_UNAVAILABLE: () => ({ errorCode: 'XDSRegistryNotAvailable', codeContext: 'The gateway is temporarily unable to answer; try again later.' }),
  AUTHENTICATION_FAILED: () => ({ errorCode: 'XDSRegistryNotAvailable', codeContext: 'The gateway could not authenticate to NHS services; the problem has been logged.' }),
  INTERNAL: () => ({ errorCode: 'XDSRegistryError', codeContext: 'The gateway failed to answer; the problem has been logged.' }),
};

export function registryErrorFor(error: ContractError): RegistryErrorSpec {
  return MAPPING[error.code](error);
}
