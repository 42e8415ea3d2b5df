/**
 * Where upstream clients report what metrics need; wire it to prom-client counters
 * (`gpb_upstream_calls_total`, `gpb_upstream_duration_seconds`, `gpb_cache_lookups_total`).
 */
export interface UpstreamObserver {
  /** `outcome` is the HTTP status of an answer ("200", "404") or the failure kind ("timeout", "circuit-open"…). */
  upstreamCall?(upstream: string, outcome: string, seconds: number): void;
  cacheLookup?(cache: string, result: 'hit' | 'miss'): void;
}
