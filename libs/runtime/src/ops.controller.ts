import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import { RUNTIME, ServiceRuntime } from './service-runtime';

/** Injection token for the readiness check of the service that mounts OpsController. */
export const READINESS = Symbol('Readiness');
export type ReadinessCheck = () => Promise<Record<string, boolean>>;

/** /health/live, /health/ready and /metrics for a deployed service. */
@Controller()
export class OpsController {
  constructor(
    @Inject(RUNTIME) private readonly runtime: ServiceRuntime,
    @Inject(READINESS) private readonly readiness: ReadinessCheck,
  ) {}

  @Get('health/live')
  live(): { status: 'ok'; service: string } {
    return { status: 'ok', service: this.runtime.service };
  }

  @Get('health/ready')
  async ready(@Res() response: Response): Promise<void> {
    const checks = await this.readiness();
    const ready = Object.values(checks).every(Boolean);
    response.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not-ready', service: this.runtime.service, checks });
  }

  @Get('metrics')
  async metrics(@Res() response: Response): Promise<void> {
    response.type(this.runtime.metrics.registry.contentType).send(await this.runtime.metrics.registry.metrics());
  }
}
