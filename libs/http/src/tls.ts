import { Agent } from 'undici';

/** Mutual TLS material, PEM text (not file paths). */
export interface TlsMaterial {
  readonly cert: string;
  readonly key: string;
  /** Trust anchors for the upstream's certificate; the system store when absent. */
  readonly ca?: string;
}

const pools = new WeakMap<TlsMaterial, Agent>();

/**
 * The connection pool (an undici Agent, passed to fetch as `dispatcher`) presenting our client
 * certificate: one per TLS material object, so connections are reused across calls.
 */
export function tlsDispatcher(tls: TlsMaterial): Agent {
  let pool = pools.get(tls);
  if (!pool) {
    pool = new Agent({ connect: { cert: tls.cert, key: tls.key, ...(tls.ca ? { ca: tls.ca } : {}) } });
    pools.set(tls, pool);
  }
  return pool;
}
