import type { Server } from 'node:http';
import express, { ErrorRequestHandler } from 'express';
import { adminRoutes } from './faults/admin-routes';
import { FaultInjector } from './faults/fault-injector';
import { operationOutcome } from './fhir';
import { gpConnectRoutes } from './gpconnect/gpconnect-routes';
import { AccessTokens } from './oauth/access-tokens';
import { JwksUrlSource, PublicKeySource } from './oauth/jwks-source';
import { tokenEndpoint } from './oauth/token-endpoint';
import { pdsRoutes } from './pds/pds-routes';
import { RecordStore } from './records/record-store';
import { sdsRoutes } from './sds/sds-routes';

export interface NhsSandboxOptions {
  /** 0 picks a free port. Default 9000. */
  readonly port?: number;
  readonly host?: string;
  /** A folder of `<nhsNumber>.json` records (and optional `.pds.json`, `.dissent`), e.g. NHS_SANDBOX_DATA. */
  readonly dataDir?: string;
  /** The suite's JWKS: client assertions are verified against it. Without it only claims are checked. */
  readonly jwksUrl?: string;
  /** Overrides jwksUrl, for tests. */
  readonly publicKeys?: PublicKeySource;
}

export interface RunningSandbox {
  /** e.g. http://127.0.0.1:9000 */
  readonly url: string;
  readonly faults: FaultInjector;
  readonly tokens: AccessTokens;
  readonly store: RecordStore;
  close(): Promise<void>;
}

const SPINE = 'https://fhir.nhs.uk/R4/CodeSystem/Spine-ErrorOrWarningCode';

/** Answers malformed bodies and unknown paths the way the NHS APIs do: an OperationOutcome, never a stack. */
const errorHandler: ErrorRequestHandler = (error: { status?: number; type?: string }, _request, response, _next) => {
  const status = typeof error.status === 'number' && error.status >= 400 && error.status < 500 ? error.status : 500;
  const problem = error.type === 'entity.too.large' ? 'the request body is too large' : status === 400 ? 'the request body could not be parsed' : 'internal error';
  response.status(status).json(operationOutcome(status === 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST', problem, SPINE, status === 500 ? 'exception' : 'invalid', problem));
};

/** Starts the stand-in for the NHS token endpoint, PDS, SDS and GP Connect. */
export async function startNhsSandbox(options: NhsSandboxOptions = {}): Promise<RunningSandbox> {
  const store = RecordStore.load(options.dataDir);
  for (const problem of store.problems) process.stderr.write(`nhs-sandbox: skipped ${problem}\n`);
  const faults = new FaultInjector();
  const tokens = new AccessTokens();
  const keys = options.publicKeys ?? (options.jwksUrl ? new JwksUrlSource(options.jwksUrl) : undefined);

  const app = express();
  app.disable('x-powered-by');
  app.use('/oauth2/token', faults.middleware('token'));
  app.use(tokenEndpoint({ tokens, ...(keys ? { keys } : {}) }));
  app.use(pdsRoutes({ store, tokens, faults }));
  app.use(sdsRoutes({ store, faults }));
  app.use(gpConnectRoutes({ store, faults }));
  app.use(adminRoutes({ faults, tokens }));
  app.use((_request, response) => {
    response.status(404).json(operationOutcome('NOT_FOUND', 'Not found', SPINE, 'not-found', 'no such endpoint in nhs-sandbox'));
  });
  app.use(errorHandler);

  const server: Server = await new Promise((resolve, reject) => {
    const listening = app.listen(options.port ?? 9000, options.host ?? '127.0.0.1', () => resolve(listening));
    listening.once('error', reject);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port ?? 9000;
  const host = options.host && options.host !== '0.0.0.0' ? options.host : '127.0.0.1';
  return {
    url: `http://${host}:${port}`,
    faults,
    tokens,
    store,
    close: async () => {
      faults.releaseHanging();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
