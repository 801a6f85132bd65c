// The Next.js example (examples/nextjs) as it runs in production: a real `next build`, then `next start`
// on 127.0.0.1 and a port the system picks, driven over HTTP with the session cookie kept by hand. The
// build takes about 15 s on two cores (see examples/nextjs/README.md); the budget below is generous.
import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeToken04 } from 'zego-token';

const BUILD_TIMEOUT_MS = 180_000;
const START_TIMEOUT_MS = 30_000;

const appDir = fileURLToPath(new URL('../examples/nextjs/', import.meta.url));
const nextBin = createRequire(`${appDir}package.json`).resolve('next/dist/bin/next');
const load = async <T>(path: string): Promise<T> =>
  (await import(new URL(`../examples/${path}`, import.meta.url).href)) as T;
const demo = await load<{ DEMO_APP_ID: number; DEMO_SERVER_SECRET: string }>('shared/config.js');

/** The environment of a fresh shell: demo credentials, a random session secret, no telemetry. */
function exampleEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
  for (const name of ['ZEGO_APP_ID', 'ZEGO_SERVER_SECRET', 'SESSION_SECRET', 'PORT', 'HOST', 'NODE_ENV']) {
    delete env[name];
  }
  return env;
}

/** Runs a command in the example's folder; rejects with its output when it fails. */
function run(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: appDir, env: exampleEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${args.join(' ')} exited with ${code}:\n${output}`)),
    );
  });
}

/** `next start` on 127.0.0.1 and a free port (-p 0): resolves with its URL once it is ready. */
function start(child: ChildProcess, output: () => string): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`not ready within ${START_TIMEOUT_MS} ms:\n${output()}`)),
      START_TIMEOUT_MS,
    );
    const onData = () => {
      const url = /Local:\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(output())?.[1];
      if (url && /Ready/.test(output())) {
        clearTimeout(timer);
        resolve(url);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`next start exited with ${code}:\n${output()}`));
    });
  });
}

/** The `name=value` of the session cookie a response sets, or undefined. */
function sessionCookie(response: Response): string | undefined {
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0] ?? '')
    .find((pair) => pair.startsWith('zego-demo.session='));
}

describe('the Next.js example, built with next build and served by next start', () => {
  let server: ChildProcess | undefined;
  let serverOutput = '';
  let url = '';

  beforeAll(async () => {
    const began = performance.now();
    await run(['scripts/copy-public.mjs']);
    await run([nextBin, 'build']);
    process.stderr.write(`test/nextjs.test.ts: next build took ${Math.round(performance.now() - began)} ms\n`);

    // Its own process group, so that stopping it stops anything it started.
    server = spawn(process.execPath, [nextBin, 'start', '--hostname', '127.0.0.1', '--port', '0'], {
      cwd: appDir,
      env: exampleEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    server.stdout?.on('data', (chunk: Buffer) => (serverOutput += chunk));
    server.stderr?.on('data', (chunk: Buffer) => (serverOutput += chunk));
    url = await start(server, () => serverOutput);
  }, BUILD_TIMEOUT_MS + START_TIMEOUT_MS);

  afterAll(async () => {
    const child = server;
    if (child?.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    process.kill(-child.pid, 'SIGTERM');
    await exited;
  });

  it('answers 401 before sign-in, a token for the signed-in user, and 401 again after sign-out', async () => {
    const tokenUrl = `${url}/api/zego/token`;
    const anonymous = await fetch(tokenUrl);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toEqual({ error: { code: 'UNAUTHENTICATED', message: expect.any(String) } });

    const login = await fetch(`${url}/api/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ userId: 'alice' }),
    });
    expect(login.status).toBe(200);
    expect(await login.json()).toEqual({ user: { id: 'alice' } });
    const cookie = sessionCookie(login);
    expect(cookie).toBeDefined();
    expect(login.headers.getSetCookie().join('\n')).toMatch(/HttpOnly/i);
    const signedIn = { Cookie: cookie ?? '' };

    const before = Math.floor(Date.now() / 1000);
    const response = await fetch(tokenUrl, { headers: signedIn });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = (await response.json()) as { token: string };
    expect(body).toMatchObject({ appId: demo.DEMO_APP_ID, userId: 'alice', effectiveTimeInSeconds: 3600 });
    const decoded = decodeToken04(body.token, demo.DEMO_SERVER_SECRET);
    expect(decoded).toMatchObject({ appId: demo.DEMO_APP_ID, userId: 'alice', payload: '' });
    expect(decoded.issuedAt).toBeGreaterThanOrEqual(before);

    // Another site's page cannot sign the user out.
    const crossSite = await fetch(`${url}/api/logout`, {
      method: 'POST',
      headers: { ...signedIn, 'Sec-Fetch-Site': 'cross-site', Origin: 'https://attacker.example' },
    });
    expect(crossSite.status).toBe(403);
    expect(((await crossSite.json()) as { error: { code: string } }).error.code).toBe('CROSS_SITE_REQUEST');
    expect((await fetch(tokenUrl, { headers: signedIn })).status).toBe(200);

    const logout = await fetch(`${url}/api/logout`, { method: 'POST', headers: signedIn });
    expect(logout.status).toBe(204);
    expect(sessionCookie(logout)).toBe('zego-demo.session=');
    const after = await fetch(tokenUrl);
    expect(after.status).toBe(401);

    // The server's log names the user, never the token or the secret.
    expect(serverOutput).toMatch(/token issued: alice/);
    expect(serverOutput).not.toContain(body.token);
    expect(serverOutput).not.toContain(demo.DEMO_SERVER_SECRET);
  });

  it('serves the shared demo page at / with the URLs it calls: /login, /me, /logout and the client module', async () => {
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<script type="module" src="/app.js"></script>');
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self';/);
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    const script = await (await fetch(`${url}/app.js`)).text();
    expect(script).toContain("from '/vendor/zego-token-client.js'");
    const client = await fetch(`${url}/vendor/zego-token-client.js`);
    expect(client.headers.get('content-type')).toMatch(/javascript/);
    expect(await client.text()).toMatch(/export\s*\{[^}]*createTokenProvider/);

    const login = await fetch(`${url}/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Sec-Fetch-Site': 'same-origin', Origin: url },
      body: JSON.stringify({ userId: 'bob_2' }),
    });
    expect(login.status).toBe(200);
    const signedIn = { Cookie: sessionCookie(login) ?? '' };
    expect(await (await fetch(`${url}/me`, { headers: signedIn })).json()).toEqual({ user: { id: 'bob_2' } });
    expect((await fetch(`${url}/logout`, { method: 'POST', headers: signedIn })).status).toBe(204);
    expect(await (await fetch(`${url}/me`)).json()).toEqual({ user: null });
  });
});
