import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { RedisCache } from '@gpb/cache';
import { describeIntegration, testRedisUrl } from '@gpb/testing';
import { SigningKeyRing } from '../keys';
import { AccessTokenProvider } from './access-token-provider';

describeIntegration('AccessTokenProvider on Redis', () => {
  let server: Server;
  let caches: RedisCache[] = [];
  afterEach(async () => {
    await Promise.all(caches.map((cache) => cache.close()));
    caches = [];
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('two replicas share one token: one exchange', async () => {
    let exchanges = 0;
    const app = express();
    app.post('/oauth2/token', (_request, response) => {
      exchanges += 1;
      setTimeout(() => response.json({ access_token: `token-${exchanges}`, expires_in: '599', token_type: 'Bearer' }), 150);
    });
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const tokenUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/oauth2/token`;

    const keyPrefix = `gpb-test-${randomUUID()}:`;
    caches = await Promise.all(['a', 'b'].map((name) => RedisCache.connect({ url: testRedisUrl(), keyPrefix, connectionName: `token-test-${name}` })));
    const keys = SigningKeyRing.ephemeral();
    const replicas = caches.map((cache) => new AccessTokenProvider({ tokenUrl, apiKey: 'key', timeoutMs: 2_000, refreshMarginSeconds: 60 }, { keys, cache }));
    const results = await Promise.all(replicas.map((replica) => replica.get()));
    expect(results.map((result) => result.ok && result.value.accessToken)).toEqual(['token-1', 'token-1']);
    expect(exchanges).toBe(1);
  });
});
