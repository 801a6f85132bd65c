// Benchmark 4, in its own (pinned) process: `createToken04` (GCM) from `zego-token/web` (Web Crypto)
// against the same from `zego-token` (node:crypto), on Node, interleaved round by round (the order
// alternates). The Node entry mints synchronously, 200 per batch; the Web Crypto entry awaits 64
// concurrent mints per batch, as a server with requests in flight would (one by one it would measure
// the round trip to the thread pool instead). Sends { rounds: [{ node, web }] } (tokens per second)
// over IPC; run directly (`node bench/web.mjs`, after a build), it prints the rounds and the median.
import * as node from 'zego-token';
import * as web from 'zego-token/web';
import { APP_ID, median, QUICK, SECRET, USER_ID } from './common.mjs';

const ROUNDS = Number(process.env.BENCH_WEB_ROUNDS ?? (QUICK ? 3 : 9));
const ROUND_MS = Number(process.env.BENCH_WEB_MS ?? (QUICK ? 300 : 1000));
const IN_FLIGHT = 64;
const OPTIONS = { appId: APP_ID, userId: USER_ID, serverSecret: SECRET, effectiveTimeInSeconds: 3600 };

// The comparison is only fair if both give the same tokens: the same inputs, IV and nonce, byte for byte.
const explicit = { ...OPTIONS, ctime: 1_700_000_000, nonce: -123_456, iv: new Uint8Array(12).fill(7) };
if ((await web.encodeToken04(explicit)) !== node.encodeToken04(explicit)) {
  throw new Error('zego-token/web and zego-token encode different tokens from the same inputs');
}

let sink = 0;
const batch = Array.from({ length: IN_FLIGHT });

async function measure(name, ms) {
  const start = process.hrtime.bigint();
  const until = start + BigInt(ms) * 1_000_000n;
  let count = 0;
  let end = start;
  while (end < until) {
    if (name === 'node') {
      for (let i = 0; i < 200; i++) sink += node.createToken04(OPTIONS).token.length;
      count += 200;
    } else {
      for (const created of await Promise.all(batch.map(() => web.createToken04(OPTIONS)))) {
        sink += created.token.length;
      }
      count += IN_FLIGHT;
    }
    end = process.hrtime.bigint();
  }
  return count / (Number(end - start) / 1e9);
}

// Warm-up: let both reach their optimised code (and the key caches fill).
await measure('node', ROUND_MS);
await measure('web', ROUND_MS);

const rounds = [];
for (let round = 0; round < ROUNDS; round++) {
  const order = round % 2 === 0 ? ['node', 'web'] : ['web', 'node'];
  const result = {};
  for (const name of order) result[name] = await measure(name, ROUND_MS);
  rounds.push(result);
}

if (process.send) {
  process.send({ rounds, roundMs: ROUND_MS, inFlight: IN_FLIGHT, checksum: sink > 0 });
} else {
  for (const [i, round] of rounds.entries()) {
    console.log(`round ${i + 1}: node ${Math.round(round.node)}, web ${Math.round(round.web)} tokens/s`);
  }
  const ratio = median(rounds.map((round) => round.web / round.node));
  console.log(
    `median: node ${Math.round(median(rounds.map((r) => r.node)))}, web ${Math.round(median(rounds.map((r) => r.web)))} tokens/s; web / node ${ratio.toFixed(2)}`,
  );
}
