import { ClientProxy, ClientProxyFactory, MicroserviceOptions, NatsRecordBuilder, Transport } from '@nestjs/microservices';
import { headers as natsHeaders } from 'nats';
import { InProcessBroker } from './in-process/in-process-broker';
import { InProcessClient, InProcessRecord } from './in-process/in-process-client';
import { InProcessServer } from './in-process/in-process-server';

/** How services reach each other: real NATS when deployed, an in-process broker in the embedded default. */
export type TransportConfig =
  | { readonly kind: 'nats'; readonly servers: readonly string[]; readonly name: string }
  | { readonly kind: 'in-process'; readonly broker: InProcessBroker };

/** Nest microservice options for a service that answers in the given queue group. */
export function microserviceOptions(transport: TransportConfig, queue: string): MicroserviceOptions {
  if (transport.kind === 'in-process') return { strategy: new InProcessServer(transport.broker) };
  return {
    transport: Transport.NATS,
    options: {
      servers: [...transport.servers],
      queue,
      name: `${transport.name}-server`,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 500,
    },
  };
}

/** The Nest client proxy plus how to wrap a payload with headers for it. */
export interface ClientTransport {
  readonly proxy: ClientProxy;
  wrap(payload: unknown, headers: Record<string, string>): unknown;
}

export function createClientTransport(transport: TransportConfig): ClientTransport {
  if (transport.kind === 'in-process') {
    return {
      proxy: new InProcessClient(transport.broker),
      wrap: (payload, headers): InProcessRecord => ({ payload, headers }),
    };
  }
  const proxy = ClientProxyFactory.create({
    transport: Transport.NATS,
    options: {
      servers: [...transport.servers],
      name: `${transport.name}-client`,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 500,
    },
  });
  return {
    proxy,
    wrap: (payload, headers) => {
      const carrier = natsHeaders();
      for (const [key, value] of Object.entries(headers)) carrier.set(key, value);
      return new NatsRecordBuilder(payload).setHeaders(carrier).build();
    },
  };
}
