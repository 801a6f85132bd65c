// Checks the BUILT browser client (`pnpm test` builds first): it must be self-contained, import
// nothing (least of all `node:` modules) and never touch `Buffer`, so that browsers and React Native
// can load it.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { SECRET } from '../../../test/support/index.js';
import { createToken04 } from '../src/node/index.js';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const files = ['client.js', 'client.cjs', 'client.d.ts', 'client.d.cts'] as const;

function read(file: string): string {
  const path = `${dist}${file}`;
  if (!existsSync(path))
    throw new Error(`${path} is missing: run \`pnpm build\` (or \`pnpm test\`, which builds) first`);
  return readFileSync(path, 'utf8');
}

interface ClientModule {
  createTokenProvider: typeof import('../src/client/index.js').createTokenProvider;
  readTokenExpiry: typeof import('../src/client/index.js').readTokenExpiry;
  isTokenRequestError: typeof import('../src/client/index.js').isTokenRequestError;
  toKitToken: typeof import('../src/client/index.js').toKitToken;
}

/** A real token route answer: the 200 body is the core's `createToken04` result, an `IssuedToken`. */
const tokenBody = () =>
  createToken04({
    appId: 1,
    userId: 'alice',
    serverSecret: SECRET,
    effectiveTimeInSeconds: 3600,
  });

describe('the built client (dist/client.*)', () => {
  it.each(files)('%s does not mention node: modules or Buffer', (file) => {
    const code = read(file);
    expect(code).not.toMatch(/["'`]node:/);
    expect(code).not.toMatch(/\bBuffer\b/);
    expect(code).not.toMatch(/reference\s+types\s*=\s*["']node["']/);
  });

  it.each(['client.js', 'client.cjs'])('%s carries the wire format but no cipher, key or randomness code', (file) => {
    const code = read(file);
    expect(code).toContain('canonical base64');
    expect(code).not.toMatch(/aes-256|Cipheriv|Decipher|\bsubtle\b|randomFill|createSecretKey/);
    expect(code).not.toMatch(/claimsToPlaintext|layoutToken04|encryptInto/);
  });

  it.each(['client.js', 'client.cjs'])('%s imports and requires nothing at all', (file) => {
    const code = read(file);
    expect(code).not.toMatch(/\brequire\s*\(/);
    expect(code).not.toMatch(/\bimport\s*\(/);
    expect(code).not.toMatch(/^\s*import\b/m);
    expect(code).not.toMatch(/\bfrom\s*["']/);
  });

  it('client.cjs runs where there is no Node: only the globals a browser or React Native has', async () => {
    const module = { exports: {} as ClientModule };
    runInNewContext(read('client.cjs'), {
      module,
      exports: module.exports,
      fetch: undefined,
      AbortController,
      setTimeout,
      clearTimeout,
      URL,
    });
    const client = module.exports;
    const body = tokenBody();
    const tokens = client.createTokenProvider({
      url: 'https://api.example.com/zego/token',
      fetch: async () => new Response(JSON.stringify(body), { status: 200 }),
    });
    const token = await tokens.getToken();
    expect(token).toBe(body.token);
    expect(client.readTokenExpiry(token)).toBe(body.expiresAt);
    // Kit tokens without btoa: the wire format's own base64.
    const kitToken = await tokens.getKitToken({ roomId: 'room-1', userName: '张伟 🎉' });
    expect(kitToken).toBe(
      `${body.token}#${btoa(JSON.stringify({ userID: 'alice', roomID: 'room-1', userName: encodeURIComponent('张伟 🎉'), appID: 1 }))}`,
    );
    expect(client.toKitToken({ token, appId: 1, roomId: 'room-1', userId: 'alice', userName: '张伟 🎉' })).toBe(
      kitToken,
    );
    tokens.stop();
  });

  it('the ESM and CJS builds work in Node and recognise each other’s errors', async () => {
    const esm = (await import(pathToFileURL(`${dist}client.js`).href)) as ClientModule;
    const cjs = createRequire(import.meta.url)(`${dist}client.cjs`) as ClientModule;
    const body = tokenBody();
    for (const client of [esm, cjs]) {
      const tokens = client.createTokenProvider({
        url: 'https://api.example.com/zego/token',
        fetch: async () => new Response(JSON.stringify(body), { status: 200 }),
      });
      expect(client.readTokenExpiry(await tokens.getToken())).toBe(body.expiresAt);
      tokens.stop();
    }
    let thrown: unknown;
    try {
      cjs.readTokenExpiry('not a token');
    } catch (error) {
      thrown = error;
    }
    expect(esm.isTokenRequestError(thrown)).toBe(true);
  });
});
