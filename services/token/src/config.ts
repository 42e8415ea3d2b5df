import { EnvReader } from '@gpb/config';
import type { KeyFile } from './keys';
import type { PractitionerIdentity, RequestingDevice, RequestingOrganization } from './gpconnect-jwt';

export interface TokenConfig {
  /** NHS API platform OAuth token endpoint, e.g. https://int.api.service.nhs.uk/oauth2/token */
  readonly tokenUrl: string;
  /** The API key of our application on the NHS API platform (iss/sub of the client assertion). */
  readonly apiKey: string;
  /** Private signing keys; all are published in the JWKS, `activeKid` signs. Empty with `ephemeralKey`. */
  readonly keyFiles: readonly KeyFile[];
  readonly activeKid?: string;
  /** Development only: sign with a key generated at start-up (lost on restart, unique per replica). */
  readonly ephemeralKey: boolean;
  readonly timeoutMs: number;
  readonly refreshMarginSeconds: number;
  readonly gpConnect: {
    readonly issuer: string;
    readonly sign: boolean;
    readonly requestingDevice: RequestingDevice;
    readonly requestingOrganization: RequestingOrganization;
    readonly defaultPractitioner: PractitionerIdentity;
  };
}

/** `kid=/path/key.pem,kid2=/path/other.pem` */
function parseKeyFiles(env: EnvReader, raw: string | undefined): KeyFile[] {
  if (!raw) return [];
  return raw
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)
    .flatMap((item) => {
      const separator = item.indexOf('=');
      const kid = item.slice(0, separator).trim();
      const privateKeyPath = item.slice(separator + 1).trim();
      if (separator <= 0 || !kid || !privateKeyPath) {
        env.problem(`TOKEN_KEY_FILES entries must be kid=/path/to/key.pem, got "${item}"`);
        return [];
      }
      return [{ kid, privateKeyPath }];
    });
}

export function readTokenConfig(env: EnvReader): TokenConfig {
  const keyFiles = parseKeyFiles(env, env.string('TOKEN_KEY_FILES'));
  const ephemeralKey = env.bool('TOKEN_EPHEMERAL_KEY', false);
  const activeKid = env.string('TOKEN_ACTIVE_KID') ?? (keyFiles.length === 1 ? keyFiles[0]?.kid : undefined);
  if (keyFiles.length === 0 && !ephemeralKey) env.problem('TOKEN_KEY_FILES is required (kid=/path/key.pem,...); TOKEN_EPHEMERAL_KEY=true is for development only');
  if (keyFiles.length > 1 && !activeKid) env.problem('TOKEN_ACTIVE_KID is required when TOKEN_KEY_FILES lists several keys');
  const odsCode = env.string('GPC_CONSUMER_ODS_CODE', 'X26');
  return {
    tokenUrl: env.url('NHS_TOKEN_URL') ?? env.required('NHS_TOKEN_URL', 'e.g. https://int.api.service.nhs.uk/oauth2/token'),
    apiKey: env.required('NHS_API_KEY', 'the API key of the NHS API platform application'),
    keyFiles,
    activeKid,
    ephemeralKey,
    timeoutMs: env.int('TOKEN_TIMEOUT_MS', 5_000, { min: 100 }),
    refreshMarginSeconds: env.int('TOKEN_REFRESH_MARGIN_SECONDS', 60, { min: 0, max: 500 }),
    gpConnect: {
      issuer: env.url('GPC_JWT_ISSUER', 'https://gp-bridge.example.org'),
      sign: env.bool('GPC_JWT_SIGN', false),
      requestingDevice: {
        system: env.string('GPC_DEVICE_SYSTEM', 'https://gp-bridge.example.org/Id/device-identifier'),
        value: env.string('GPC_DEVICE_ID', 'gp-bridge'),
        model: env.string('GPC_DEVICE_MODEL', 'gp-bridge'),
        version: env.string('GPC_DEVICE_VERSION', '0.1.0'),
      },
      requestingOrganization: { odsCode, name: env.string('GPC_CONSUMER_ORG_NAME', 'GP Bridge') },
      defaultPractitioner: {
        id: env.string('GPC_PRACTITIONER_ID', 'gp-bridge-user'),
        sdsUserId: env.string('GPC_PRACTITIONER_SDS_USER_ID', 'UNK'),
        sdsRoleProfileId: env.string('GPC_PRACTITIONER_SDS_ROLE_PROFILE_ID', 'UNK'),
        family: env.string('GPC_PRACTITIONER_FAMILY', 'Bridge'),
      },
    },
  };
}
