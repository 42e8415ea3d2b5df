import { trace } from '@opentelemetry/api';
import winston from 'winston';
import { redact, redactText } from './redact';

export type Logger = winston.Logger;

export interface LoggerOptions {
  service: string;
  level?: string;
  /** Where lines go; defaults to stdout. Tests pass a stream to read what was logged. */
  stream?: NodeJS.WritableStream;
}

/** Adds the active span's trace and span ids to every line, so one request can be followed across services. */
const traceIds = winston.format((info) => {
  const span = trace.getActiveSpan();
  if (span) {
    const context = span.spanContext();
    info['trace_id'] = context.traceId;
    info['span_id'] = context.spanId;
  }
  return info;
});

const scrub = winston.format((info) => {
  const { level, message, ...rest } = info;
  const clean = redact(rest) as Record<string, unknown>;
  const out = Object.assign(info, clean);
  out.message = typeof message === 'string' ? redactText(message) : message;
  out.level = level;
  return out;
});

/** JSON lines with service, trace_id and span_id; never patient data or secrets. */
export function createLogger(options: LoggerOptions): Logger {
  const transport = options.stream
    ? new winston.transports.Stream({ stream: options.stream })
    : new winston.transports.Console();
  return winston.createLogger({
    level: options.level ?? 'info',
    defaultMeta: { service: options.service },
    format: winston.format.combine(winston.format.timestamp(), traceIds(), scrub(), winston.format.json()),
    transports: [transport],
  });
}
