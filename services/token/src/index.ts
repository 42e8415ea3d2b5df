export { tokenService } from './token.service';
export { readTokenConfig } from './config';
export type { TokenConfig } from './config';
