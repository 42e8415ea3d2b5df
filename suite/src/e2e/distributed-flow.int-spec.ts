import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { IheClient } from '@gpb/ihe-client';
import { describeIntegration, testNatsUrl, testRedisUrl } from '@gpb/testing';
import { startDistributedSuite } from '../distributed-suite';
import { ProcessSupervisor } from '../process-supervisor';
import { runIheFlow } from '../testing/ihe-flow';

const REPO = resolve(__dirname, '../../..');
const LARGE_RECORD = join(REPO, 'fixtures/gpconnect/gp2gp-9690937286-large.json');
const SOAP_TIMEOUT_MS = 20_000;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  await new Promise<void>((done) => server.close(() => done()));
  if (typeof address !== 'object' || !address) throw new Error('no port');
  return address.port;
}

async function waitUntilReady(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = await fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(3_000) }).then((r) => r.status, () => 0);
    if (status === 200) return;
    if (Date.now() > deadline) throw new Error(`the suite was not ready within ${timeoutMs} ms (last status ${status})`);
    await new Promise((done) => setTimeout(done, 250));
  }
}

describeIntegration('distributed suite: every service its own process over real NATS and Redis', () => {
  const supervisor = new ProcessSupervisor({
    distRoot: join(REPO, 'dist'),
    // Children log JSON lines; only errors are worth showing in a test run.
    output: (service, line) => {
      if (line.includes('"level":"error"') || !line.startsWith('{')) process.stderr.write(`[${service}] ${line}\n`);
    },
  });
  const dataDir = mkdtempSync(join(tmpdir(), 'gpb-records-'));
  let url = '';

  beforeAll(async () => {
    // The 3 MB GP2GP record, served as test patient 9690937286's structured record.
    copyFileSync(LARGE_RECORD, join(dataDir, '9690937286.json'));
    const [gatewayPort, sandboxPort] = [await freePort(), await freePort()];
    url = `http://127.0.0.1:${gatewayPort}`;
    startDistributedSuite({
      supervisor,
      withSandbox: true,
      env: {
        NATS_URL: testNatsUrl(),
        REDIS_URL: testRedisUrl(),
        REDIS_KEY_PREFIX: `gpb-test-${randomUUID()}:`,
        CACHE_KEY_SECRET: randomUUID(),
        PORT: String(gatewayPort),
        HOST: '127.0.0.1',
        NHS_SANDBOX_PORT: String(sandboxPort),
        NHS_SANDBOX_DATA: dataDir,
        SOAP_TIMEOUT_MS: String(SOAP_TIMEOUT_MS),
        LOG_LEVEL: 'warn',
        OPS_PORT_SOAP_INGRESS: '0',
        OPS_PORT_PDS: '0',
        OPS_PORT_GPCONNECT: '0',
        OPS_PORT_CCDA: '0',
        OPS_PORT_TOKEN: '0',
      },
    });
    await waitUntilReady(url, 60_000);
  }, 90_000);

  afterAll(async () => {
    await supervisor.stopAll();
    rmSync(dataDir, { recursive: true, force: true });
  }, 30_000);

  it('carries the 3 MB record through NATS by reference and serves a schema-valid CCD', async () => {
    const flow = await runIheFlow(url, '9690937286');
    // Only the 3 MB record has the ended peanut allergy: proof the large record, not the built-in one, went through.
    expect(flow.document.toString('utf8')).toContain('91935009');
  }, 120_000);

  it('answers with a SOAP fault within the deadline while soap-ingress is down, and works again once it is back', async () => {
    await supervisor.stop('soap-ingress', 'SIGKILL');
    const started = Date.now();
    const { exchange } = await new IheClient(url).discoverPatient({ nhsNumber: '9690937278' });
    expect(Date.now() - started).toBeLessThan(SOAP_TIMEOUT_MS + 3_000);
    expect(exchange.status).toBe(503);
    expect(exchange.soap.fault?.code).toMatch(/Receiver$/);

    supervisor.restart('soap-ingress');
    await waitUntilReady(url, 60_000);
    await runIheFlow(url, '9690937278');
  }, 120_000);

  it('answers a query with a registry error while gpconnect is down mid-flow, and serves the document once it is back', async () => {
    const client = new IheClient(url);
    const { match } = await client.discoverPatient({ nhsNumber: '9690937472' });
    expect(match?.queryResponseCode).toBe('OK');

    await supervisor.stop('gpconnect', 'SIGKILL');
    const started = Date.now();
    const { exchange, result } = await client.findDocuments('9690937472');
    expect(Date.now() - started).toBeLessThan(SOAP_TIMEOUT_MS + 3_000);
    expect(exchange.status).toBe(200);
    expect(result?.errors.map((error) => error.code)).toEqual(['XDSRegistryNotAvailable']);

    supervisor.restart('gpconnect');
    await waitUntilReady(url, 60_000);
    await runIheFlow(url, '9690937472');
  }, 120_000);
});
