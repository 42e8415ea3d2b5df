import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Subjects } from '@gpb/contracts';
import { RUNTIME, ServiceRuntime } from '@gpb/runtime';

/** Probes, metrics and the published signing keys. */
@Controller()
export class GatewayOpsController {
  constructor(@Inject(RUNTIME) private readonly runtime: ServiceRuntime) {}

  @Get('health/live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Ready only when the cache answers and soap-ingress (and, through it, every domain service) does. */
  @Get('health/ready')
  async ready(@Res() response: Response): Promise<void> {
    const [cache, ingress] = await Promise.all([this.runtime.cache.ping(), this.runtime.bus.call(Subjects.soapHealth, {})]);
    const checks: Record<string, boolean> = { cache };
    if (ingress.ok) Object.assign(checks, { 'soap-ingress': ingress.value.ready }, prefixed(ingress.value.checks));
    else checks['soap-ingress'] = false;
    const ready = Object.values(checks).every(Boolean);
    response.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not-ready', checks });
  }

  @Get('metrics')
  async metrics(@Res() response: Response): Promise<void> {
    response.type(this.runtime.metrics.registry.contentType).send(await this.runtime.metrics.registry.metrics());
  }

  /** The token service's public keys, for the NHS API platform to verify our client assertions. */
  @Get('.well-known/jwks.json')
  async jwks(@Res() response: Response): Promise<void> {
    const reply = await this.runtime.bus.call(Subjects.tokenJwks, {});
    if (!reply.ok) {
      response.status(503).json({ error: 'keys temporarily unavailable' });
      return;
    }
    response.setHeader('Cache-Control', 'public, max-age=300');
    response.json({ keys: reply.value.keys });
  }
}

function prefixed(checks: Readonly<Record<string, boolean>>): Record<string, boolean> {
  return Object.fromEntries(Object.entries(checks).map(([name, ok]) => [`soap-ingress/${name}`, ok]));
}
