export * from './fold';
export * from './docket-mentions';
export * from './match-item';
export * from './lower-court';
export * from './match-case';
