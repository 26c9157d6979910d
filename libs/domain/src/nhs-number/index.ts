export * from './nhs-number.validator';
