export * from './nhs-number';
