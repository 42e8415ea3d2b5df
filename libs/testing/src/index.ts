export * from './xsd';
export * from './integration';
export * from './soap-validation';
export * from './saml/signed-assertion';
