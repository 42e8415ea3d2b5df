export * from './in-process/in-process-broker';
export * from './in-process/in-process-server';
export * from './in-process/in-process-client';
export * from './in-process/in-process-context';
export * from './transport';
export * from './contract-client';
export * from './contract-handler.interceptor';
