import type { NextFunction, Request, RequestHandler, Response } from 'express';

export const UPSTREAMS = ['token', 'pds', 'sds', 'gpconnect'] as const;
export type Upstream = (typeof UPSTREAMS)[number];

/** A misbehaviour to inject into one upstream's next answers. */
export interface FaultSpec {
  /** Answer with this status instead (429, 500, 502, 503, 504…). */
  readonly status?: number;
  /** Retry-After header (seconds) on a 429 or 503. */
  readonly retryAfterSeconds?: number;
  /** Delay before answering (or before the injected status). */
  readonly delayMs?: number;
  /** Never answer: the caller's deadline must save it. */
  readonly hang?: boolean;
  /** How many requests it applies to; unlimited when absent. */
  readonly times?: number;
}

interface ActiveFault extends FaultSpec {
  remaining: number;
}

/** Makes the sandbox's upstreams slow, busy, broken or silent on request, so resilience can be tested. */
export class FaultInjector {
  private readonly faults = new Map<Upstream, ActiveFault>();
  private readonly counts = new Map<Upstream, number>();
  private readonly hanging = new Set<Response>();

  inject(upstream: Upstream, fault: FaultSpec): void {
    this.faults.set(upstream, { ...fault, remaining: fault.times ?? Number.POSITIVE_INFINITY });
  }

  clear(upstream?: Upstream): void {
    if (upstream) this.faults.delete(upstream);
    else this.faults.clear();
  }

  /** Requests each upstream has received (faulted ones included). */
  requestCounts(): Record<Upstream, number> {
    return Object.fromEntries(UPSTREAMS.map((name) => [name, this.counts.get(name) ?? 0])) as Record<Upstream, number>;
  }

  /** Ends hanging responses, e.g. when the sandbox closes. */
  releaseHanging(): void {
    for (const response of this.hanging) response.destroy();
    this.hanging.clear();
  }

  middleware(upstream: Upstream): RequestHandler {
    return (request: Request, response: Response, next: NextFunction) => {
      this.counts.set(upstream, (this.counts.get(upstream) ?? 0) + 1);
      const fault = this.take(upstream);
      if (!fault) return next();
      if (fault.hang) {
        this.hanging.add(response);
        response.on('close', () => this.hanging.delete(response));
        return undefined;
      }
      const act = () => {
        if (fault.status === undefined) return next();
        if (fault.retryAfterSeconds !== undefined) response.setHeader('Retry-After', String(fault.retryAfterSeconds));
        response.status(fault.status).json({
          resourceType: 'OperationOutcome',
          issue: [{ severity: 'error', code: fault.status === 429 ? 'throttled' : 'exception', diagnostics: `nhs-sandbox injected HTTP ${fault.status}` }],
        });
        return undefined;
      };
      if (fault.delayMs) setTimeout(act, fault.delayMs);
      else act();
      return undefined;
    };
  }

  private take(upstream: Upstream): ActiveFault | undefined {
    const fault = this.faults.get(upstream);
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.faults.delete(upstream);
    return fault;
  }
}
