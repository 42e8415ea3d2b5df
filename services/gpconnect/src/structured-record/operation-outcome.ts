import { contractError, type ContractError, type ErrorCode } from '@gpb/contracts';

/** GP Connect / Spine `Spine-ErrorOrWarningCode` codes and the contract error each becomes. */
const SPINE_CODES: Readonly<Record<string, { readonly code: ErrorCode; readonly retryable: boolean }>> = {
  NO_PATIENT_CONSENT: { code: 'NO_PATIENT_CONSENT', retryable: false },
  PATIENT_NOT_FOUND: { code: 'PATIENT_NOT_FOUND', retryable: false },
  INVALID_NHS_NUMBER: { code: 'INVALID_NHS_NUMBER', retryable: false },
  ACCESS_DENIED: { code: 'ACCESS_DENIED', retryable: false },
  INVALID_PARAMETER: { code: 'INVALID_REQUEST', retryable: false },
  BAD_REQUEST: { code: 'INVALID_REQUEST', retryable: false },
  INVALID_RESOURCE: { code: 'INVALID_REQUEST', retryable: false },
  INVALID_IDENTIFIER_SYSTEM: { code: 'INVALID_REQUEST', retryable: false },
  INVALID_IDENTIFIER_VALUE: { code: 'INVALID_REQUEST', retryable: false },
  REFERENCE_NOT_FOUND: { code: 'INVALID_REQUEST', retryable: false },
  FHIR_CONSTRAINT_VIOLATION: { code: 'INVALID_REQUEST', retryable: false },
  NOT_IMPLEMENTED: { code: 'UPSTREAM_ERROR', retryable: false },
  INTERNAL_SERVER_ERROR: { code: 'UPSTREAM_ERROR', retryable: true },
};

interface OperationOutcome {
  readonly resourceType: 'OperationOutcome';
  readonly issue?: readonly { readonly details?: { readonly coding?: readonly { readonly code?: string }[] } }[];
}

export function spineCodes(body: string): readonly string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return [];
  }
  if (typeof parsed !== 'object' || parsed === null || (parsed as { resourceType?: unknown }).resourceType !== 'OperationOutcome') return [];
  return ((parsed as OperationOutcome).issue ?? []).flatMap((issue) => (issue.details?.coding ?? []).map((coding) => coding.code ?? '')).filter((code) => code !== '');
}

/** The contract error for a GP Connect error answer: its Spine code when known, else its HTTP status. */
export function gpConnectError(status: number, body: string): ContractError {
  const codes = spineCodes(body);
  for (const code of codes) {
    const mapped = SPINE_CODES[code];
    if (mapped) return contractError(mapped.code, `GP Connect answered ${code}`, mapped.retryable);
  }
  const detail = codes.length ? ` (${codes.join(', ')})` : '';
  if (status === 400 || status === 422) return contractError('INVALID_REQUEST', `GP Connect rejected the request${detail}`);
  if (status === 401 || status === 403) return contractError('ACCESS_DENIED', `GP Connect refused access${detail}`);
  if (status === 404) return contractError('PATIENT_NOT_FOUND', `GP Connect found no record${detail}`);
  return contractError('UPSTREAM_ERROR', `GP Connect answered HTTP ${status}${detail}`, status >= 500);
}
