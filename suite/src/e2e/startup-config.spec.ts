import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { REGISTER_PATHS, ServiceName, entryPoint } from '../service-catalog';

const DIST = resolve(__dirname, '../../../dist');

function start(service: ServiceName, env: Record<string, string>): { status: number | null; stderr: string } {
  const result = spawnSync(process.execPath, ['-r', REGISTER_PATHS(DIST), entryPoint(service, DIST)], {
    env: { PATH: process.env['PATH'] ?? '', ...env },
    encoding: 'utf8',
    timeout: 20_000,
  });
  return { status: result.status, stderr: result.stderr };
}

/** Configuration is validated at start-up: every problem named at once, no secret echoed. */
describe('start-up configuration errors name the variable', () => {
  it.each([
    ['pds', ['NATS_URL', 'REDIS_URL', 'CACHE_KEY_SECRET', 'PDS_BASE_URL']],
    ['gpconnect', ['NATS_URL', 'REDIS_URL', 'SDS_BASE_URL', 'NHS_API_KEY', 'GPC_FROM_ASID']],
    ['token', ['NATS_URL', 'REDIS_URL', 'NHS_TOKEN_URL', 'NHS_API_KEY', 'TOKEN_KEY_FILES']],
  ] as const)('%s refuses to start without its settings, naming each', (service, names) => {
    const { status, stderr } = start(service, {});
    expect(status).toBe(1);
    for (const name of names) expect(stderr).toContain(name);
  });

  it('names a malformed value and an unreadable certificate file, without echoing secrets', () => {
    const { status, stderr } = start('gpconnect', {
      NATS_URL: 'nats://127.0.0.1:4222',
      REDIS_URL: 'redis://127.0.0.1:6379',
      SDS_BASE_URL: 'not a url',
      NHS_API_KEY: 'very-secret-api-key-value',
      GPC_FROM_ASID: '200000001329',
      GPC_TLS_CERT_FILE: join(DIST, 'no-such.crt'),
      GPC_TLS_KEY_FILE: join(DIST, 'no-such.key'),
      GPC_TIMEOUT_MS: 'soon',
    });
    expect(status).toBe(1);
    expect(stderr).toContain('SDS_BASE_URL must be a URL');
    expect(stderr).toContain('GPC_TLS_CERT_FILE');
    expect(stderr).toContain('GPC_TIMEOUT_MS must be a whole number');
    expect(stderr).not.toContain('very-secret-api-key-value');
  });
});
