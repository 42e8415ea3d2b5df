import 'reflect-metadata';
import { EnvReader } from '@gpb/config';
import { createDistributedRuntime, readInfrastructureConfig, runMain } from '@gpb/runtime';
import { readGatewayConfig } from './config';
import { startGateway } from './start-gateway';

runMain('gateway', async () => {
  const env = new EnvReader(process.env);
  const infra = readInfrastructureConfig(env, 0);
  const config = env.done(readGatewayConfig(env));
  const runtime = await createDistributedRuntime('gateway', infra);
  const gateway = await startGateway(runtime, config);
  return {
    close: async () => {
      await gateway.close();
      await runtime.close();
    },
  };
});
