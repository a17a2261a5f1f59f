export * from './jobs';
export * from './connection';
export * from './queues';
