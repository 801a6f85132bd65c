// `node bench/baseline.mjs <commit> ...` bundles the token route of an earlier commit for route-loop.mjs
// to run beside the current build: the commit's packages/zego-token/src, read with `git archive` (the
// work tree and the index are not touched), bundled with esbuild into .tmp/bench-baseline/<commit>.mjs
// (git-ignored). Prints one `label=path` per commit, the form route-loop.mjs and
// BENCH_ROUTE_BASELINES take. The entry is src/node/adapter.ts (createTokenRoute, from issue 18 on) or,
// in older layouts, src/index.ts (createTokenIssuer, whose `handle` takes the same arguments).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = `${root}.tmp/bench-baseline/`;
const commits = process.argv.slice(2);
if (commits.length === 0) throw new Error('usage: node bench/baseline.mjs <commit> ...');

for (const commit of commits) {
  const sha = execFileSync('git', ['rev-parse', '--short', `${commit}^{commit}`], {
    cwd: root,
    encoding: 'utf8',
  }).trim();
  const dir = `${out}${sha}/`;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const archive = execFileSync('git', ['archive', sha, 'packages/zego-token/src'], { cwd: root, maxBuffer: 1 << 28 });
  execFileSync('tar', ['-x', '-C', dir], { input: archive });
  const src = `${dir}packages/zego-token/src/`;
  const entry = existsSync(`${src}node/adapter.ts`) ? `${src}node/adapter.ts` : `${src}index.ts`;
  const file = `${out}${sha}.mjs`;
  execFileSync(
    `${root}node_modules/.bin/esbuild`,
    [
      entry,
      '--bundle',
      '--format=esm',
      '--platform=node',
      '--target=node20',
      `--outfile=${file}`,
      '--log-level=warning',
    ],
    { stdio: 'inherit' },
  );
  console.log(`${sha}=${file}`);
}
