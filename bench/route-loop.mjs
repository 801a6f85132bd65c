// Benchmark 5: the token route's own CPU per request, without a server or a framework.
// `route.handle('GET', '/zego/token', req)` of `createTokenRoute` (zego-token/adapter) with a
// synchronous resolver reading a header, each answer consumed in a `then` as the adapters do, 50
// requests in flight per batch (the load generator's connections). CPU time (`process.cpuUsage()`,
// user + system) per request, so that the machine's noise matters less than in wall time.
//
// Beside it: a crypto-only reference (one raw AES-256-GCM pass and a settled promise of a precomputed
// answer: what any Token04 route costs at least), and any earlier builds given as `label=path` (a
// module exporting `createTokenRoute`, or `createTokenIssuer` from before issue 18, whose `handle`
// takes the same arguments) as arguments or in BENCH_ROUTE_BASELINES (comma-separated);
// bench/baseline.mjs bundles them from a commit. Each runs in its own process pinned to CPU 0 (its own
// heap: one build's garbage is not collected on another's time), warmed up, then one round each in
// turn, the order rotating every round. Run directly (`node bench/route-loop.mjs [label=path ...]`,
// after a build), it prints the rounds and medians; under run.mjs it sends them over IPC.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { APP_ID, median, QUICK, SECRET, serveIpc, startChild, USER_ID } from './common.mjs';

const ROUNDS = Number(process.env.BENCH_LOOP_ROUNDS ?? (QUICK ? 3 : 25));
const ROUND_MS = Number(process.env.BENCH_LOOP_MS ?? (QUICK ? 100 : 400));
const IN_FLIGHT = 50;
export const CURRENT = 'current';
export const CRYPTO_ONLY = 'crypto-only';

/** In a worker: the route of one build (`CURRENT`, `CRYPTO_ONLY` or a module's path), checked once. */
async function loadRoute(label, path) {
  const { decodeToken04 } = await import('zego-token');
  const { cryptoPass, fixtures, TOKEN_PATH, USER_HEADER } = await import('./hosts.mjs');
  const request = { method: 'GET', headers: { [USER_HEADER]: USER_ID } };
  if (label === CRYPTO_ONLY) {
    const { body, plaintext } = await fixtures();
    const encrypt = cryptoPass(plaintext);
    const answer = { status: 200, headers: {}, body };
    const handle = () => {
      encrypt();
      return Promise.resolve(answer);
    };
    return { route: { handle }, path: TOKEN_PATH, request };
  }
  const build = path ? await import(pathToFileURL(resolve(path)).href) : await import('zego-token/adapter');
  const create = build.createTokenRoute ?? build.createTokenIssuer;
  if (typeof create !== 'function') throw new Error(`${label} exports neither createTokenRoute nor createTokenIssuer`);
  const route = create({ appId: APP_ID, serverSecret: SECRET, resolveUser: (req) => req.headers[USER_HEADER] });
  // Every build must answer the same request the same way: a 200 with a token for this user.
  const { status, body } = await route.handle('GET', TOKEN_PATH, request);
  const { token, userId } = JSON.parse(body);
  if (status !== 200 || userId !== USER_ID || decodeToken04(token, SECRET).userId !== USER_ID) {
    throw new Error(`${label} did not answer with a token for ${USER_ID}`);
  }
  return { route, path: TOKEN_PATH, request };
}

async function worker(label, path) {
  const { route, path: routePath, request } = await loadRoute(label, path);
  let sink = 0;
  const consume = (result) => {
    sink += result.body.length;
  };
  /** Runs batches of requests for about `ms`; returns CPU µs per request. */
  async function measure(ms) {
    const until = performance.now() + ms;
    const start = process.cpuUsage();
    let count = 0;
    while (performance.now() < until) {
      let last;
      for (let i = 0; i < IN_FLIGHT; i++) last = route.handle('GET', routePath, request).then(consume);
      await last;
      count += IN_FLIGHT;
    }
    const { user, system } = process.cpuUsage(start);
    return (user + system) / count;
  }
  serveIpc(async ({ ms }) => ({ cpuPerRequest: await measure(ms), checksum: sink > 0 }));
  process.send({ ready: true });
}

async function orchestrate(specs) {
  const builds = [
    [CURRENT, ''],
    ...specs.map((spec) => [spec.slice(0, spec.indexOf('=')), spec.slice(spec.indexOf('=') + 1)]),
  ];
  for (const [label, path] of builds) {
    if (!label || (label !== CURRENT && !path)) throw new Error(`a baseline is label=path/to/module.js, got ${label}`);
  }
  builds.push([CRYPTO_ONLY, '']);
  const labels = builds.map(([label]) => label);
  const workers = {};
  for (const [label, path] of builds) {
    workers[label] = startChild('route-loop.mjs', { args: ['--worker', label, path], cpu: 0 });
    await workers[label].request();
  }
  try {
    // Warm-up: let every build reach its optimised code.
    for (const label of labels) await workers[label].request({ ms: ROUND_MS * 2 });
    const rounds = [];
    for (let round = 0; round < ROUNDS; round++) {
      const result = {};
      for (const label of labels.map((_, i) => labels[(i + round) % labels.length])) {
        result[label] = (await workers[label].request({ ms: ROUND_MS })).cpuPerRequest;
      }
      rounds.push(result);
    }
    return { rounds, labels };
  } finally {
    for (const label of labels) await workers[label].stop();
  }
}

// Imported (run.mjs reads the labels), it runs nothing.
const isMain = import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain && process.argv[2] === '--worker') {
  await worker(process.argv[3], process.argv[4]);
} else if (isMain) {
  const specs = [...process.argv.slice(2), ...(process.env.BENCH_ROUTE_BASELINES ?? '').split(',')].filter(Boolean);
  const { rounds, labels } = await orchestrate(specs);
  if (process.send) {
    process.send({ rounds, labels, roundMs: ROUND_MS, inFlight: IN_FLIGHT });
  } else {
    const line = (value) => labels.map((label) => `${label} ${value(label).toFixed(2)}`).join(', ');
    for (const [i, round] of rounds.entries())
      console.log(`round ${i + 1}: ${line((label) => round[label])} µs/request`);
    console.log(`median: ${line((label) => median(rounds.map((r) => r[label])))} µs/request`);
    for (const label of labels.filter((label) => label !== CURRENT)) {
      const ratio = median(rounds.map((r) => r[CURRENT] / r[label]));
      console.log(`${CURRENT} / ${label}: ${ratio.toFixed(3)} (median of the per-round ratios)`);
    }
  }
}
