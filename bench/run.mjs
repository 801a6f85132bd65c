// `pnpm bench` (after a build): runs the four benchmarks side by side and writes bench/RESULTS.md.
//   1. core:   generateToken04 tokens/s against straightforward.mjs, interleaved rounds;
//   2. route:  the token route's req/s against a bare route in the same plain host app, for Express
//              and Koa, with autocannon in its own process (server on CPU 0, load on CPU 1 where
//              taskset exists), rounds interleaved, server CPU per request from the server itself;
//   3. memory: RSS growth over 1,000,000 tokens and 200,000 requests per framework after a warm-up;
//   4. web:    createToken04 tokens/s from zego-token/web (Web Crypto) against zego-token (node:crypto);
//   5. loop:   the token route's own CPU per request (route.handle, no server), against a crypto-only
//              reference and any earlier builds in BENCH_ROUTE_BASELINES (bench/baseline.mjs makes them).
// Figures never fail the run: a goal that is not met is reported as such. BENCH_QUICK=1 gives a
// short smoke run (small counts, short rounds) whose figures are not meant to be quoted.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { formatInt, hasTaskset, median, QUICK, startChild, USER_ID } from './common.mjs';
import { REVOCATION_ROUTES, ROUTES, USER_HEADER } from './hosts.mjs';
import { profileCore, profileRoute, toMarkdown } from './profile.mjs';
import { CRYPTO_ONLY, CURRENT } from './route-loop.mjs';

// Many short rounds rather than a few long ones: on a shared machine, noise comes in bursts, and
// interleaving often spreads a burst over all three routes instead of one.
const ROUTE_ROUNDS = Number(process.env.BENCH_ROUTE_ROUNDS ?? (QUICK ? 2 : 15));
const ROUTE_SECONDS = Number(process.env.BENCH_ROUTE_SECONDS ?? (QUICK ? 1 : 2.5));
const WARMUP_SECONDS = QUICK ? 1 : 2;
const CONNECTIONS = 50;
const REDIS_SERVER = process.env.REDIS_SERVER_PATH ?? 'redis-server';
const GOALS = { core: 1.5, express: 0.9, koa: 0.75, memory: 10, loopMicros: 5.5, revocation: 0.8 };
const FRAMEWORKS = [
  ['express', 'Express 5'],
  ['koa', 'Koa 3'],
];

const log = (...args) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...args);
const pct = (ratio) => `${(100 * ratio).toFixed(1)} %`;
const met = (ok) => (ok ? 'met' : '**not met**');

function machine() {
  const cpus = os.cpus();
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {}
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: (os.totalmem() / 2 ** 30).toFixed(1),
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    commit,
  };
}

// ---------------------------------------------------------------------------------------------

async function runCore() {
  log('core: generateToken04 vs straightforward');
  const child = startChild('core.mjs', { cpu: 0 });
  const result = await child.request();
  await child.stop();
  const rounds = result.rounds.map((round) => ({ ...round, ratio: round.core / round.straightforward }));
  return {
    roundMs: result.roundMs,
    rounds,
    core: median(rounds.map((round) => round.core)),
    straightforward: median(rounds.map((round) => round.straightforward)),
    ratio: median(rounds.map((round) => round.ratio)),
  };
}

async function runWeb() {
  log('web: createToken04 on Web Crypto vs node:crypto');
  const child = startChild('web.mjs', { cpu: 0 });
  const result = await child.request();
  await child.stop();
  const rounds = result.rounds.map((round) => ({ ...round, ratio: round.web / round.node }));
  return {
    roundMs: result.roundMs,
    inFlight: result.inFlight,
    rounds,
    node: median(rounds.map((round) => round.node)),
    web: median(rounds.map((round) => round.web)),
    ratio: median(rounds.map((round) => round.ratio)),
  };
}

async function runLoop() {
  log('loop: route.handle CPU per request, beside a crypto-only reference and any baselines');
  const child = startChild('route-loop.mjs');
  const result = await child.request();
  await child.stop();
  const { rounds, labels } = result;
  const medians = Object.fromEntries(labels.map((label) => [label, median(rounds.map((round) => round[label]))]));
  // The median of the per-round ratios: each round's builds ran back to back.
  const ratios = Object.fromEntries(
    labels
      .filter((label) => label !== CURRENT)
      .map((label) => [label, median(rounds.map((round) => round[CURRENT] / round[label]))]),
  );
  return { ...result, medians, ratios };
}

/** Measures one route of a running server for `seconds`: req/s, server CPU per request, utilisation. */
function measurer(server, load, port, paths) {
  return async function measure(route, seconds) {
    const before = await server.request({ cpu: true });
    const result = await load.request({
      url: `http://127.0.0.1:${port}${paths[route]}`,
      duration: seconds,
      connections: CONNECTIONS,
      headers: { [USER_HEADER]: USER_ID },
    });
    const after = await server.request({ cpu: true });
    const cpuMicros = after.cpu.user - before.cpu.user + (after.cpu.system - before.cpu.system);
    return {
      rps: result.rps,
      cpuPerRequest: cpuMicros / Math.max(1, result.requests),
      utilisation: cpuMicros / 1e6 / result.seconds,
      bad: result.non2xx + result.errors + result.timeouts,
      p99: result.latencyP99,
    };
  };
}

async function runRoute(load, framework) {
  log(`route: ${framework}`);
  const server = startChild('route-server.mjs', { args: [framework], cpu: 0 });
  const { port } = await server.request();
  const measure = measurer(server, load, port, ROUTES);
  const names = Object.keys(ROUTES);
  for (const route of names) await measure(route, WARMUP_SECONDS);
  const rounds = [];
  for (let round = 0; round < ROUTE_ROUNDS; round++) {
    // Rotate the order every round, so that no route always runs first or last.
    const order = names.map((_, i) => names[(i + round) % names.length]);
    const figures = {};
    for (const route of order) figures[route] = await measure(route, ROUTE_SECONDS);
    rounds.push({
      order,
      ...figures,
      ratio: figures.token.rps / figures.bare.rps,
      ceiling: figures.cryptoOnly.rps / figures.bare.rps,
      vsCeiling: figures.token.rps / figures.cryptoOnly.rps,
      // What a saturated server could sustain: the inverse of its CPU time per request.
      cpuRatio: figures.bare.cpuPerRequest / figures.token.cpuPerRequest,
      cpuCeiling: figures.bare.cpuPerRequest / figures.cryptoOnly.cpuPerRequest,
    });
    log(
      `  round ${round + 1}: token ${formatInt(figures.token.rps)}, bare ${formatInt(figures.bare.rps)}, crypto-only ${formatInt(figures.cryptoOnly.rps)} req/s`,
    );
  }
  const rssAfter = (await server.request({ cpu: true })).rss;
  await server.stop();
  const med = (route, key) => median(rounds.map((round) => round[route][key]));
  return {
    rounds,
    rssAfter,
    medians: Object.fromEntries(
      names.map((route) => [
        route,
        {
          rps: med(route, 'rps'),
          cpuPerRequest: med(route, 'cpuPerRequest'),
          utilisation: med(route, 'utilisation'),
          p99: med(route, 'p99'),
        },
      ]),
    ),
    bad: rounds.reduce((sum, round) => sum + names.reduce((s, route) => s + round[route].bad, 0), 0),
    ratio: median(rounds.map((round) => round.ratio)),
    ceiling: median(rounds.map((round) => round.ceiling)),
    vsCeiling: median(rounds.map((round) => round.vsCeiling)),
    cpuRatio: median(rounds.map((round) => round.cpuRatio)),
    cpuCeiling: median(rounds.map((round) => round.cpuCeiling)),
  };
}

/**
 * The token route with the revocation check on a real redis-server (loopback) against the same route
 * without it, in one Express app: interleaved rounds, as the route bench. Skipped without redis-server.
 */
async function runRevocation(load) {
  if (spawnSync(REDIS_SERVER, ['--version'], { stdio: 'ignore' }).status !== 0) {
    log(`revocation: skipped (no ${REDIS_SERVER})`);
    return undefined;
  }
  log('revocation: the Express token route with and without the Redis revocation check');
  const redisPort = randomInt(20_000, 40_000);
  const redis = spawn(
    REDIS_SERVER,
    ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
    },
  );
  try {
    const server = startChild('route-server.mjs', {
      args: ['express-revocation', `redis://127.0.0.1:${redisPort}`],
      cpu: 0,
    });
    const { port } = await server.request();
    const measure = measurer(server, load, port, REVOCATION_ROUTES);
    const names = Object.keys(REVOCATION_ROUTES);
    for (const route of names) await measure(route, WARMUP_SECONDS);
    const rounds = [];
    for (let round = 0; round < ROUTE_ROUNDS; round++) {
      const order = round % 2 === 0 ? names : [...names].reverse();
      const figures = {};
      for (const route of order) figures[route] = await measure(route, ROUTE_SECONDS);
      rounds.push({ ...figures, ratio: figures.revocation.rps / figures.token.rps });
      log(
        `  round ${round + 1}: token ${formatInt(figures.token.rps)}, with revocation ${formatInt(figures.revocation.rps)} req/s`,
      );
    }
    await server.stop();
    const med = (route, key) => median(rounds.map((round) => round[route][key]));
    return {
      rounds,
      token: { rps: med('token', 'rps'), cpuPerRequest: med('token', 'cpuPerRequest'), p99: med('token', 'p99') },
      revocation: {
        rps: med('revocation', 'rps'),
        cpuPerRequest: med('revocation', 'cpuPerRequest'),
        p99: med('revocation', 'p99'),
      },
      bad: rounds.reduce((sum, round) => sum + round.token.bad + round.revocation.bad, 0),
      ratio: median(rounds.map((round) => round.ratio)),
    };
  } finally {
    redis.kill('SIGTERM');
  }
}

function revocationSection(revocation) {
  if (!revocation) return '## 6. The revocation check on Redis\n\nSkipped: no `redis-server` on this machine.\n';
  const lines = [
    '## 6. The revocation check on Redis',
    '',
    `One Express 5 app (\`bench/hosts.mjs\`, \`express-revocation\`) with the token route twice: as in section 2, and with \`revocation: createRedisRevocationStore(…)\` on a redis-server on loopback (node-redis, one connection), whose resolver also returns \`sessionIssuedAt\`. Every request runs the store's Lua script (\`EVALSHA\`) before the token is handed out. ${ROUTE_ROUNDS} rounds of ${ROUTE_SECONDS} s per route, the order alternating, after a ${WARMUP_SECONDS} s warm-up.`,
    '',
    '| round | req/s: token | with revocation | ratio | server CPU µs/req: token | with revocation |',
    '| ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  revocation.rounds.forEach((round, i) => {
    lines.push(
      `| ${i + 1} | ${formatInt(round.token.rps)} | ${formatInt(round.revocation.rps)} | ${pct(round.ratio)} | ${round.token.cpuPerRequest.toFixed(1)} | ${round.revocation.cpuPerRequest.toFixed(1)} |`,
    );
  });
  lines.push(
    `| **median** | **${formatInt(revocation.token.rps)}** | **${formatInt(revocation.revocation.rps)}** | **${pct(revocation.ratio)}** | **${revocation.token.cpuPerRequest.toFixed(1)}** | **${revocation.revocation.cpuPerRequest.toFixed(1)}** |`,
    '',
    `- With the revocation check / without, req/s: **${pct(revocation.ratio)}** (median of the per-round ratios). Goal: at least ${pct(GOALS.revocation)} (the check may cost at most 20 %) → ${met(revocation.ratio >= GOALS.revocation)}.`,
    `- p99 latency (median over rounds): without ${revocation.token.p99} ms, with ${revocation.revocation.p99} ms. Non-2xx responses, errors and timeouts: ${revocation.bad}.`,
    '',
  );
  return lines.join('\n');
}

async function runMemory() {
  log('memory: RSS over 1,000,000 tokens and 200,000 requests per framework');
  const child = startChild('memory.mjs', { cpu: 0, nodeArgs: ['--expose-gc'] });
  const result = await child.request();
  await child.stop();
  const base = result.steps[0].rss;
  return { ...result, growth: (100 * (result.steps.at(-1).rss - base)) / base, base };
}

async function runProfiles(load) {
  log('profile: the core loop and the Koa token route under node --cpu-prof');
  const seconds = QUICK ? 1 : 4;
  return {
    core: await profileCore('core', seconds, 12),
    koa: await profileRoute('koa', 'token', seconds, 15, load),
  };
}

// ---------------------------------------------------------------------------------------------

function coreSection(core) {
  const lines = [
    '## 1. Core: `generateToken04` against the straightforward implementation',
    '',
    `Tokens per second in one process pinned to CPU 0, ${core.rounds.length} interleaved rounds of ${core.roundMs} ms each (the order alternates), after a warm-up. The straightforward implementation (\`bench/straightforward.mjs\`) is ZEGO's helper without its logging: a new \`createCipheriv\` from the secret string, \`randomBytes(12)\` and \`randomBytes(4)\`, and \`Buffer.concat\` of several small buffers per token; the run first checks that the core's \`encodeToken04\` gives the very same token from the same IV, nonce and time.`,
    '',
    '| round | core tokens/s | straightforward tokens/s | ratio |',
    '| ---: | ---: | ---: | ---: |',
  ];
  core.rounds.forEach((round, i) => {
    lines.push(
      `| ${i + 1} | ${formatInt(round.core)} | ${formatInt(round.straightforward)} | ${round.ratio.toFixed(2)}× |`,
    );
  });
  lines.push(
    `| **median** | **${formatInt(core.core)}** | **${formatInt(core.straightforward)}** | **${core.ratio.toFixed(2)}×** |`,
    '',
    `Goal: at least ${GOALS.core}× → ${met(core.ratio >= GOALS.core)} (the ratio is the median of the per-round ratios).`,
    '',
  );
  return lines.join('\n');
}

function webSection(webRun) {
  const lines = [
    '## 4. Web Crypto: `zego-token/web` against `zego-token` on Node',
    '',
    `\`createToken04\` (GCM) tokens per second in one process pinned to CPU 0, ${webRun.rounds.length} interleaved rounds of ${webRun.roundMs} ms each (the order alternates), after a warm-up. The Node entry mints synchronously; the Web Crypto entry awaits ${webRun.inFlight} concurrent mints at a time, as a server with requests in flight would. The run first checks that both encode the very same token from the same inputs. This is what docs/web.md quotes: on Node, pick the Node entry.`,
    '',
    '| round | node:crypto tokens/s | Web Crypto tokens/s | Web Crypto / node:crypto |',
    '| ---: | ---: | ---: | ---: |',
  ];
  webRun.rounds.forEach((round, i) => {
    lines.push(`| ${i + 1} | ${formatInt(round.node)} | ${formatInt(round.web)} | ${round.ratio.toFixed(2)}× |`);
  });
  lines.push(
    `| **median** | **${formatInt(webRun.node)}** | **${formatInt(webRun.web)}** | **${webRun.ratio.toFixed(2)}×** |`,
    '',
  );
  return lines.join('\n');
}

function routeSection(label, route) {
  const { medians } = route;
  const goal = GOALS[label === 'Express 5' ? 'express' : 'koa'];
  const lines = [
    `### ${label}`,
    '',
    '| round | req/s: token | bare | crypto-only | token / bare | server CPU µs/req: token | bare | crypto-only | server busy: token | bare |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  const row = (label, r, ratio) =>
    `| ${label} | ${formatInt(r.token.rps)} | ${formatInt(r.bare.rps)} | ${formatInt(r.cryptoOnly.rps)} | ${pct(ratio)} | ${r.token.cpuPerRequest.toFixed(1)} | ${r.bare.cpuPerRequest.toFixed(1)} | ${r.cryptoOnly.cpuPerRequest.toFixed(1)} | ${pct(r.token.utilisation)} | ${pct(r.bare.utilisation)} |`;
  route.rounds.forEach((round, i) => {
    lines.push(row(String(i + 1), round, round.ratio));
  });
  lines.push(
    row('median', medians, route.ratio).replace(/\| ([^|]+?) (?=\|)/g, (_m, cell) => `| **${cell}** `),
    '',
    `- Token route / bare route, req/s: **${pct(route.ratio)}** (median of the per-round ratios). Goal: at least ${pct(goal)} → ${met(route.ratio >= goal)}.`,
    `- The same from server CPU per request (bare ÷ token, what a saturated server could sustain, less sensitive to the load generator and to noise): ${pct(route.cpuRatio)}.`,
    `- Crypto-only reference / bare route: ${pct(route.ceiling)} by req/s, ${pct(route.cpuCeiling)} by CPU: one raw \`createCipheriv\` + GCM pass per request and nothing else, so about the best any Token04 route can do on this machine.`,
    `- Token route / crypto-only reference (the ceiling), req/s: ${pct(route.vsCeiling)} (median of the per-round ratios).`,
    `- Server busy is its CPU time over the run's wall time: near 100 % means the server, not the load generator, was the limit.`,
    `- p99 latency (median over rounds): token ${medians.token.p99} ms, bare ${medians.bare.p99} ms. Non-2xx responses, errors and timeouts over all runs: ${route.bad}.`,
    '',
  );
  return lines.join('\n');
}

function loopSection(loop) {
  const builds = loop.labels;
  const baselines = builds.filter((label) => label !== CURRENT && label !== CRYPTO_ONLY);
  const name = (label) => (label === CURRENT ? 'this build' : label === CRYPTO_ONLY ? 'crypto-only' : `\`${label}\``);
  const lines = [
    "## 5. The token route's own CPU: `route.handle` in a loop",
    '',
    `\`createTokenRoute\`'s \`route.handle('GET', '/zego/token', req)\` with a synchronous resolver reading a header, no server and no framework: ${loop.inFlight} requests in flight per batch, each answer consumed in a \`then\` as the adapters do (\`bench/route-loop.mjs\`). CPU time (user + system) per request. Each build runs in its own process pinned to CPU 0 (its own heap), ${loop.rounds.length} rounds of ${loop.roundMs} ms each, one build after another, the order rotating every round. Crypto-only is one raw AES-256-GCM pass and a settled promise per request: what any Token04 route costs at least.${baselines.length ? ` The earlier builds are the token route of each commit, bundled by \`bench/baseline.mjs\` (before issue 18, \`createTokenIssuer\`'s \`handle\`, which takes the same arguments).` : ''}`,
    '',
    `| round | ${builds.map(name).join(' | ')} |`,
    `| ---: |${builds.map(() => ' ---: |').join('')}`,
  ];
  loop.rounds.forEach((round, i) => {
    lines.push(`| ${i + 1} | ${builds.map((label) => round[label].toFixed(2)).join(' | ')} |`);
  });
  lines.push(
    `| **median** | ${builds.map((label) => `**${loop.medians[label].toFixed(2)}**`).join(' | ')} |`,
    '',
    `- This build: **${loop.medians[CURRENT].toFixed(2)} µs** per request. Goal: at most ${GOALS.loopMicros} µs → ${met(loop.medians[CURRENT] <= GOALS.loopMicros)} (absolute CPU time moves with the machine's load; the ratios below come from the same rounds).`,
  );
  for (const label of baselines) {
    lines.push(`- This build / ${name(label)}: **${loop.ratios[label].toFixed(3)}** (median of the per-round ratios).`);
  }
  lines.push(
    `- This build / crypto-only: ${loop.ratios[CRYPTO_ONLY].toFixed(2)}: the route's own work beyond the cipher is about ${(loop.medians[CURRENT] - loop.medians[CRYPTO_ONLY]).toFixed(1)} µs per request.`,
    '',
  );
  return lines.join('\n');
}

function memorySection(memory) {
  const mib = (bytes) => (bytes / 2 ** 20).toFixed(1);
  const lines = [
    '## 3. Memory',
    '',
    `One process (run with \`--expose-gc\`, full collections before each reading) mints tokens with \`generateToken04\` and hosts the Express and Koa apps; the load comes from another process (50 connections). Warm-up first: ${memory.warmCycles} cycles of ${formatInt(memory.warmTokens)} tokens and ${formatInt(memory.warmRequests)} requests per framework, until the RSS moved less than 1 MiB over two cycles in a row (V8 sizes its young generation to the allocation rate, ${mib(memory.steps[0].newSpace)} MiB of semi-spaces here, and the RSS follows as those pages are first written: growth by design, not a leak; a leak would not settle). Then each phase in two halves, so that a leak would show as growth from one half to the next:`,
    '',
    '| step | RSS MiB | heap total MiB | heap used MiB | external MiB | RSS vs after warm-up |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const step of memory.steps) {
    const growth = (100 * (step.rss - memory.base)) / memory.base;
    lines.push(
      `| ${step.step} | ${mib(step.rss)} | ${mib(step.heapTotal)} | ${mib(step.heapUsed)} | ${mib(step.external)} | ${growth >= 0 ? '+' : ''}${growth.toFixed(1)} % |`,
    );
  }
  lines.push(
    '',
    `RSS growth over ${formatInt(memory.tokens)} tokens and ${formatInt(memory.requests)} requests per framework: **${memory.growth >= 0 ? '+' : ''}${memory.growth.toFixed(1)} %**. Goal: less than ${GOALS.memory} % → ${met(memory.growth < GOALS.memory)}.`,
    '',
  );
  return lines.join('\n');
}

function render({
  info,
  started,
  finished,
  loadBefore,
  loadAfter,
  core,
  routes,
  memory,
  webRun,
  loop,
  revocation,
  profiles,
}) {
  const express = routes.express;
  const koa = routes.koa;
  const lines = [
    '# Benchmark results',
    '',
    `Written by \`pnpm bench\` (\`bench/run.mjs\`)${QUICK ? ' in **quick mode (BENCH_QUICK=1): smoke-test figures, not for quoting**' : ''}. Do not edit by hand; run it again.`,
    '',
    '## Machine',
    '',
    `- Date: ${started.toISOString()} (the run took ${Math.round((finished - started) / 1000)} s)`,
    `- CPU: ${info.cpu}, ${info.cores} cores; memory ${info.memoryGiB} GiB; ${info.platform}`,
    `- Node ${info.node}; commit ${info.commit}`,
    `- Pinning: ${hasTaskset ? 'server and benchmarked code on CPU 0, load generator on CPU 1 (`taskset`)' : 'none (`taskset` not found)'}`,
    `- Load average (1 min) before / after: ${loadBefore.toFixed(2)} / ${loadAfter.toFixed(2)}. The machine is shared: all comparisons are ratios measured side by side in one run, interleaved, median of several rounds.`,
    '',
    '## Summary',
    '',
    '| benchmark | median | goal | |',
    '| --- | ---: | ---: | --- |',
    `| Core: \`generateToken04\` tokens/s vs straightforward | ${core.ratio.toFixed(2)}× (${formatInt(core.core)} vs ${formatInt(core.straightforward)}) | ≥ ${GOALS.core}× | ${met(core.ratio >= GOALS.core)} |`,
    `| Route, Express 5: token route req/s vs bare route | ${pct(express.ratio)} (${formatInt(express.medians.token.rps)} vs ${formatInt(express.medians.bare.rps)}) | ≥ ${pct(GOALS.express)} | ${met(express.ratio >= GOALS.express)} |`,
    `| Route, Koa 3: token route req/s vs bare route | ${pct(koa.ratio)} (${formatInt(koa.medians.token.rps)} vs ${formatInt(koa.medians.bare.rps)}) | ≥ ${pct(GOALS.koa)} | ${met(koa.ratio >= GOALS.koa)} |`,
    `| Same, from server CPU per request (Express / Koa) | ${pct(express.cpuRatio)} / ${pct(koa.cpuRatio)} | | cross-check |`,
    `| Reference: crypto-only route vs bare, req/s (Express / Koa) | ${pct(express.ceiling)} / ${pct(koa.ceiling)} | — | the ceiling on this machine |`,
    `| Memory: RSS growth, ${formatInt(memory.tokens)} tokens + ${formatInt(memory.requests)} requests × 2 | ${memory.growth >= 0 ? '+' : ''}${memory.growth.toFixed(1)} % | < ${GOALS.memory} % | ${met(memory.growth < GOALS.memory)} |`,
    `| Web Crypto (\`zego-token/web\`) vs node:crypto, \`createToken04\` tokens/s on Node | ${webRun.ratio.toFixed(2)}× (${formatInt(webRun.web)} vs ${formatInt(webRun.node)}) | — | for docs/web.md |`,
    revocation
      ? `| Token route with the Redis revocation check vs without, req/s (Express 5) | ${pct(revocation.ratio)} (${formatInt(revocation.revocation.rps)} vs ${formatInt(revocation.token.rps)}) | ≥ ${pct(GOALS.revocation)} | ${met(revocation.ratio >= GOALS.revocation)} |`
      : '| Token route with the Redis revocation check | skipped: no redis-server | | |',
    `| Token route's own CPU, \`route.handle\` µs/request (crypto-only: ${loop.medians[CRYPTO_ONLY].toFixed(2)}) | ${loop.medians[CURRENT].toFixed(2)} | ≤ ${GOALS.loopMicros} | ${met(loop.medians[CURRENT] <= GOALS.loopMicros)} |`,
    '',
    coreSection(core),
    '## 2. Route: the token route against a bare route',
    '',
    `Each framework runs in its own server process (pinned to CPU 0) hosting three routes of one plain app (see \`bench/hosts.mjs\`): the token route (the adapter's middleware, resolver reading a header), a bare route answering a precomputed body of the same shape and size written the same way, and a crypto-only reference (the bare route plus one raw AES-256-GCM pass). autocannon runs in another process (pinned to CPU 1), ${CONNECTIONS} connections, no pipelining. After a ${WARMUP_SECONDS} s warm-up per route, ${ROUTE_ROUNDS} rounds of ${ROUTE_SECONDS} s per route, the order rotating every round. Server CPU per request is the server process's \`process.cpuUsage()\` delta over the run divided by the responses.`,
    '',
    routeSection('Express 5', express),
    routeSection('Koa 3', koa),
    memorySection(memory),
    webSection(webRun),
    loopSection(loop),
    revocationSection(revocation),
  ];
  if (profiles) {
    lines.push(
      '## Profile',
      '',
      '`node --cpu-prof`, self time per frame: where a token costs its time. (`.cpuprofile` files are kept in `.tmp/bench-profile/`, which git ignores.)',
      '',
      toMarkdown('The core: `generateToken04` in a loop', profiles.core).replace('####', '###'),
      toMarkdown('The Koa token route under load', profiles.koa).replace('####', '###'),
    );
  }
  return `${lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}

// ---------------------------------------------------------------------------------------------

const started = new Date();
const loadBefore = os.loadavg()[0];
const info = machine();
log(`${info.cpu}, ${info.cores} cores, Node ${info.node}${QUICK ? ' (quick mode)' : ''}`);
const load = startChild('load.mjs', { cpu: 1 });
await load.request();
try {
  const profiles = process.env.BENCH_PROFILE === '0' ? undefined : await runProfiles(load);
  const core = await runCore();
  log(`  core ${formatInt(core.core)} vs ${formatInt(core.straightforward)} tokens/s: ${core.ratio.toFixed(2)}×`);
  const routes = {};
  for (const [framework, label] of FRAMEWORKS) {
    routes[framework] = await runRoute(load, framework);
    log(
      `  ${label}: token / bare ${pct(routes[framework].ratio)}, crypto-only / bare ${pct(routes[framework].ceiling)}`,
    );
  }
  const revocation = await runRevocation(load);
  if (revocation) log(`  with revocation / without: ${pct(revocation.ratio)}`);
  const memory = await runMemory();
  log(`  RSS growth ${memory.growth.toFixed(1)} %`);
  const webRun = await runWeb();
  log(`  web ${formatInt(webRun.web)} vs node ${formatInt(webRun.node)} tokens/s: ${webRun.ratio.toFixed(2)}×`);
  const loop = await runLoop();
  log(
    `  route.handle ${loop.medians[CURRENT].toFixed(2)} µs/request, crypto-only ${loop.medians[CRYPTO_ONLY].toFixed(2)}`,
  );
  const finished = new Date();
  const markdown = render({
    info,
    started,
    finished,
    loadBefore,
    loadAfter: os.loadavg()[0],
    core,
    routes,
    memory,
    webRun,
    loop,
    revocation,
    profiles,
  });
  const out = fileURLToPath(new URL('RESULTS.md', import.meta.url));
  writeFileSync(out, markdown);
  // The repository's formatter aligns the tables, so that `pnpm lint` stays clean after a run.
  try {
    execFileSync(fileURLToPath(new URL('../node_modules/.bin/biome', import.meta.url)), ['format', '--write', out], {
      stdio: 'ignore',
    });
  } catch {
    log('(could not run biome format on RESULTS.md; run pnpm format)');
  }
  log(`wrote ${out}`);
} finally {
  await load.stop();
}
