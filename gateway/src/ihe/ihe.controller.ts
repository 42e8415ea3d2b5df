import { Controller, Get, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import type { Request, Response } from 'express';
import { SoapReply, Subjects, Transaction, Transactions } from '@gpb/contracts';
import { buildWsdl } from '@gpb/ihe';
import { tracer } from '@gpb/observability';
import { RUNTIME, ServiceRuntime } from '@gpb/runtime';
import { GATEWAY_CONFIG } from '../tokens';
import { GatewayConfig } from '../config';
import { readBody } from './read-body';
import { toSoapExchange } from './soap-exchange';
import { sendFault, sendSoapReply } from './soap-response';

/** The four IHE endpoints: SOAP in, SOAP (or MTOM) out. All SOAP semantics live in soap-ingress. */
@Controller('ihe')
export class IheController {
  constructor(
    @Inject(RUNTIME) private readonly runtime: ServiceRuntime,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  @Get(':transaction')
  wsdl(@Param('transaction') transaction: string, @Query() query: Record<string, unknown>, @Req() request: Request, @Res() response: Response): void {
    if (!isTransaction(transaction) || !('wsdl' in query)) {
      response.status(404).type('text/plain').send('Not found. POST SOAP 1.2 to this endpoint, or GET it with ?wsdl.\n');
      return;
    }
    response.type('text/xml; charset=UTF-8').send(buildWsdl(transaction, this.endpointUrl(request, transaction)));
  }

  @Post(':transaction')
  async soap(@Param('transaction') transaction: string, @Req() request: Request, @Res() response: Response): Promise<void> {
    const label = isTransaction(transaction) ? transaction : 'unknown';
    const started = process.hrtime.bigint();
    await tracer().startActiveSpan(`POST /ihe/${label}`, { kind: SpanKind.SERVER, attributes: { 'ihe.transaction': label } }, async (span) => {
      try {
        await this.handle(transaction, request, response);
      } catch (error) {
        span.setStatus({ code: SpanStatusCode.ERROR });
        this.runtime.logger.error('gateway failed to answer', { transaction: label, error: error instanceof Error ? error.message : String(error) });
        if (!response.headersSent) sendFault(response, { code: 'Receiver', subcode: 'InternalError', reason: 'The gateway could not process the request.' });
      } finally {
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        this.runtime.metrics.soapRequests.inc({ transaction: label, outcome: `${Math.floor(response.statusCode / 100)}xx` });
        this.runtime.metrics.soapDuration.observe({ transaction: label }, seconds);
        span.setAttribute('http.response.status_code', response.statusCode);
        this.runtime.logger.info('soap request', { transaction: label, status: response.statusCode, ms: Math.round(seconds * 1000) });
        span.end();
      }
    });
  }

  private async handle(transaction: string, request: Request, response: Response): Promise<void> {
    if (!isTransaction(transaction)) {
      request.resume();
      sendFault(response, { code: 'Sender', subcode: 'UnknownEndpoint', reason: `No IHE endpoint /ihe/${transaction.slice(0, 40)}; use iti55, iti47, iti38 or iti39.` }, 404);
      return;
    }
    const contentType = request.headers['content-type'] ?? '';
    if (!isAcceptedContentType(contentType)) {
      request.resume();
      sendFault(response, { code: 'Sender', subcode: 'UnsupportedMediaType', reason: 'Send SOAP 1.2 as application/soap+xml, or MTOM as multipart/related.' }, 415);
      return;
    }
    const body = await readBody(request, this.config.maxBodyBytes);
    if (!body.ok) {
      if (body.reason === 'too-large') {
        sendFault(response, { code: 'Sender', subcode: 'MessageTooLarge', reason: `The request is larger than ${this.config.maxBodyBytes} bytes.` }, 413);
      }
      return;
    }
    const exchange = await toSoapExchange({ transaction, contentType, body: body.body, endpoint: this.endpointUrl(request, transaction), blobs: this.runtime.blobs });
    if (!exchange.ok) {
      sendFault(response, { code: 'Sender', subcode: 'InvalidMessage', reason: exchange.problem });
      return;
    }
    const reply = await this.runtime.bus.call(Subjects.soapHandle, exchange.value, { timeoutMs: this.config.soapTimeoutMs });
    if (!reply.ok) {
      this.runtime.logger.warn('soap-ingress did not answer', { transaction, code: reply.error.code });
      sendFault(response, { code: 'Receiver', subcode: 'ServiceUnavailable', reason: 'The gateway is temporarily unable to process requests; try again shortly.' }, 503);
      return;
    }
    await this.send(reply.value, response);
  }

  private async send(reply: SoapReply, response: Response): Promise<void> {
    const sent = await sendSoapReply(reply, response, this.runtime.blobs);
    if (!sent) sendFault(response, { code: 'Receiver', subcode: 'DocumentUnavailable', reason: 'The response could not be assembled; try again.' });
  }

  private endpointUrl(request: Request, transaction: Transaction): string {
    const base = this.config.publicBaseUrl ?? `${request.protocol}://${request.get('host') ?? 'localhost'}`;
    return `${base.replace(/\/$/, '')}/ihe/${transaction}`;
  }
}

function isTransaction(value: string): value is Transaction {
  return (Transactions as readonly string[]).includes(value);
}

/** SOAP 1.2, MTOM, and the SOAP 1.1 / plain XML types so that soap-ingress can answer a precise fault. */
function isAcceptedContentType(contentType: string): boolean {
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return ['application/soap+xml', 'multipart/related', 'text/xml', 'application/xml'].includes(type);
}
