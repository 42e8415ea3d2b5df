import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { HealthReply, Result, SoapExchange, SoapReply, Subjects, contractError, fail, ok } from '@gpb/contracts';
import { RUNTIME, ServiceRuntime, healthReply } from '@gpb/runtime';
import { SoapExchangeHandler } from '../exchange/soap-exchange-handler';

/** Downstream services soap-ingress needs to answer anything; readiness asks each in turn. */
const DEPENDENCIES = {
  pds: Subjects.pdsHealth,
  gpconnect: Subjects.gpconnectHealth,
  ccda: Subjects.ccdaHealth,
  token: Subjects.tokenHealth,
} as const;

@Controller()
export class SoapExchangeController {
  constructor(
    @Inject(RUNTIME) private readonly runtime: ServiceRuntime,
    @Inject(SoapExchangeHandler) private readonly exchanges: SoapExchangeHandler,
  ) {}

  @MessagePattern(Subjects.soapHandle.subject)
  async handle(@Payload() exchange: SoapExchange): Promise<Result<SoapReply>> {
    if (typeof exchange?.transaction !== 'string' || typeof exchange.envelope !== 'object') {
      return fail(contractError('INVALID_REQUEST', 'a SOAP exchange needs a transaction and an envelope'));
    }
    return ok(await this.exchanges.handle(exchange));
  }

  /** Ready when the cache and every service the flow needs answer. */
  @MessagePattern(Subjects.soapHealth.subject)
  async health(): Promise<Result<HealthReply>> {
    const entries = await Promise.all(
      Object.entries(DEPENDENCIES).map(async ([name, route]) => {
        const reply = await this.runtime.bus.call(route, {}, { timeoutMs: 1_500 });
        return [name, reply.ok && reply.value.ready] as const;
      }),
    );
    return healthReply(this.runtime, Object.fromEntries(entries));
  }
}
