export { pdsService } from './pds.service';
export { readPdsConfig } from './config';
export type { PdsConfig } from './config';
