import { CustomTransportStrategy, Server } from '@nestjs/microservices';
import { lastValueFrom, isObservable } from 'rxjs';
import { InProcessBroker, InProcessMessage } from './in-process-broker';
import { InProcessContext } from './in-process-context';

/** Nest transport strategy that serves a microservice's @MessagePattern handlers on an InProcessBroker. */
export class InProcessServer extends Server implements CustomTransportStrategy {
  private readonly unsubscribers: Array<() => void> = [];

  constructor(private readonly broker: InProcessBroker) {
    super();
  }

  listen(callback: () => void): void {
    for (const [pattern, handler] of this.messageHandlers) {
      this.unsubscribers.push(
        this.broker.subscribe(pattern, async (message: InProcessMessage) => {
          const context = new InProcessContext([pattern, message.headers]);
          const result = await handler(JSON.parse(message.data) as unknown, context);
          const value: unknown = isObservable(result) ? await lastValueFrom(result) : result;
          return JSON.stringify(value ?? null);
        }),
      );
    }
    callback();
  }

  close(): void {
    for (const unsubscribe of this.unsubscribers.splice(0)) unsubscribe();
  }

  on(): void {
    // The in-process transport has no connection events.
  }

  unwrap<T>(): T {
    return this.broker as unknown as T;
  }
}
