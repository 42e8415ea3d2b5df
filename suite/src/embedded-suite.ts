import { MemoryCache, Pseudonymiser } from '@gpb/cache';
import { EnvReader } from '@gpb/config';
import { InProcessBroker } from '@gpb/messaging';
import { Metrics, initTracing } from '@gpb/observability';
import { EmbeddedPlatform, RunningService, createEmbeddedRuntime, startEmbeddedService } from '@gpb/runtime';
import { startGateway, readGatewayConfig } from '@gpb/gateway';
import { ccdaService } from '@gpb/service-ccda';
import { gpconnectService } from '@gpb/service-gpconnect';
import { RunningSandbox, startNhsSandbox } from '@gpb/service-nhs-sandbox';
import { pdsService } from '@gpb/service-pds';
import { soapIngressService } from '@gpb/service-soap-ingress';
import { tokenService } from '@gpb/service-token';
import { overlay, sandboxEnvironment } from './sandbox-environment';

export interface EmbeddedSuiteOptions {
  /** Environment to read settings from; defaults to process.env. PORT 0 picks a free port. */
  readonly env?: NodeJS.ProcessEnv;
  /** Where the services' JSON log lines go; stdout by default. */
  readonly logStream?: NodeJS.WritableStream;
}

export interface RunningEmbeddedSuite {
  /** Base URL of the gateway, e.g. http://127.0.0.1:8080 */
  readonly url: string;
  readonly sandbox: RunningSandbox;
  readonly platform: EmbeddedPlatform;
  close(): Promise<void>;
}

/**
 * Every service in this one process: an in-process broker instead of NATS, a memory cache instead of
 * Redis, and nhs-sandbox standing in for the NHS. The same service code as a deployment.
 */
export async function startEmbeddedSuite(options: EmbeddedSuiteOptions = {}): Promise<RunningEmbeddedSuite> {
  const baseEnv = options.env ?? process.env;
  const gatewayEnv = new EnvReader(baseEnv);
  const gatewayConfig = gatewayEnv.done(readGatewayConfig(gatewayEnv));
  const logLevel = new EnvReader(baseEnv).oneOf('LOG_LEVEL', ['error', 'warn', 'info', 'debug'] as const, 'info');
  initTracing({ serviceName: 'gp-bridge', otlpEndpoint: baseEnv['OTEL_EXPORTER_OTLP_ENDPOINT'] || undefined });

  const platform: EmbeddedPlatform = {
    transport: { kind: 'in-process', broker: new InProcessBroker() },
    cache: new MemoryCache(),
    metrics: new Metrics(),
    pseudonyms: Pseudonymiser.ephemeral(),
    logLevel,
    ...(options.logStream ? { logStream: options.logStream } : {}),
  };
  const closers: Array<() => Promise<void>> = [];
  const closeAll = async () => {
    for (const close of closers.reverse()) await close().catch(() => undefined);
  };
  try {
    // The gateway first: the sandbox checks our client assertions against the JWKS the gateway publishes.
    const gatewayRuntime = createEmbeddedRuntime('gateway', platform);
    const gateway = await startGateway(gatewayRuntime, gatewayConfig);
    closers.push(async () => {
      await gateway.close();
      await gatewayRuntime.close();
    });
    const url = `http://127.0.0.1:${gateway.port}`;

    const sandbox = await startNhsSandbox({
      port: 0,
      host: '127.0.0.1',
      dataDir: baseEnv['NHS_SANDBOX_DATA'] || undefined,
      jwksUrl: `${url}/.well-known/jwks.json`,
    });
    closers.push(() => sandbox.close());

    const env = new EnvReader(overlay(sandboxEnvironment(sandbox.url), baseEnv));
    const services: RunningService[] = [];
    services.push(await startEmbeddedService(tokenService, platform, env));
    services.push(await startEmbeddedService(pdsService, platform, env));
    services.push(await startEmbeddedService(gpconnectService, platform, env));
    services.push(await startEmbeddedService(ccdaService, platform, env));
    services.push(await startEmbeddedService(soapIngressService, platform, env));
    for (const service of services) closers.push(() => service.close());

    return { url, sandbox, platform, close: closeAll };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
