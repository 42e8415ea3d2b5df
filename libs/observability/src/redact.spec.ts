import { Writable } from 'node:stream';
import { createLogger } from './logger';
import { redact, redactText } from './redact';

describe('redaction', () => {
  it('masks sensitive keys and scrubs sensitive-looking values', () => {
    const out = redact({ nhsNumber: '9690937286', note: 'patient 969 093 7286 called', accessToken: 'abc', count: 3 }) as Record<string, unknown>;
    expect(out['nhsNumber']).toBe('[redacted]');
    expect(out['accessToken']).toBe('[redacted]');
    expect(out['note']).toBe('patient [nhs-number] called');
    expect(out['count']).toBe(3);
    expect(redactText('Authorization: Bearer abc.def')).toBe('Authorization: Bearer [token]');
    expect(redactText('x eyJhbGciOiJSUzUxMiJ9.eyJzdWIiOiJ4In0.sig y')).toBe('x [jwt] y');
  });

  it('leaves digits inside trace ids, words and OIDs alone, and catches NHS numbers in prose', () => {
    expect(redactText('trace e692eb46e36af1234567890d2c954299')).toBe('trace e692eb46e36af1234567890d2c954299');
    expect(redactText('root 2.16.840.1.113883.2.1.4.1.9690937286')).toBe('root 2.16.840.1.113883.2.1.4.1.9690937286');
    expect(redactText('patient 9690937286.')).toBe('patient [nhs-number].');
    expect(redactText('(969 093 7286)')).toBe('([nhs-number])');
  });

  it('never lets an NHS number or token reach a log line', async () => {
    const lines: string[] = [];
    const stream = new Writable({ write: (chunk, _enc, done) => { lines.push(String(chunk)); done(); } });
    const logger = createLogger({ service: 'test', stream });
    logger.info('lookup for 9690937286 failed', { token: 'secret-token', detail: 'Bearer abc' });
    await new Promise((resolve) => setImmediate(resolve));
    const text = lines.join('');
    expect(text).toContain('"service":"test"');
    expect(text).not.toContain('9690937286');
    expect(text).not.toContain('secret-token');
    expect(text).not.toContain('Bearer abc');
  });
});
