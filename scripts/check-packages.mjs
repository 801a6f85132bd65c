// Packs every published package (so `workspace:*` is resolved as on npm), then runs publint and
// @arethetypeswrong/cli on the tarball. Exits non-zero on the first problem.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const packagesDir = join(root, 'packages');
const out = mkdtempSync(join(tmpdir(), 'zego-token-pack-'));
let failed = false;

function run(command, args, cwd) {
  try {
    execFileSync(command, args, { cwd, stdio: 'inherit' });
  } catch {
    failed = true;
  }
}

for (const name of readdirSync(packagesDir)) {
  const dir = join(packagesDir, name);
  if (!existsSync(join(dir, 'package.json'))) continue;
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  if (manifest.private) continue;
  console.log(`\n== ${manifest.name}`);
  const before = new Set(readdirSync(out));
  execFileSync('pnpm', ['pack', '--pack-destination', out], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
  const tarball = readdirSync(out).find((file) => !before.has(file));
  if (!tarball) throw new Error(`pnpm pack wrote no tarball for ${manifest.name}`);
  const path = join(out, tarball);
  run('pnpm', ['exec', 'publint', 'run', path, '--strict'], root);
  // Every resolution attw knows (node10, node16 from CJS and ESM, bundler). The CLI entry is a bin,
  // not an import: attw only judges the entry points in `exports`.
  run('pnpm', ['exec', 'attw', path, '--format', 'table-flipped'], root);
}

rmSync(out, { recursive: true, force: true });
if (failed) {
  console.error('\npackage checks failed');
  process.exit(1);
}
console.log('\npackage checks passed');
