import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  AccessTokenReply,
  AccessTokenRequest,
  GpConnectJwtReply,
  GpConnectJwtRequest,
  HealthReply,
  JwksReply,
  Result,
  Subjects,
  ok,
} from '@gpb/contracts';
import { RUNTIME, ServiceRuntime, healthReply } from '@gpb/runtime';
import { AccessTokenProvider } from '../access-token';
import { GpConnectJwtBuilder } from '../gpconnect-jwt';
import { SigningKeyRing } from '../keys';

@Controller()
export class TokenController {
  constructor(
    @Inject(RUNTIME) private readonly runtime: ServiceRuntime,
    @Inject(AccessTokenProvider) private readonly accessTokens: AccessTokenProvider,
    @Inject(GpConnectJwtBuilder) private readonly gpConnectJwts: GpConnectJwtBuilder,
    @Inject(SigningKeyRing) private readonly keys: SigningKeyRing,
  ) {}

  @MessagePattern(Subjects.tokenAccess.subject)
  accessToken(@Payload() request: AccessTokenRequest): Promise<Result<AccessTokenReply>> {
    return this.accessTokens.get(request.refresh === true);
  }

  @MessagePattern(Subjects.tokenJwks.subject)
  jwks(): Result<JwksReply> {
    return ok({ keys: this.keys.jwks() });
  }

  @MessagePattern(Subjects.tokenGpConnectJwt.subject)
  async gpConnectJwt(@Payload() request: GpConnectJwtRequest): Promise<Result<GpConnectJwtReply>> {
    const jwt = await this.gpConnectJwts.build(request.audience, request.requester);
    return jwt.ok ? ok({ jwt: jwt.value }) : jwt;
  }

  @MessagePattern(Subjects.tokenHealth.subject)
  health(): Promise<Result<HealthReply>> {
    return healthReply(this.runtime);
  }
}
