import { ClientProxy, ReadPacket, WritePacket } from '@nestjs/microservices';
import { InProcessBroker } from './in-process-broker';

/** What ContractClient hands this client: the payload plus trace headers. */
export interface InProcessRecord {
  readonly payload: unknown;
  readonly headers: Readonly<Record<string, string>>;
}

/** Nest ClientProxy that sends through an InProcessBroker instead of NATS. */
export class InProcessClient extends ClientProxy {
  constructor(private readonly broker: InProcessBroker) {
    super();
  }

  async connect(): Promise<void> {
    // Nothing to connect to.
  }

  close(): void {
    // Nothing to release.
  }

  unwrap<T>(): T {
    return this.broker as unknown as T;
  }

  protected publish(packet: ReadPacket<InProcessRecord>, callback: (packet: WritePacket) => void): () => void {
    let cancelled = false;
    const subject = String(packet.pattern);
    this.broker
      .request(subject, { data: JSON.stringify(packet.data.payload ?? null), headers: packet.data.headers })
      .then((reply) => {
        if (!cancelled) callback({ response: JSON.parse(reply) as unknown, isDisposed: true });
      })
      .catch((error: unknown) => {
        if (!cancelled) callback({ err: error, isDisposed: true });
      });
    return () => {
      cancelled = true;
    };
  }

  protected async dispatchEvent(): Promise<never> {
    throw new Error('events are not used by this suite');
  }
}
