export * from './test-database';
export * from './test-redis';
export * from './smtp-sink';
export * from './http-stand-in';
export * from './fixtures';
export * from './cli-process';
export * from './browser';
export * from './property-seed';
