/** FHIR identifier system of the NHS number. */
export const NHS_NUMBER_SYSTEM = 'https://fhir.nhs.uk/Id/nhs-number';
/** HL7 v3 / CDA root OID of the NHS number (England and Wales). */
export const NHS_NUMBER_OID = '2.16.840.1.113883.2.1.4.1';

/** Removes the spaces and dashes people write NHS numbers with; undefined unless ten digits remain. */
export function normaliseNhsNumber(input: string): string | undefined {
  const digits = input.replace(/[\s-]/g, '');
  return /^\d{10}$/.test(digits) ? digits : undefined;
}

/**
 * Ten digits whose last is the Modulus 11 check digit of the first nine (weights 10 down to 2).
 * A remainder giving check digit 10 means the number was never issued.
 */
export function isValidNhsNumber(input: string): boolean {
  const digits = normaliseNhsNumber(input);
  if (!digits) return false;
  let sum = 0;
  for (let index = 0; index < 9; index += 1) sum += Number(digits[index]) * (10 - index);
  const check = 11 - (sum % 11);
  const expected = check === 11 ? 0 : check;
  return expected !== 10 && expected === Number(digits[9]);
}
