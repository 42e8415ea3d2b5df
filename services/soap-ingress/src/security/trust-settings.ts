import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { EnvReader } from '@gpb/config';
import type { Transaction } from '@gpb/contracts';

/** What a SAML assertion must satisfy when XUA is enforced. */
export interface TrustSettings {
  /** Identity providers whose signatures we accept (X.509, exact match). */
  readonly trustedCertificates: readonly X509Certificate[];
  /** Accepted AudienceRestriction values; empty: our home community id or the endpoint URL. */
  readonly audiences: readonly string[];
  /** Accepted assertion Issuers; empty accepts any issuer whose certificate is trusted. */
  readonly issuers: readonly string[];
  readonly clockSkewSeconds: number;
  /** Transactions that must carry a valid assertion. */
  readonly requiredFor: readonly Transaction[];
}

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

export function parseCertificates(pem: string): X509Certificate[] {
  return (pem.match(PEM_CERTIFICATE) ?? []).map((block) => new X509Certificate(block));
}

/** XUA_TRUST_CERTS_FILE switches verification on; without it assertions are read but not trusted. */
export function readTrustSettings(env: EnvReader): TrustSettings | undefined {
  const file = env.string('XUA_TRUST_CERTS_FILE');
  if (!file) return undefined;
  let certificates: X509Certificate[] = [];
  try {
    certificates = parseCertificates(readFileSync(file, 'utf8'));
  } catch {
    env.problem(`XUA_TRUST_CERTS_FILE names a file that cannot be read or holds a malformed certificate: ${file}`);
  }
  if (certificates.length === 0) env.problem(`XUA_TRUST_CERTS_FILE holds no PEM certificate: ${file}`);
  const list = (name: string) => (env.string(name) ?? '').split(',').map((item) => item.trim()).filter(Boolean);
  const requiredFor = list('XUA_REQUIRED_FOR');
  const known: readonly Transaction[] = ['iti55', 'iti47', 'iti38', 'iti39'];
  const unknown = requiredFor.filter((item) => !(known as readonly string[]).includes(item));
  if (unknown.length) env.problem(`XUA_REQUIRED_FOR has unknown transactions ${unknown.join(', ')}; use ${known.join(', ')}`);
  return {
    trustedCertificates: certificates,
    audiences: list('XUA_AUDIENCES'),
    issuers: list('XUA_ISSUERS'),
    clockSkewSeconds: env.int('XUA_CLOCK_SKEW_SECONDS', 120, { min: 0, max: 3600 }),
    requiredFor: requiredFor.length ? (requiredFor as Transaction[]) : ['iti38', 'iti39'],
  };
}
