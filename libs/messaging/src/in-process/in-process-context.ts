import { BaseRpcContext } from '@nestjs/microservices';

type InProcessContextArgs = [subject: string, headers: Readonly<Record<string, string>>];

/** Handler context for the in-process transport, shaped like NatsContext. */
export class InProcessContext extends BaseRpcContext<InProcessContextArgs> {
  getSubject(): string {
    return this.args[0];
  }

  getHeaders(): Readonly<Record<string, string>> {
    return this.args[1];
  }
}
