import 'reflect-metadata';
import { runMain } from '@gpb/runtime';
import { startDistributedSuite } from './distributed-suite';
import { startEmbeddedSuite } from './embedded-suite';

/**
 * `npm start`. Without NATS_URL and REDIS_URL: the embedded default, every service in this process.
 * With both: every service as its own process over NATS and Redis.
 */
runMain('gp-bridge', async () => {
  const distributed = Boolean(process.env['NATS_URL'] && process.env['REDIS_URL']);
  if (distributed) {
    const supervisor = startDistributedSuite({ env: process.env, withSandbox: !process.env['PDS_BASE_URL'] });
    process.stdout.write('gp-bridge: distributed; each service is its own process over NATS and Redis\n');
    return { close: () => supervisor.stopAll() };
  }
  const suite = await startEmbeddedSuite();
  process.stdout.write(
    [
      `gp-bridge: embedded suite answering SOAP at ${suite.url}/ihe/{iti55,iti47,iti38,iti39}`,
      `  WSDL ${suite.url}/ihe/iti55?wsdl   health ${suite.url}/health/ready   metrics ${suite.url}/metrics`,
      `  NHS APIs: nhs-sandbox at ${suite.sandbox.url}. Try: npm run demo -- 9690937286`,
      '',
    ].join('\n'),
  );
  return suite;
});
