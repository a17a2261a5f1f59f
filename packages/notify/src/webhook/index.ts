export * from './standard-webhooks';
export * from './webhook-payload';
export * from './webhook-sender';
