// Benchmark 3, in its own process (run with --expose-gc): after a warm-up, does minting 1,000,000
// tokens and serving 200,000 token requests per framework grow the RSS? The servers run in this
// process; the load comes from load.mjs in another. Sends the RSS and heap at each step over IPC.
import { createServer } from 'node:http';
import v8 from 'node:v8';
import { generateToken04 } from 'zego-token';
import { APP_ID, QUICK, SECRET, startChild, USER_ID } from './common.mjs';
import { createHost, TOKEN_PATH, USER_HEADER } from './hosts.mjs';

const TOKENS = Number(process.env.BENCH_MEMORY_TOKENS ?? (QUICK ? 100_000 : 1_000_000));
const REQUESTS = Number(process.env.BENCH_MEMORY_REQUESTS ?? (QUICK ? 20_000 : 200_000));

if (typeof globalThis.gc !== 'function') throw new Error('run memory.mjs with --expose-gc');

function settle() {
  // A few full collections, so that what remains is what is really retained.
  for (let i = 0; i < 4; i++) globalThis.gc();
  const { rss, heapTotal, heapUsed, external, arrayBuffers } = process.memoryUsage();
  return { rss, heapTotal, heapUsed, external, arrayBuffers, newSpace: newSpaceSize() };
}

function newSpaceSize() {
  return v8.getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_size ?? 0;
}

let sink = 0;
function mint(count) {
  for (let i = 0; i < count; i++) sink += generateToken04(APP_ID, USER_ID, SECRET, 3600).length;
}

function listen(listener) {
  const server = createServer(listener);
  server.keepAliveTimeout = 60_000;
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const servers = {
  express: await listen(await createHost('express')),
  koa: await listen(await createHost('koa')),
};
const load = startChild('load.mjs', { cpu: 1 });
await load.request();

async function serve(framework, amount) {
  const result = await load.request({
    url: `http://127.0.0.1:${servers[framework].address().port}${TOKEN_PATH}`,
    amount,
    connections: 50,
    headers: { [USER_HEADER]: USER_ID },
  });
  if (result.ok !== result.requests || result.errors || result.non2xx) {
    throw new Error(`${framework}: ${result.non2xx} non-2xx, ${result.errors} errors in ${result.requests} requests`);
  }
  return result.requests;
}

// Warm-up: everything this process will do, in cycles (100,000 tokens, then 10,000 requests per
// framework), until the RSS settles. V8 sizes its young generation to the allocation rate (up to
// 32 MiB of semi-spaces here) and the RSS follows as those pages are first written, which takes
// several hundred thousand tokens: growth by design, not a leak. So the warm-up goes on until the
// RSS (after full collections) has moved less than 1 MiB over two cycles in a row; a leak would not
// settle, and the warm-up stops after 12 cycles either way.
const WARM_TOKENS = QUICK ? 50_000 : 100_000;
const WARM_REQUESTS = QUICK ? 2_000 : 10_000;
let warmCycles = 0;
for (let previous = settle().rss, calm = 0; calm < 2 && warmCycles < 12; warmCycles++) {
  mint(WARM_TOKENS);
  await serve('express', WARM_REQUESTS);
  await serve('koa', WARM_REQUESTS);
  const { rss } = settle();
  calm = Math.abs(rss - previous) < 2 ** 20 ? calm + 1 : 0;
  previous = rss;
}
const steps = [{ step: 'after warm-up', ...settle() }];

// Each phase in two halves: a leak keeps growing from one half to the next, a one-off (V8 sizing
// its young generation to the allocation rate, the allocator keeping pages) does not.
const count = (value) => value.toLocaleString('en-US');
for (const half of [1, 2]) {
  mint(TOKENS / 2);
  steps.push({ step: `${count((half * TOKENS) / 2)} tokens (core)`, ...settle() });
}
for (const [framework, label] of [
  ['express', 'Express'],
  ['koa', 'Koa'],
]) {
  let served = 0;
  for (const _half of [1, 2]) {
    served += await serve(framework, REQUESTS / 2);
    steps.push({ step: `+ ${count(served)} ${label} requests`, ...settle() });
  }
}

await load.stop();
for (const server of Object.values(servers)) {
  server.closeAllConnections();
  server.close();
}
process.send({
  tokens: TOKENS,
  requests: REQUESTS,
  warmCycles,
  warmTokens: WARM_TOKENS,
  warmRequests: WARM_REQUESTS,
  steps,
  checksum: sink > 0,
});
