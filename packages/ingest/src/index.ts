export * from './ingest-document';
export * from './ingest-pushed';
