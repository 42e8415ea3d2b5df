import { createHash } from 'node:crypto';

/** Cache keys never hold an NHS number in clear. */
export function patientKey(nhsNumber: string): string {
  return createHash('sha256').update(`nhs:${nhsNumber}`).digest('hex').slice(0, 32);
}
