import { BlobStore, KeyValueCache, Pseudonymiser, RedisCache } from '@gpb/cache';
import { ContractClient, TransportConfig, createClientTransport } from '@gpb/messaging';
import { Logger, Metrics, createLogger, initTracing } from '@gpb/observability';
import { InfrastructureConfig } from './infrastructure-config';

/** Everything a service's handlers need from the platform; the same shape embedded and deployed. */
export interface ServiceRuntime {
  readonly service: string;
  readonly transport: TransportConfig;
  /** Typed request/reply client to the other services. */
  readonly bus: ContractClient;
  /** Shared cache (Redis when deployed). */
  readonly cache: KeyValueCache;
  /** Claim-check store for bodies too large for a message. */
  readonly blobs: BlobStore;
  /** Names patient identifiers in cache keys without revealing them. */
  readonly pseudonyms: Pseudonymiser;
  readonly logger: Logger;
  readonly metrics: Metrics;
  close(): Promise<void>;
}

/** Nest injection token for the ServiceRuntime. */
export const RUNTIME = Symbol('ServiceRuntime');

/** A deployed service: real NATS, its own Redis connections (one per purpose), its own metrics registry. */
export async function createDistributedRuntime(service: string, infra: InfrastructureConfig): Promise<ServiceRuntime> {
  initTracing({ serviceName: service, otlpEndpoint: infra.otlpEndpoint });
  const logger = createLogger({ service, level: infra.logLevel });
  const [cache, blobStore] = await Promise.all([
    RedisCache.connect({ url: infra.redisUrl, keyPrefix: infra.redisKeyPrefix, connectionName: `${service}-cache` }),
    RedisCache.connect({ url: infra.redisUrl, keyPrefix: infra.redisKeyPrefix, connectionName: `${service}-blobs` }),
  ]);
  const transport: TransportConfig = { kind: 'nats', servers: [infra.natsUrl], name: service };
  const bus = new ContractClient(createClientTransport(transport));
  return {
    service,
    transport,
    bus,
    cache,
    blobs: new BlobStore(blobStore),
    pseudonyms: Pseudonymiser.withSecret(infra.cacheKeySecret),
    logger,
    metrics: new Metrics(),
    close: async () => {
      await bus.close();
      await Promise.all([cache.close(), blobStore.close()]);
    },
  };
}

/** What the embedded suite shares between its services: the broker, the cache and one metrics registry. */
export interface EmbeddedPlatform {
  readonly transport: TransportConfig;
  readonly cache: KeyValueCache;
  readonly metrics: Metrics;
  readonly pseudonyms: Pseudonymiser;
  readonly logLevel: string;
  /** Where every service's log lines go; stdout when absent. */
  readonly logStream?: NodeJS.WritableStream;
}

export function createEmbeddedRuntime(service: string, platform: EmbeddedPlatform): ServiceRuntime {
  const bus = new ContractClient(createClientTransport(platform.transport));
  return {
    service,
    transport: platform.transport,
    bus,
    cache: platform.cache,
    blobs: new BlobStore(platform.cache),
    pseudonyms: platform.pseudonyms,
    logger: createLogger({ service, level: platform.logLevel, ...(platform.logStream ? { stream: platform.logStream } : {}) }),
    metrics: platform.metrics,
    close: async () => bus.close(),
  };
}
