import { DynamicModule } from '@nestjs/common';
import { EnvReader } from '@gpb/config';
import type { UpstreamObserver } from '@gpb/http';
import { ReadinessCheck } from './ops.controller';
import { ServiceRuntime } from './service-runtime';

/**
 * One message service, described once so that its own process (`main.ts`) and the embedded suite
 * start it the same way: read its settings, build its module on a runtime, subscribe in its queue.
 */
export interface ServiceDefinition<Config> {
  readonly name: string;
  /** NATS queue group; replicas of the service share it. */
  readonly queue: string;
  /** Default port of the deployed service's /health and /metrics (OPS_PORT overrides). */
  readonly defaultOpsPort: number;
  /** Reads and validates the service's settings; problems go to the reader, which reports them all. */
  readConfig(env: EnvReader): Config;
  createModule(runtime: ServiceRuntime, config: Config): Promise<DynamicModule>;
  /** Dependencies that must answer before the service is ready. Default: the shared cache. */
  readiness?(runtime: ServiceRuntime, config: Config): ReadinessCheck;
}

export function cacheReadiness(runtime: ServiceRuntime): ReadinessCheck {
  return async () => ({ cache: await runtime.cache.ping() });
}

/** Feeds upstream-call and cache-lookup observations of the HTTP clients into the service's metrics. */
export function upstreamObserver(runtime: ServiceRuntime): UpstreamObserver {
  const { metrics, service } = runtime;
  return {
    upstreamCall: (upstream, outcome, seconds) => {
      metrics.upstreamCalls.inc({ service, upstream, outcome });
      metrics.upstreamDuration.observe({ service, upstream }, seconds);
    },
    cacheLookup: (cache, result) => metrics.cacheLookups.inc({ service, cache, result }),
  };
}
