import { DynamicModule, INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ContractHandlerInterceptor, microserviceOptions } from '@gpb/messaging';
import { NestWinstonLogger } from './nest-logger';
import { OpsController, READINESS, ReadinessCheck } from './ops.controller';
import { RUNTIME, ServiceRuntime } from './service-runtime';

export interface ServiceBootstrap {
  readonly runtime: ServiceRuntime;
  /** The service's own module, with its message controllers. */
  readonly module: DynamicModule;
  /** NATS queue group: the service name, so replicas share the load. */
  readonly queue: string;
  /** Deployed services serve /health and /metrics on this port (0 picks a free one). */
  readonly opsPort?: number;
  readonly readiness: ReadinessCheck;
}

export interface RunningService {
  readonly app: INestApplicationContext;
  /** The ops HTTP port, when the service serves one. */
  readonly opsPort?: number;
  close(): Promise<void>;
}

/**
 * Starts one service on its transport. Deployed (NATS), it is a hybrid app: message handlers plus a
 * small HTTP server for probes and metrics. Embedded, it is a bare microservice on the in-process broker.
 */
export async function bootstrapService(options: ServiceBootstrap): Promise<RunningService> {
  const { runtime } = options;
  const logger = new NestWinstonLogger(runtime.logger);
  const interceptor = new ContractHandlerInterceptor(runtime.service, runtime.logger, runtime.metrics);
  const transportOptions = microserviceOptions(runtime.transport, options.queue);

  if (runtime.transport.kind === 'in-process') {
    const app = await NestFactory.createMicroservice(options.module, { ...transportOptions, logger });
    app.useGlobalInterceptors(interceptor);
    await app.listen();
    return { app, close: () => app.close() };
  }

  @Module({
    imports: [options.module],
    controllers: [OpsController],
    providers: [
      { provide: RUNTIME, useValue: runtime },
      { provide: READINESS, useValue: options.readiness },
    ],
  })
  class HostModule {}

  const app = await NestFactory.create(HostModule, { logger, bodyParser: false });
  app.useGlobalInterceptors(interceptor);
  app.connectMicroservice(transportOptions, { inheritAppConfig: true });
  app.enableShutdownHooks();
  await app.startAllMicroservices();
  const server = await app.listen(options.opsPort ?? 0, '0.0.0.0');
  const address = server.address();
  const opsPort = typeof address === 'object' && address ? address.port : undefined;
  runtime.logger.info('service started', { queue: options.queue, opsPort });
  return { app, opsPort, close: () => app.close() };
}
