import { backoffDelayMs, parseRetryAfterMs } from './backoff';

describe('backoffDelayMs', () => {
  const settings = { baseDelayMs: 100, maxDelayMs: 1_000 };
  it('doubles per retry within half to all of the step, capped', () => {
    expect(backoffDelayMs(1, settings, () => 0)).toBe(50);
    expect(backoffDelayMs(1, settings, () => 1)).toBe(100);
    expect(backoffDelayMs(3, settings, () => 1)).toBe(400);
    expect(backoffDelayMs(10, settings, () => 1)).toBe(1_000);
  });
});

describe('parseRetryAfterMs', () => {
  const now = Date.parse('2025-01-01T00:00:00Z');
  it('reads delta-seconds and HTTP dates', () => {
    expect(parseRetryAfterMs('3', now)).toBe(3_000);
    expect(parseRetryAfterMs('Wed, 01 Jan 2025 00:00:05 GMT', now)).toBe(5_000);
    expect(parseRetryAfterMs('Tue, 31 Dec 2024 23:59:00 GMT', now)).toBe(0);
  });
  it('ignores absent or unreadable values', () => {
    expect(parseRetryAfterMs(undefined, now)).toBeUndefined();
    expect(parseRetryAfterMs('soon', now)).toBeUndefined();
    expect(parseRetryAfterMs('', now)).toBeUndefined();
  });
});
