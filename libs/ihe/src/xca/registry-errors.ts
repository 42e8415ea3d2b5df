import { XmlElement, el } from '@gpb/xml';
import { XDS } from '../xds-constants';

/** XDS error codes this gateway answers with (ITI TF-3 Table 4.2.4.1-2). */
export type XdsErrorCode =
  | 'XDSUnknownPatientId'
  | 'XDSRegistryError'
  | 'XDSRegistryBusy'
  | 'XDSRegistryNotAvailable'
  | 'XDSUnknownCommunity'
  | 'XDSMissingHomeCommunityId'
  | 'XDSUnknownRepositoryId'
  | 'XDSDocumentUniqueIdError'
  | 'XDSRepositoryError'
  | 'XDSRepositoryBusy'
  | 'XDSRepositoryNotAvailable'
  | 'XDSStoredQueryParamNumber'
  | 'XDSStoredQueryMissingParam'
  | 'XDSUnknownStoredQuery'
  | 'XDSResultNotSinglePatient'
  | 'XDSTooManyResults';

/** Overall status of a registry response. */
export type RegistryResponseStatus = 'Success' | 'PartialSuccess' | 'Failure';

export interface RegistryError {
  readonly errorCode: XdsErrorCode;
  /** Free text shown to the clinician by most EHRs. */
  readonly codeContext: string;
  readonly severity?: 'Error' | 'Warning';
  /** Defaults to our home community id (XCA requires it on every error). */
  readonly location?: string;
}

export const RESPONSE_STATUS_URN: Record<RegistryResponseStatus, string> = {
  Success: XDS.responseStatus.success,
  PartialSuccess: XDS.responseStatus.partialSuccess,
  Failure: XDS.responseStatus.failure,
};

const SEVERITY_URN = { Error: XDS.errorSeverity.error, Warning: XDS.errorSeverity.warning } as const;

/** `rs:RegistryErrorList`, or nothing when there are no errors (the schema forbids an empty list). */
export function buildRegistryErrorList(errors: readonly RegistryError[], homeCommunityId: string): XmlElement | undefined {
  if (errors.length === 0) return undefined;
  return el(
    'rs:RegistryErrorList',
    { highestSeverity: errors.some((error) => (error.severity ?? 'Error') === 'Error') ? XDS.errorSeverity.error : XDS.errorSeverity.warning },
    errors.map((error) =>
      el('rs:RegistryError', {
        errorCode: error.errorCode,
        codeContext: error.codeContext,
        severity: SEVERITY_URN[error.severity ?? 'Error'],
        location: error.location ?? homeCommunityId,
      }),
    ),
  );
}
