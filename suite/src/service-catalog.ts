import { resolve } from 'node:path';

/** Every deployable process, with the compiled entry point `npm run start:<name>` runs. */
export const SERVICE_NAMES = ['nhs-sandbox', 'token', 'pds', 'gpconnect', 'ccda', 'soap-ingress', 'gateway'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

/** The dist/ folder this file was compiled into (suite/src → ../../). */
export const DIST_ROOT = resolve(__dirname, '../..');

export function entryPoint(service: ServiceName, distRoot = DIST_ROOT): string {
  return service === 'gateway' ? resolve(distRoot, 'gateway/src/main.js') : resolve(distRoot, `services/${service}/src/main.js`);
}

export const REGISTER_PATHS = (distRoot = DIST_ROOT) => resolve(distRoot, 'tools/register-paths.js');
