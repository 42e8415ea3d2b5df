import { Module } from '@nestjs/common';
import { Subjects, fail, ok } from '@gpb/contracts';
import { CircuitBreaker, WindowRateLimiter } from '@gpb/http';
import { RUNTIME, ServiceDefinition, upstreamObserver } from '@gpb/runtime';
import { PdsConfig, readPdsConfig } from './config';
import { PatientController } from './messages/patient.controller';
import { PdsClient } from './patient-lookup';

@Module({})
class PdsModule {}

/** The pds service: PDS FHIR R4 read and search behind the NHS API platform, rate-limited cluster-wide. */
export const pdsService: ServiceDefinition<PdsConfig> = {
  name: 'pds',
  queue: Subjects.pdsRead.queue,
  defaultOpsPort: 9102,
  readConfig: readPdsConfig,
  async createModule(runtime, config) {
    const pds = new PdsClient(config, {
      // Tokens come from the token service, which shares one per application through Redis.
      tokens: {
        get: async (refresh = false) => {
          const reply = await runtime.bus.call(Subjects.tokenAccess, { refresh });
          return reply.ok ? ok(reply.value.accessToken) : fail(reply.error);
        },
      },
      cache: runtime.cache,
      pseudonyms: runtime.pseudonyms,
      rateLimiter: new WindowRateLimiter(runtime.cache),
      breaker: new CircuitBreaker({ failureThreshold: config.breakerFailureThreshold, coolDownMs: config.breakerCoolDownMs }),
      logger: runtime.logger,
      observer: upstreamObserver(runtime),
    });
    return {
      module: PdsModule,
      controllers: [PatientController],
      providers: [
        { provide: RUNTIME, useValue: runtime },
        { provide: PdsClient, useValue: pds },
      ],
    };
  },
};
