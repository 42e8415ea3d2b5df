import { randomBytes } from 'node:crypto';
import { ProcessSupervisor } from './process-supervisor';
import { ServiceName } from './service-catalog';
import { overlay, sandboxEnvironment } from './sandbox-environment';

export interface DistributedSuiteOptions {
  /** NATS_URL, REDIS_URL and every service setting. */
  readonly env: NodeJS.ProcessEnv;
  /** Start an nhs-sandbox process and point the services at it (unless the NHS URLs are set). */
  readonly withSandbox: boolean;
  readonly supervisor?: ProcessSupervisor;
}

const SANDBOX_PORT_DEFAULT = 9000;

/** Ops ports of the deployed services, so several can run on one machine. */
const OPS_PORTS: Readonly<Record<Exclude<ServiceName, 'gateway' | 'nhs-sandbox'>, number>> = {
  'soap-ingress': 9101,
  pds: 9102,
  gpconnect: 9103,
  ccda: 9104,
  token: 9105,
};

/**
 * Every service as its own OS process over real NATS and Redis, as deployed: what `npm start` does
 * when NATS_URL and REDIS_URL are set. The gateway's JWKS is what the sandbox checks assertions against.
 */
export function startDistributedSuite(options: DistributedSuiteOptions): ProcessSupervisor {
  const supervisor = options.supervisor ?? new ProcessSupervisor();
  const gatewayPort = options.env['PORT'] || '8080';
  const base: Record<string, string> = {};
  if (options.withSandbox) {
    const sandboxPort = options.env['NHS_SANDBOX_PORT'] || String(SANDBOX_PORT_DEFAULT);
    supervisor.start({
      name: 'nhs-sandbox',
      env: overlay({ NHS_SANDBOX_JWKS_URL: `http://127.0.0.1:${gatewayPort}/.well-known/jwks.json` }, { ...options.env, PORT: sandboxPort }),
    });
    Object.assign(base, sandboxEnvironment(`http://127.0.0.1:${sandboxPort}`));
  }
  // A development run without CACHE_KEY_SECRET gets one for its lifetime; deployments set their own.
  base['CACHE_KEY_SECRET'] = randomBytes(24).toString('base64url');
  const env = overlay(base, options.env);
  for (const [name, opsPort] of Object.entries(OPS_PORTS) as [keyof typeof OPS_PORTS, number][]) {
    supervisor.start({ name, env: { ...env, OPS_PORT: env[`OPS_PORT_${name.toUpperCase().replace('-', '_')}`] ?? String(opsPort) } });
  }
  supervisor.start({ name: 'gateway', env: { ...env, PORT: gatewayPort } });
  return supervisor;
}
