export * from './poll-source';
export * from './scheduler-tick';
export * from './poller';
