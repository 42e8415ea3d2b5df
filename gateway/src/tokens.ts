/** Nest injection token for the gateway's configuration. */
export const GATEWAY_CONFIG = Symbol('GatewayConfig');
