import { PassThrough } from 'node:stream';
import { RunningEmbeddedSuite, startEmbeddedSuite } from '../embedded-suite';
import { runIheFlow } from '../testing/ihe-flow';

/** What must never reach a log line: the patient's identity, tokens, and document bodies. */
const FORBIDDEN = [/9690937286/, /SKELLY/i, /Horace/i, /Bearer /, /eyJ[\w-]{10,}\./, /<ClinicalDocument/, /BEGIN [A-Z ]*PRIVATE KEY/];

describe('logging: JSON lines with a trace id, never patient data, tokens or documents', () => {
  const lines: string[] = [];
  let suite: RunningEmbeddedSuite;

  beforeAll(async () => {
    const stream = new PassThrough();
    stream.on('data', (chunk: Buffer) => lines.push(...chunk.toString('utf8').split('\n').filter(Boolean)));
    suite = await startEmbeddedSuite({ env: { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'debug' }, logStream: stream });
    await runIheFlow(suite.url, '9690937286');
  }, 60_000);
  afterAll(() => suite.close());

  it('writes every line as JSON with its service', () => {
    expect(lines.length).toBeGreaterThan(10);
    for (const line of lines) expect(JSON.parse(line)).toEqual(expect.objectContaining({ service: expect.any(String), level: expect.any(String) }));
  });

  it('ties each SOAP request and the work it caused to one trace id', () => {
    const requests = lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((entry) => entry['message'] === 'soap request');
    expect(requests).toHaveLength(3);
    for (const request of requests) expect(request['trace_id']).toMatch(/^[0-9a-f]{32}$/);
    const traces = new Set(requests.map((request) => request['trace_id']));
    const downstream = lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((entry) => entry['service'] !== 'gateway' && traces.has(entry['trace_id']));
    expect(downstream.length).toBeGreaterThan(0);
  });

  it('never logs the NHS number, name, a token, a key or the document', () => {
    for (const line of lines) for (const pattern of FORBIDDEN) expect(line).not.toMatch(pattern);
  });
});
