export * from './poll-source';
export * from './scheduler-tick';
export * from './poller';
export { createDrivers, POLLED_KINDS, type DriverSet } from './drivers';
