export * from './key-value-cache';
export * from './memory-cache';
export * from './redis-cache';
export * from './blob-store';
export * from './pseudonyms';
