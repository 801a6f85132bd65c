// How users load the BUILT package (`pnpm test` builds first) in the set-ups that have broken
// before: an ES module importing the CJS file by path, and TypeScript's `node10` resolution.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SECRET } from '../../../test/support/index.js';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

describe('the built package', () => {
  it('gives an ES module the named exports of dist/index.cjs (Node detects them)', () => {
    const script = `
      import { generateToken04, isZegoTokenError, decodeToken04 } from ${JSON.stringify(`${dist}index.cjs`)};
      const secret = ${JSON.stringify(SECRET)};
      const token = generateToken04(1, 'alice', secret, 60);
      console.log(JSON.stringify({ user: decodeToken04(token, secret).userId, guard: typeof isZegoTokenError }));
    `;
    const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(JSON.parse(output)).toEqual({ user: 'alice', guard: 'function' });
  });

  it('maps zego-token to the Node entry and zego-token/web to the Web Crypto one under every condition', () => {
    // docs/web.md: no runtime condition may send `zego-token` (typed as synchronous) to the async build.
    const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      exports: Record<string, unknown>;
    };
    const targets = (value: unknown): string[] =>
      typeof value === 'string' ? [value] : Object.values(value as Record<string, unknown>).flatMap(targets);
    expect(targets(manifest.exports['.']).sort()).toEqual([
      './dist/index.cjs',
      './dist/index.d.cts',
      './dist/index.d.ts',
      './dist/index.js',
    ]);
    expect(targets(manifest.exports['./web']).sort()).toEqual([
      './dist/web.cjs',
      './dist/web.d.cts',
      './dist/web.d.ts',
      './dist/web.js',
    ]);
  });

  it('resolves zego-token/client and zego-token/web with their types under TypeScript node10 resolution', () => {
    const project = fileURLToPath(new URL('./node10/tsconfig.json', import.meta.url));
    // Throws, with tsc's diagnostics in the message, if anything fails to resolve or type-check.
    execFileSync(process.execPath, [tsc, '-p', project], { encoding: 'utf8' });
  });
});
