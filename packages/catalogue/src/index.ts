export * from './catalogue-schema';
export * from './load-catalogue';
export * from './apply-catalogue';
export * from './catalogue-source-form';
export * from './source-row';
