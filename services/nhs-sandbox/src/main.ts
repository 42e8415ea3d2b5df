import { EnvReader } from '@gpb/config';
import { runMain } from '@gpb/runtime';
import { startNhsSandbox } from './start-sandbox';

runMain('nhs-sandbox', async () => {
  const env = new EnvReader(process.env);
  const options = env.done({
    port: env.int('PORT', 9000, { min: 0, max: 65535 }),
    host: env.string('HOST', '127.0.0.1'),
    dataDir: env.string('NHS_SANDBOX_DATA'),
    jwksUrl: env.url('NHS_SANDBOX_JWKS_URL'),
  });
  const sandbox = await startNhsSandbox(options);
  process.stdout.write(`nhs-sandbox listening at ${sandbox.url} (${sandbox.store.allPatients().length} patients, ${sandbox.store.allPractices().length} practices)\n`);
  return sandbox;
});
