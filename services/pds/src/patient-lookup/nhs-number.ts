// Local stand-in until @gpb/nhs-number lands; swap the import in pds-client.ts and delete this file.

/** Ten digits whose Modulus 11 check digit is right. */
export function isValidNhsNumber(value: string): boolean {
  if (!/^\d{10}$/.test(value)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(value[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === Number(value[9]);
}

/** Strips spaces and dashes ("943 476 5919" → "9434765919"). */
export function normaliseNhsNumber(value: string): string {
  return value.replace(/[\s-]/g, '');
}
