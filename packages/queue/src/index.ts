export * from './jobs';
export * from './connection';
export * from './queues';
export * from './send-spacing';
export * from './window-counter';
export * from './host-politeness';
export * from './request-ledger';
export * from './queue-board';
