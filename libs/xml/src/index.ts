export * from './element';
export * from './serialize';
export * from './parse';
export * from './query';
export * from './convert';
