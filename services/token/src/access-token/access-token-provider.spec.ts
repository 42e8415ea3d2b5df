import { createPublicKey } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import jwt from 'jsonwebtoken';
import { MemoryCache } from '@gpb/cache';
import { SigningKeyRing } from '../keys';
import { AccessTokenProvider, accessTokenCacheKeys, type AccessTokenProviderOptions } from './access-token-provider';
import { ClientAssertionSigner } from './client-assertion-signer';

const ring = SigningKeyRing.ephemeral('test-kid');
const API_KEY = 'the-api-key';

function verifyAssertion(assertion: string, tokenUrl: string): jwt.JwtPayload {
  const header = jwt.decode(assertion, { complete: true })?.header;
  const jwk = ring.jwks().find((key) => key.kid === header?.kid);
  if (!jwk) throw new Error('kid not in the JWKS');
  return jwt.verify(assertion, createPublicKey({ key: { ...jwk }, format: 'jwk' }), { algorithms: ['RS512'], audience: tokenUrl, issuer: API_KEY, subject: API_KEY }) as jwt.JwtPayload;
}

describe('ClientAssertionSigner', () => {
  it('signs RS512 with typ and kid, iss = sub = API key, aud, a fresh jti and exp within 300 s', () => {
    const signer = new ClientAssertionSigner({ apiKey: API_KEY, tokenUrl: 'https://x/oauth2/token' }, ring);
    const a = signer.sign();
    const claims = verifyAssertion(a, 'https://x/oauth2/token');
    expect(jwt.decode(a, { complete: true })?.header).toEqual({ alg: 'RS512', typ: 'JWT', kid: 'test-kid' });
    expect(claims.jti).toMatch(/^[0-9a-f-]{36}$/);
    expect((claims.exp ?? 0) - Math.floor(Date.now() / 1000)).toBeLessThanOrEqual(300);
    expect(verifyAssertion(signer.sign(), 'https://x/oauth2/token').jti).not.toBe(claims.jti);
  });

  it('caps the lifetime at 300 s', () => {
    const signer = new ClientAssertionSigner({ apiKey: API_KEY, tokenUrl: 'u', lifetimeSeconds: 3_600 }, ring, () => 1_000_000);
    const claims = jwt.decode(signer.sign()) as jwt.JwtPayload;
    expect((claims.exp ?? 0) - 1_000).toBe(300);
  });
});

describe('AccessTokenProvider', () => {
  let server: Server;
  let tokenUrl: string;
  let exchanges: number;
  let reply: { status: number; body: Record<string, unknown>; delayMs?: number };
  let assertionsSeen: string[];

  beforeEach(async () => {
    exchanges = 0;
    assertionsSeen = [];
    reply = { status: 200, body: { access_token: 'token-1', expires_in: '599', token_type: 'Bearer' } };
    const app = express();
    app.post('/oauth2/token', express.urlencoded({ extended: false }), (request, response) => {
      exchanges += 1;
      const body = request.body as Record<string, string>;
      expect(body['grant_type']).toBe('client_credentials');
      expect(body['client_assertion_type']).toBe('urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
      assertionsSeen.push(body['client_assertion'] ?? '');
      verifyAssertion(body['client_assertion'] ?? '', tokenUrl);
      const current = reply;
      setTimeout(() => response.status(current.status).json({ ...current.body, ...(current.status === 200 ? { access_token: `token-${exchanges}` } : {}) }), current.delayMs ?? 0);
    });
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    tokenUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/oauth2/token`;
  });
  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const provider = (cache: MemoryCache, now?: () => number, overrides: Partial<AccessTokenProviderOptions> = {}, logs: unknown[] = []) =>
    new AccessTokenProvider(
      { tokenUrl, apiKey: API_KEY, timeoutMs: 2_000, refreshMarginSeconds: 60, ...overrides },
      { keys: ring, cache, logger: { warn: (message, meta) => logs.push({ message, meta }) }, ...(now ? { now } : {}) },
    );

  it('exchanges a signed assertion for a token and reuses it until near expiry', async () => {
    let clock = Date.now();
    const cache = new MemoryCache(() => clock);
    const tokens = provider(cache, () => clock);
    const first = await tokens.get();
    expect(first).toEqual({ ok: true, value: { accessToken: 'token-1', expiresAt: clock + 599_000 } });
    expect((await tokens.get()).ok && exchanges).toBe(1);
    clock += 540_000; // inside the 60 s refresh margin
    expect(await tokens.get()).toMatchObject({ ok: true, value: { accessToken: 'token-2' } });
    expect(exchanges).toBe(2);
  });

  it('shares the token between two instances over one cache: one exchange', async () => {
    reply = { ...reply, delayMs: 150 };
    const cache = new MemoryCache();
    const [a, b] = await Promise.all([provider(cache).get(), provider(cache).get()]);
    expect(a).toEqual(b);
    expect(exchanges).toBe(1);
    expect(await cache.get(accessTokenCacheKeys(API_KEY, tokenUrl).token)).toContain('token-1');
    expect(accessTokenCacheKeys(API_KEY, tokenUrl).token).toMatch(/^token:access:[0-9a-f]{64}$/);
  });

  it('shares one exchange between concurrent callers of one instance', async () => {
    reply = { ...reply, delayMs: 50 };
    const tokens = provider(new MemoryCache());
    await Promise.all([tokens.get(), tokens.get(), tokens.get()]);
    expect(exchanges).toBe(1);
  });

  it('refresh replaces the cached token, but a burst of refreshes does one exchange', async () => {
    let clock = Date.now();
    const cache = new MemoryCache(() => clock);
    const tokens = provider(cache, () => clock);
    await tokens.get();
    // Everyone saw token-1 rejected; the refresh that goes first replaces it, the others reuse its result.
    clock += 10_000;
    const refreshed = await Promise.all([tokens.get(true), provider(cache, () => clock).get(true)]);
    expect(refreshed.map((result) => result.ok && result.value.accessToken)).toEqual(['token-2', 'token-2']);
    expect(exchanges).toBe(2);
  });

  it('falls back to its own exchange when the lock holder never delivers', async () => {
    const cache = new MemoryCache();
    await cache.setIfAbsent(accessTokenCacheKeys(API_KEY, tokenUrl).lock, 'someone-dead', 60);
    const result = await provider(cache, undefined, { lockWaitMs: 200 }).get();
    expect(result).toMatchObject({ ok: true, value: { accessToken: 'token-1' } });
  });

  it('maps a refused assertion to AUTHENTICATION_FAILED and logs neither token nor assertion', async () => {
    reply = { status: 401, body: { error: 'invalid_client', error_description: "Invalid 'kid' header in JWT - no matching public key" } };
    const logs: unknown[] = [];
    const result = await provider(new MemoryCache(), undefined, {}, logs).get();
    expect(result).toMatchObject({ ok: false, error: { code: 'AUTHENTICATION_FAILED', retryable: false } });
    expect(!result.ok && result.error.message).toContain('invalid_client');
    expect(logs.length).toBeGreaterThan(0);
    const logged = JSON.stringify(logs);
    for (const assertion of assertionsSeen) expect(logged).not.toContain(assertion.split('.')[2]);
    expect(logged).not.toContain('eyJ');
  });

  it('maps an unreachable token endpoint to a retryable error', async () => {
    const tokens = new AccessTokenProvider({ tokenUrl: 'http://127.0.0.1:1/oauth2/token', apiKey: API_KEY, timeoutMs: 500, refreshMarginSeconds: 60 }, { keys: ring, cache: new MemoryCache() });
    expect(await tokens.get()).toMatchObject({ ok: false, error: { code: 'UPSTREAM_UNAVAILABLE', retryable: true } });
  });
});
