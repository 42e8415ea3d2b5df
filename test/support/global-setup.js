/**
 * Decides once per run whether the integration specs can reach the real NATS and Redis.
 * With GPB_REQUIRE_INTEGRATION=1 (set by .ci/run) an unreachable server fails the whole run;
 * otherwise the integration specs are skipped with a notice saying how to enable them.
 */
const net = require('node:net');

function reachable(url) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port), timeout: 1500 });
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('timeout', () => { socket.destroy(); resolve(false); });
    socket.once('error', () => resolve(false));
  });
}

module.exports = async function globalSetup() {
  const nats = process.env.GPB_TEST_NATS_URL || 'nats://127.0.0.1:4222';
  const redis = process.env.GPB_TEST_REDIS_URL || 'redis://127.0.0.1:6379';
  process.env.GPB_TEST_NATS_URL = nats;
  process.env.GPB_TEST_REDIS_URL = redis;
  const [natsUp, redisUp] = await Promise.all([reachable(nats), reachable(redis)]);
  const available = natsUp && redisUp;
  process.env.GPB_INTEGRATION = available ? '1' : '0';
  if (available) return;
  const missing = [!natsUp && `NATS at ${nats}`, !redisUp && `Redis at ${redis}`].filter(Boolean).join(' and ');
  if (process.env.GPB_REQUIRE_INTEGRATION === '1') {
    throw new Error(`integration tests are required but ${missing} cannot be reached`);
  }
  process.stderr.write(
    `\nNOTE: ${missing} not reachable: integration specs are SKIPPED. ` +
      'Start nats-server -js and redis-server (or set GPB_TEST_NATS_URL / GPB_TEST_REDIS_URL) to run them.\n\n',
  );
};
