import { createPrivateKey, createPublicKey, generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Jwk } from '@gpb/contracts';

export interface SigningKey {
  readonly kid: string;
  readonly privateKey: KeyObject;
}

export interface KeyFile {
  readonly kid: string;
  readonly privateKeyPath: string;
}

/** A key that cannot be used; the message names the kid or file, never the key material. */
export class KeyRingError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'KeyRingError';
  }
}

const MIN_MODULUS_BITS = 2048;

/**
 * The RSA keys we sign with. Several may be loaded at once for rotation: all are published in the
 * JWKS, one (the active kid) signs.
 */
export class SigningKeyRing {
  private readonly byKid: ReadonlyMap<string, SigningKey>;
  private readonly activeKey: SigningKey;

  constructor(keys: readonly SigningKey[], activeKid: string) {
    const byKid = new Map<string, SigningKey>();
    for (const key of keys) {
      if (byKid.has(key.kid)) throw new KeyRingError(`kid "${key.kid}" is loaded twice`);
      assertRsaSigningKey(key);
      byKid.set(key.kid, key);
    }
    const active = byKid.get(activeKid);
    if (!active) throw new KeyRingError(`active kid "${activeKid}" is not among the loaded keys (${[...byKid.keys()].join(', ') || 'none'})`);
    this.byKid = byKid;
    this.activeKey = active;
  }

  /** Loads PEM private keys (PKCS#8 or PKCS#1). Throws KeyRingError at start-up on any bad file. */
  static async fromFiles(files: readonly KeyFile[], activeKid: string): Promise<SigningKeyRing> {
    const keys = await Promise.all(
      files.map(async ({ kid, privateKeyPath }) => {
        let pem: string;
        try {
          pem = await readFile(privateKeyPath, 'utf8');
        } catch (error) {
          throw new KeyRingError(`cannot read the private key file of kid "${kid}" at ${privateKeyPath}`, { cause: error });
        }
        try {
          return { kid, privateKey: createPrivateKey({ key: pem, format: 'pem' }) };
        } catch {
          // The parser's own error may quote the file's content: deliberately not chained.
          throw new KeyRingError(`the file ${privateKeyPath} (kid "${kid}") is not a PEM private key`);
        }
      }),
    );
    return new SigningKeyRing(keys, activeKid);
  }

  /** A fresh in-memory key, for the sandbox and the embedded default: nothing to configure, nothing to leak. */
  static ephemeral(kid = `ephemeral-${randomUUID()}`, modulusLength = 2048): SigningKeyRing {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength });
    return new SigningKeyRing([{ kid, privateKey }], kid);
  }

  active(): SigningKey {
    return this.activeKey;
  }

  kids(): readonly string[] {
    return [...this.byKid.keys()];
  }

  /** Every loaded key's public half, for the JWKS the NHS platform verifies against. */
  jwks(): Jwk[] {
    return [...this.byKid.values()].map(({ kid, privateKey }) => publicJwk(kid, privateKey));
  }
}

export function publicJwk(kid: string, key: KeyObject): Jwk {
  const jwk = createPublicKey(key).export({ format: 'jwk' });
  if (jwk.kty !== 'RSA' || !jwk.n || !jwk.e) throw new KeyRingError(`kid "${kid}" is not an RSA key`);
  return { kty: 'RSA', kid, use: 'sig', alg: 'RS512', n: jwk.n, e: jwk.e };
}

function assertRsaSigningKey({ kid, privateKey }: SigningKey): void {
  if (privateKey.type !== 'private' || privateKey.asymmetricKeyType !== 'rsa') throw new KeyRingError(`kid "${kid}" is not an RSA private key`);
  const bits = privateKey.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < MIN_MODULUS_BITS) throw new KeyRingError(`kid "${kid}" is ${bits} bits; at least ${MIN_MODULUS_BITS} are required`);
}
