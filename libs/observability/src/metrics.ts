import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * One registry per process. In the embedded default every service shares it (label `service` tells
 * them apart); deployed, each process serves its own on /metrics.
 */
export class Metrics {
  readonly registry = new Registry();
  readonly messagesHandled: Counter<'service' | 'subject' | 'outcome'>;
  readonly messageDuration: Histogram<'service' | 'subject'>;
  readonly upstreamCalls: Counter<'service' | 'upstream' | 'outcome'>;
  readonly upstreamDuration: Histogram<'service' | 'upstream'>;
  readonly cacheLookups: Counter<'service' | 'cache' | 'result'>;
  readonly soapRequests: Counter<'transaction' | 'outcome'>;
  readonly soapDuration: Histogram<'transaction'>;

  constructor(options: { defaultMetrics?: boolean } = {}) {
    if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: this.registry, prefix: 'gpb_' });
    const registers = [this.registry];
    this.messagesHandled = new Counter({
      name: 'gpb_messages_handled_total',
      help: 'Request/reply messages handled, by subject and outcome (ok or the error code).',
      labelNames: ['service', 'subject', 'outcome'],
      registers,
    });
    this.messageDuration = new Histogram({
      name: 'gpb_message_duration_seconds',
      help: 'Time to handle a request/reply message.',
      labelNames: ['service', 'subject'],
      buckets: [0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.upstreamCalls = new Counter({
      name: 'gpb_upstream_calls_total',
      help: 'Calls to NHS APIs, by upstream and outcome.',
      labelNames: ['service', 'upstream', 'outcome'],
      registers,
    });
    this.upstreamDuration = new Histogram({
      name: 'gpb_upstream_duration_seconds',
      help: 'Duration of calls to NHS APIs, retries included.',
      labelNames: ['service', 'upstream'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 10],
      registers,
    });
    this.cacheLookups = new Counter({
      name: 'gpb_cache_lookups_total',
      help: 'Cache lookups by cache name and result (hit or miss).',
      labelNames: ['service', 'cache', 'result'],
      registers,
    });
    this.soapRequests = new Counter({
      name: 'gpb_soap_requests_total',
      help: 'SOAP requests received by the gateway, by transaction and outcome (HTTP status class).',
      labelNames: ['transaction', 'outcome'],
      registers,
    });
    this.soapDuration = new Histogram({
      name: 'gpb_soap_request_duration_seconds',
      help: 'Gateway time from request received to response sent.',
      labelNames: ['transaction'],
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30],
      registers,
    });
  }
}
