import { createHash } from 'node:crypto';
import { contractError, fail, ok, type Requester, type Result } from '@gpb/contracts';
import { signRs512, unsignedJwt, type SigningKey } from '../keys';

export interface RequestingDevice {
  /** Identifier system of our device ids, e.g. https://gp-bridge.example.org/Id/device-identifier */
  readonly system: string;
  readonly value: string;
  /** Product name. */
  readonly model: string;
  readonly version: string;
}

export interface RequestingOrganization {
  readonly odsCode: string;
  readonly name: string;
}

/** The practitioner named in the JWT when the request carries no SAML identity. */
export interface PractitionerIdentity {
  /** FHIR id; also the JWT `sub`. */
  readonly id: string;
  /** SDS user id; `UNK` for users without one (spec rule for non-Spine users). */
  readonly sdsUserId: string;
  readonly sdsRoleProfileId: string;
  readonly family: string;
  readonly given?: readonly string[];
  readonly prefix?: readonly string[];
}

export interface GpConnectJwtOptions {
  /** The consumer system's URL: `iss`. */
  readonly issuer: string;
  readonly requestingDevice: RequestingDevice;
  readonly requestingOrganization: RequestingOrganization;
  readonly defaultPractitioner: PractitionerIdentity;
  /** The specification has the JWT unsigned over the Spine Secure Proxy; signing is a configuration choice. */
  readonly sign: boolean;
  /** Identifier system for the SAML subject id of an external user. Default `<issuer>/Id/user-id`. */
  readonly userIdSystem?: string;
}

export interface GpConnectJwtDeps {
  /** Needed only when `sign` is true. */
  readonly keys?: { active(): SigningKey };
  readonly now?: () => number;
}

const ODS_SYSTEM = 'https://fhir.nhs.uk/Id/ods-organization-code';
const SDS_USER_SYSTEM = 'https://fhir.nhs.uk/Id/sds-user-id';
const SDS_ROLE_SYSTEM = 'https://fhir.nhs.uk/Id/sds-role-profile-id';
const LIFETIME_SECONDS = 300;
const TITLES: ReadonlySet<string> = new Set(['dr', 'mr', 'mrs', 'ms', 'miss', 'mx', 'prof', 'professor', 'sir', 'dame', 'rev']);

/** Builds the GP Connect access JWT per request (GP Connect 1.6 "Security guidance": claims and FHIR resources). */
export class GpConnectJwtBuilder {
  private readonly now: () => number;

  constructor(
    private readonly options: GpConnectJwtOptions,
    private readonly deps: GpConnectJwtDeps = {},
  ) {
    if (options.sign && !deps.keys) throw new Error('GpConnectJwtBuilder: sign is true but no signing keys were given');
    this.now = deps.now ?? Date.now;
  }

  /** `audience` is the provider's GP Connect endpoint; `requester` the SAML identity, when there is one. */
  async build(audience: string, requester?: Requester): Promise<Result<string>> {
    if (audience.trim() === '') return fail(contractError('INVALID_REQUEST', 'the GP Connect JWT needs an audience (the provider endpoint)'));
    const issuedAt = Math.floor(this.now() / 1000);
    const practitioner = this.practitioner(requester);
    const claims = {
      iss: this.options.issuer,
      sub: practitioner.id,
      aud: audience,
      exp: issuedAt + LIFETIME_SECONDS,
      iat: issuedAt,
      reason_for_request: 'directcare',
      requested_scope: 'patient/*.read',
      requesting_device: this.device(),
      requesting_organization: this.organization(requester),
      requesting_practitioner: practitioner,
    };
    const keys = this.deps.keys;
    return ok(this.options.sign && keys ? signRs512(claims, keys.active()) : unsignedJwt(claims));
  }

  private device() {
    const device = this.options.requestingDevice;
    return {
      resourceType: 'Device',
      identifier: [{ system: device.system, value: device.value }],
      model: device.model,
      version: device.version,
    };
  }

  /** The requester's organisation when SAML names it by an ODS code; otherwise ours. */
  private organization(requester: Requester | undefined) {
    const ods = odsCodeOf(requester?.organizationId);
    const organization = ods
      ? { odsCode: ods, name: requester?.organization ?? this.options.requestingOrganization.name }
      : this.options.requestingOrganization;
    return {
      resourceType: 'Organization',
      identifier: [{ system: ODS_SYSTEM, value: organization.odsCode }],
      name: organization.name,
    };
  }

  private practitioner(requester: Requester | undefined) {
    const fallback = this.options.defaultPractitioner;
    const subjectId = requester?.subjectId?.trim();
    const name = requester?.subjectName ? splitName(requester.subjectName) : undefined;
    // An external (hospital) user has no SDS ids: the spec asks for UNK plus the local user id.
    const identifier = subjectId
      ? [
          { system: SDS_USER_SYSTEM, value: 'UNK' },
          { system: SDS_ROLE_SYSTEM, value: 'UNK' },
          { system: this.options.userIdSystem ?? `${this.options.issuer.replace(/\/+$/, '')}/Id/user-id`, value: subjectId },
        ]
      : [
          { system: SDS_USER_SYSTEM, value: fallback.sdsUserId },
          { system: SDS_ROLE_SYSTEM, value: fallback.sdsRoleProfileId },
        ];
    const chosen = name ?? { family: fallback.family, given: fallback.given ?? [], prefix: fallback.prefix ?? [] };
    return {
      resourceType: 'Practitioner',
      // A FHIR id allows 64 characters of [A-Za-z0-9.-]; a SAML subject id rarely fits, so it is hashed.
      id: subjectId ? createHash('sha256').update(subjectId).digest('hex').slice(0, 32) : fallback.id,
      identifier,
      name: [{ family: chosen.family, ...(chosen.given.length ? { given: chosen.given } : {}), ...(chosen.prefix.length ? { prefix: chosen.prefix } : {}) }],
    };
  }
}

/** An ODS code (e.g. RR8, Y12345), possibly as `urn:...:ods:RR8`; undefined for OIDs and other forms. */
function odsCodeOf(organizationId: string | undefined): string | undefined {
  const value = organizationId?.trim().split(':').pop()?.toUpperCase();
  return value && /^[A-Z0-9]{3,10}$/.test(value) && /[A-Z]/.test(value) ? value : undefined;
}

/** "Dr Jane Anne Smith" → prefix Dr, given Jane Anne, family Smith. */
function splitName(full: string): { family: string; given: string[]; prefix: string[] } | undefined {
  const words = full.trim().split(/\s+/).filter((word) => word !== '');
  const prefix: string[] = [];
  while (words.length > 1 && TITLES.has((words[0] ?? '').replace(/\.$/, '').toLowerCase())) prefix.push(words.shift() ?? '');
  const family = words.pop();
  return family ? { family, given: words, prefix } : undefined;
}
