export { main } from './main';
export { Runtime } from './runtime';
export { ALL_ROLES, type Role } from './roles';
