export * from './server';
export type { ApiDeps } from './api-deps';
