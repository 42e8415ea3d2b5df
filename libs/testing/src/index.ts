export * from './xsd';
export * from './integration';
