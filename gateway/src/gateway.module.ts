import { DynamicModule, Module } from '@nestjs/common';
import { RUNTIME, ServiceRuntime } from '@gpb/runtime';
import { GatewayConfig } from './config';
import { IheController } from './ihe/ihe.controller';
import { GatewayOpsController } from './ops/gateway-ops.controller';
import { GATEWAY_CONFIG } from './tokens';

/** The only service exposed to the outside: SOAP over HTTP in and out, WSDLs, probes, metrics, JWKS. */
@Module({})
export class GatewayModule {
  static register(runtime: ServiceRuntime, config: GatewayConfig): DynamicModule {
    return {
      module: GatewayModule,
      controllers: [IheController, GatewayOpsController],
      providers: [
        { provide: RUNTIME, useValue: runtime },
        { provide: GATEWAY_CONFIG, useValue: config },
      ],
    };
  }
}
