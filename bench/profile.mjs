// `node bench/profile.mjs [target ...]` runs a workload under `node --cpu-prof` and prints the top
// frames by self time. Targets: core, straightforward (a minting loop), express, koa (their token
// route under load), express:bare, koa:bare, express:cryptoOnly, koa:cryptoOnly. The .cpuprofile
// files stay in .tmp/profile/, which git ignores. Run `pnpm build` first: the workloads import the
// built packages. run.mjs uses the same functions for the profile section of RESULTS.md.
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startChild, USER_ID } from './common.mjs';
import { ROUTES, USER_HEADER } from './hosts.mjs';

const root = fileURLToPath(new URL('../.tmp/profile/', import.meta.url));

function frameName({ functionName, url, lineNumber }) {
  const file = url
    ? url
        .replace(/^file:\/\/.*node_modules\/(\.pnpm\/[^/]+\/node_modules\/)?/, '')
        .replace(/^file:\/\/.*\/packages\//, '')
    : '';
  return `${functionName || '(anonymous)'}${file ? ` ${file}:${lineNumber + 1}` : ''}`;
}

/**
 * Self time per frame (function and location), in ms, over all samples that were not idle, from
 * `fromMicros` on (a monotonic timestamp like the profile's own; by default the whole profile).
 */
export function summarise(profile, top = 25, fromMicros = 0) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map();
  let total = 0;
  let idle = 0;
  let at = profile.startTime;
  profile.samples.forEach((id, index) => {
    const deltaMicros = profile.timeDeltas[index] ?? 0;
    at += deltaMicros;
    if (at < fromMicros) return;
    const delta = deltaMicros / 1000;
    const { callFrame } = byId.get(id);
    if (callFrame.functionName === '(idle)') {
      idle += delta;
      return;
    }
    total += delta;
    const name = frameName(callFrame);
    self.set(name, (self.get(name) ?? 0) + delta);
  });
  const rows = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, top);
  return { total, idle, rows };
}

export function toMarkdown(title, { total, idle, rows, requests }) {
  const perRequest = requests
    ? ` over ${requests.toLocaleString('en-US')} requests (${((1000 * total) / requests).toFixed(1)} µs each)`
    : '';
  const lines = [
    `#### ${title}`,
    '',
    `Busy ${Math.round(total)} ms${perRequest}, idle ${Math.round(idle)} ms. Top frames by self time:`,
    '',
    `| self ms | share |${requests ? ' µs/request |' : ''} frame |`,
    `| ---: | ---: |${requests ? ' ---: |' : ''} --- |`,
  ];
  for (const [name, ms] of rows) {
    const each = requests ? ` ${((1000 * ms) / requests).toFixed(2)} |` : '';
    lines.push(
      `| ${ms.toFixed(1)} | ${((100 * ms) / total).toFixed(1)} % |${each} \`${name.replaceAll('|', '\\|')}\` |`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function freshDir(name) {
  const dir = `${root}${name}`;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

function readProfile(dir) {
  const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'));
  if (!file) throw new Error(`no profile in ${dir}`);
  return JSON.parse(readFileSync(`${dir}/${file}`, 'utf8'));
}

/** Profiles core-loop.mjs minting with `kind` ('core' or 'straightforward') for `seconds`. */
export async function profileCore(kind, seconds, top) {
  const dir = freshDir(kind);
  const child = startChild('core-loop.mjs', {
    args: [kind, String(seconds)],
    cpu: 0,
    nodeArgs: ['--cpu-prof', '--cpu-prof-dir', dir],
  });
  await new Promise((resolve) => child.child.once('exit', resolve));
  return summarise(readProfile(dir), top);
}

/**
 * Profiles a route server under `seconds` of load on `route` ('token', 'bare' or 'cryptoOnly'),
 * counting only the samples after a warm-up of the same load (not the start-up, not the JIT's first
 * minutes).
 */
export async function profileRoute(framework, route, seconds, top, load) {
  const dir = freshDir(`${framework}-${route}`);
  const server = startChild('route-server.mjs', {
    args: [framework],
    cpu: 0,
    nodeArgs: ['--cpu-prof', '--cpu-prof-dir', dir],
  });
  const { port } = await server.request();
  const ownLoad = load ?? startChild('load.mjs', { cpu: 1 });
  if (!load) await ownLoad.request();
  const run = (duration) =>
    ownLoad.request({
      url: `http://127.0.0.1:${port}${ROUTES[route]}`,
      duration,
      connections: 50,
      headers: { [USER_HEADER]: USER_ID },
    });
  await run(Math.max(1, seconds / 2));
  const { now } = await server.request({ cpu: true });
  const result = await run(seconds);
  if (!load) await ownLoad.stop();
  await server.stop();
  return { ...summarise(readProfile(dir), top, now), requests: result.requests, rps: result.rps };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const seconds = Number(process.env.PROFILE_SECONDS ?? 8);
  const top = Number(process.env.PROFILE_TOP ?? 25);
  const targets = process.argv.slice(2);
  for (const target of targets.length ? targets : ['core', 'straightforward', 'express', 'koa']) {
    const [name, route = 'token'] = target.split(':');
    const summary =
      name === 'express' || name === 'koa'
        ? await profileRoute(name, route, seconds, top)
        : await profileCore(name, seconds, top);
    console.log(toMarkdown(target, summary));
  }
}
