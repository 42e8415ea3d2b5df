import { EnvReader } from '@gpb/config';
import { RunningService, bootstrapService } from './bootstrap-service';
import { InfrastructureConfig, readInfrastructureConfig } from './infrastructure-config';
import { ServiceDefinition, cacheReadiness } from './service-definition';
import { EmbeddedPlatform, ServiceRuntime, createDistributedRuntime, createEmbeddedRuntime } from './service-runtime';
import { runMain } from './service-main';

async function start<Config>(definition: ServiceDefinition<Config>, runtime: ServiceRuntime, config: Config, opsPort?: number): Promise<RunningService> {
  try {
    const running = await bootstrapService({
      runtime,
      module: await definition.createModule(runtime, config),
      queue: definition.queue,
      ...(opsPort === undefined ? {} : { opsPort }),
      readiness: definition.readiness?.(runtime, config) ?? cacheReadiness(runtime),
    });
    return {
      ...running,
      close: async () => {
        await running.close();
        await runtime.close();
      },
    };
  } catch (error) {
    await runtime.close();
    throw error;
  }
}

/** The `main.ts` of a deployed service: settings from the environment, real NATS and Redis. */
export function runServiceMain<Config>(definition: ServiceDefinition<Config>): void {
  runMain(definition.name, async () => {
    const env = new EnvReader(process.env);
    const infra = readInfrastructureConfig(env, definition.defaultOpsPort);
    const config = env.done(definition.readConfig(env));
    const runtime = await createDistributedRuntime(definition.name, infra);
    return start(definition, runtime, config, infra.opsPort);
  });
}

/** Starts one replica of a deployed service in this process (tests run several against real NATS and Redis). */
export async function startDistributedService<Config>(definition: ServiceDefinition<Config>, infra: InfrastructureConfig, env: EnvReader): Promise<RunningService> {
  const config = env.done(definition.readConfig(env));
  return start(definition, await createDistributedRuntime(definition.name, infra), config, 0);
}

/** Starts a service inside the embedded suite, on the in-process broker and shared memory cache. */
export async function startEmbeddedService<Config>(definition: ServiceDefinition<Config>, platform: EmbeddedPlatform, env: EnvReader): Promise<RunningService> {
  const config = env.done(definition.readConfig(env));
  return start(definition, createEmbeddedRuntime(definition.name, platform), config);
}
