export * from './authenticate-notice';
export * from './inbound-mail-server';
