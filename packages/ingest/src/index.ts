export * from './ingest-document';
export * from './matter-profiles';
