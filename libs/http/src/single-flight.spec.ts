import { SingleFlight } from './single-flight';

describe('SingleFlight', () => {
  it('shares one call between concurrent callers of a key', async () => {
    const flight = new SingleFlight<string, number>();
    let calls = 0;
    let release: (value: number) => void = () => undefined;
    const work = () => {
      calls += 1;
      return new Promise<number>((resolve) => (release = resolve));
    };
    const a = flight.run('k', work);
    const b = flight.run('k', work);
    const other = flight.run('other', async () => 7);
    release(42);
    expect(await Promise.all([a, b, other])).toEqual([42, 42, 7]);
    expect(calls).toBe(1);
    expect(flight.size).toBe(0);
  });

  it('starts afresh after a failure', async () => {
    const flight = new SingleFlight<string, number>();
    await expect(flight.run('k', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(flight.run('k', async () => 1)).resolves.toBe(1);
  });

  it('turns a synchronous throw into a rejection', async () => {
    const flight = new SingleFlight<string, number>();
    await expect(
      flight.run('k', () => {
        throw new Error('sync');
      }),
    ).rejects.toThrow('sync');
  });
});
