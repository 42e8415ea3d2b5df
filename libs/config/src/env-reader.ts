/** A setting that is missing or malformed; the message always names the variable. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Reads settings from an environment map, collecting every problem so start-up reports them all at once.
 * Services read their whole configuration through one of these, once; nothing else touches process.env.
 */
export class EnvReader {
  private readonly problems: string[] = [];

  constructor(private readonly env: Env) {}

  string(name: string, fallback: string): string;
  string(name: string): string | undefined;
  string(name: string, fallback?: string): string | undefined {
    const value = this.env[name]?.trim();
    return value === undefined || value === '' ? fallback : value;
  }

  required(name: string, why?: string): string {
    const value = this.string(name);
    if (value === undefined) {
      this.problems.push(`${name} is required${why ? ` (${why})` : ''}`);
      return '';
    }
    return value;
  }

  int(name: string, fallback: number, bounds: { min?: number; max?: number } = {}): number {
    const raw = this.string(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value)) {
      this.problems.push(`${name} must be a whole number, got "${raw}"`);
      return fallback;
    }
    if (bounds.min !== undefined && value < bounds.min) this.problems.push(`${name} must be at least ${bounds.min}`);
    if (bounds.max !== undefined && value > bounds.max) this.problems.push(`${name} must be at most ${bounds.max}`);
    return value;
  }

  bool(name: string, fallback: boolean): boolean {
    const raw = this.string(name)?.toLowerCase();
    if (raw === undefined) return fallback;
    if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
    if (['0', 'false', 'no', 'off'].includes(raw)) return false;
    this.problems.push(`${name} must be true or false, got "${raw}"`);
    return fallback;
  }

  url(name: string, fallback: string): string;
  url(name: string): string | undefined;
  url(name: string, fallback?: string): string | undefined {
    const value = this.string(name);
    if (value === undefined) return fallback;
    try {
      new URL(value);
    } catch {
      this.problems.push(`${name} must be a URL, got "${value}"`);
    }
    return value;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const value = this.string(name);
    if (value === undefined) return fallback;
    if (!(allowed as readonly string[]).includes(value)) {
      this.problems.push(`${name} must be one of ${allowed.join(', ')}, got "${value}"`);
      return fallback;
    }
    return value as T;
  }

  oid(name: string, fallback: string): string {
    const value = this.string(name, fallback);
    if (!/^[0-2](\.(0|[1-9]\d*))+$/.test(value)) this.problems.push(`${name} must be an OID (e.g. 1.2.826.0.1), got "${value}"`);
    return value;
  }

  /** Records a cross-field problem found by the caller. */
  problem(message: string): void {
    this.problems.push(message);
  }

  /** Throws one ConfigError listing every problem, or returns the value built from the settings. */
  done<T>(value: T): T {
    if (this.problems.length > 0) throw new ConfigError(this.problems);
    return value;
  }
}
