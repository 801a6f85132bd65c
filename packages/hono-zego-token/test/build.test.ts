// Checks the BUILT package (`pnpm test` builds first): its ESM and CJS files load and serve a token,
// and they import nothing but `zego-token/adapter`. No `node:` module, so that it runs wherever Hono runs; and
// no runtime import of `hono`, so that it works with whichever copy of Hono the app has (npm's, or
// `jsr:@hono/hono` in Deno).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { getRequestListener } from '@hono/node-server';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { decodeToken04 } from 'zego-token';
import { APP_ID, listen, SECRET } from '../../../test/support/index.js';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));

function read(file: string): string {
  const path = `${dist}${file}`;
  if (!existsSync(path))
    throw new Error(`${path} is missing: run \`pnpm build\` (or \`pnpm test\`, which builds) first`);
  return readFileSync(path, 'utf8');
}

type Built = typeof import('../src/index.js');

describe('the built hono-zego-token', () => {
  it.each([
    ['index.js', /\bimport\b[^'"]*['"]([^'"]+)['"]/g],
    ['index.cjs', /\brequire\(\s*['"]([^'"]+)['"]\s*\)/g],
  ])('%s imports only zego-token/adapter', (file, pattern) => {
    const specifiers = [...read(file).matchAll(pattern)].map((match) => match[1]);
    expect(specifiers).toEqual(['zego-token/adapter']);
  });

  it.each([
    ['ESM', async () => (await import(pathToFileURL(`${dist}index.js`).href)) as Built],
    ['CJS', async () => createRequire(import.meta.url)(`${dist}index.cjs`) as Built],
  ])('loads as %s and serves a token', async (_label, load) => {
    const { zegoToken } = await load();
    const app = new Hono().use('/api/*', zegoToken({ appId: APP_ID, serverSecret: SECRET, resolveUser: () => 'dana' }));
    const { url } = await listen(getRequestListener(app.fetch));
    const response = await fetch(`${url}/api/zego/token`);
    expect(response.status).toBe(200);
    const { token } = (await response.json()) as { token: string };
    expect(decodeToken04(token, SECRET).userId).toBe('dana');
  });
});
