export * from './alert-view';
export * from './delivery-error';
export * from './channels';
export * from './feeds';
export * from './calendar';
export * from './digest-schedule';
