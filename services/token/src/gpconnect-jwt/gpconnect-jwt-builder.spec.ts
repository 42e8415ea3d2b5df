import { createPublicKey } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { SigningKeyRing } from '../keys';
import { GpConnectJwtBuilder, type GpConnectJwtOptions } from './gpconnect-jwt-builder';

const OPTIONS: GpConnectJwtOptions = {
  issuer: 'https://gp-bridge.example.org',
  requestingDevice: { system: 'https://gp-bridge.example.org/Id/device-identifier', value: 'GPB-1', model: 'GP Bridge', version: '0.1.0' },
  requestingOrganization: { odsCode: 'X26', name: 'GP Bridge Hospital' },
  defaultPractitioner: { id: 'gpb-system', sdsUserId: 'UNK', sdsRoleProfileId: 'UNK', family: 'System', given: ['GP', 'Bridge'] },
  sign: false,
};
const NOW = Date.parse('2025-01-01T12:00:00Z');
const AUD = 'https://provider.thirdparty.nhs.uk/GP0001/STU3/1/gpconnect';

const part = (token: string, index: number): Record<string, unknown> => JSON.parse(Buffer.from(token.split('.')[index] ?? '', 'base64url').toString()) as Record<string, unknown>;

describe('GpConnectJwtBuilder', () => {
  it('builds the unsigned GP Connect JWT with every claim', async () => {
    const result = await new GpConnectJwtBuilder(OPTIONS, { now: () => NOW }).build(AUD);
    if (!result.ok) throw new Error(result.error.message);
    const token = result.value;
    expect(token.split('.')[2]).toBe('');
    expect(part(token, 0)).toEqual({ alg: 'none', typ: 'JWT' });
    expect(part(token, 1)).toEqual({
      iss: 'https://gp-bridge.example.org',
      sub: 'gpb-system',
      aud: AUD,
      iat: NOW / 1000,
      exp: NOW / 1000 + 300,
      reason_for_request: 'directcare',
      requested_scope: 'patient/*.read',
      requesting_device: {
        resourceType: 'Device',
        identifier: [{ system: 'https://gp-bridge.example.org/Id/device-identifier', value: 'GPB-1' }],
        model: 'GP Bridge',
        version: '0.1.0',
      },
      requesting_organization: {
        resourceType: 'Organization',
        identifier: [{ system: 'https://fhir.nhs.uk/Id/ods-organization-code', value: 'X26' }],
        name: 'GP Bridge Hospital',
      },
      requesting_practitioner: {
        resourceType: 'Practitioner',
        id: 'gpb-system',
        identifier: [
          { system: 'https://fhir.nhs.uk/Id/sds-user-id', value: 'UNK' },
          { system: 'https://fhir.nhs.uk/Id/sds-role-profile-id', value: 'UNK' },
        ],
        name: [{ family: 'System', given: ['GP', 'Bridge'] }],
      },
    });
  });

  it('fills the practitioner and organisation from the SAML requester', async () => {
    const result = await new GpConnectJwtBuilder(OPTIONS, { now: () => NOW }).build(AUD, {
      subjectId: 'CN=jane.doe,O=St Elsewhere',
      subjectName: 'Dr Jane Anne Doe',
      organization: 'St Elsewhere NHS Trust',
      organizationId: 'RR8',
    });
    if (!result.ok) throw new Error(result.error.message);
    const claims = part(result.value, 1);
    const practitioner = claims['requesting_practitioner'] as { id: string; identifier: unknown[]; name: unknown[] };
    expect(claims['sub']).toBe(practitioner.id);
    expect(practitioner.id).toMatch(/^[0-9a-f]{32}$/);
    expect(practitioner.identifier).toEqual([
      { system: 'https://fhir.nhs.uk/Id/sds-user-id', value: 'UNK' },
      { system: 'https://fhir.nhs.uk/Id/sds-role-profile-id', value: 'UNK' },
      { system: 'https://gp-bridge.example.org/Id/user-id', value: 'CN=jane.doe,O=St Elsewhere' },
    ]);
    expect(practitioner.name).toEqual([{ family: 'Doe', given: ['Jane', 'Anne'], prefix: ['Dr'] }]);
    expect(claims['requesting_organization']).toEqual({
      resourceType: 'Organization',
      identifier: [{ system: 'https://fhir.nhs.uk/Id/ods-organization-code', value: 'RR8' }],
      name: 'St Elsewhere NHS Trust',
    });
  });

  it('keeps our own organisation when SAML names it by an OID', async () => {
    const result = await new GpConnectJwtBuilder(OPTIONS).build(AUD, { organizationId: 'urn:oid:1.2.840.114350.1.13.999' });
    expect(result.ok && (part(result.value, 1)['requesting_organization'] as { name: string }).name).toBe('GP Bridge Hospital');
  });

  it('signs RS512 with the active key when configured to', async () => {
    const ring = SigningKeyRing.ephemeral('gpc-kid');
    const result = await new GpConnectJwtBuilder({ ...OPTIONS, sign: true }, { keys: ring }).build(AUD);
    if (!result.ok) throw new Error(result.error.message);
    const jwk = ring.jwks()[0];
    const claims = jwt.verify(result.value, createPublicKey({ key: { ...jwk }, format: 'jwk' }), { algorithms: ['RS512'], audience: AUD }) as jwt.JwtPayload;
    expect(claims['requested_scope']).toBe('patient/*.read');
    expect(part(result.value, 0)).toEqual({ alg: 'RS512', typ: 'JWT', kid: 'gpc-kid' });
  });

  it('refuses an empty audience, and signing without keys', async () => {
    expect(await new GpConnectJwtBuilder(OPTIONS).build(' ')).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    expect(() => new GpConnectJwtBuilder({ ...OPTIONS, sign: true })).toThrow(/no signing keys/);
  });
});
