export * from './connect';
export * from './schema';
export * from './matters.repository';
export * from './sources.repository';
export * from './entries.repository';
export * from './subscriptions.repository';
export * from './deliveries.repository';
export * from './local-mail.repository';
