import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import express, { type Request } from 'express';
import { MemoryCache } from '@gpb/cache';
import { ok } from '@gpb/contracts';
import { providerCacheKey, SdsClient, STRUCTURED_RECORD_INTERACTION } from './sds-client';

const fixture = (name: string): string => readFileSync(join(__dirname, '../../../../fixtures/sds', name), 'utf8');
const BASE = '/spine-directory/FHIR/R4';

/** SDS stand-in: the Device and Endpoint answers per ODS code. */
const PRACTICES: Record<string, { device: [number, string]; endpoint: [number, string] }> = {
  B82617: { device: [200, fixture('sds_device_response.json')], endpoint: [200, fixture('sds_endpoint_response.json')] },
  NOGPC1: { device: [200, fixture('sds_no_result_response.json')], endpoint: [200, fixture('sds_no_result_response.json')] },
  NOEND1: { device: [200, fixture('sds_device_response.json')], endpoint: [200, fixture('sds_no_result_response.json')] },
  EMPTY1: { device: [200, fixture('sds_device_response.json')], endpoint: [200, fixture('sds_endpoint_no_address_response.json')] },
  BROKEN: { device: [400, fixture('sds_error_response.json')], endpoint: [400, fixture('sds_error_response.json')] },
};

describe('SdsClient', () => {
  let server: Server;
  let seen: Request[];
  let baseUrl: string;
  let cache: MemoryCache;

  beforeEach(async () => {
    seen = [];
    cache = new MemoryCache();
    const app = express();
    for (const resource of ['Device', 'Endpoint'] as const) {
      app.get(`${BASE}/${resource}`, (request, response) => {
        seen.push(request);
        if (request.header('apikey') !== 'the-api-key') return void response.status(401).send('{}');
        const ods = String(request.query['organization']).split('|')[1] ?? '';
        const practice = PRACTICES[ods];
        const [status, body] = practice ? practice[resource === 'Device' ? 'device' : 'endpoint'] : [200, fixture('sds_no_result_response.json')];
        response.status(status).type('application/fhir+json').send(body);
      });
    }
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}${BASE}`;
  });
  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const client = (apiKey = 'the-api-key') => new SdsClient({ baseUrl, apiKey, timeoutMs: 2_000, cacheTtlSeconds: 4 * 3600 }, { cache });

  it('finds the ASID from the Device and the address from the Endpoint', async () => {
    expect(await client().findProvider('b82617')).toEqual(ok({ odsCode: 'B82617', asid: '928942012545', endpoint: 'http://test/' }));
    expect(seen).toHaveLength(2);
    for (const request of seen) {
      expect(request.query).toEqual({
        organization: 'https://fhir.nhs.uk/Id/ods-organization-code|B82617',
        identifier: `https://fhir.nhs.uk/Id/nhsServiceInteractionId|${STRUCTURED_RECORD_INTERACTION}`,
      });
    }
  });

  it('caches the provider for the configured time', async () => {
    const sds = client();
    await sds.findProvider('B82617');
    await sds.findProvider('B82617');
    expect(seen).toHaveLength(2);
    expect(await cache.get(providerCacheKey('B82617'))).toContain('928942012545');
  });

  it('maps no Device to PRACTICE_NOT_FOUND', async () => {
    expect(await client().findProvider('NOGPC1')).toMatchObject({ ok: false, error: { code: 'PRACTICE_NOT_FOUND', retryable: false } });
  });

  it('maps no Endpoint, or an empty address, to GP_SYSTEM_NOT_FOUND', async () => {
    expect(await client().findProvider('NOEND1')).toMatchObject({ ok: false, error: { code: 'GP_SYSTEM_NOT_FOUND' } });
    expect(await client().findProvider('EMPTY1')).toMatchObject({ ok: false, error: { code: 'GP_SYSTEM_NOT_FOUND' } });
    expect(await cache.get(providerCacheKey('EMPTY1'))).toBeNull();
  });

  it('maps an SDS error answer and a refused API key', async () => {
    expect(await client().findProvider('BROKEN')).toMatchObject({ ok: false, error: { code: 'UPSTREAM_ERROR' } });
    expect(await client('wrong').findProvider('B82617')).toMatchObject({ ok: false, error: { code: 'AUTHENTICATION_FAILED' } });
  });

  it('refuses a malformed ODS code without calling SDS', async () => {
    expect(await client().findProvider('B8|617&x=1')).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    expect(seen).toHaveLength(0);
  });
});
