export * from './atom';
export * from './xml-escape';
