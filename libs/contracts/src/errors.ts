/** Every error code that may cross a service boundary. Only soap-ingress turns these into SOAP faults or IHE errors. */
export const ErrorCodes = [
  'INVALID_REQUEST',
  'INVALID_NHS_NUMBER',
  'PATIENT_NOT_FOUND',
  'PATIENT_RESTRICTED',
  'TOO_MANY_MATCHES',
  'NO_PATIENT_CONSENT',
  'ACCESS_DENIED',
  'PRACTICE_NOT_FOUND',
  'GP_SYSTEM_NOT_FOUND',
  'INVALID_BUNDLE',
  'DOCUMENT_NOT_FOUND',
  'UPSTREAM_RATE_LIMITED',
  'UPSTREAM_UNAVAILABLE',
  'UPSTREAM_TIMEOUT',
  'UPSTREAM_ERROR',
  'SERVICE_UNAVAILABLE',
  'AUTHENTICATION_FAILED',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ErrorCodes)[number];

/** An error as data: survives serialisation, unlike an Error instance. */
export interface ContractError {
  readonly code: ErrorCode;
  /** Safe to log and to show a clinician: never patient data or secrets. */
  readonly message: string;
  /** True when the same request may succeed if tried again later. */
  readonly retryable: boolean;
}

export function contractError(code: ErrorCode, message: string, retryable = false): ContractError {
  return { code, message, retryable };
}

export function isContractError(value: unknown): value is ContractError {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return (
    typeof candidate['code'] === 'string' &&
    (ErrorCodes as readonly string[]).includes(candidate['code']) &&
    typeof candidate['message'] === 'string' &&
    typeof candidate['retryable'] === 'boolean'
  );
}
