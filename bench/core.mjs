// Benchmark 1, in its own (pinned) process: the core's `generateToken04` against the straightforward
// implementation in straightforward.mjs, interleaved round by round (the order alternates), each
// round running each implementation for a fixed time. Sends { rounds: [{ core, straightforward }] }
// (tokens per second) over IPC.
import { decodeToken04, encodeToken04, generateToken04 } from 'zego-token';
import { APP_ID, QUICK, SECRET, USER_ID } from './common.mjs';
import { generateToken04 as straightforward } from './straightforward.mjs';

const ROUNDS = Number(process.env.BENCH_CORE_ROUNDS ?? (QUICK ? 3 : 9));
const ROUND_MS = Number(process.env.BENCH_CORE_MS ?? (QUICK ? 300 : 1000));

// The comparison is only fair if both produce the same tokens: decode a straightforward token with
// the core, then re-encode its claims with the core's encodeToken04 from the same IV, nonce and time,
// and require the very same string.
const plain = straightforward(APP_ID, USER_ID, SECRET, 3600);
const decoded = decodeToken04(plain, SECRET);
const iv = Buffer.from(plain.slice(2), 'base64').subarray(10, 22);
const again = encodeToken04({
  appId: APP_ID,
  userId: USER_ID,
  serverSecret: SECRET,
  ctime: decoded.issuedAt,
  effectiveTimeInSeconds: decoded.expiresAt - decoded.issuedAt,
  nonce: decoded.nonce,
  iv,
});
if (again !== plain || decoded.mode !== 'gcm' || decoded.expiresAt - decoded.issuedAt !== 3600) {
  throw new Error('the straightforward implementation does not produce the same tokens as the core');
}

let sink = 0;
/** Runs `mint` for `ms` milliseconds; returns tokens per second. */
function measure(mint, ms) {
  const start = process.hrtime.bigint();
  const until = start + BigInt(ms) * 1_000_000n;
  let count = 0;
  let end = start;
  while (end < until) {
    for (let i = 0; i < 200; i++) sink += mint(APP_ID, USER_ID, SECRET, 3600).length;
    count += 200;
    end = process.hrtime.bigint();
  }
  return count / (Number(end - start) / 1e9);
}

const impls = { core: generateToken04, straightforward };
// Warm-up: let both reach their optimised code.
measure(generateToken04, ROUND_MS);
measure(straightforward, ROUND_MS);

const rounds = [];
for (let round = 0; round < ROUNDS; round++) {
  const order = round % 2 === 0 ? ['core', 'straightforward'] : ['straightforward', 'core'];
  const result = {};
  for (const name of order) result[name] = measure(impls[name], ROUND_MS);
  rounds.push(result);
}
process.send({ rounds, roundMs: ROUND_MS, checksum: sink > 0 });
