import { generateKeyPairSync } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { publicJwk } from '../keys';

export interface GeneratedKeyFiles {
  readonly kid: string;
  readonly privateKeyPath: string;
  readonly jwksPath: string;
}

export interface GenerateKeyOptions {
  readonly kid: string;
  readonly outDir: string;
  /** RSA modulus; the NHS API platform asks for 4096. */
  readonly modulusLength?: number;
}

/** Writes `<kid>.pem` (private, PKCS#8, mode 0600) and `<kid>.jwks.json` (public JWKS) into `outDir`. */
export async function generateKeyFiles(options: GenerateKeyOptions): Promise<GeneratedKeyFiles> {
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(options.kid)) throw new Error(`kid "${options.kid}" must be 1-64 of A-Z a-z 0-9 . _ -`);
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: options.modulusLength ?? 4096 });
  await mkdir(options.outDir, { recursive: true });
  const privateKeyPath = join(options.outDir, `${options.kid}.pem`);
  const jwksPath = join(options.outDir, `${options.kid}.jwks.json`);
  // flag 'wx': never overwrite an existing key.
  await writeFile(privateKeyPath, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
  await writeFile(jwksPath, `${JSON.stringify({ keys: [publicJwk(options.kid, privateKey)] }, null, 2)}\n`, { flag: 'wx' });
  return { kid: options.kid, privateKeyPath, jwksPath };
}

export function rotationSteps(files: GeneratedKeyFiles): string {
  return [
    `New signing key "${files.kid}":`,
    `  private key  ${files.privateKeyPath}   (keep secret; mount it into the token service only)`,
    `  public JWKS  ${files.jwksPath}`,
    '',
    'Rotation, without a moment when tokens cannot be had:',
    `  1. Publish: load the new key beside the current one (both in the token service's key list),`,
    `     keeping the current kid active. The JWKS now lists both; register or host it where the`,
    `     NHS API platform reads our public keys (the JWKS URL of the application).`,
    '  2. Wait until the platform serves the new JWKS (its cache; allow a few hours in production),',
    `     and check a token exchange signed with "${files.kid}" succeeds in a non-production environment.`,
    `  3. Switch: make "${files.kid}" the active kid and restart or roll the token service.`,
    '  4. Retire: once no assertion signed with the old kid can still be in use (5 minutes is enough),',
    '     remove the old key from the key list and the JWKS, and destroy its private key file.',
  ].join('\n');
}

interface CliArguments {
  readonly kid: string;
  readonly outDir: string;
  readonly modulusLength: number;
}

export function parseArguments(argv: readonly string[], today: Date = new Date()): CliArguments {
  const value = (flag: string): string | undefined => {
    const index = argv.indexOf(flag);
    return index >= 0 ? argv[index + 1] : undefined;
  };
  const bits = Number(value('--bits') ?? 4096);
  if (!Number.isInteger(bits) || bits < 2048) throw new Error('--bits must be a whole number of at least 2048');
  return {
    kid: value('--kid') ?? `gpb-${today.toISOString().slice(0, 10)}`,
    outDir: value('--out') ?? 'keys',
    modulusLength: bits,
  };
}

async function main(argv: readonly string[]): Promise<void> {
  if (argv.includes('--help')) {
    process.stdout.write('usage: npm run keys:generate -- [--kid <kid>] [--out <folder>] [--bits 4096]\n');
    return;
  }
  const args = parseArguments(argv);
  const files = await generateKeyFiles({ kid: args.kid, outDir: args.outDir, modulusLength: args.modulusLength });
  process.stdout.write(`${rotationSteps(files)}\n`);
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`keys:generate failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
