import { ConfigError, EnvReader } from './env-reader';

describe('EnvReader', () => {
  it('reads typed values with fallbacks', () => {
    const env = new EnvReader({ PORT: '9000', FLAG: 'yes', URL: 'http://x', MODE: 'b' });
    expect(env.int('PORT', 8080)).toBe(9000);
    expect(env.int('OTHER', 8080)).toBe(8080);
    expect(env.bool('FLAG', false)).toBe(true);
    expect(env.url('URL')).toBe('http://x');
    expect(env.oneOf('MODE', ['a', 'b'] as const, 'a')).toBe('b');
    expect(env.done('ok')).toBe('ok');
  });

  it('names every bad variable at once', () => {
    const env = new EnvReader({ PORT: 'eighty', URL: 'nope', HOME_OID: '1.2.x' });
    env.int('PORT', 8080);
    env.url('URL');
    env.oid('HOME_OID', '1.2.3');
    env.required('API_KEY');
    expect(() => env.done(null)).toThrow(ConfigError);
    try {
      env.done(null);
    } catch (error) {
      const problems = (error as ConfigError).problems.join('\n');
      for (const name of ['PORT', 'URL', 'HOME_OID', 'API_KEY']) expect(problems).toContain(name);
    }
  });
});
