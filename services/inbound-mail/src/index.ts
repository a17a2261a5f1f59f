export * from './inbound-mail-server';
