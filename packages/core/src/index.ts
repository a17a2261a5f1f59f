export * from './parsed-document';
export * from './errors';
export * from './docket-number';
export * from './dates';
export * from './entry-identity';
export * from './courts';
export * from './escape';
