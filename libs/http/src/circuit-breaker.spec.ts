import { CircuitBreaker } from './circuit-breaker';

describe('CircuitBreaker', () => {
  let clock: number;
  let breaker: CircuitBreaker;
  beforeEach(() => {
    clock = 0;
    breaker = new CircuitBreaker({ failureThreshold: 3, coolDownMs: 1_000, now: () => clock });
  });

  it('stays closed below the threshold and counts consecutive failures only', () => {
    breaker.recordFailure('a');
    breaker.recordFailure('a');
    breaker.recordSuccess('a');
    breaker.recordFailure('a');
    breaker.recordFailure('a');
    expect(breaker.state('a')).toBe('closed');
    expect(breaker.tryAcquire('a')).toBe(true);
  });

  it('opens at the threshold, per key', () => {
    for (let i = 0; i < 3; i++) breaker.recordFailure('a');
    expect(breaker.state('a')).toBe('open');
    expect(breaker.tryAcquire('a')).toBe(false);
    expect(breaker.tryAcquire('b')).toBe(true);
  });

  it('lets one probe through after the cool-down', () => {
    for (let i = 0; i < 3; i++) breaker.recordFailure('a');
    clock = 1_000;
    expect(breaker.state('a')).toBe('half-open');
    expect(breaker.tryAcquire('a')).toBe(true);
    expect(breaker.tryAcquire('a')).toBe(false);
  });

  it('closes on a successful probe and reopens on a failed one', () => {
    for (let i = 0; i < 3; i++) breaker.recordFailure('a');
    clock = 1_000;
    breaker.tryAcquire('a');
    breaker.recordFailure('a');
    expect(breaker.state('a')).toBe('open');
    clock = 2_000;
    expect(breaker.tryAcquire('a')).toBe(true);
    breaker.recordSuccess('a');
    expect(breaker.state('a')).toBe('closed');
  });

  it('allows a new probe when the previous one never reported', () => {
    for (let i = 0; i < 3; i++) breaker.recordFailure('a');
    clock = 1_000;
    expect(breaker.tryAcquire('a')).toBe(true);
    clock = 2_000;
    expect(breaker.tryAcquire('a')).toBe(true);
  });
});
