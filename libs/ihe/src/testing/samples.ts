import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** Spec-only helper: reads a sample from conformance/samples/ihe (see conformance/PROVENANCE.md). */
export function iheSample(path: string): string {
  return readFileSync(resolve(__dirname, '../../../../conformance/samples/ihe', path), 'utf8');
}
