// The runnable examples (examples/express, examples/koa) as a newcomer runs them: one test body,
// both apps, built with their own `createApp(config)` and driven with supertest (cookies kept by an
// agent). Then their shared configuration and their start-up, as `node src/server.js`.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { RequestListener } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeToken04, generateToken04 } from 'zego-token';
import { startZegoStandIn, type ZegoStandIn } from 'zego-token/testing';
import { type ExampleConfig, startExample } from './example-config.js';
import {
  CALLBACK_SECRET,
  documentedCallback,
  freePort,
  listen,
  miniGameStart,
  OTHER_SECRET,
  SECRET,
  signedCallback,
} from './support/index.js';

interface StartupInfo {
  host: string;
  port: number;
  demoCredentials: boolean;
  randomSessionSecret: boolean;
}
interface SharedConfigModule {
  DEMO_APP_ID: number;
  DEMO_SERVER_SECRET: string;
  DEFAULT_TOKEN_TTL: number;
  ConfigError: new (message: string) => Error;
  listenUrl(host: string, port: number): string;
  readConfig(env: Record<string, string | undefined>): { config: ExampleConfig; startup: StartupInfo };
  startupBanner(options: { name: string; url: string; config: ExampleConfig; startup: StartupInfo }): {
    lines: string[];
    warnings: string[];
  };
}
interface ExampleAppModule {
  createApp(config: ExampleConfig): unknown;
  TOKEN_PATH: string;
  CLIENT_MODULE_PATH: string;
}

const run = promisify(execFile);
/** The installed command, as `npx zego-token` runs it (it loads the built dist/cli.js). */
const ZEGO_TOKEN_BIN = fileURLToPath(new URL('../packages/zego-token/bin/zego-token.js', import.meta.url));
const examplesDir = new URL('../examples/', import.meta.url);
// A variable specifier keeps TypeScript from looking for declarations the examples do not have.
const load = async <T>(path: string): Promise<T> => (await import(new URL(path, examplesDir).href)) as T;

const shared = await load<SharedConfigModule>('shared/config.js');
const expressExample = await load<ExampleAppModule>('express/src/app.js');
const koaExample = await load<ExampleAppModule>('koa/src/app.js');

const examples = [
  {
    name: 'express',
    dir: 'express',
    example: expressExample,
    listener: (config: ExampleConfig) => expressExample.createApp(config) as RequestListener,
  },
  {
    name: 'koa',
    dir: 'koa',
    example: koaExample,
    listener: (config: ExampleConfig) => (koaExample.createApp(config) as { callback(): RequestListener }).callback(),
  },
] as const;

const ALLOWED_ORIGIN = 'http://localhost:5173';
const FOREIGN_ORIGIN = 'https://attacker.example';

function testConfig(overrides: Partial<ExampleConfig> = {}): ExampleConfig {
  return {
    appId: shared.DEMO_APP_ID,
    serverSecret: shared.DEMO_SERVER_SECRET,
    tokenTtl: 600,
    sessionSecret: 'a session secret for the tests only',
    corsOrigins: [ALLOWED_ORIGIN],
    tokenRateLimit: { windowMs: 60_000, limit: 100 },
    ...overrides,
  };
}

describe.each(examples)('the $name example', ({ example, listener: build }) => {
  const { TOKEN_PATH, CLIENT_MODULE_PATH } = example;
  /** Serves the app on a loopback port, as `node src/server.js` would, and returns its base URL. */
  const serve = async (config: ExampleConfig) => (await listen(build(config))).url;

  it('mounts the token route at /api/zego/token', () => {
    expect(TOKEN_PATH).toBe('/api/zego/token');
  });

  it('serves the demo page, its script and the zego-token/client module', async () => {
    const app = await serve(testConfig());
    const page = await request(app).get('/');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('<script type="module" src="/app.js"></script>');
    expect(page.text).toContain('<link rel="stylesheet" href="/style.css" />');
    expect(page.text).not.toMatch(/<style|<script>|\son[a-z]+=/);
    const style = await request(app).get('/style.css');
    expect(style.status).toBe(200);
    expect(style.headers['content-type']).toMatch(/^text\/css/);
    expect(page.text).toContain('data-testid="login-form"');
    // The decode command with the secret is in the start-up banner; the page says where to find it.
    expect(page.text).toMatch(/npx zego-token decode<\/code> command the server printed at start-up/);

    const script = await request(app).get('/app.js');
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toMatch(/^(text|application)\/javascript/);
    expect(script.text).toContain(`from '${CLIENT_MODULE_PATH}'`);

    const client = await request(app).get(CLIENT_MODULE_PATH);
    expect(client.status).toBe(200);
    expect(client.headers['content-type']).toMatch(/^(text|application)\/javascript/);
    expect(client.text).toMatch(/export\s*\{[^}]*createTokenProvider/);
    expect(client.text).not.toMatch(/node:crypto|require\(/);
  });

  it('signs in with POST /login and issues a token for that user only', async () => {
    const agent = request.agent(await serve(testConfig({ tokenTtl: 600 })));
    const login = await agent.post('/login').send({ userId: 'alice' });
    expect(login.status).toBe(200);
    expect(login.body).toEqual({ user: { id: 'alice' } });
    const cookie = String(login.headers['set-cookie']);
    expect(cookie).toMatch(/httponly/i);
    expect(cookie).toMatch(/samesite=lax/i);

    expect((await agent.get('/me')).body).toEqual({ user: { id: 'alice' } });

    const before = Math.floor(Date.now() / 1000);
    const response = await agent.get(TOKEN_PATH);
    expect(response.status).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.body).toMatchObject({ appId: shared.DEMO_APP_ID, userId: 'alice', effectiveTimeInSeconds: 600 });
    const decoded = decodeToken04(response.body.token, shared.DEMO_SERVER_SECRET);
    expect(decoded).toMatchObject({ appId: shared.DEMO_APP_ID, userId: 'alice', payload: '' });
    expect(decoded.expiresAt - decoded.issuedAt).toBe(600);
    expect(decoded.issuedAt).toBeGreaterThanOrEqual(before);

    // Signing in as someone else replaces the session: the next token is theirs.
    expect((await agent.post('/login').send({ userId: 'bob_2' })).status).toBe(200);
    const second = await agent.get(TOKEN_PATH);
    expect(decodeToken04(second.body.token, shared.DEMO_SERVER_SECRET).userId).toBe('bob_2');
  });

  it('answers 401 UNAUTHENTICATED without a session', async () => {
    const app = await serve(testConfig());
    const response = await request(app).get(TOKEN_PATH);
    expect(response.status).toBe(401);
    expect(response.body).toEqual({ error: { code: 'UNAUTHENTICATED', message: expect.any(String) } });
    expect((await request(app).get('/me')).body).toEqual({ user: null });
  });

  it('signs out with POST /logout: no token after it', async () => {
    const agent = request.agent(await serve(testConfig()));
    await agent.post('/login').send({ userId: 'alice' }).expect(200);
    await agent.get(TOKEN_PATH).expect(200);
    const logout = await agent.post('/logout');
    expect(logout.status).toBe(204);
    expect(String(logout.headers['set-cookie'])).toMatch(/expires=Thu, 01 Jan 1970/i);
    const after = await agent.get(TOKEN_PATH);
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('UNAUTHENTICATED');
    expect((await agent.get('/me')).body).toEqual({ user: null });
  });

  it('refuses a userId ZEGO would refuse, with a JSON 400, and signs nobody in', async () => {
    const agent = request.agent(await serve(testConfig()));
    const bad: unknown[] = [{}, { userId: '' }, { userId: 'has space' }, { userId: 'x'.repeat(65) }, { userId: 42 }];
    bad.push({ userId: '张三' }, { userId: 'tab\there' }, [{ userId: 'alice' }]);
    for (const body of bad) {
      const response = await agent.post('/login').send(body as object);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.error.code).toBe('USER_ID_INVALID');
      expect(response.headers['set-cookie']).toBeUndefined();
    }
    const notJson = await agent.post('/login').set('Content-Type', 'application/json').send('{"userId":');
    expect(notJson.status).toBe(400);
    expect(notJson.body.error.code).toBe('INVALID_JSON');
    // A form post is not JSON: no userId is read from it.
    const form = await agent.post('/login').type('form').send({ userId: 'alice' });
    expect(form.status).toBe(400);
    expect((await agent.get(TOKEN_PATH)).status).toBe(401);
    // The longest and oddest userIds ZEGO accepts are fine.
    for (const userId of ['u'.repeat(64), "~!@#$%^&*()_+=-`;',.<>/\\"]) {
      await agent.post('/login').send({ userId }).expect(200);
      expect((await agent.get(TOKEN_PATH)).body.userId).toBe(userId);
    }
  });

  it('rate-limits the token route with 429, a Retry-After and a JSON error', async () => {
    const agent = request.agent(await serve(testConfig({ tokenRateLimit: { windowMs: 60_000, limit: 3 } })));
    await agent.post('/login').send({ userId: 'alice' }).expect(200);
    for (let i = 0; i < 3; i++) await agent.get(TOKEN_PATH).expect(200);
    const limited = await agent.get(TOKEN_PATH);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(0);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(limited.headers['content-type']).toMatch(/^application\/json/);
    expect(limited.body).toEqual({ error: { code: 'RATE_LIMITED', message: expect.any(String) } });
    // Only the token route is limited.
    await agent.get('/me').expect(200);
  });

  it('refuses cross-site POST /logout and /login with 403 and leaves the session alone', async () => {
    const app = await serve(testConfig());
    const agent = request.agent(app);
    await agent.post('/login').send({ userId: 'alice' }).expect(200);
    const crossSite: [string, Record<string, string>][] = [
      ['a cross-site page', { 'Sec-Fetch-Site': 'cross-site', Origin: FOREIGN_ORIGIN }],
      // Another port or a sibling subdomain: same site, so the SameSite=Lax cookie goes along.
      ['another origin of the same site', { 'Sec-Fetch-Site': 'same-site', Origin: 'http://127.0.0.1:1' }],
      ['a browser without Sec-Fetch-Site', { Origin: FOREIGN_ORIGIN }],
      ['a sandboxed frame', { Origin: 'null' }],
    ];
    for (const [who, headers] of crossSite) {
      const logout = await agent.post('/logout').set(headers).type('form').send({});
      expect(logout.status, who).toBe(403);
      expect(logout.body, who).toEqual({ error: { code: 'CROSS_SITE_REQUEST', message: expect.any(String) } });
      expect(logout.headers['set-cookie'], who).toBeUndefined();
      const login = await agent.post('/login').set(headers).send({ userId: 'mallory' });
      expect(login.status, who).toBe(403);
      expect(login.headers['set-cookie'], who).toBeUndefined();
      expect((await agent.get('/me')).body, who).toEqual({ user: { id: 'alice' } });
    }
    await agent.get(TOKEN_PATH).expect(200);

    // The app's own pages, the configured CORS origins and non-browser clients go through.
    await agent
      .post('/login')
      .set({ 'Sec-Fetch-Site': 'same-origin', Origin: app })
      .send({ userId: 'bob' })
      .expect(200);
    await agent.post('/login').set('Origin', app).send({ userId: 'carol' }).expect(200);
    await agent
      .post('/login')
      .set({ 'Sec-Fetch-Site': 'same-site', Origin: ALLOWED_ORIGIN })
      .send({ userId: 'dave' })
      .expect(200);
    await agent.post('/logout').set({ 'Sec-Fetch-Site': 'same-origin', Origin: app }).expect(204);
    expect((await agent.get('/me')).body).toEqual({ user: null });
  });

  it('sends security headers: a CSP that allows no inline script or framing, nosniff, no referrer', async () => {
    const app = await serve(testConfig());
    for (const path of ['/', '/app.js', TOKEN_PATH, '/api/nothing']) {
      const response = await request(app).get(path);
      expect(response.headers['x-content-type-options'], path).toBe('nosniff');
      expect(response.headers['x-frame-options'], path).toBe('DENY');
      expect(response.headers['referrer-policy'], path).toBe('no-referrer');
    }
    const csp = String((await request(app).get('/')).headers['content-security-policy']);
    const directives = new Map(
      csp.split(';').map((directive) => {
        const [name = '', ...values] = directive.trim().split(/\s+/);
        return [name, values.join(' ')] as const;
      }),
    );
    expect(directives.get('default-src')).toBe("'self'");
    expect(directives.get('script-src')).toBe("'self'");
    expect(directives.get('script-src-attr')).toBe("'none'");
    expect(directives.get('style-src')).toBe("'self'");
    expect(directives.get('connect-src')).toBe("'self'");
    expect(directives.get('object-src')).toBe("'none'");
    expect(directives.get('base-uri')).toBe("'none'");
    expect(directives.get('frame-ancestors')).toBe("'none'");
    // The demo runs on plain http://127.0.0.1: nothing may be upgraded to https there.
    expect(directives.has('upgrade-insecure-requests')).toBe(false);
  });

  it('marks the session cookie Secure for HTTPS requests (through a trusted proxy), never for plain HTTP', async () => {
    const behindProxy = await serve(testConfig({ trustProxy: 1 }));
    const https = { 'X-Forwarded-Proto': 'https', 'X-Forwarded-For': '203.0.113.7' };
    const login = await request(behindProxy).post('/login').set(https).send({ userId: 'alice' });
    expect(login.status).toBe(200);
    const cookies = [login.headers['set-cookie']].flat().map(String);
    expect(cookies.length).toBeGreaterThan(0);
    for (const cookie of cookies) expect(cookie).toMatch(/;\s*secure/i);
    const agent = request.agent(behindProxy);
    const plain = await agent.post('/login').set('X-Forwarded-For', '203.0.113.7').send({ userId: 'alice' });
    for (const cookie of [plain.headers['set-cookie']].flat().map(String)) expect(cookie).not.toMatch(/secure/i);

    // Signing out over HTTPS clears the cookie with the same attributes.
    const agentHttps = request.agent(behindProxy);
    await agentHttps.post('/login').set(https).send({ userId: 'alice' }).expect(200);
    const logout = await agentHttps.post('/logout').set(https);
    expect(logout.status).toBe(204);
    for (const cookie of [logout.headers['set-cookie']].flat().map(String)) expect(cookie).toMatch(/;\s*secure/i);

    // Without a trusted proxy, a client's own X-Forwarded-Proto changes nothing.
    const direct = await request(await serve(testConfig()))
      .post('/login')
      .set('X-Forwarded-Proto', 'https')
      .send({ userId: 'alice' });
    for (const cookie of [direct.headers['set-cookie']].flat().map(String)) expect(cookie).not.toMatch(/secure/i);
  });

  it("keys the token rate limit by signed-in user: anonymous requests never use up a user's allowance", async () => {
    const app = await serve(testConfig({ tokenRateLimit: { windowMs: 60_000, limit: 3 } }));
    // Anonymous requests from this address are limited too (every client here is 127.0.0.1)…
    const anonymous = [];
    for (let i = 0; i < 5; i++) anonymous.push((await request(app).get(TOKEN_PATH)).status);
    expect(anonymous).toEqual([401, 401, 401, 429, 429]);
    // …but they do not lock out a user who signs in from the same address: each user has a bucket.
    const alice = request.agent(app);
    await alice.post('/login').send({ userId: 'alice' }).expect(200);
    for (let i = 0; i < 3; i++) await alice.get(TOKEN_PATH).expect(200);
    await alice.get(TOKEN_PATH).expect(429);
    const bob = request.agent(app);
    await bob.post('/login').send({ userId: 'bob' }).expect(200);
    await bob.get(TOKEN_PATH).expect(200);
    // A user's bucket follows the user, not the session: signing in again does not refill it.
    await alice.post('/login').send({ userId: 'alice' }).expect(200);
    await alice.get(TOKEN_PATH).expect(429);
  });

  it('behind a trusted proxy (trustProxy: 1), limits by the address the proxy appended, not one the client sent', async () => {
    const app = await serve(testConfig({ tokenRateLimit: { windowMs: 60_000, limit: 2 }, trustProxy: 1 }));
    // The proxy appends the address it saw; anything before it came from the client.
    const from = (forwardedFor: string) => request(app).get(TOKEN_PATH).set('X-Forwarded-For', forwardedFor);
    expect((await from('203.0.113.7')).status).toBe(401);
    expect((await from('203.0.113.7')).status).toBe(401);
    expect((await from('203.0.113.7')).status).toBe(429);
    // A made-up first entry does not buy a fresh bucket.
    expect((await from('198.51.100.1, 203.0.113.7')).status).toBe(429);
    expect((await from('198.51.100.2, 203.0.113.7')).status).toBe(429);
    // Another client behind the same proxy has its own.
    expect((await from('203.0.113.8')).status).toBe(401);
  });

  it('allows credentialed CORS from the configured origins only', async () => {
    const agent = request.agent(await serve(testConfig()));
    await agent.post('/login').send({ userId: 'alice' }).expect(200);

    const allowed = await agent.get(TOKEN_PATH).set('Origin', ALLOWED_ORIGIN);
    expect(allowed.status).toBe(200);
    expect(allowed.headers['access-control-allow-origin']).toBe(ALLOWED_ORIGIN);
    expect(allowed.headers['access-control-allow-credentials']).toBe('true');
    expect(allowed.headers['access-control-expose-headers']).toMatch(/Retry-After/i);

    const preflight = await agent
      .options(TOKEN_PATH)
      .set('Origin', ALLOWED_ORIGIN)
      .set('Access-Control-Request-Method', 'GET')
      .set('Access-Control-Request-Headers', 'authorization');
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe(ALLOWED_ORIGIN);
    expect(preflight.headers['access-control-allow-credentials']).toBe('true');

    for (const origin of [FOREIGN_ORIGIN, 'null', `${ALLOWED_ORIGIN}.attacker.example`]) {
      const foreign = await agent.get(TOKEN_PATH).set('Origin', origin);
      expect(foreign.headers['access-control-allow-origin'], origin).toBeUndefined();
      expect(foreign.headers['access-control-allow-credentials'], origin).toBeUndefined();
      const foreignPreflight = await agent
        .options(TOKEN_PATH)
        .set('Origin', origin)
        .set('Access-Control-Request-Method', 'GET');
      expect(foreignPreflight.headers['access-control-allow-origin'], origin).toBeUndefined();
    }

    // No origins configured: same-origin only.
    const closed = await request(await serve(testConfig({ corsOrigins: [] })))
      .get(TOKEN_PATH)
      .set('Origin', ALLOWED_ORIGIN);
    expect(closed.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('answers JSON for unknown API routes and 405 for other methods on the token route', async () => {
    const app = await serve(testConfig());
    const missing = await request(app).get('/api/nothing/here');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ error: { code: 'NOT_FOUND', message: 'Not Found' } });
    const post = await request(app).post(TOKEN_PATH);
    expect(post.status).toBe(405);
    expect(post.headers.allow).toMatch(/GET/);
  });

  it('logs sign-ins and issued tokens to config.log, never the token or the secret', async () => {
    const lines: string[] = [];
    const agent = request.agent(await serve(testConfig({ log: (line) => lines.push(line) })));
    await agent.post('/login').send({ userId: 'alice' }).expect(200);
    const { token } = (await agent.get(TOKEN_PATH).expect(200)).body as { token: string };
    await agent.post('/logout').expect(204);
    expect(lines).toEqual([
      'signed in: alice',
      expect.stringMatching(/^token issued: alice, expires \d{4}-/),
      'signed out: alice',
    ]);
    expect(lines.join('\n')).not.toContain(token);
    expect(lines.join('\n')).not.toContain(shared.DEMO_SERVER_SECRET);
  });

  it('refuses a bad AppID or secret when the app is built', () => {
    expect(() => build(testConfig({ serverSecret: 'too short' }))).toThrow(/serverSecret/);
    expect(() => build(testConfig({ appId: 0 }))).toThrow(/appId/);
  });
});

describe.each(examples)('the $name example: ZEGO callbacks and one Server API call', ({ example, listener: build }) => {
  const { TOKEN_PATH } = example;
  const CALLBACK_PATH = '/zego/callback';
  const ROOM_USERS_PATH = '/api/zego/room-users';
  /** The app on a loopback port with the callback route on, and what it logs. */
  async function withCallbacks(overrides: Partial<ExampleConfig> = {}) {
    const lines: string[] = [];
    const config = testConfig({ callbackSecret: CALLBACK_SECRET, log: (line) => lines.push(line), ...overrides });
    return { url: (await listen(build(config))).url, lines };
  }
  /** The fields of a `zego callback: {…}` line. */
  const logged = (line: string | undefined) => JSON.parse((line ?? '').replace(/^zego callback[^{]*/, '')) as unknown;

  it('answers a signed callback 200 and logs it as one line: no signature, no secret, no user data', async () => {
    const { url, lines } = await withCallbacks();
    const body = documentedCallback('rtc', 'stream_create', {
      room_id: 'room-1',
      stream_id: 'stream-1',
      user_id: 'alice',
      appid: shared.DEMO_APP_ID,
    });
    const response = await request(url).post(CALLBACK_PATH).send(body);
    expect(response.status).toBe(200);
    // No session: nothing is set, whatever the session middleware does elsewhere.
    expect(response.headers['set-cookie']).toBeUndefined();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^zego callback: \{.*\}$/);
    // The typed event (events: true): product and event, the room and stream, exact 64-bit IDs as text.
    expect(logged(lines[0])).toEqual({
      product: 'rtc',
      event: 'stream_create',
      roomId: 'room-1',
      roomSessionId: body.room_session_id,
      streamId: 'stream-1',
    });
    for (const secret of [String(body.signature), CALLBACK_SECRET, 'alice']) expect(lines[0]).not.toContain(secret);

    // A MiniGame report, in its own spelling, as a form post: its game, room and report IDs.
    const report = miniGameStart({ MiniGameId: 'game-7', RoomId: 'room-2', ReportId: 'report-1', AnchorId: 'bob' });
    await request(url).post(CALLBACK_PATH).type('form').send(report).expect(200);
    expect(lines).toHaveLength(2);
    expect(logged(lines[1])).toMatchObject({
      product: 'mini-game',
      event: 'game_start',
      miniGameId: 'game-7',
      roomId: 'room-2',
      reportId: 'report-1',
    });
    expect(lines[1]).not.toContain(String(report.Signature));
    expect(lines[1]).not.toContain('bob');
  });

  it('refuses forged, expired and unsigned callbacks with 401 and logs the code only', async () => {
    const { url, lines } = await withCallbacks();
    const forged = signedCallback({ event: 'room_login', room_id: 'r' }, { secret: OTHER_SECRET });
    const expired = signedCallback({ event: 'room_login' }, { timestamp: Math.floor(Date.now() / 1000) - 3600 });
    const cases: [object, string][] = [
      [forged, 'CALLBACK_SIGNATURE_INVALID'],
      [expired, 'CALLBACK_EXPIRED'],
      [{ event: 'room_login', room_id: 'r' }, 'CALLBACK_SIGNATURE_INVALID'],
    ];
    for (const [body, code] of cases) {
      const response = await request(url).post(CALLBACK_PATH).send(body);
      expect(response.status, code).toBe(401);
      expect(response.body.error.code, code).toBe(code);
      expect(JSON.stringify(response.body)).not.toContain(CALLBACK_SECRET);
    }
    expect(lines).toEqual([
      'zego callback refused: CALLBACK_SIGNATURE_INVALID',
      'zego callback refused: CALLBACK_EXPIRED',
      'zego callback refused: CALLBACK_SIGNATURE_INVALID',
    ]);
    // Not JSON, and other methods.
    const broken = await request(url).post(CALLBACK_PATH).set('Content-Type', 'application/json').send('{"event":');
    expect(broken.status).toBe(400);
    expect(lines.at(-1)).toBe('zego callback refused: CALLBACK_BODY_INVALID');
    const get = await request(url).get(CALLBACK_PATH);
    expect(get.status).toBe(405);
    expect(get.headers.allow).toBe('POST');
  });

  it('handles a callback delivered twice once, and answers both 200 so ZEGO stops', async () => {
    const { url, lines } = await withCallbacks();
    const body = documentedCallback('rtc', 'room_logout', { room_id: 'room-1' });
    await request(url).post(CALLBACK_PATH).send(body).expect(200);
    await request(url).post(CALLBACK_PATH).send(body).expect(200);
    // Another callback of the same kind is not a duplicate: it has its own nonce.
    await request(url)
      .post(CALLBACK_PATH)
      .send(documentedCallback('rtc', 'room_logout', { room_id: 'room-1' }))
      .expect(200);
    // A MiniGame report sent again with a fresh signature is the same report: its ReportId says so.
    const report = { MiniGameId: 'game-7', ReportId: 'report-9' };
    await request(url).post(CALLBACK_PATH).send(miniGameStart(report)).expect(200);
    await request(url).post(CALLBACK_PATH).send(miniGameStart(report)).expect(200);
    expect(lines.map((line) => line.replace(/: \{.*/, ''))).toEqual([
      'zego callback',
      'zego callback (duplicate, ignored)',
      'zego callback',
      'zego callback',
      'zego callback (duplicate, ignored)',
    ]);
    // Each app has its own record: a fresh app handles the first delivery again.
    const fresh = await withCallbacks();
    await request(fresh.url).post(CALLBACK_PATH).send(body).expect(200);
    expect(fresh.lines).toEqual([expect.stringMatching(/^zego callback: /)]);
  });

  it('handles a replayed capture once whatever unsigned field it edits, and never drops the genuine report it names', async () => {
    const { url, lines } = await withCallbacks();
    const deliver = (body: object) => request(url).post(CALLBACK_PATH).send(body);
    const captured = miniGameStart({ MiniGameId: 'game-7', ReportId: 'report-1' });
    expect((await deliver(captured)).status).toBe(200);
    // The signature covers none of these: each edit is still the same delivery, answered 200 and not handled.
    for (const replay of [
      { ...captured, ReportId: 'report-2' },
      { ...captured, ReportId: 'report-3', MiniGameId: 'game-8' },
      { ...captured, event: 'room_close', room_id: 'room-1' },
    ]) {
      expect((await deliver(replay)).status).toBe(200);
    }
    // An edit that no longer fits its documented event (a settlement without its DanmakuResult) is refused
    // when the event is typed, before anything is recorded: 400, not handled either.
    const settlement = await deliver({ ...captured, ReportType: 2 });
    expect([settlement.status, settlement.body.error?.code]).toEqual([400, 'CALLBACK_EVENT_INVALID']);
    const rtc = documentedCallback('rtc', 'room_close', { room_id: 'room-1' });
    expect((await deliver(rtc)).status).toBe(200);
    expect((await deliver({ ...rtc, room_id: 'room-2' })).status).toBe(200);
    expect((await deliver({ ...rtc, event: 'room_login' })).status).toBe(400);
    // The report the first replay named arrives, signed by ZEGO: it is handled.
    const genuine = miniGameStart({ MiniGameId: 'game-7', ReportId: 'report-2' });
    expect((await deliver(genuine)).status).toBe(200);
    const handled = lines.filter((line) => line.startsWith('zego callback: ')).map((line) => logged(line));
    expect(handled).toEqual([
      expect.objectContaining({ event: 'game_start', reportId: 'report-1' }),
      expect.objectContaining({ event: 'room_close' }),
      expect.objectContaining({ event: 'game_start', reportId: 'report-2' }),
    ]);
    expect(lines.filter((line) => line.startsWith('zego callback (duplicate, ignored): '))).toHaveLength(4);
  });

  it('is not blocked by the cross-site check or a session, sets no cookie, and bounds its own body', async () => {
    const { url, lines } = await withCallbacks();
    // The cross-site check refuses this POST from a browser page elsewhere…
    const crossSite = { 'Sec-Fetch-Site': 'cross-site', Origin: FOREIGN_ORIGIN };
    expect((await request(url).post('/logout').set(crossSite)).status).toBe(403);
    // …but a callback is authenticated by its signature, whoever sends it, with or without a cookie.
    const body = documentedCallback('rtc', 'room_create', { room_id: 'r' });
    const response = await request(url).post(CALLBACK_PATH).set(crossSite).send(body);
    expect(response.status).toBe(200);
    expect(response.headers['set-cookie']).toBeUndefined();
    const agent = request.agent(url);
    await agent.post('/login').send({ userId: 'alice' }).expect(200);
    await agent.post(CALLBACK_PATH).send(documentedCallback('rtc', 'room_create')).expect(200);
    expect(lines.filter((line) => line.startsWith('zego callback: '))).toHaveLength(2);
    // A forged one from a foreign page is still a 401, not a 403: the signature decides.
    const forged = signedCallback({ event: 'room_create' }, { secret: OTHER_SECRET });
    expect((await request(url).post(CALLBACK_PATH).set(crossSite).send(forged)).status).toBe(401);
    // A body over the route's limit is refused unread.
    const huge = signedCallback({ event: 'room_create', padding: 'x'.repeat(70_000) });
    expect((await request(url).post(CALLBACK_PATH).send(huge)).status).toBe(413);
  });

  it('has no callback route without a callback secret: the request is passed on, nothing is logged', async () => {
    const lines: string[] = [];
    const url = (await listen(build(testConfig({ log: (line) => lines.push(line) })))).url;
    const response = await request(url)
      .post(CALLBACK_PATH)
      .send(signedCallback({ event: 'room_create' }));
    expect(response.status).toBe(404);
    expect(lines).toEqual([]);
  });

  it('has no Server API route unless it is turned on: 404 NOT_FOUND', async () => {
    const agent = request.agent((await listen(build(testConfig()))).url);
    await agent.post('/login').send({ userId: 'alice' }).expect(200);
    const response = await agent.get(`${ROOM_USERS_PATH}?roomId=room-1`);
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ error: { code: 'NOT_FOUND', message: 'Not Found' } });
  });

  it('calls DescribeUserNum, signed, for a signed-in user and answers its Data; ZEGO errors are 502 JSON', async () => {
    const zego = await zegoStandIn();
    const lines: string[] = [];
    const config = testConfig({ serverApi: { baseUrl: `${zego.url}/` }, log: (line) => lines.push(line) });
    const url = (await listen(build(config))).url;

    // Signed out: 401, and ZEGO is not asked.
    const anonymous = await request(url).get(`${ROOM_USERS_PATH}?roomId=room-1`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe('UNAUTHENTICATED');
    expect(zego.requests).toHaveLength(0);

    const agent = request.agent(url);
    await agent.post('/login').send({ userId: 'alice' }).expect(200);
    const response = await agent.get(`${ROOM_USERS_PATH}?roomId=room-1`);
    expect(response.status).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.body).toEqual({ UserCountList: [{ RoomId: 'room-1', UserCount: 3, AdminUserCount: 0 }] });
    expect(zego.requests).toHaveLength(1);
    expect(zego.requests[0]?.get('Action')).toBe('DescribeUserNum');
    expect(zego.requests[0]?.getAll('RoomId[]')).toEqual(['room-1']);

    // ZEGO's non-zero Code: a 502 with it, and nothing of the request's signature or the secret.
    const failing = await agent.get(`${ROOM_USERS_PATH}?roomId=${zego.failingRoom}`);
    expect(failing.status).toBe(502);
    expect(failing.body).toEqual({
      error: {
        code: 'SERVER_API_ERROR',
        message: expect.any(String),
        zegoCode: 100000005,
        zegoMessage: 'signature error',
        requestId: 'req-42',
      },
    });
    const text = JSON.stringify(failing.body) + lines.join('\n');
    expect(text).not.toContain(shared.DEMO_SERVER_SECRET);
    expect(text).not.toContain(String(zego.requests[1]?.get('Signature')));

    // A bad room ID never reaches ZEGO.
    for (const roomId of ['', 'has space', 'x'.repeat(129)]) {
      const bad = await agent.get(ROOM_USERS_PATH).query({ roomId });
      expect(bad.status, roomId).toBe(400);
      expect(bad.body.error.code).toBe('ROOM_ID_INVALID');
    }
    expect((await agent.get(`${ROOM_USERS_PATH}?roomId=a&roomId=b`)).status).toBe(400);
    expect(zego.requests).toHaveLength(2);

    // ZEGO out of reach: 502 SERVER_API_UNREACHABLE.
    await zego.close();
    const unreachable = await agent.get(`${ROOM_USERS_PATH}?roomId=room-1`);
    expect(unreachable.status).toBe(502);
    expect(unreachable.body.error.code).toBe('SERVER_API_UNREACHABLE');
    // The token route is unchanged.
    await agent.get(TOKEN_PATH).expect(200);
  });

  it('signs each Server API request with the AppID and ServerSecret: the stand-in refuses another secret', async () => {
    const zego = await zegoStandIn();
    const config = testConfig({ serverSecret: OTHER_SECRET, serverApi: { baseUrl: `${zego.url}/` } });
    const agent = request.agent((await listen(build(config))).url);
    await agent.post('/login').send({ userId: 'alice' }).expect(200);
    // The stand-in knows the demo AppID's secret: this app signs with another one, as if misconfigured.
    const response = await agent.get(`${ROOM_USERS_PATH}?roomId=room-1`);
    expect(response.status).toBe(502);
    expect(response.body.error.zegoCode).toBe(100000005);
  });
});

describe.each(examples)('the $name example: POST /logout/everywhere', ({ listener: build }) => {
  const LOGOUT_EVERYWHERE = '/logout/everywhere';
  const TOKEN = '/api/zego/token';

  /** The app with callbacks and the Server API on, and ZEGO's stand-in posting room callbacks to it. */
  async function withZego() {
    const port = await freePort();
    const lines: string[] = [];
    const config = testConfig({
      callbackSecret: CALLBACK_SECRET,
      serverApi: { baseUrl: `http://127.0.0.1:${port}/` },
      log: (line) => lines.push(line),
    });
    const url = (await listen(build(config))).url;
    const zego = await startZegoStandIn({
      appId: shared.DEMO_APP_ID,
      serverSecret: shared.DEMO_SERVER_SECRET,
      callbackSecret: CALLBACK_SECRET,
      callbackUrl: `${url}/zego/callback`,
      port,
    });
    standIns.push(zego);
    return { url, zego, lines };
  }
  const standIns: ZegoStandIn[] = [];
  afterEach(async () => {
    await Promise.all(standIns.splice(0).map((zego) => zego.close()));
  });

  it('ends every session of the user, kicks them from the rooms the callbacks reported, and a new sign-in works', async () => {
    const { url, zego, lines } = await withZego();
    const phone = request.agent(url);
    const laptop = request.agent(url);
    for (const device of [phone, laptop]) {
      await device.post('/login').send({ userId: 'alice' }).expect(200);
      await device.get(TOKEN).expect(200);
    }
    await request.agent(url).post('/login').send({ userId: 'bob' }).expect(200);

    // Alice joins an RTC room (the stand-in posts room_login, signed) and a ZIM room (room_enter).
    expect(zego.rtc.login('room-1', 'alice')).toMatchObject({ loggedIn: true });
    zego.rtc.login('room-1', 'bob');
    zego.zim.enter('chat-1', 'alice');
    const enter = await zego.sendCallback(`${url}/zego/callback`, 'room_enter', {
      appid: shared.DEMO_APP_ID,
      room_id: 'chat-1',
      operator_account: 'alice',
    });
    expect(enter.status).toBe(200);
    await zego.settled();
    expect(zego.callbacks.map(({ event, status }) => `${event} ${status}`)).toEqual([
      'room_login 200',
      'room_login 200',
    ]);

    const response = await laptop.post(LOGOUT_EVERYWHERE);
    expect(response.status).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.body).toEqual({
      signedOutEverywhere: true,
      kicked: { rtc: ['room-1'], zim: ['chat-1'] },
      tokensValidAtZegoUntil: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      notConfigured: [],
    });
    // ZEGO got a signed kick for alice alone, in each room; bob stays.
    const kicks = zego.requests.filter(({ action }) => action.startsWith('Kickout'));
    expect(kicks.map(({ action, signed, query }) => [action, signed, query.getAll('UserId[]')])).toEqual([
      ['KickoutUser', true, ['alice']],
      ['KickoutRoomUser', true, ['alice']],
    ]);
    expect(zego.rtc.users('room-1')).toEqual(['bob']);
    expect(zego.zim.members('chat-1')).toEqual([]);
    await zego.settled();
    expect(zego.callbacks.at(-1)).toMatchObject({ event: 'room_logout', userId: 'alice', status: 200 });

    // Every session of alice's: no token, the browser client's SIGNED_OUT. This one is signed out too.
    const refused = await phone.get(TOKEN);
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('SESSION_REVOKED');
    expect((await laptop.get('/me')).body).toEqual({ user: null });
    // A fresh sign-in began after the sign-out: tokens again.
    await phone.post('/login').send({ userId: 'alice' }).expect(200);
    await phone.get(TOKEN).expect(200);

    expect(lines).toContainEqual(expect.stringMatching(/^signed out everywhere: alice/));
    for (const secret of [shared.DEMO_SERVER_SECRET, CALLBACK_SECRET]) expect(lines.join('\n')).not.toContain(secret);
  });

  it('reports a kick ZEGO refuses (502, the sign-out held), refuses strangers and other sites, and says what is off', async () => {
    const { url, zego } = await withZego();
    const alice = request.agent(url);
    await alice.post('/login').send({ userId: 'alice' }).expect(200);
    zego.rtc.login('room-1', 'alice');
    await zego.settled();

    // Not signed in: 401, and ZEGO is not asked. Another site's page: 403.
    expect((await request(url).post(LOGOUT_EVERYWHERE)).status).toBe(401);
    const crossSite = await alice.post(LOGOUT_EVERYWHERE).set('Origin', FOREIGN_ORIGIN);
    expect(crossSite.status).toBe(403);
    expect(zego.requests).toEqual([]);
    await alice.get(TOKEN).expect(200);

    zego.failNext('KickoutUser', { code: 206, message: 'qps limit' });
    const partial = await alice.post(LOGOUT_EVERYWHERE);
    expect(partial.status).toBe(502);
    expect(partial.body.error).toMatchObject({
      code: 'SIGN_OUT_INCOMPLETE',
      kicked: { rtc: [], zim: [] },
      failures: [{ step: 'rtc-kickout', roomId: 'room-1', code: 'SERVER_API_BATCH_FAILED', zegoCode: 206 }],
    });
    expect((await alice.get(TOKEN)).status).toBe(401);

    // Without the Server API: the sign-out alone, and the answer says kicks are off.
    const plain = request.agent(await (async () => (await listen(build(testConfig()))).url)());
    await plain.post('/login').send({ userId: 'carol' }).expect(200);
    const alone = await plain.post(LOGOUT_EVERYWHERE);
    expect(alone.status).toBe(200);
    expect(alone.body).toMatchObject({ kicked: { rtc: [], zim: [] }, notConfigured: ['rtc', 'zim'] });
  });
});

/**
 * A stand-in for ZEGO's rtc-api on 127.0.0.1: it checks each request's signature as ZEGO documents it
 * (md5 of AppId, SignatureNonce, ServerSecret and Timestamp, for the demo AppID and secret), answers
 * DescribeUserNum with three users per room, and Code 100000005 for a bad signature or `failingRoom`.
 */
async function zegoStandIn() {
  const requests: URLSearchParams[] = [];
  const failingRoom = 'zego-says-no';
  const answer = (code: number, message: string, data?: unknown) =>
    JSON.stringify({ Code: code, Message: message, RequestId: 'req-42', Data: data });
  const server = await listen((req, res) => {
    const query = new URL(req.url ?? '/', 'http://stand-in').searchParams;
    requests.push(query);
    const [appId = '', nonce = '', timestamp = ''] = ['AppId', 'SignatureNonce', 'Timestamp'].map(
      (name) => query.get(name) ?? '',
    );
    const expected = createHash('md5').update(`${appId}${nonce}${shared.DEMO_SERVER_SECRET}${timestamp}`).digest('hex');
    const fresh = Math.abs(Number(timestamp) - Date.now() / 1000) <= 600;
    res.setHeader('Content-Type', 'application/json');
    const rooms = query.getAll('RoomId[]');
    if (
      req.method !== 'GET' ||
      query.get('Action') !== 'DescribeUserNum' ||
      appId !== String(shared.DEMO_APP_ID) ||
      query.get('SignatureVersion') !== '2.0' ||
      !/^[0-9a-f]{16}$/.test(nonce) ||
      !fresh ||
      query.get('Signature') !== expected ||
      rooms.includes(failingRoom)
    ) {
      res.end(answer(100000005, 'signature error'));
      return;
    }
    res.end(
      answer(0, 'success', { UserCountList: rooms.map((RoomId) => ({ RoomId, UserCount: 3, AdminUserCount: 0 })) }),
    );
  });
  return { url: server.url, requests, failingRoom, close: () => server.close() };
}

describe('the example READMEs', () => {
  const readme = (dir: string) => readFile(new URL(`${dir}/README.md`, examplesDir), 'utf8');
  /** The section under a `## heading`, up to the next one. */
  const section = (text: string, heading: string) => text.split(/^## /m).find((part) => part.startsWith(heading)) ?? '';

  it('list every environment variable the examples read, in one table that the Koa README links to', async () => {
    const source = await readFile(new URL('shared/config.js', examplesDir), 'utf8');
    const variables = [...new Set([...source.matchAll(/\benv\.([A-Z_]+)/g)].map((match) => match[1]))];
    expect(variables).toEqual(expect.arrayContaining(['HOST', 'TRUST_PROXY', 'ZEGO_SERVER_SECRET']));
    const table = section(await readme('express'), 'Configuration')
      .split('\n')
      .filter((line) => line.startsWith('| `'));
    for (const name of variables) {
      expect(
        table.some((row) => row.split('|')[1]?.includes(`\`${name}\``)),
        name,
      ).toBe(true);
    }
    expect(await readme('koa')).toContain('](../express#configuration)');
  });

  it.each([
    ['express', /`helmet`/, /`trust proxy`/, /secure: 'auto'/],
    ['koa', /`koa-helmet`/, /`app\.maxIpsCount = 1`/, /koa-session/],
  ])('say in the %s README what the security notes changed and why', async (dir, ...specific) => {
    const text = await readme(dir);
    const notes = section(text, 'Security notes');
    const expected = [
      /127\.0\.0\.1/,
      /`HOST`/,
      /REAL CREDENTIALS, DEMO SIGN-IN/,
      /per signed-in user/,
      /Sec-Fetch-Site/,
    ];
    expected.push(/CROSS_SITE_REQUEST/, /HTTPS/, /Content-Security-Policy/, /frame-ancestors/, /nosniff/);
    expected.push(/npx zego-token decode/, /TRUST_PROXY/, ...specific);
    for (const pattern of expected) expect(notes, String(pattern)).toMatch(pattern);
    // The routes table says what a cross-site sign-in or sign-out gets.
    expect(section(text, 'Routes')).toMatch(/403 CROSS_SITE_REQUEST/);
    // And the URL it prints is the one it listens on.
    expect(text).not.toMatch(/http:\/\/localhost:3000/);
  });
});

describe('the Koa proxy advice', () => {
  it('pairs app.proxy = true with app.maxIpsCount wherever it is given', async () => {
    // Without maxIpsCount, Koa takes the first X-Forwarded-For entry: the client's own choice.
    for (const file of ['koa/README.md', 'koa/src/app.js']) {
      const text = await readFile(new URL(file, examplesDir), 'utf8');
      const paragraphs = text.split(/\n\s*\n/).filter((paragraph) => /app\.proxy = true/.test(paragraph));
      expect(paragraphs.length, file).toBeGreaterThan(0);
      for (const paragraph of paragraphs) expect(paragraph, file).toMatch(/app\.maxIpsCount = 1/);
    }
  });
});

describe('readConfig', () => {
  const REAL_SECRET = '0123456789abcdef0123456789abcdef';

  it('falls back to the demo credentials and defaults when nothing is set', () => {
    const { config, startup } = shared.readConfig({});
    expect(config).toMatchObject({
      appId: shared.DEMO_APP_ID,
      serverSecret: shared.DEMO_SERVER_SECRET,
      tokenTtl: 3600,
      corsOrigins: [],
      tokenRateLimit: { windowMs: 60_000, limit: 60 },
      trustProxy: 0,
    });
    expect(config.sessionSecret).toMatch(/^[0-9a-f]{64}$/);
    expect(shared.readConfig({}).config.sessionSecret).not.toBe(config.sessionSecret);
    expect(startup).toEqual({ host: '127.0.0.1', port: 3000, demoCredentials: true, randomSessionSecret: true });
  });

  it('reads real credentials and the other settings', () => {
    const { config, startup } = shared.readConfig({
      ZEGO_APP_ID: ' 987654321 ',
      ZEGO_SERVER_SECRET: REAL_SECRET,
      HOST: ' ::1 ',
      PORT: '8080',
      DEMO_TOKEN_TTL: '60',
      SESSION_SECRET: 'from the environment',
      CORS_ORIGINS: 'http://localhost:5173, https://app.example.com',
      TRUST_PROXY: '1',
    });
    expect(config).toMatchObject({
      appId: 987654321,
      serverSecret: REAL_SECRET,
      tokenTtl: 60,
      sessionSecret: 'from the environment',
      corsOrigins: ['http://localhost:5173', 'https://app.example.com'],
      trustProxy: 1,
    });
    expect(startup).toEqual({ host: '::1', port: 8080, demoCredentials: false, randomSessionSecret: false });
  });

  it('reads TOKEN_RATE_LIMIT and REDIS_URL; the banner says where state lives, never with the Redis password', () => {
    const memory = shared.readConfig({});
    expect(memory.config.redisUrl).toBeUndefined();
    const memoryLines = shared.startupBanner({ name: 'Express', url: 'http://127.0.0.1:3000/', ...memory }).lines;
    expect(memoryLines.find((line) => line.startsWith('  state '))).toMatch(/memory: one instance only.*REDIS_URL=/);
    expect(memoryLines.find((line) => line.startsWith('  rate limit '))).toMatch(/^ {2}rate limit +60 token requests/);

    const password = 'hunter2-redis-password';
    const { config } = shared.readConfig({
      TOKEN_RATE_LIMIT: ' 5 ',
      REDIS_URL: `redis://:${password}@127.0.0.1:6380/2`,
    });
    expect(config.tokenRateLimit).toEqual({ windowMs: 60_000, limit: 5 });
    expect(config.redisUrl).toBe(`redis://:${password}@127.0.0.1:6380/2`);
    const banner = shared.startupBanner({
      name: 'Koa',
      url: 'http://127.0.0.1:3000/',
      ...shared.readConfig({}),
      config,
    });
    const text = [...banner.lines, ...banner.warnings].join('\n');
    expect(text).toMatch(/state +Redis at redis:\/\/127\.0\.0\.1:6380\/2: sessions and rate-limit counts, shared/);
    expect(text).toMatch(/rate limit +5 token requests per 60 s/);
    expect(text).not.toContain(password);

    for (const env of [
      { TOKEN_RATE_LIMIT: '0' },
      { TOKEN_RATE_LIMIT: 'ten' },
      { REDIS_URL: `http://:${password}@127.0.0.1:6379` },
      { REDIS_URL: `127.0.0.1:6379` },
      { REDIS_URL: `redis://:${password}@` },
    ]) {
      expect(() => shared.readConfig(env), JSON.stringify(env)).toThrow(shared.ConfigError);
      expect(() => shared.readConfig(env)).toThrow(new RegExp(Object.keys(env)[0] ?? ''));
      expect(() => shared.readConfig(env)).not.toThrow(password);
    }
  });

  it('reads ZEGO_CALLBACK_SECRET and ZEGO_SERVER_API; the banner says in one line each whether they are on', () => {
    const off = shared.readConfig({});
    expect(off.config.callbackSecret).toBeUndefined();
    expect(off.config.serverApi).toBeUndefined();
    const offLines = shared.startupBanner({ name: 'Express', url: 'http://127.0.0.1:3000/', ...off }).lines;
    expect(offLines.filter((line) => line.startsWith('  callbacks '))).toEqual([
      expect.stringMatching(/^ {2}callbacks +off \(ZEGO_CALLBACK_SECRET.*POST \/zego\/callback\)$/),
    ]);
    expect(offLines.filter((line) => line.startsWith('  server API '))).toEqual([
      expect.stringMatching(/^ {2}server API +off \(ZEGO_SERVER_API=1 /),
    ]);
    // The flag off ignores the rest, once it is valid.
    expect(shared.readConfig({ ZEGO_SERVER_API: '0', ZEGO_SERVER_API_REGION: 'sgp' }).config.serverApi).toBeUndefined();

    const callbackSecret = 'cb-0123456789abcdef-from-the-console';
    const on = shared.readConfig({
      ZEGO_CALLBACK_SECRET: callbackSecret,
      ZEGO_SERVER_API: ' 1 ',
      ZEGO_SERVER_API_REGION: 'sgp',
    });
    expect(on.config.callbackSecret).toBe(callbackSecret);
    expect(on.config.serverApi).toEqual({ region: 'sgp' });
    const banner = shared.startupBanner({ name: 'Koa', url: 'http://127.0.0.1:3000/', ...on });
    const text = [...banner.lines, ...banner.warnings].join('\n');
    expect(text).toMatch(
      /callbacks +POST http:\/\/127\.0\.0\.1:3000\/zego\/callback, signed with ZEGO_CALLBACK_SECRET/,
    );
    expect(text).toMatch(
      /server API +GET http:\/\/127\.0\.0\.1:3000\/api\/zego\/room-users\?roomId=… calls DescribeUserNum at https:\/\/rtc-api-sgp\.zego\.im\//,
    );
    expect(text).not.toContain(callbackSecret);
    const local = shared.readConfig({ ZEGO_SERVER_API: '1', ZEGO_SERVER_API_BASE_URL: 'http://127.0.0.1:8080/' });
    expect(local.config.serverApi).toEqual({ baseUrl: 'http://127.0.0.1:8080/' });

    // The ServerSecret where the CallbackSecret belongs: a warning, since every callback would get 401.
    const mixedUp = shared.readConfig({ ZEGO_CALLBACK_SECRET: shared.DEMO_SERVER_SECRET });
    const warnings = shared.startupBanner({ name: 'Koa', url: 'http://127.0.0.1:3000/', ...mixedUp }).warnings;
    expect(warnings).toContainEqual(expect.stringMatching(/^ZEGO_CALLBACK_SECRET is the ServerSecret/));

    const bad: [Record<string, string>, RegExp][] = [
      [{ ZEGO_CALLBACK_SECRET: ` ${callbackSecret}` }, /ZEGO_CALLBACK_SECRET/],
      [{ ZEGO_CALLBACK_SECRET: `${callbackSecret}\n` }, /ZEGO_CALLBACK_SECRET/],
      [{ ZEGO_CALLBACK_SECRET: 'x'.repeat(257) }, /ZEGO_CALLBACK_SECRET/],
      [{ ZEGO_SERVER_API: 'yes' }, /ZEGO_SERVER_API must be 1/],
      [{ ZEGO_SERVER_API: '1', ZEGO_SERVER_API_REGION: 'eu' }, /ZEGO_SERVER_API_REGION must be one of sha, hkg/],
      [{ ZEGO_SERVER_API_BASE_URL: 'ftp://127.0.0.1/' }, /ZEGO_SERVER_API_BASE_URL/],
      [{ ZEGO_SERVER_API_BASE_URL: 'http://127.0.0.1/?Action=x' }, /ZEGO_SERVER_API_BASE_URL/],
    ];
    for (const [env, message] of bad) {
      expect(() => shared.readConfig(env), JSON.stringify(env)).toThrow(shared.ConfigError);
      expect(() => shared.readConfig(env), JSON.stringify(env)).toThrow(message);
      // A secret is never repeated in the error.
      expect(() => shared.readConfig(env)).not.toThrow(callbackSecret);
    }
  });

  it('listens on 127.0.0.1 unless HOST says otherwise, and prints a URL that reaches it', () => {
    expect(shared.readConfig({}).startup.host).toBe('127.0.0.1');
    expect(shared.readConfig({ HOST: '' }).startup.host).toBe('127.0.0.1');
    expect(shared.readConfig({ HOST: '0.0.0.0' }).startup.host).toBe('0.0.0.0');
    expect(shared.readConfig({ HOST: 'localhost' }).startup.host).toBe('localhost');
    expect(shared.listenUrl('127.0.0.1', 3000)).toBe('http://127.0.0.1:3000/');
    expect(shared.listenUrl('::1', 8080)).toBe('http://[::1]:8080/');
    expect(shared.listenUrl('localhost', 3000)).toBe('http://localhost:3000/');
    // All interfaces: this machine reaches it as localhost.
    expect(shared.listenUrl('0.0.0.0', 3000)).toBe('http://localhost:3000/');
    expect(shared.listenUrl('::', 3000)).toBe('http://localhost:3000/');
  });

  it('refuses half a set of credentials and bad values, naming the variable', () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ ZEGO_APP_ID: '1' }, /only ZEGO_APP_ID is set/],
      [{ ZEGO_SERVER_SECRET: REAL_SECRET }, /only ZEGO_SERVER_SECRET is set/],
      [{ ZEGO_APP_ID: 'abc', ZEGO_SERVER_SECRET: REAL_SECRET }, /ZEGO_APP_ID/],
      [{ PORT: 'eighty' }, /PORT/],
      [{ HOST: 'http://0.0.0.0' }, /HOST/],
      [{ HOST: '0.0.0.0:3000' }, /HOST/],
      [{ PORT: '70000' }, /PORT/],
      [{ DEMO_TOKEN_TTL: '0' }, /DEMO_TOKEN_TTL/],
      [{ TRUST_PROXY: 'true' }, /TRUST_PROXY/],
      [{ CORS_ORIGINS: '*' }, /CORS_ORIGINS/],
      [{ CORS_ORIGINS: 'https://app.example.com/' }, /CORS_ORIGINS/],
      [{ CORS_ORIGINS: 'app.example.com' }, /CORS_ORIGINS/],
    ];
    for (const [env, message] of cases) {
      let caught: unknown;
      try {
        shared.readConfig(env);
      } catch (error) {
        caught = error;
      }
      expect(caught, JSON.stringify(env)).toBeInstanceOf(shared.ConfigError);
      expect(String((caught as Error).message)).toMatch(message);
      expect(String((caught as Error).message)).not.toContain(REAL_SECRET);
    }
  });

  it('says in the banner that demo tokens are for development only, and never prints a real or session secret', () => {
    const demo = shared.readConfig({});
    const demoBanner = shared.startupBanner({ name: 'Express', url: 'http://localhost:3000/', ...demo });
    const demoText = [...demoBanner.lines, ...demoBanner.warnings].join('\n');
    expect(demoText).toContain('http://localhost:3000/');
    expect(demoText).toMatch(/development only/);
    expect(demoText).toMatch(/ZEGO will reject them/);
    expect(demoText).toMatch(/SESSION_SECRET is not set/);
    expect(demoText).not.toContain(demo.config.sessionSecret);

    const real = shared.readConfig({ ZEGO_APP_ID: '987654321', ZEGO_SERVER_SECRET: REAL_SECRET, SESSION_SECRET: 's3' });
    const realBanner = shared.startupBanner({ name: 'Koa', url: 'http://localhost:3000/', ...real });
    const realText = [...realBanner.lines, ...realBanner.warnings].join('\n');
    expect(realText).toContain('987654321');
    expect(realText).not.toMatch(/DEMO CREDENTIALS/);
    expect(realText).not.toContain(REAL_SECRET);
  });

  it('prints the command that decodes a demo token, with the demo secret (it is public), and it works', async () => {
    const demo = shared.readConfig({});
    const { lines } = shared.startupBanner({ name: 'Express', url: 'http://127.0.0.1:3000/', ...demo });
    const line = lines.find((text) => text.includes('npx zego-token decode'));
    expect(line).toBe(
      `  decode        ZEGO_SERVER_SECRET='${shared.DEMO_SERVER_SECRET}' npx zego-token decode <token>  (the page's full token)`,
    );
    // Pasted into a shell with a token from the page, it decodes it.
    const token = generateToken04(shared.DEMO_APP_ID, 'alice', shared.DEMO_SERVER_SECRET, 600);
    const command = (line ?? '')
      .replace(/^\s*decode\s+/, '')
      .replace(/\s+\(.*\)$/, '')
      .replace('<token>', token);
    const { stdout } = await run('sh', ['-c', command], { cwd: fileURLToPath(new URL('../', import.meta.url)) });
    expect(stdout).toMatch(/alice/);
    expect(stdout).toContain(String(shared.DEMO_APP_ID));

    // With real credentials, the command reads the secret from a file: nothing secret on screen.
    const real = shared.readConfig({ ZEGO_APP_ID: '987654321', ZEGO_SERVER_SECRET: REAL_SECRET, SESSION_SECRET: 's3' });
    const realLines = shared.startupBanner({ name: 'Koa', url: 'http://127.0.0.1:3000/', ...real }).lines;
    expect(realLines).toContain(
      '  decode        npx zego-token decode <token> --secret-file <a file holding your ServerSecret>',
    );
    expect(realLines.join('\n')).not.toContain(REAL_SECRET);
  });

  it('warns whenever real credentials meet the demo sign-in that accepts any userId', () => {
    const real = shared.readConfig({ ZEGO_APP_ID: '987654321', ZEGO_SERVER_SECRET: REAL_SECRET, SESSION_SECRET: 's3' });
    const { warnings } = shared.startupBanner({ name: 'Koa', url: 'http://127.0.0.1:3000/', ...real });
    expect(warnings).toEqual([expect.stringMatching(/^REAL CREDENTIALS, DEMO SIGN-IN: /)]);
    expect(warnings[0]).toMatch(/any userId/);
    expect(warnings[0]).toMatch(/AppID 987654321/);
    expect(warnings[0]).toMatch(/only this machine/);
    expect(warnings[0]).not.toContain(REAL_SECRET);

    // Listening beyond loopback makes it worse, and the warning says so.
    const open = shared.readConfig({ ZEGO_APP_ID: '987654321', ZEGO_SERVER_SECRET: REAL_SECRET, HOST: '0.0.0.0' });
    const openWarnings = shared.startupBanner({ name: 'Koa', url: 'http://localhost:3000/', ...open }).warnings;
    expect(openWarnings.join('\n')).toMatch(/HOST=0\.0\.0\.0: anyone who can reach this machine/);

    // On demo credentials the tokens are worthless to ZEGO: the demo warning says enough.
    const demo = shared.readConfig({ SESSION_SECRET: 's3' });
    const demoWarnings = shared.startupBanner({ name: 'Koa', url: 'http://127.0.0.1:3000/', ...demo }).warnings;
    expect(demoWarnings.join('\n')).not.toMatch(/DEMO SIGN-IN/);
  });
});

/** Opens (and closes) a TCP connection: rejects when nothing listens there. */
function connectTo(host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port, timeout: 2000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve();
    });
    socket.once('timeout', () => {
      socket.destroy();
      reject(new Error(`ETIMEDOUT ${host}:${port}`));
    });
    socket.once('error', reject);
  });
}

describe.each(examples)('node examples/$dir/src/server.js', ({ dir }) => {
  const start = (env: Record<string, string>, until?: RegExp) => startExample(dir, env, until);

  it('starts on the demo credentials, says so, and serves the page', async () => {
    const { url, output } = await start({}, /SESSION_SECRET is not set.*\n/);
    expect(output()).toMatch(/DEMO CREDENTIALS/);
    expect(output()).toMatch(/development only: ZEGO will reject them/);
    // No REDIS_URL: in-memory state, and the banner says it holds for this one instance only.
    expect(output()).toMatch(/\n {2}state +sessions .*: one instance only \(REDIS_URL=/);
    expect(output()).toContain(`ZEGO_SERVER_SECRET='${shared.DEMO_SERVER_SECRET}' npx zego-token decode <token>`);
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('zego-token demo');
  });

  it('listens on 127.0.0.1 only by default', async () => {
    const { url } = await start({}, /SESSION_SECRET is not set.*\n/);
    const { port } = new URL(url);
    expect(url).toBe(`http://127.0.0.1:${port}/`);
    expect((await fetch(url)).status).toBe(200);
    // Every other address of this machine (::1, the network's) is refused.
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((entry) => entry !== undefined && entry.address !== '127.0.0.1' && !entry.address.startsWith('fe80:'));
    for (const { address } of others as { address: string }[]) {
      await expect(connectTo(address, Number(port)), address).rejects.toThrow(/ECONNREFUSED|EADDRNOTAVAIL|ENETUNREACH/);
    }
  });

  it('starts on real credentials without printing the secret, and warns that the demo sign-in trusts anyone', async () => {
    const secret = SECRET;
    const { url, output } = await start(
      { ZEGO_APP_ID: '987654321', ZEGO_SERVER_SECRET: secret, SESSION_SECRET: 's' },
      /REAL CREDENTIALS, DEMO SIGN-IN.*\n/,
    );
    expect(output()).toContain('987654321');
    expect(output()).not.toMatch(/DEMO CREDENTIALS/);
    expect(output()).toMatch(/WARNING: REAL CREDENTIALS, DEMO SIGN-IN: /);
    expect(output()).not.toContain(secret);
    expect((await fetch(new URL('/api/zego/token', url))).status).toBe(401);
  });

  it('receives callbacks with ZEGO_CALLBACK_SECRET, says so, and exits on a bad one without printing it', async () => {
    const off = await start({}, /SESSION_SECRET is not set.*\n/);
    expect(off.output().match(/^ {2}callbacks .*$/gm)).toEqual([expect.stringMatching(/^ {2}callbacks +off /)]);
    expect((await fetch(new URL('/zego/callback', off.url), { method: 'POST', body: '{}' })).status).toBe(404);

    const { url, output } = await start({ ZEGO_CALLBACK_SECRET: CALLBACK_SECRET }, /SESSION_SECRET is not set.*\n/);
    expect(output()).toMatch(
      /callbacks +POST http:\/\/127\.0\.0\.1:\d+\/zego\/callback, signed with ZEGO_CALLBACK_SECRET/,
    );
    const response = await fetch(new URL('/zego/callback', url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(documentedCallback('rtc', 'room_create', { room_id: 'room-1' })),
    });
    expect(response.status).toBe(200);
    // The log line is printed after the answer: wait for it, boundedly.
    for (let i = 0; i < 100 && !/zego callback: /.test(output()); i++) await new Promise((r) => setTimeout(r, 20));
    expect(output()).toMatch(/\] zego callback: \{"product":"rtc","event":"room_create","roomId":"room-1",/);
    expect(output()).not.toContain(CALLBACK_SECRET);

    const secret = 'a secret pasted with a space';
    const failure = start({ ZEGO_CALLBACK_SECRET: secret });
    await expect(failure).rejects.toThrow(/exited with 1;[\s\S]*Configuration error: ZEGO_CALLBACK_SECRET must be/);
    await expect(failure).rejects.not.toThrow(secret);
  });

  it('takes `zego-token callback send room_login`: 200 and the event in the log; a wrong secret gets 401 and exit 1', async () => {
    const { url, output } = await start({ ZEGO_CALLBACK_SECRET: CALLBACK_SECRET }, /SESSION_SECRET is not set.*\n/);
    const target = new URL('/zego/callback', url).href;
    const send = (secret: string) =>
      run(process.execPath, [ZEGO_TOKEN_BIN, 'callback', 'send', 'room_login', '--url', target], {
        env: { ...process.env, ZEGO_CALLBACK_SECRET: secret, NO_COLOR: '1' },
      }).then(
        ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
        (error: { code: number; stdout: string; stderr: string }) => error,
      );
    const ok = await send(CALLBACK_SECRET);
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(
      /: rtc room_login, JSON, signed as signature\/timestamp\/nonce \(timestamp in seconds\)\n200 OK\n/,
    );
    for (let i = 0; i < 100 && !/zego callback: /.test(output()); i++) await new Promise((r) => setTimeout(r, 20));
    expect(output()).toMatch(
      /\] zego callback: \{"product":"rtc","event":"room_login","roomId":"rid_1242649",[^\n]*"authLevel":/,
    );

    const wrong = await send('not-the-callback-secret');
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toMatch(/\n401 Unauthorized\n\{"error":\{"code":"CALLBACK_SIGNATURE_INVALID"/);
    expect(wrong.stderr).toMatch(/zego-token callback: the route answered 401/);
    for (let i = 0; i < 100 && !/zego callback refused: /.test(output()); i++)
      await new Promise((r) => setTimeout(r, 20));
    expect(output()).toMatch(/zego callback refused: CALLBACK_SIGNATURE_INVALID/);
    expect(output().match(/\] zego callback: /g)).toHaveLength(1);
    expect(output()).not.toContain(CALLBACK_SECRET);
  });

  it('exits with a clear message on half a set of credentials', async () => {
    await expect(start({ ZEGO_APP_ID: '987654321' })).rejects.toThrow(
      /exited with 1;[\s\S]*Configuration error: Set both ZEGO_APP_ID and ZEGO_SERVER_SECRET/,
    );
  });
});
