export * from './xsd';
