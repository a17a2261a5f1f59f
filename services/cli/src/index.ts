export { main } from './main';
export { Runtime, ALL_ROLES, type Role } from './runtime';
