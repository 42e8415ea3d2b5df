import { Router, urlencoded } from 'express';
import jwt from 'jsonwebtoken';
import { AccessTokens } from './access-tokens';
import { PublicKeySource } from './jwks-source';

const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const MAX_LIFETIME_SECONDS = 300;

interface AssertionHeader {
  readonly alg?: unknown;
  readonly typ?: unknown;
  readonly kid?: unknown;
}

type Verdict = { ok: true } | { ok: false; status: 400 | 401; description: string };

const refuse = (status: 400 | 401, description: string): Verdict => ({ ok: false, status, description });

/**
 * NHS API platform application-restricted OAuth 2.0 (client credentials with a signed JWT):
 * checks the assertion as the platform documents, then issues an access token.
 */
export function tokenEndpoint(deps: { tokens: AccessTokens; keys?: PublicKeySource }): Router {
  const seenJtis = new Map<string, number>();
  const router = Router();
  router.post('/oauth2/token', urlencoded({ extended: false, limit: '64kb' }), async (request, response) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const audience = `${request.protocol}://${request.get('host') ?? ''}${request.baseUrl}${request.path}`;
    const verdict = await check(body, audience);
    if (!verdict.ok) {
      response.status(verdict.status).json({ error: verdict.status === 401 ? 'invalid_client' : 'invalid_request', error_description: verdict.description, message_id: 'sandbox' });
      return;
    }
    const issued = deps.tokens.issue();
    response.json({ access_token: issued.token, expires_in: String(issued.expiresInSeconds), token_type: 'Bearer', issued_at: String(Date.now()) });
  });

  async function check(body: Record<string, unknown>, audience: string): Promise<Verdict> {
    if (body['grant_type'] !== 'client_credentials') return refuse(400, 'grant_type is missing or not client_credentials');
    if (body['client_assertion_type'] !== ASSERTION_TYPE) return refuse(400, `client_assertion_type must be ${ASSERTION_TYPE}`);
    const assertion = body['client_assertion'];
    if (typeof assertion !== 'string' || assertion === '') return refuse(400, 'client_assertion is missing');
    const decoded = jwt.decode(assertion, { complete: true });
    if (!decoded || typeof decoded.payload !== 'object') return refuse(400, 'Malformed JWT in client_assertion');
    const header = decoded.header as AssertionHeader;
    if (header.alg !== 'RS512') return refuse(400, "Invalid 'alg' header in client_assertion JWT - must be 'RS512'");
    if (header.typ !== undefined && header.typ !== 'JWT') return refuse(400, "Invalid 'typ' header in client_assertion JWT - must be 'JWT'");
    if (typeof header.kid !== 'string' || header.kid === '') return refuse(400, "Missing 'kid' header in client_assertion JWT");
    const claims = decoded.payload;
    if (typeof claims['iss'] !== 'string' || claims['iss'] !== claims['sub']) return refuse(400, "Missing or non-matching 'iss'/'sub' claims in client_assertion JWT");
    if (claims['aud'] !== audience) return refuse(401, "Invalid 'aud' claim in client_assertion JWT");
    if (typeof claims['jti'] !== 'string' || claims['jti'] === '') return refuse(400, "Missing 'jti' claim in client_assertion JWT");
    const now = Math.floor(Date.now() / 1000);
    if (typeof claims['exp'] !== 'number') return refuse(400, "Missing 'exp' claim in client_assertion JWT");
    if (claims['exp'] <= now) return refuse(400, "Invalid 'exp' claim in client_assertion JWT - JWT has expired");
    if (claims['exp'] > now + MAX_LIFETIME_SECONDS) return refuse(400, "Invalid 'exp' claim in client_assertion JWT - more than 5 minutes in future");
    for (const [jti, expiry] of seenJtis) if (expiry < now) seenJtis.delete(jti);
    if (seenJtis.has(claims['jti'])) return refuse(400, "Non-unique 'jti' claim in client_assertion JWT");
    if (deps.keys) {
      const key = await deps.keys.key(header.kid);
      if (!key) return refuse(401, `Invalid 'kid' header in client_assertion JWT - no matching public key`);
      try {
        jwt.verify(assertion, key, { algorithms: ['RS512'] });
      } catch {
        return refuse(401, 'Unable to verify JWT signature');
      }
    }
    seenJtis.set(claims['jti'], claims['exp']);
    return { ok: true };
  }

  return router;
}
