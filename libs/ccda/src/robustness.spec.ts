import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { SCHEMAS, validateXsd } from '@gpb/testing';
import { buildCcd } from './build-ccd';

const options = { documentId: '2.25.42', createdAt: new Date('2026-11-24T12:00:00Z') };
const source = readFileSync(resolve(__dirname, '../../../fixtures/gpconnect/9690937286.json'), 'utf8');

/** A small deterministic PRNG, so a failing mutation can be reproduced by its seed. */
function prng(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

const ODD_VALUES: unknown[] = [null, '', 'not-a-date', 42, true, [], {}, '2019-13-45T99:99', { coding: 'nope' }, [{ system: 'urn:unknown', code: 'a b c' }]];

/** Damages a record the way real feeds do: fields missing, of the wrong type, or with odd values. */
function mutate(value: unknown, random: () => number, rate: number): unknown {
  if (Array.isArray(value)) return value.filter(() => random() > rate / 4).map((item) => mutate(item, random, rate));
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    if (key === 'resourceType') {
      out[key] = child;
      continue;
    }
    const roll = random();
    if (roll < rate / 2) continue;
    out[key] = roll < rate ? ODD_VALUES[Math.floor(random() * ODD_VALUES.length)] : mutate(child, random, rate);
  }
  return out;
}

describe('buildCcd robustness: damaged records convert without throwing and stay schema-valid', () => {
  it.each(Array.from({ length: 40 }, (_, seed) => seed + 1))('mutation seed %i', async (seed) => {
    const damaged = mutate(JSON.parse(source), prng(seed), seed % 2 ? 0.05 : 0.2) as { entry?: unknown[] };
    const result = buildCcd(damaged, options);
    if (!result.ok) {
      // Damage may remove the Patient itself: then the answer is a clear refusal, never an exception.
      expect(result.problem).toMatch(/Patient|entry|Bundle/);
      return;
    }
    expect(await validateXsd(SCHEMAS.cda, result.xml)).toEqual({ valid: true, errors: [] });
    expect(result.coverage.unaccounted).toEqual({});
  }, 30_000);

  it('ignores resources no List references and entries that are not resources', async () => {
    const bundle = JSON.parse(source) as { entry: unknown[] };
    bundle.entry.push(null, 7, 'text', { resource: { resourceType: 'Observation', id: 'orphan', code: { text: 'Orphan' } } }, { fullUrl: 'urn:x' });
    const result = buildCcd(bundle, options);
    if (!result.ok) throw new Error(result.problem);
    expect(await validateXsd(SCHEMAS.cda, result.xml)).toEqual({ valid: true, errors: [] });
  });
});
