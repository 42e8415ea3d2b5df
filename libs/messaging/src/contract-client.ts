import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { ContractError, Result, Route, contractError, fail, isContractError } from '@gpb/contracts';
import { traceHeaders, tracer } from '@gpb/observability';
import { TimeoutError, firstValueFrom, timeout } from 'rxjs';
import { ClientTransport } from './transport';

/** NATS refuses messages over 1 MB by default; anything near that must travel by claim check. */
const MAX_MESSAGE_BYTES = 900 * 1024;

export interface CallOptions {
  /** Overrides the route's default deadline. */
  timeoutMs?: number;
}

/**
 * Typed request/reply over the suite's transport. Every failure — a service that is down, slow or
 * broken — comes back as a `Result` error, never as a thrown exception.
 */
export class ContractClient {
  constructor(private readonly transport: ClientTransport) {}

  async call<Request, Value>(route: Route<Request, Value>, payload: Request, options: CallOptions = {}): Promise<Result<Value>> {
    const timeoutMs = options.timeoutMs ?? route.timeoutMs;
    const bytes = Buffer.byteLength(JSON.stringify(payload ?? null));
    if (bytes > MAX_MESSAGE_BYTES) {
      return fail(contractError('INTERNAL', `a ${bytes}-byte message to ${route.subject} is too large for the bus; use a blob reference`));
    }
    return tracer().startActiveSpan(`call ${route.subject}`, { kind: SpanKind.CLIENT, attributes: { 'messaging.destination.name': route.subject } }, async (span) => {
      try {
        const record = this.transport.wrap(payload, traceHeaders());
        const reply = await firstValueFrom(this.transport.proxy.send<unknown>(route.subject, record).pipe(timeout({ first: timeoutMs })));
        const result = asResult<Value>(reply, route.subject);
        if (!result.ok) span.setAttribute('gpb.error_code', result.error.code);
        return result;
      } catch (error) {
        const failure = transportFailure(route.subject, route.queue, timeoutMs, error);
        span.setStatus({ code: SpanStatusCode.ERROR, message: failure.message });
        return fail(failure);
      } finally {
        span.end();
      }
    });
  }

  async close(): Promise<void> {
    await this.transport.proxy.close();
  }
}

function asResult<Value>(reply: unknown, subject: string): Result<Value> {
  if (typeof reply === 'object' && reply !== null && 'ok' in reply) {
    const candidate = reply as { ok: unknown; value?: unknown; error?: unknown };
    if (candidate.ok === true) return { ok: true, value: candidate.value as Value };
    if (candidate.ok === false && isContractError(candidate.error)) return { ok: false, error: candidate.error };
  }
  return fail(contractError('INTERNAL', `malformed reply on ${subject}`));
}

function transportFailure(subject: string, service: string, timeoutMs: number, error: unknown): ContractError {
  if (error instanceof TimeoutError) {
    return contractError('SERVICE_UNAVAILABLE', `${service} did not answer ${subject} within ${timeoutMs} ms`, true);
  }
  if (isContractError(error)) return error;
  const reason = error instanceof Error ? error.message : String(error);
  return contractError('SERVICE_UNAVAILABLE', `${service} could not be reached on ${subject}: ${reason}`, true);
}
