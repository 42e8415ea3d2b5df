/**
 * `npm run bench`: conversion speed of the 3 MB GP2GP record, as a ratio to JSON.parse + JSON.stringify
 * of the same bundle measured in the same process, so the number means the same on a noisy machine.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseStringPromise } from 'xml2js';
import { buildCcd } from '@gpb/ccda';
import { parseXml } from '@gpb/xml';

const RECORD = resolve(__dirname, '../../fixtures/gpconnect/gp2gp-9690937286-large.json');
const WARMUP = 5;
const RUNS = 25;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

function time(work: () => void): number {
  const started = process.hrtime.bigint();
  work();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

const text = readFileSync(RECORD, 'utf8');
const options = { documentId: '2.25.1', createdAt: new Date() };
const baseline = () => void JSON.stringify(JSON.parse(text));
// The suite parses the bundle and converts it; both count.
const conversion = () => {
  const result = buildCcd(JSON.parse(text), options);
  if (!result.ok) throw new Error(result.problem);
};

for (let i = 0; i < WARMUP; i += 1) {
  baseline();
  conversion();
}
// Interleaved, so drift in machine load touches both alike.
const baselineMs: number[] = [];
const conversionMs: number[] = [];
for (let i = 0; i < RUNS; i += 1) {
  baselineMs.push(time(baseline));
  conversionMs.push(time(conversion));
}
const base = median(baselineMs);
const converted = median(conversionMs);
process.stdout.write(
  [
    '1. C-CDA conversion',
    `record: ${RECORD.split('/').pop()} (${(Buffer.byteLength(text) / 1e6).toFixed(2)} MB), ${RUNS} runs after ${WARMUP} warm-up`,
    `JSON.parse + JSON.stringify  median ${base.toFixed(1)} ms`,
    `JSON.parse + buildCcd        median ${converted.toFixed(1)} ms`,
    `ratio ${(converted / base).toFixed(2)} (target < 5)`,
    '',
  ].join('\n'),
);

/**
 * 2. Why the suite parses XML with its own saxes-based reader rather than xml2js: the same CCD, both
 * namespace-aware, in the same process.
 */
async function parserComparison(): Promise<void> {
  const converted = buildCcd(JSON.parse(text), options);
  if (!converted.ok) throw new Error(converted.problem);
  const xml = converted.xml;
  const limits = { maxBytes: 64 * 1024 * 1024, maxNodes: 10_000_000 };
  const ours: number[] = [];
  const theirs: number[] = [];
  for (let i = 0; i < WARMUP + RUNS; i += 1) {
    const started = process.hrtime.bigint();
    parseXml(xml, limits);
    const middle = process.hrtime.bigint();
    await parseStringPromise(xml, { xmlns: true });
    const ended = process.hrtime.bigint();
    if (i >= WARMUP) {
      ours.push(Number(middle - started) / 1e6);
      theirs.push(Number(ended - middle) / 1e6);
    }
  }
  process.stdout.write(
    [
      '2. XML parsing (the 3 MB record\'s CCD, namespace-aware)',
      `record CCD: ${(Buffer.byteLength(xml) / 1e3).toFixed(0)} kB`,
      `libs/xml parseXml (saxes)   median ${median(ours).toFixed(1)} ms`,
      `xml2js parseString (xmlns)  median ${median(theirs).toFixed(1)} ms`,
      `xml2js / parseXml ${(median(theirs) / median(ours)).toFixed(2)}`,
      '',
    ].join('\n'),
  );
}

parserComparison().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${String(error)}\n`);
  process.exitCode = 1;
});
