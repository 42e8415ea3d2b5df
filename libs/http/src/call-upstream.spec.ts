import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { callUpstream, type UpstreamPolicy } from './call-upstream';
import { CircuitBreaker } from './circuit-breaker';
import { WindowRateLimiter } from './rate-limiter';
import { MemoryCache } from '@gpb/cache';

type Step = (request: IncomingMessage, response: ServerResponse) => void;

/** A local server answering its n-th request with the n-th step (the last one repeats). */
async function scripted(steps: Step[]): Promise<{ url: string; hits: () => number; bodies: string[]; close: () => Promise<void> }> {
  let hits = 0;
  const bodies: string[] = [];
  const server: Server = createServer((request, response) => {
    const step = steps[Math.min(hits, steps.length - 1)] as Step;
    hits += 1;
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      bodies.push(body);
      step(request, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/thing`,
    hits: () => hits,
    bodies,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const answer =
  (status: number, body = '', headers: Record<string, string> = {}): Step =>
  (_request, response) => {
    response.writeHead(status, headers);
    response.end(body);
  };
const hang: Step = () => undefined;
const reset: Step = (request) => request.socket.destroy();

const fast: Partial<UpstreamPolicy> = { backoff: { baseDelayMs: 5, maxDelayMs: 20 } };

describe('callUpstream', () => {
  let server: Awaited<ReturnType<typeof scripted>> | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('returns any non-transient answer as data, with headers and body', async () => {
    server = await scripted([answer(404, '{"resourceType":"OperationOutcome"}', { 'x-thing': 'yes' })]);
    const outcome = await callUpstream({ method: 'GET', url: server.url }, { timeoutMs: 2_000, ...fast });
    expect(outcome).toEqual({ ok: true, status: 404, headers: expect.objectContaining({ 'x-thing': 'yes' }), body: '{"resourceType":"OperationOutcome"}', attempts: 1 });
  });

  it.each([502, 503, 504])('retries %i and succeeds', async (status) => {
    server = await scripted([answer(status), answer(200, 'fine')]);
    const outcome = await callUpstream({ method: 'GET', url: server.url }, { timeoutMs: 2_000, ...fast });
    expect(outcome).toMatchObject({ ok: true, status: 200, body: 'fine', attempts: 2 });
  });

  it('gives up after maxAttempts with the last failure', async () => {
    server = await scripted([answer(503)]);
    const outcome = await callUpstream({ method: 'GET', url: server.url }, { timeoutMs: 2_000, maxAttempts: 3, ...fast });
    expect(outcome).toEqual({ ok: false, kind: 'unavailable', status: 503, attempts: 3 });
    expect(server.hits()).toBe(3);
  });

  it('does not retry a 500', async () => {
    server = await scripted([answer(500, 'broken'), answer(200)]);
    const outcome = await callUpstream({ method: 'GET', url: server.url }, { timeoutMs: 2_000, ...fast });
    expect(outcome).toMatchObject({ ok: true, status: 500, attempts: 1 });
  });

  it('honours Retry-After seconds on 429', async () => {
    server = await scripted([answer(429, '', { 'Retry-After': '1' }), answer(200, 'ok')]);
    const started = Date.now();
    const outcome = await callUpstream({ method: 'GET', url: server.url }, { timeoutMs: 3_000, ...fast });
    expect(outcome).toMatchObject({ ok: true, status: 200, attempts: 2 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('honours Retry-After as an HTTP date', async () => {
    // HTTP dates have whole-second precision: two seconds ahead waits at least one.
    const date = new Date(Date.now() + 2_000).toUTCString();
    server = await scripted([answer(429, '', { 'Retry-After': date }), answer(200, 'ok')]);
    const started = Date.now();
    const outcome = await callUpstream({ method: 'GET', url: server.url }, { timeoutMs: 4_000, ...fast });
    expect(outcome).toMatchObject({ ok: true, attempts: 2 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('fails at once, rate-limited, when Retry-After reaches past the deadline', async () => {
    server = await scripted([answer(429, '', { 'Retry-After': '30' })]);
    const started = Date.now();
    const outcome = await callUpstream({ method: 'GET', url: server.url }, { timeoutMs: 1_000, ...fast });
    expect(outcome).toEqual({ ok: false, kind: 'rate-limited', status: 429, retryAfterMs: 30_000, attempts: 1 });
    expect(Date.now() - started).toBeLessThan(500);
    expect(server.hits()).toBe(1);
  });

  it('times out on the deadline, over every attempt', async () => {
    server = await scripted([hang]);
    const started = Date.now();
    const outcome = await callUpstream({ method: 'GET', url: server.url }, { timeoutMs: 300, ...fast });
    expect(outcome).toEqual({ ok: false, kind: 'timeout', attempts: 1 });
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('retries a hung attempt when an attempt timeout leaves room', async () => {
    server = await scripted([hang, answer(200, 'second')]);
    const outcome = await callUpstream({ method: 'GET', url: server.url }, { timeoutMs: 2_000, attemptTimeoutMs: 200, ...fast });
    expect(outcome).toMatchObject({ ok: true, body: 'second', attempts: 2 });
  });

  it('retries a connection reset on an idempotent request', async () => {
    server = await scripted([reset, answer(200, 'after reset')]);
    const outcome = await callUpstream({ method: 'GET', url: server.url }, { timeoutMs: 2_000, ...fast });
    expect(outcome).toMatchObject({ ok: true, body: 'after reset', attempts: 2 });
  });

  it('reports a network failure when nothing listens', async () => {
    server = await scripted([answer(200)]);
    const url = server.url;
    await server.close();
    server = undefined;
    const outcome = await callUpstream({ method: 'GET', url }, { timeoutMs: 2_000, maxAttempts: 2, ...fast });
    expect(outcome).toEqual({ ok: false, kind: 'network', attempts: 2 });
  });

  it('does not repeat a POST unless the policy says it is safe', async () => {
    server = await scripted([answer(503), answer(200)]);
    const once = await callUpstream({ method: 'POST', url: server.url, body: 'x' }, { timeoutMs: 2_000, ...fast });
    expect(once).toMatchObject({ ok: false, kind: 'unavailable', attempts: 1 });

    await server.close();
    server = await scripted([answer(503), answer(200)]);
    const repeated = await callUpstream({ method: 'POST', url: server.url, body: 'x' }, { timeoutMs: 2_000, safeToRepeat: true, ...fast });
    expect(repeated).toMatchObject({ ok: true, status: 200, attempts: 2 });
  });

  it('builds a fresh request per attempt when given a function', async () => {
    server = await scripted([answer(503), answer(200)]);
    const url = server.url;
    await callUpstream((attempt) => ({ method: 'POST', url, body: `attempt ${attempt}` }), { timeoutMs: 2_000, safeToRepeat: true, ...fast });
    expect(server.bodies).toEqual(['attempt 1', 'attempt 2']);
  });

  it('does not retry connection failures when told not to', async () => {
    server = await scripted([reset, answer(200)]);
    const outcome = await callUpstream({ method: 'GET', url: server.url }, { timeoutMs: 2_000, retryConnectionFailures: false, ...fast });
    expect(outcome).toEqual({ ok: false, kind: 'network', attempts: 1 });
  });

  it('reports the caller cancelling as a timeout', async () => {
    server = await scripted([hang]);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const outcome = await callUpstream({ method: 'GET', url: server.url }, { timeoutMs: 5_000, signal: controller.signal, ...fast });
    expect(outcome).toMatchObject({ ok: false, kind: 'timeout' });
  });

  it('opens the circuit after the threshold and then refuses without calling', async () => {
    server = await scripted([answer(503)]);
    const breaker = new CircuitBreaker({ failureThreshold: 2, coolDownMs: 60_000 });
    const policy = { timeoutMs: 2_000, maxAttempts: 1, breaker: { breaker, key: 'up' }, ...fast };
    await callUpstream({ method: 'GET', url: server.url }, policy);
    await callUpstream({ method: 'GET', url: server.url }, policy);
    expect(breaker.state('up')).toBe('open');
    const refused = await callUpstream({ method: 'GET', url: server.url }, policy);
    expect(refused).toEqual({ ok: false, kind: 'circuit-open', attempts: 0 });
    expect(server.hits()).toBe(2);
  });

  it('closes the circuit after a successful probe', async () => {
    let clock = 0;
    server = await scripted([answer(503), answer(200)]);
    const breaker = new CircuitBreaker({ failureThreshold: 1, coolDownMs: 1_000, now: () => clock });
    const policy = { timeoutMs: 2_000, maxAttempts: 1, breaker: { breaker, key: 'up' }, ...fast };
    await callUpstream({ method: 'GET', url: server.url }, policy);
    expect(breaker.state('up')).toBe('open');
    clock = 1_000;
    expect(await callUpstream({ method: 'GET', url: server.url }, policy)).toMatchObject({ ok: true, status: 200 });
    expect(breaker.state('up')).toBe('closed');
  });

  it('reports the outcome and duration to the observer', async () => {
    server = await scripted([answer(503), answer(404)]);
    const calls: [string, string, number][] = [];
    const observer = { upstreamCall: (upstream: string, outcome: string, seconds: number) => calls.push([upstream, outcome, seconds]) };
    await callUpstream({ method: 'GET', url: server.url }, { timeoutMs: 2_000, observe: { observer, upstream: 'pds' }, ...fast });
    const open = new CircuitBreaker({ failureThreshold: 1, coolDownMs: 60_000 });
    open.recordFailure('x');
    await callUpstream({ method: 'GET', url: server.url }, { timeoutMs: 2_000, breaker: { breaker: open, key: 'x' }, observe: { observer, upstream: 'pds' } });
    expect(calls.map(([upstream, outcome]) => [upstream, outcome])).toEqual([
      ['pds', '404'],
      ['pds', 'circuit-open'],
    ]);
    expect(calls[0]?.[2]).toBeGreaterThan(0);
  });

  it('takes a rate-limit slot per attempt and reports rate-limited when none comes in time', async () => {
    server = await scripted([answer(200)]);
    // A clock stopped mid-window, and a deadline before the next window: the second call cannot get a slot.
    const now = () => 1_700_000_000_500;
    const limiter = new WindowRateLimiter(new MemoryCache(now), { now });
    const policy = { timeoutMs: 100, now, rateLimit: { limiter, key: 'k', perSecond: 1 }, ...fast };
    expect(await callUpstream({ method: 'GET', url: server.url }, policy)).toMatchObject({ ok: true, status: 200 });
    expect(await callUpstream({ method: 'GET', url: server.url }, policy)).toEqual({ ok: false, kind: 'rate-limited', attempts: 0 });
    expect(server.hits()).toBe(1);
  });
});
