import { Router, json } from 'express';
import { AccessTokens } from '../oauth/access-tokens';
import { FaultInjector, FaultSpec, UPSTREAMS, Upstream } from './fault-injector';

const isUpstream = (value: unknown): value is Upstream => typeof value === 'string' && (UPSTREAMS as readonly string[]).includes(value);
const optionalNumber = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined);

/** `/_sandbox/*`: inject and clear faults, read request counts, revoke tokens. Test and demo use only. */
export function adminRoutes(deps: { faults: FaultInjector; tokens: AccessTokens }): Router {
  const router = Router();
  router.post('/_sandbox/faults', json({ limit: '8kb' }), (request, response) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    if (!isUpstream(body['upstream'])) {
      response.status(400).json({ error: `upstream must be one of ${UPSTREAMS.join(', ')}` });
      return;
    }
    const fault: FaultSpec = {
      ...(optionalNumber(body['status']) !== undefined ? { status: optionalNumber(body['status']) } : {}),
      ...(optionalNumber(body['retryAfterSeconds']) !== undefined ? { retryAfterSeconds: optionalNumber(body['retryAfterSeconds']) } : {}),
      ...(optionalNumber(body['delayMs']) !== undefined ? { delayMs: optionalNumber(body['delayMs']) } : {}),
      ...(body['hang'] === true ? { hang: true } : {}),
      ...(optionalNumber(body['times']) !== undefined ? { times: optionalNumber(body['times']) } : {}),
    };
    deps.faults.inject(body['upstream'], fault);
    response.status(204).end();
  });
  router.delete('/_sandbox/faults', (_request, response) => {
    deps.faults.clear();
    response.status(204).end();
  });
  router.get('/_sandbox/requests', (_request, response) => {
    response.json(deps.faults.requestCounts());
  });
  router.post('/_sandbox/tokens/revoke', (_request, response) => {
    deps.tokens.revokeAll();
    response.status(204).end();
  });
  router.get('/_sandbox/health', (_request, response) => {
    response.json({ status: 'ok' });
  });
  return router;
}
