// The Next.js example (examples/nextjs) as it runs in production: a real `next build`, then `next start`
// on 127.0.0.1 and a port the system picks, driven over HTTP with the session cookie kept by hand. The
// build takes 15 to 30 s on two cores from a fresh clone; the budget below is generous.
import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeToken04 } from 'zego-token';
import { SECRET } from './support/index.js';
import { runNode, stopAll } from './support/processes.js';

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
function run(args: string[]): Promise<string> {
  return runNode(appDir, args, exampleEnv());
}

/** A `next start` of the built app, with everything it printed so far. */
interface Started {
  child: ChildProcess;
  url: string;
  output(): string;
}
/** Every `next start` this file began, stopped after the tests whatever their outcome. */
const children: ChildProcess[] = [];

/**
 * `next start` on 127.0.0.1 and a free port (-p 0), in its own process group: resolves once it is ready
 * and has printed `until` (its start-up banner by default).
 */
function start(env: Record<string, string> = {}, until = /\n\n$/): Promise<Started> {
  const child = spawn(process.execPath, [nextBin, 'start', '--hostname', '127.0.0.1', '--port', '0'], {
    cwd: appDir,
    env: { ...exampleEnv(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  children.push(child);
  let text = '';
  const output = () => text;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`not ready within ${START_TIMEOUT_MS} ms:\n${text}`)),
      START_TIMEOUT_MS,
    );
    const onData = (chunk: Buffer) => {
      text += chunk.toString('utf8');
      const url = /Local:\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(text)?.[1];
      if (url && /Ready/.test(text) && until.test(text)) {
        clearTimeout(timer);
        resolve({ child, url, output });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`next start exited with ${code}:\n${text}`));
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
  let server: Started;
  let url = '';

  beforeAll(async () => {
    const began = performance.now();
    await run(['scripts/copy-public.mjs']);
    await run([nextBin, 'build']);
    process.stderr.write(`test/nextjs.test.ts: next build took ${Math.round(performance.now() - began)} ms\n`);
    server = await start({}, /SESSION_SECRET is not set.*\n/);
    url = server.url;
  }, BUILD_TIMEOUT_MS + START_TIMEOUT_MS);

  afterAll(() => stopAll(children));

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

    // The server's log names the user, never the token.
    expect(server.output()).toMatch(/token issued: alice/);
    expect(server.output()).not.toContain(body.token);
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

  it('prints where to go, that the credentials are the demo ones, and the command that decodes their tokens', () => {
    const output = server.output();
    expect(output).toContain(`zego-token Next.js example: open ${url}/`);
    expect(output).toMatch(/WARNING: DEMO CREDENTIALS/);
    expect(output).toContain(`ZEGO_SERVER_SECRET='${demo.DEMO_SERVER_SECRET}' npx zego-token decode <token>`);
  });

  it('issues tokens with real credentials from ZEGO_APP_ID and ZEGO_SERVER_SECRET, and never prints the secret', async () => {
    const real = await start(
      {
        ZEGO_APP_ID: '987654321',
        ZEGO_SERVER_SECRET: SECRET,
        SESSION_SECRET: 'a session secret of at least 32 characters',
      },
      /REAL CREDENTIALS, DEMO SIGN-IN.*\n/,
    );
    const login = await fetch(`${real.url}/api/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ userId: 'carol' }),
    });
    const response = await fetch(`${real.url}/api/zego/token`, { headers: { Cookie: sessionCookie(login) ?? '' } });
    expect(response.status).toBe(200);
    const { token } = (await response.json()) as { token: string };
    expect(decodeToken04(token, SECRET)).toMatchObject({ appId: 987654321, userId: 'carol' });
    expect(real.output()).toMatch(/only this machine can sign in/);
    expect(real.output()).toMatch(/token issued: carol/);
    expect(real.output()).not.toContain(SECRET);
  });

  it('stops with the problem on a bad setting, as the other examples do, without printing the secret', async () => {
    await expect(start({ ZEGO_APP_ID: '987654321' })).rejects.toThrow(
      /exited with 1:[\s\S]*Configuration error: Set both ZEGO_APP_ID and ZEGO_SERVER_SECRET/,
    );
    const badSecret = 'a-secret-of-the-wrong-length';
    const failure = await start({ ZEGO_APP_ID: '987654321', ZEGO_SERVER_SECRET: badSecret }).then(
      () => new Error('started'),
      (error: Error) => error,
    );
    expect(failure.message).toMatch(
      /exited with 1:[\s\S]*Configuration error: .*`serverSecret` must be exactly 32 bytes/,
    );
    expect(failure.message).not.toContain(badSecret);
  });
});
