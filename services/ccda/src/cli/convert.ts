/**
 * `npm run --silent ccda:convert -- <bundle.json>`: prints the C-CDA CCD for a GP Connect structured
 * record on stdout; exits 1 with the reason on stderr when the file is not one.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { buildCcd } from '@gpb/ccda';

/** A stable document id for the same input, so repeated conversions of one file agree. */
export function documentIdFor(bundleText: string): string {
  return `2.25.${BigInt(`0x${createHash('sha256').update(bundleText).digest('hex').slice(0, 30)}`).toString(10)}`;
}

export function convert(path: string, now: Date = new Date()): { ok: true; xml: string } | { ok: false; problem: string } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return { ok: false, problem: `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}` };
  }
  let bundle: unknown;
  try {
    bundle = JSON.parse(text);
  } catch {
    return { ok: false, problem: `${path} is not JSON` };
  }
  const result = buildCcd(bundle, { documentId: documentIdFor(text), createdAt: now });
  return result.ok ? { ok: true, xml: result.xml } : { ok: false, problem: `${path}: ${result.problem}` };
}

if (require.main === module) {
  const path = process.argv[2];
  if (!path) {
    process.stderr.write('usage: npm run --silent ccda:convert -- <bundle.json>\n');
    process.exit(2);
  }
  const result = convert(path);
  if (result.ok) process.stdout.write(`${result.xml}\n`);
  else {
    process.stderr.write(`ccda:convert: ${result.problem}\n`);
    process.exitCode = 1;
  }
}
