// How users load the BUILT package (`pnpm test` builds first) in the set-ups that have broken
// before: an ES module importing the CJS file by path, and TypeScript's `node10` resolution.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CONDITIONS, resolveExport } from '../../../test/runtimes/conditions.js';
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
    // docs/runtimes.md: no runtime condition may send `zego-token` (typed as synchronous) to the async build.
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

  it('resolves zego-token/adapter to its node:crypto build under `node` and to its Web Crypto build otherwise', async () => {
    const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      exports: Parameters<typeof resolveExport>[0];
    };
    for (const [runtime, conditions] of Object.entries(CONDITIONS)) {
      const expected = conditions.includes('node' as never) ? './dist/adapter.js' : './dist/adapter.web.js';
      expect(resolveExport(manifest.exports, './adapter', conditions)?.target, runtime).toBe(expected);
    }
    expect(resolveExport(manifest.exports, './adapter', ['node', 'require'])?.target).toBe('./dist/adapter.cjs');
    expect(resolveExport(manifest.exports, './adapter', ['require'])?.target).toBe('./dist/adapter.web.cjs');
    // The two builds export the same names (their types are checked equal in web-build.test.ts).
    const names = async (file: string) => Object.keys(await import(pathToFileURL(`${dist}${file}`).href)).sort();
    expect(await names('adapter.js')).toEqual(await names('adapter.web.js'));
  });

  it("throws errors every entry's ZegoTokenError matches with instanceof, its subclass only its own", async () => {
    const main = (await import(pathToFileURL(`${dist}index.js`).href)) as typeof import('../src/node/index.js');
    const adapter = createRequire(import.meta.url)(`${dist}adapter.cjs`) as typeof import('../src/node/adapter.js');
    const serverApi = (await import(
      pathToFileURL(`${dist}server-api.js`).href
    )) as typeof import('../src/node/server-api.js');
    let fromAdapter: unknown;
    try {
      adapter.createTokenRoute({ resolveUser: () => 'a', appId: 0, serverSecret: SECRET });
    } catch (error) {
      fromAdapter = error;
    }
    expect(fromAdapter).toBeInstanceOf(main.ZegoTokenError);
    expect(fromAdapter).toBeInstanceOf(adapter.ZegoTokenError);
    expect(fromAdapter).not.toBeInstanceOf(serverApi.ZegoServerApiError);
    const apiError = new serverApi.ZegoServerApiError('SERVER_API_ERROR', 'refused', { zegoCode: 1 });
    expect(apiError).toBeInstanceOf(main.ZegoTokenError);
    expect(apiError).toBeInstanceOf(serverApi.ZegoServerApiError);
  });

  it('resolves every subpath with its types under TypeScript node10 resolution', () => {
    const project = fileURLToPath(new URL('./node10/tsconfig.json', import.meta.url));
    // Throws, with tsc's diagnostics in the message, if anything fails to resolve or type-check.
    execFileSync(process.execPath, [tsc, '-p', project], { encoding: 'utf8' });
  });
});
