export const NHS_NUMBER_ROOT = '2.16.840.1.113883.2.1.4.1';
