export { GatewayModule } from './gateway.module';
export { GatewayConfig, readGatewayConfig } from './config';
export { RunningGateway, startGateway } from './start-gateway';
