export * from './atom';
export * from './xml-text';
