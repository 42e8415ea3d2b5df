/**
 * A request/reply subject with its payload types attached, so both sides import one declaration.
 * The reply on the wire is always `Result<Value>`: errors travel as data.
 * `queue` is the NATS queue group: every replica of the owning service subscribes in it.
 */
export interface Route<Request, Value> {
  readonly subject: string;
  readonly queue: string;
  /** Default deadline for callers, in milliseconds. */
  readonly timeoutMs: number;
  /** Phantom fields: never set, they only carry the types. */
  readonly __request?: Request;
  readonly __value?: Value;
}

export function route<Request, Value>(subject: string, queue: string, timeoutMs: number): Route<Request, Value> {
  return { subject, queue, timeoutMs };
}

export type RequestOf<R> = R extends Route<infer Q, unknown> ? Q : never;
export type ValueOf<R> = R extends Route<unknown, infer V> ? V : never;
