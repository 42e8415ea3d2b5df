export * from './service-runtime';
export * from './infrastructure-config';
export * from './bootstrap-service';
export * from './nest-logger';
export * from './ops.controller';
export * from './service-main';
export * from './health';
