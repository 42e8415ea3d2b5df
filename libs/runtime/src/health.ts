import { HealthReply, Result, ok } from '@gpb/contracts';
import { ServiceRuntime } from './service-runtime';

/** The reply to a service's v1.<service>.health subject: its own view of its dependencies. */
export async function healthReply(runtime: ServiceRuntime, extra: Record<string, boolean> = {}): Promise<Result<HealthReply>> {
  const checks = { cache: await runtime.cache.ping(), ...extra };
  return ok({ service: runtime.service, ready: Object.values(checks).every(Boolean), checks });
}
