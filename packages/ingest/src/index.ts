export * from './ingest-document';
export * from './matter-profiles';
export * from './ingest-pushed';
