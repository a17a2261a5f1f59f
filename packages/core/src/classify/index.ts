export * from './classify-entry';
