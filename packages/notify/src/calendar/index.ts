export * from './extract-events';
export * from './render-calendar';
export { vtimezone } from './vtimezone';
