import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SigningKeyRing } from '../keys';
import { generateKeyFiles, parseArguments, rotationSteps } from './generate-key';

describe('generate-key', () => {
  it('writes a private PEM (owner-only) and its public JWKS, loadable by the key ring', async () => {
    const outDir = await mkdtemp(join(tmpdir(), 'gpb-gen-'));
    const files = await generateKeyFiles({ kid: 'gpb-2025-01', outDir, modulusLength: 2048 });
    expect((await stat(files.privateKeyPath)).mode & 0o777).toBe(0o600);
    const jwks = JSON.parse(await readFile(files.jwksPath, 'utf8')) as { keys: { kid: string }[] };
    const ring = await SigningKeyRing.fromFiles([{ kid: 'gpb-2025-01', privateKeyPath: files.privateKeyPath }], 'gpb-2025-01');
    expect(jwks.keys).toEqual(ring.jwks());
    await expect(generateKeyFiles({ kid: 'gpb-2025-01', outDir, modulusLength: 2048 })).rejects.toThrow();

    const steps = rotationSteps(files);
    expect(steps).toMatch(/Publish/);
    expect(steps).toMatch(/Switch/);
    expect(steps).toMatch(/Retire/);
    expect(steps).not.toContain('BEGIN');
  });

  it('reads its arguments with defaults', () => {
    expect(parseArguments(['--kid', 'k1', '--out', '/tmp/x', '--bits', '2048'])).toEqual({ kid: 'k1', outDir: '/tmp/x', modulusLength: 2048 });
    expect(parseArguments([], new Date('2025-03-04T00:00:00Z'))).toEqual({ kid: 'gpb-2025-03-04', outDir: 'keys', modulusLength: 4096 });
    expect(() => parseArguments(['--bits', '1024'])).toThrow();
  });

  it('refuses a kid that would escape the folder', async () => {
    await expect(generateKeyFiles({ kid: '../evil', outDir: tmpdir() })).rejects.toThrow(/kid/);
  });
});
