import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { SpanKind, SpanStatusCode, context as otelContext } from '@opentelemetry/api';
import { contractError, fail, isContractError } from '@gpb/contracts';
import { Logger, Metrics, contextFromHeaders, tracer } from '@gpb/observability';
import { Observable, from, lastValueFrom } from 'rxjs';

/** Reads the headers of either transport's context as a plain record. */
function incomingHeaders(args: unknown): Record<string, string> {
  const rpc = args as { getHeaders?: () => unknown };
  const headers = rpc.getHeaders?.();
  if (!headers) return {};
  const out: Record<string, string> = {};
  const natsHeaders = headers as { keys?: () => string[]; get?: (key: string) => string };
  if (typeof natsHeaders.keys === 'function' && typeof natsHeaders.get === 'function') {
    for (const key of natsHeaders.keys()) out[key.toLowerCase()] = natsHeaders.get(key);
    return out;
  }
  for (const [key, value] of Object.entries(headers as Record<string, unknown>)) {
    if (typeof value === 'string') out[key.toLowerCase()] = value;
  }
  return out;
}

/**
 * Wraps every message handler: continues the caller's trace, times and counts the message, and turns
 * anything thrown into an INTERNAL error result so that errors always cross the wire as data.
 */
@Injectable()
export class ContractHandlerInterceptor implements NestInterceptor {
  constructor(
    private readonly service: string,
    private readonly logger: Logger,
    private readonly metrics: Metrics,
  ) {}

  intercept(execution: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (execution.getType() !== 'rpc') return next.handle();
    const rpc = execution.switchToRpc();
    const subject = typeof (rpc.getContext() as { getSubject?: () => string }).getSubject === 'function'
      ? (rpc.getContext() as { getSubject: () => string }).getSubject()
      : 'unknown';
    const parent = contextFromHeaders(incomingHeaders(rpc.getContext()));
    const started = process.hrtime.bigint();
    const run = () =>
      tracer().startActiveSpan(`handle ${subject}`, { kind: SpanKind.SERVER, attributes: { 'messaging.destination.name': subject } }, async (span) => {
        try {
          const reply: unknown = await lastValueFrom(next.handle(), { defaultValue: undefined });
          const outcome = outcomeOf(reply);
          this.metrics.messagesHandled.inc({ service: this.service, subject, outcome });
          if (outcome !== 'ok') span.setAttribute('gpb.error_code', outcome);
          return reply;
        } catch (error) {
          this.logger.error('message handler failed', { subject, error: error instanceof Error ? error.message : String(error) });
          span.setStatus({ code: SpanStatusCode.ERROR });
          this.metrics.messagesHandled.inc({ service: this.service, subject, outcome: 'INTERNAL' });
          return fail(contractError('INTERNAL', `${this.service} failed while handling ${subject}`));
        } finally {
          this.metrics.messageDuration.observe({ service: this.service, subject }, Number(process.hrtime.bigint() - started) / 1e9);
          span.end();
        }
      });
    return from(otelContext.with(parent, run));
  }
}

function outcomeOf(reply: unknown): string {
  if (typeof reply === 'object' && reply !== null && 'ok' in reply) {
    const result = reply as { ok: boolean; error?: unknown };
    if (result.ok) return 'ok';
    if (isContractError(result.error)) return result.error.code;
  }
  return 'malformed';
}
