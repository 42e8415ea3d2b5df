export type CircuitState = 'closed' | 'open' | 'half-open';

export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit. */
  readonly failureThreshold: number;
  /** How long an open circuit refuses calls before letting one probe through. */
  readonly coolDownMs: number;
  readonly now?: () => number;
}

interface Circuit {
  failures: number;
  openedAt?: number;
  probeStartedAt?: number;
}

/**
 * Per-key circuit breaker (one key per upstream or per provider). Closed: calls flow, consecutive
 * failures are counted. Open: calls are refused until the cool-down ends. Half-open: one probe call
 * is let through; its success closes the circuit, its failure opens it again.
 */
export class CircuitBreaker {
  private readonly circuits = new Map<string, Circuit>();
  private readonly now: () => number;

  constructor(private readonly options: CircuitBreakerOptions) {
    this.now = options.now ?? Date.now;
  }

  state(key: string): CircuitState {
    const circuit = this.circuits.get(key);
    if (circuit?.openedAt === undefined) return 'closed';
    return this.now() - circuit.openedAt >= this.options.coolDownMs ? 'half-open' : 'open';
  }

  /** Whether a call may go ahead now. In half-open, only the first caller gets the probe. */
  tryAcquire(key: string): boolean {
    const circuit = this.circuits.get(key);
    switch (this.state(key)) {
      case 'closed':
        return true;
      case 'open':
        return false;
      case 'half-open': {
        if (!circuit) return true;
        const now = this.now();
        // A probe that never reported back must not keep the circuit shut forever.
        if (circuit.probeStartedAt !== undefined && now - circuit.probeStartedAt < this.options.coolDownMs) return false;
        circuit.probeStartedAt = now;
        return true;
      }
    }
  }

  recordSuccess(key: string): void {
    this.circuits.delete(key);
  }

  recordFailure(key: string): void {
    const circuit = this.circuits.get(key) ?? { failures: 0 };
    circuit.failures += 1;
    circuit.probeStartedAt = undefined;
    if (circuit.openedAt !== undefined || circuit.failures >= this.options.failureThreshold) circuit.openedAt = this.now();
    this.circuits.set(key, circuit);
  }
}
