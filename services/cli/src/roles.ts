/** The parts a docketwatch process can run; `start` with none named runs them all. */
export type Role = 'api' | 'poller' | 'scheduler' | 'notifier' | 'inbound';
export const ALL_ROLES: Role[] = ['api', 'scheduler', 'poller', 'notifier', 'inbound'];
