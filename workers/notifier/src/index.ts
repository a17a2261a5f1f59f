export * from './deliver';
export * from './fan-out';
export * from './notifier';
export * from './digest';
