import { Module } from '@nestjs/common';
import { Subjects } from '@gpb/contracts';
import { RUNTIME, ServiceDefinition, upstreamObserver } from '@gpb/runtime';
import { AccessTokenProvider } from './access-token';
import { TokenConfig, readTokenConfig } from './config';
import { GpConnectJwtBuilder } from './gpconnect-jwt';
import { SigningKeyRing } from './keys';
import { TokenController } from './messages/token.controller';

@Module({})
class TokenModule {}

/** The token service: NHS API platform access tokens (shared through Redis), our JWKS, GP Connect JWTs. */
export const tokenService: ServiceDefinition<TokenConfig> = {
  name: 'token',
  queue: Subjects.tokenAccess.queue,
  defaultOpsPort: 9105,
  readConfig: readTokenConfig,
  async createModule(runtime, config) {
    const keys =
      config.keyFiles.length > 0 ? await SigningKeyRing.fromFiles(config.keyFiles, config.activeKid ?? '') : SigningKeyRing.ephemeral();
    if (config.keyFiles.length === 0) runtime.logger.warn('signing with an ephemeral key generated at start-up: development only');
    const accessTokens = new AccessTokenProvider(
      { tokenUrl: config.tokenUrl, apiKey: config.apiKey, timeoutMs: config.timeoutMs, refreshMarginSeconds: config.refreshMarginSeconds },
      { keys, cache: runtime.cache, logger: runtime.logger, observer: upstreamObserver(runtime) },
    );
    const gpConnectJwts = new GpConnectJwtBuilder(config.gpConnect, { keys });
    return {
      module: TokenModule,
      controllers: [TokenController],
      providers: [
        { provide: RUNTIME, useValue: runtime },
        { provide: SigningKeyRing, useValue: keys },
        { provide: AccessTokenProvider, useValue: accessTokens },
        { provide: GpConnectJwtBuilder, useValue: gpConnectJwts },
      ],
    };
  },
};
