import { randomUUID } from 'node:crypto';
import { EnvReader } from '@gpb/config';
import { Subjects } from '@gpb/contracts';
import { RunningService, ServiceRuntime, createDistributedRuntime, startDistributedService } from '@gpb/runtime';
import { pdsService } from '@gpb/service-pds';
import { RunningSandbox, startNhsSandbox } from '@gpb/service-nhs-sandbox';
import { tokenService } from '@gpb/service-token';
import { describeIntegration, testNatsUrl, testRedisUrl } from '@gpb/testing';

/**
 * Two replicas each of the token and pds services, in this process but as deployed: each with its
 * own NATS and Redis connections, subscribed in its service's queue group.
 */
describeIntegration('replicas over real NATS and Redis share one access token and one PDS rate limit', () => {
  let sandbox: RunningSandbox;
  let caller: ServiceRuntime;
  const replicas: RunningService[] = [];

  beforeAll(async () => {
    sandbox = await startNhsSandbox({ port: 0 });
    const infra = { natsUrl: testNatsUrl(), redisUrl: testRedisUrl(), redisKeyPrefix: `gpb-replicas-${randomUUID()}:`, logLevel: 'error', opsPort: 0, cacheKeySecret: randomUUID() };
    const env = () =>
      new EnvReader({
        NHS_TOKEN_URL: `${sandbox.url}/oauth2/token`,
        NHS_API_KEY: 'replica-test-key',
        TOKEN_EPHEMERAL_KEY: 'true',
        PDS_BASE_URL: `${sandbox.url}/personal-demographics/FHIR/R4`,
        PDS_CACHE_TTL_SECONDS: '0',
        PDS_RATE_LIMIT_PER_SECOND: '5',
        PDS_TIMEOUT_MS: '30000',
        LOG_LEVEL: 'error',
      });
    for (let i = 0; i < 2; i += 1) {
      replicas.push(await startDistributedService(tokenService, infra, env()));
      replicas.push(await startDistributedService(pdsService, infra, env()));
    }
    caller = await createDistributedRuntime('replica-test-caller', infra);
  }, 60_000);

  afterAll(async () => {
    await caller.close();
    for (const replica of replicas) await replica.close();
    await sandbox.close();
  }, 30_000);

  it('makes one token exchange for twenty concurrent requests spread over two token replicas', async () => {
    const before = sandbox.faults.requestCounts().token;
    const replies = await Promise.all(Array.from({ length: 20 }, () => caller.bus.call(Subjects.tokenAccess, {})));
    const tokens = new Set(replies.map((reply) => (reply.ok ? reply.value.accessToken : `error ${reply.error.code}`)));
    expect(tokens.size).toBe(1);
    expect([...tokens][0]).not.toMatch(/^error/);
    expect(sandbox.faults.requestCounts().token - before).toBe(1);
  }, 30_000);

  it('holds 5 requests per second to PDS across two pds replicas', async () => {
    const before = sandbox.faults.requestCounts().pds;
    const started = Date.now();
    // Distinct searches: nothing to share or cache, so every one is a PDS call.
    const replies = await Promise.all(
      Array.from({ length: 20 }, (_, i) => caller.bus.call(Subjects.pdsSearch, { family: `Nobody${i}`, birthDate: '1970-01-01' }, { timeoutMs: 30_000 })),
    );
    const elapsed = Date.now() - started;
    expect(replies.every((reply) => reply.ok && reply.value.outcome === 'not-found')).toBe(true);
    expect(sandbox.faults.requestCounts().pds - before).toBe(20);
    // 20 calls at 5 per (fixed, epoch-aligned) second need four windows: more than two seconds end to end.
    // Limits kept per replica (10 per second in all) would need only two windows: about a second.
    expect(elapsed).toBeGreaterThan(2_000);
  }, 40_000);
});
