export * from './alert-view';
export * from './render-email';
export * from './render-slack';
export * from './delivery-error';
export * from './email-sender';
export * from './slack-sender';
