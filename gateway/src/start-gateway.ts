import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestWinstonLogger, ServiceRuntime } from '@gpb/runtime';
import { GatewayConfig } from './config';
import { GatewayModule } from './gateway.module';

export interface RunningGateway {
  readonly app: INestApplication;
  readonly port: number;
  close(): Promise<void>;
}

/** Starts the HTTP gateway. Body parsing is off: the IHE endpoints read raw bodies under their own limit. */
export async function startGateway(runtime: ServiceRuntime, config: GatewayConfig): Promise<RunningGateway> {
  const app = await NestFactory.create(GatewayModule.register(runtime, config), {
    bodyParser: false,
    logger: new NestWinstonLogger(runtime.logger),
  });
  app.getHttpAdapter().getInstance().disable('x-powered-by');
  const server = await app.listen(config.port, config.host);
  // A slow or stalled client must not hold a connection for ever.
  server.requestTimeout = 60_000;
  server.headersTimeout = 20_000;
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  runtime.logger.info('gateway listening', { port });
  return { app, port, close: () => app.close() };
}
