import { randomUUID } from 'node:crypto';
import { Controller, INestMicroservice, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { trace } from '@opentelemetry/api';
import { Result, contractError, fail, ok, route } from '@gpb/contracts';
import { Metrics, createLogger, initTracing, tracer } from '@gpb/observability';
import { describeIntegration, testNatsUrl } from '@gpb/testing';
import { ContractClient } from './contract-client';
import { ContractHandlerInterceptor } from './contract-handler.interceptor';
import { InProcessBroker } from './in-process/in-process-broker';
import { TransportConfig, createClientTransport, microserviceOptions } from './transport';

initTracing({ serviceName: 'messaging-test' });

interface Doubling { n: number; big?: string }
interface Doubled { doubled: number; traceId?: string; instance: string }

function fixture(tag: string) {
  const prefix = `test.${tag.replace(/\W+/g, '-')}.${randomUUID()}`;
  const double = route<Doubling, Doubled>(`${prefix}.double`, `${prefix}-queue`, 2_000);
  const explode = route<Doubling, Doubled>(`${prefix}.explode`, `${prefix}-queue`, 2_000);
  const nobody = route<Doubling, Doubled>(`${prefix}.nobody`, `${prefix}-queue`, 300);

  const makeModule = (instance: string) => {
    @Controller()
    class DoublingController {
      @MessagePattern(double.subject)
      double(@Payload() request: Doubling): Result<Doubled> {
        if (request.n < 0) return fail(contractError('INVALID_REQUEST', 'n must not be negative'));
        return ok({ doubled: request.n * 2, traceId: trace.getActiveSpan()?.spanContext().traceId, instance });
      }

      @MessagePattern(explode.subject)
      explode(): Result<Doubled> {
        throw new Error('boom');
      }
    }
    @Module({ controllers: [DoublingController] })
    class DoublingModule {}
    return DoublingModule;
  };
  return { double, explode, nobody, makeModule };
}

async function startServer(transport: TransportConfig, module: unknown, queue: string): Promise<INestMicroservice> {
  const app = await NestFactory.createMicroservice(module as never, { ...microserviceOptions(transport, queue), logger: false });
  app.useGlobalInterceptors(new ContractHandlerInterceptor('test', createLogger({ service: 'test', level: 'error' }), new Metrics({ defaultMetrics: false })));
  await app.listen();
  return app;
}

function behavesLikeTheBus(name: string, makeTransport: () => TransportConfig) {
  describe(name, () => {
    const { double, explode, nobody, makeModule } = fixture(name);
    let transport: TransportConfig;
    let servers: INestMicroservice[];
    let client: ContractClient;

    beforeAll(async () => {
      transport = makeTransport();
      servers = [await startServer(transport, makeModule('a'), double.queue), await startServer(transport, makeModule('b'), double.queue)];
      client = new ContractClient(createClientTransport(transport));
    });

    afterAll(async () => {
      await client.close();
      await Promise.all(servers.map((server) => server.close()));
    });

    it('answers request/reply with typed results, errors as data', async () => {
      await expect(client.call(double, { n: 21 })).resolves.toMatchObject({ ok: true, value: { doubled: 42 } });
      await expect(client.call(double, { n: -1 })).resolves.toEqual({ ok: false, error: { code: 'INVALID_REQUEST', message: 'n must not be negative', retryable: false } });
    });

    it('turns a handler exception into an INTERNAL error result', async () => {
      const reply = await client.call(explode, { n: 1 });
      expect(reply).toMatchObject({ ok: false, error: { code: 'INTERNAL', retryable: false } });
    });

    it('reports a subject nobody serves as unavailable within the deadline', async () => {
      const started = Date.now();
      const reply = await client.call(nobody, { n: 1 });
      expect(reply).toMatchObject({ ok: false, error: { code: 'SERVICE_UNAVAILABLE', retryable: true } });
      expect(Date.now() - started).toBeLessThan(2_000);
    });

    it('spreads load over replicas in one queue group', async () => {
      const replies = await Promise.all(Array.from({ length: 40 }, () => client.call(double, { n: 1 })));
      const instances = new Set(replies.map((reply) => (reply.ok ? reply.value.instance : 'error')));
      expect(instances).toEqual(new Set(['a', 'b']));
    });

    it('carries the caller trace across the transport', async () => {
      await tracer().startActiveSpan('caller', async (span) => {
        const reply = await client.call(double, { n: 2 });
        expect(reply.ok && reply.value.traceId).toBe(span.spanContext().traceId);
        span.end();
      });
    });

    it('refuses to put a body over the NATS message limit on the bus', async () => {
      const reply = await client.call(double, { n: 1, big: 'x'.repeat(1024 * 1024) });
      expect(reply).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    });
  });
}

behavesLikeTheBus('in-process transport', () => ({ kind: 'in-process', broker: new InProcessBroker() }));

describeIntegration('over real NATS', () => {
  behavesLikeTheBus('nats transport', () => ({ kind: 'nats', servers: [testNatsUrl()], name: 'messaging-test' }));
});
