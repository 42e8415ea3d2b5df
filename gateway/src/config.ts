import { EnvReader } from '@gpb/config';

export interface GatewayConfig {
  /** HTTP port for SOAP, WSDLs, probes and metrics. */
  readonly port: number;
  readonly host: string;
  /** Largest request body accepted, in bytes; larger gets a SOAP fault without reading it all. */
  readonly maxBodyBytes: number;
  /** How long the gateway waits for soap-ingress before answering with a fault. */
  readonly soapTimeoutMs: number;
  /** The externally visible base URL (for WSDL addresses); defaults to the request's own host. */
  readonly publicBaseUrl?: string;
}

export function readGatewayConfig(env: EnvReader): GatewayConfig {
  return {
    port: env.int('PORT', 8080, { min: 0, max: 65535 }),
    host: env.string('HOST', '0.0.0.0'),
    maxBodyBytes: env.int('MAX_BODY_BYTES', 5 * 1024 * 1024, { min: 1024 }),
    soapTimeoutMs: env.int('SOAP_TIMEOUT_MS', 30_000, { min: 100 }),
    publicBaseUrl: env.url('PUBLIC_BASE_URL'),
  };
}
