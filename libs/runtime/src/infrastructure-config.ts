import { EnvReader } from '@gpb/config';

/** Settings every deployed service shares: where NATS, Redis and the trace collector are. */
export interface InfrastructureConfig {
  readonly natsUrl: string;
  readonly redisUrl: string;
  /** Prefix for every Redis key, so deployments can share one Redis. */
  readonly redisKeyPrefix: string;
  readonly otlpEndpoint?: string;
  readonly logLevel: string;
  /** Port of the service's own /health and /metrics endpoints. */
  readonly opsPort: number;
  /** Keys the hashes of patient identifiers in Redis keys; the same on every service. */
  readonly cacheKeySecret: string;
}

function cacheKeySecret(env: EnvReader): string {
  const secret = env.required('CACHE_KEY_SECRET', 'a random secret of at least 16 characters, the same on every service');
  if (secret && secret.length < 16) env.problem('CACHE_KEY_SECRET must be at least 16 characters');
  return secret;
}

export function readInfrastructureConfig(env: EnvReader, defaultOpsPort: number): InfrastructureConfig {
  const natsUrl = env.required('NATS_URL', 'e.g. nats://127.0.0.1:4222');
  const redisUrl = env.required('REDIS_URL', 'e.g. redis://127.0.0.1:6379');
  return {
    natsUrl,
    redisUrl,
    redisKeyPrefix: env.string('REDIS_KEY_PREFIX', 'gpb:'),
    otlpEndpoint: env.url('OTEL_EXPORTER_OTLP_ENDPOINT'),
    logLevel: env.oneOf('LOG_LEVEL', ['error', 'warn', 'info', 'debug'] as const, 'info'),
    opsPort: env.int('OPS_PORT', defaultOpsPort, { min: 0, max: 65535 }),
    cacheKeySecret: cacheKeySecret(env),
  };
}
