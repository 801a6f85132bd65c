// The load generator, in its own process: answers { url, duration | amount, connections, headers }
// with autocannon's figures for that run.
import autocannon from 'autocannon';
import { serveIpc } from './common.mjs';

function run({ url, duration, amount, connections, headers }) {
  return new Promise((resolve, reject) => {
    autocannon(
      { url, connections, pipelining: 1, headers, ...(amount ? { amount } : { duration }) },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
}

serveIpc(async (message) => {
  const started = process.hrtime.bigint();
  const result = await run(message);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return {
    requests: result.requests.total,
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    seconds,
    rps: result['2xx'] / seconds,
    latencyP50: result.latency.p50,
    latencyP99: result.latency.p99,
  };
});
process.send({ ready: true });
