export * from './ingest-document';
export * from './ingest-pushed';
export * from './court-links';
export * from './discover-cases';
