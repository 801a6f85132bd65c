// The SvelteKit example (examples/sveltekit) as it ships: `vite build` with no ZEGO_* in the environment
// (a Docker or CI build has no secrets: the fetch handler reads them at its first request), then the
// adapter-node server (`node build`) on 127.0.0.1 and a free port, driven over HTTP with the session
// cookie kept by hand. The build takes about 15 s on two cores; the budget below is generous.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeToken04 } from 'zego-token';
import { codeBlocks, readDoc } from './docs/markdown.js';
import { freePort, SECRET } from './support/index.js';
import { runNode, stopAll } from './support/processes.js';

const BUILD_TIMEOUT_MS = 120_000;
const START_TIMEOUT_MS = 15_000;
const APP_ID = 987654321;

const appDir = fileURLToPath(new URL('../examples/sveltekit/', import.meta.url));
// The example's own copies (pnpm links them into its node_modules), by path: vite exports no `bin/`.
const viteBin = `${appDir}node_modules/vite/bin/vite.js`;
const svelteKitBin = `${appDir}node_modules/@sveltejs/kit/svelte-kit.js`;
const tscBin = `${appDir}node_modules/typescript/bin/tsc`;

/** The environment of a fresh shell: no ZEGO_* settings, no session secret. */
function bareEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(env)) {
    if (/^(ZEGO_|SESSION_SECRET$|PORT$|HOST$|NODE_ENV$|ORIGIN$)/.test(name)) delete env[name];
  }
  return env;
}

/** Runs `node args` in the example's folder with `env`. */
function run(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return runNode(appDir, args, env);
}

interface Started {
  url: string;
  output(): string;
}
const children: ChildProcess[] = [];

/** `node build` (adapter-node's server) on 127.0.0.1 and a free port, resolved once it listens. */
async function start(env: Record<string, string>): Promise<Started> {
  const port = await freePort();
  const child = spawn(process.execPath, ['build'], {
    cwd: appDir,
    env: { ...bareEnv(), ...env, HOST: '127.0.0.1', PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  children.push(child);
  let text = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`not listening within ${START_TIMEOUT_MS} ms:\n${text}`)),
      START_TIMEOUT_MS,
    );
    const onData = (chunk: Buffer) => {
      text += chunk.toString('utf8');
      if (/Listening on/.test(text)) {
        clearTimeout(timer);
        resolve({ url: `http://127.0.0.1:${port}`, output: () => text });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`node build exited with ${code}:\n${text}`));
    });
  });
}

function sessionCookie(response: Response): string {
  const pair = response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0] ?? '')
    .find((cookie) => cookie.startsWith('zego-demo.session='));
  if (pair === undefined) throw new Error('no session cookie was set');
  return pair;
}

async function errorCode(response: Response): Promise<string> {
  return ((await response.json()) as { error: { code: string } }).error.code;
}

describe('the SvelteKit example, built by vite build without ZEGO_* and served by adapter-node', () => {
  beforeAll(async () => {
    const began = performance.now();
    await run([viteBin, 'build'], bareEnv());
    process.stderr.write(`test/sveltekit.test.ts: vite build took ${Math.round(performance.now() - began)} ms\n`);
  }, BUILD_TIMEOUT_MS);

  afterAll(() => stopAll(children));

  it("docs/sveltekit.md's token route is the example's, which the next test type-checks", () => {
    const withoutComments = (code: string) => code.replace(/^(\/\/.*\n)+/, '').trim();
    const route = codeBlocks(readDoc('docs/sveltekit.md'), 'ts').find(({ code }) => code.includes('+server.ts'));
    const example = readFileSync(`${appDir}src/routes/api/zego/token/+server.ts`, 'utf8');
    expect(withoutComments(route?.code ?? '')).toBe(withoutComments(example));
  });

  it("type-checks against SvelteKit's own types: resolveUser's event is the route's RequestEvent", async () => {
    await run([svelteKitBin, 'sync'], bareEnv());
    await run([tscBin, '--noEmit', '-p', 'tsconfig.json'], bareEnv());
  });

  it('answers 401 before sign-in, a token for the user hooks.server.ts put in locals, and 401 after sign-out', async () => {
    const server = await start({
      ZEGO_APP_ID: String(APP_ID),
      ZEGO_SERVER_SECRET: SECRET,
      SESSION_SECRET: 'a session secret of at least 32 characters',
    });
    const tokenUrl = `${server.url}/api/zego/token`;
    const anonymous = await fetch(tokenUrl);
    expect([anonymous.status, await errorCode(anonymous)]).toEqual([401, 'UNAUTHENTICATED']);

    const login = await fetch(`${server.url}/api/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ userId: 'alice' }),
    });
    expect([login.status, await login.json()]).toEqual([200, { user: { id: 'alice' } }]);
    expect(login.headers.getSetCookie().join('\n')).toMatch(/HttpOnly/i);
    const signedIn = { Cookie: sessionCookie(login) };
    expect(await (await fetch(`${server.url}/api/me`, { headers: signedIn })).json()).toEqual({
      user: { id: 'alice' },
    });

    const before = Math.floor(Date.now() / 1000);
    const response = await fetch(tokenUrl, { headers: signedIn });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = (await response.json()) as { token: string };
    expect(body).toMatchObject({ appId: APP_ID, userId: 'alice', effectiveTimeInSeconds: 3600 });
    const decoded = decodeToken04(body.token, SECRET);
    expect(decoded).toMatchObject({ appId: APP_ID, userId: 'alice' });
    expect(decoded.issuedAt).toBeGreaterThanOrEqual(before);

    const post = await fetch(tokenUrl, { method: 'POST', headers: signedIn });
    expect(post.status).toBe(405);
    const forged = { Cookie: signedIn.Cookie.replace('alice', 'mallory') };
    expect((await fetch(tokenUrl, { headers: forged })).status).toBe(401);
    const crossSite = await fetch(`${server.url}/api/logout`, {
      method: 'POST',
      headers: { ...signedIn, 'Sec-Fetch-Site': 'cross-site', Origin: 'https://attacker.example' },
    });
    expect([crossSite.status, await errorCode(crossSite)]).toEqual([403, 'CROSS_SITE_REQUEST']);

    const logout = await fetch(`${server.url}/api/logout`, { method: 'POST', headers: signedIn });
    expect(logout.status).toBe(204);
    expect(logout.headers.getSetCookie().join('\n')).toMatch(/zego-demo\.session=;/);
    expect((await fetch(tokenUrl)).status).toBe(401);
    expect(server.output()).not.toContain(body.token);
    expect(server.output()).not.toContain(SECRET);
  });

  it('started without ZEGO_* too, answers its token route 500 OPTION_INVALID and mints nothing', async () => {
    const server = await start({ SESSION_SECRET: 'a session secret of at least 32 characters' });
    const login = await fetch(`${server.url}/api/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ userId: 'bob' }),
    });
    const signedIn = { Cookie: sessionCookie(login) };
    for (let i = 0; i < 2; i += 1) {
      const response = await fetch(`${server.url}/api/zego/token`, { headers: signedIn });
      expect([response.status, await errorCode(response)]).toEqual([500, 'OPTION_INVALID']);
    }
  });
});
