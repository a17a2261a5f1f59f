export * from './poll-source';
export * from './poll-scheduler';
export * from './poller';
