/** A message as it crosses the in-process transport: JSON text, exactly as it would cross NATS. */
export interface InProcessMessage {
  readonly data: string;
  readonly headers: Readonly<Record<string, string>>;
}

export type InProcessHandler = (message: InProcessMessage) => Promise<string>;

export class NoRespondersError extends Error {
  constructor(readonly subject: string) {
    super(`no service is subscribed to ${subject}`);
    this.name = 'NoRespondersError';
  }
}

/**
 * The embedded default's stand-in for NATS: subjects map to handlers in this process. Payloads are
 * serialised to JSON on the way in and out so handlers see exactly what NATS would deliver — no
 * shared object references, no class instances.
 */
export class InProcessBroker {
  private readonly handlers = new Map<string, InProcessHandler[]>();
  private readonly cursor = new Map<string, number>();

  subscribe(subject: string, handler: InProcessHandler): () => void {
    const list = this.handlers.get(subject) ?? [];
    list.push(handler);
    this.handlers.set(subject, list);
    return () => {
      const current = this.handlers.get(subject) ?? [];
      this.handlers.set(
        subject,
        current.filter((candidate) => candidate !== handler),
      );
    };
  }

  /** Like a queue group: one subscriber answers, round-robin. */
  async request(subject: string, message: InProcessMessage): Promise<string> {
    const list = this.handlers.get(subject);
    if (!list || list.length === 0) throw new NoRespondersError(subject);
    const index = (this.cursor.get(subject) ?? 0) % list.length;
    this.cursor.set(subject, index + 1);
    const handler = list[index] as InProcessHandler;
    return handler(message);
  }

  subjects(): string[] {
    return [...this.handlers.entries()].filter(([, list]) => list.length > 0).map(([subject]) => subject);
  }
}
