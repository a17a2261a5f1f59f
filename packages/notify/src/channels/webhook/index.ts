export * from './standard-webhooks';
export * from './webhook-payload';
export * from './webhook-sender';
export { webhookChannel } from './webhook-channel';
