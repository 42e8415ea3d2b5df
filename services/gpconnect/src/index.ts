export { gpconnectService } from './gpconnect.service';
export { readGpConnectConfig } from './config';
export type { GpConnectConfig } from './config';
