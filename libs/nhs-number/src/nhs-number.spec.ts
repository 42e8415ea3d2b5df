import { isValidNhsNumber, normaliseNhsNumber } from './nhs-number';

describe('NHS number', () => {
  it.each(['9690937286', '9690937278', '9690937472', '9000000009', '969 093 7286', '969-093-7286'])('accepts %s', (value) => {
    expect(isValidNhsNumber(value)).toBe(true);
  });

  it.each([
    ['a wrong check digit', '9690937287'],
    ['two swapped digits', '9690937826'],
    ['nine digits', '969093728'],
    ['letters', '96909372AB'],
    ['a check digit of 10 (never issued)', '0000000060'],
    ['empty', ''],
  ])('rejects %s', (_why, value) => {
    expect(isValidNhsNumber(value)).toBe(false);
  });

  it('normalises spacing and refuses anything but ten digits', () => {
    expect(normaliseNhsNumber(' 969 093 7286 ')).toBe('9690937286');
    expect(normaliseNhsNumber('96909372866')).toBeUndefined();
  });
});
