import { createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KeyRingError, SigningKeyRing } from './signing-key-ring';
import { signRs512, unsignedJwt } from './jwt';

const pem = (bits = 2048, type: 'pkcs8' | 'pkcs1' = 'pkcs8'): string =>
  generateKeyPairSync('rsa', { modulusLength: bits }).privateKey.export({ type, format: 'pem' }).toString();

describe('SigningKeyRing', () => {
  it('loads several PEM keys, publishes them all and signs with the active one', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gpb-keys-'));
    await writeFile(join(dir, 'old.pem'), pem());
    await writeFile(join(dir, 'new.pem'), pem(2048, 'pkcs1'));
    const ring = await SigningKeyRing.fromFiles(
      [
        { kid: 'old', privateKeyPath: join(dir, 'old.pem') },
        { kid: 'new', privateKeyPath: join(dir, 'new.pem') },
      ],
      'new',
    );
    expect(ring.active().kid).toBe('new');
    const jwks = ring.jwks();
    expect(jwks.map((key) => key.kid)).toEqual(['old', 'new']);
    for (const key of jwks) expect(key).toEqual({ kty: 'RSA', kid: key.kid, use: 'sig', alg: 'RS512', n: expect.any(String), e: 'AQAB' });
    expect(JSON.stringify(jwks)).not.toMatch(/"(d|p|q|dp|dq|qi)"/);

    const token = signRs512({ hello: 'world' }, ring.active());
    const [header, claims, signature] = token.split('.') as [string, string, string];
    expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toEqual({ alg: 'RS512', typ: 'JWT', kid: 'new' });
    const publicKey = createPublicKey({ key: { ...jwks[1] }, format: 'jwk' });
    expect(verify('sha512', Buffer.from(`${header}.${claims}`), publicKey, Buffer.from(signature, 'base64url'))).toBe(true);
  });

  it('rejects a missing file, a non-key file, an unknown active kid, duplicates and short keys, naming no key material', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gpb-keys-'));
    await writeFile(join(dir, 'junk.pem'), 'not a key');
    await writeFile(join(dir, 'good.pem'), pem());
    await writeFile(join(dir, 'short.pem'), pem(1024));
    const good = { kid: 'good', privateKeyPath: join(dir, 'good.pem') };
    await expect(SigningKeyRing.fromFiles([{ kid: 'a', privateKeyPath: join(dir, 'missing.pem') }], 'a')).rejects.toThrow(KeyRingError);
    await expect(SigningKeyRing.fromFiles([{ kid: 'a', privateKeyPath: join(dir, 'junk.pem') }], 'a')).rejects.toThrow(/not a PEM private key/);
    await expect(SigningKeyRing.fromFiles([good], 'other')).rejects.toThrow(/active kid "other"/);
    await expect(SigningKeyRing.fromFiles([good, good], 'good')).rejects.toThrow(/twice/);
    const short = SigningKeyRing.fromFiles([{ kid: 's', privateKeyPath: join(dir, 'short.pem') }], 's');
    await expect(short).rejects.toThrow(/1024 bits/);
    await short.catch((error: Error) => expect(error.message).not.toContain('BEGIN'));
  });

  it('makes an ephemeral key for the sandbox', () => {
    const ring = SigningKeyRing.ephemeral('sandbox');
    expect(ring.active().kid).toBe('sandbox');
    expect(ring.jwks()).toHaveLength(1);
  });
});

describe('unsignedJwt', () => {
  it('has alg none and an empty signature segment', () => {
    const token = unsignedJwt({ a: 1 });
    expect(token.endsWith('.')).toBe(true);
    expect(JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString())).toEqual({ alg: 'none', typ: 'JWT' });
  });
});
