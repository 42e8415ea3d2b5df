import { Module } from '@nestjs/common';
import { Subjects, fail, ok } from '@gpb/contracts';
import { CircuitBreaker } from '@gpb/http';
import { RUNTIME, ServiceDefinition, upstreamObserver } from '@gpb/runtime';
import { GpConnectConfig, readGpConnectConfig } from './config';
import { GPCONNECT_CONFIG, StructuredRecordController } from './messages/structured-record.controller';
import { SdsClient } from './sds';
import { StructuredRecordClient } from './structured-record';

@Module({})
class GpConnectModule {}

/** The gpconnect service: SDS provider lookup and GP Connect Access Record: Structured. */
export const gpconnectService: ServiceDefinition<GpConnectConfig> = {
  name: 'gpconnect',
  queue: Subjects.gpconnectRecord.queue,
  defaultOpsPort: 9103,
  readConfig: readGpConnectConfig,
  async createModule(runtime, config) {
    const observer = upstreamObserver(runtime);
    const breaker = new CircuitBreaker({ failureThreshold: config.breakerFailureThreshold, coolDownMs: config.breakerCoolDownMs });
    const sds = new SdsClient(
      { baseUrl: config.sdsBaseUrl, apiKey: config.apiKey, timeoutMs: config.sdsTimeoutMs, cacheTtlSeconds: config.sdsCacheTtlSeconds },
      { cache: runtime.cache, breaker, observer },
    );
    const records = new StructuredRecordClient(
      {
        sspPrefix: config.sspPrefix,
        fromAsid: config.fromAsid,
        timeoutMs: config.timeoutMs,
        clinicalAreas: config.clinicalAreas,
        ...(config.tls ? { tls: config.tls } : {}),
      },
      {
        sds,
        // The JWT names the requesting user from the SAML assertion, so it is built per request by the token service.
        jwt: {
          build: async (audience, requester) => {
            const reply = await runtime.bus.call(Subjects.tokenGpConnectJwt, { audience, ...(requester ? { requester } : {}) });
            return reply.ok ? ok(reply.value.jwt) : fail(reply.error);
          },
        },
        breaker,
        observer,
      },
    );
    return {
      module: GpConnectModule,
      controllers: [StructuredRecordController],
      providers: [
        { provide: RUNTIME, useValue: runtime },
        { provide: GPCONNECT_CONFIG, useValue: config },
        { provide: StructuredRecordClient, useValue: records },
      ],
    };
  },
};
