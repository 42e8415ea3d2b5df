export interface HealthReply {
  readonly service: string;
  readonly ready: boolean;
  /** Dependency name → whether it answered. */
  readonly checks: Readonly<Record<string, boolean>>;
}
