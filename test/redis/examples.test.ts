// The examples as a deployment runs them: two instances of each (`node src/server.js`, different ports)
// sharing one real Redis through REDIS_URL. A sign-in, a sign-out and the token rate limit hold across
// instances; with Redis gone the token route fails closed (503) while the rest is served, and it comes
// back by itself when Redis does. CONTRIBUTING.md ("Test reports") says what these tests show.
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { decodeToken04 } from 'zego-token';
import { startZegoStandIn } from 'zego-token/testing';
import { type RunningExample, startExample } from '../example-config.js';
import { CALLBACK_SECRET, documentedCallback, freePort, miniGameStart } from '../support/index.js';
import { hasRedis, inCI, MISSING_REDIS, startRedis, type TestRedis } from './redis-server.js';

const examplesDir = new URL('../../examples/', import.meta.url);
const { DEMO_APP_ID, DEMO_SERVER_SECRET } = (await import(new URL('shared/config.js', examplesDir).href)) as {
  DEMO_APP_ID: number;
  DEMO_SERVER_SECRET: string;
};

const TOKEN_PATH = '/api/zego/token';
/** A crash, an unhandled rejection or a stack trace: an outage must be one line of the app's log instead. */
const NOISE = /Unhandled|unhandledRejection|\n\s+at \S+ \(/;
/** Every bounded wait below gives up after this long. */
const BOUND_MS = 10_000;

/** A browser's cookie jar: what any instance set, sent back to whichever instance is asked next. */
function browser(cookies = new Map<string, string>()) {
  const send = async (base: string, path: string, init: RequestInit = {}) => {
    const cookie = [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    // Bounded: a request left waiting on Redis is a failure, not a hang.
    const signal = AbortSignal.timeout(BOUND_MS);
    const response = await fetch(new URL(path, base), { ...init, headers: { ...init.headers, cookie }, signal });
    for (const line of response.headers.getSetCookie()) {
      const pair = line.split(';')[0] ?? '';
      const name = pair.slice(0, pair.indexOf('='));
      const value = pair.slice(pair.indexOf('=') + 1);
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) cookies.delete(name);
      else cookies.set(name, value);
    }
    return response;
  };
  return {
    get: (base: string, path: string) => send(base, path),
    post: (base: string, path: string, body: object = {}) =>
      send(base, path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    /** Another jar holding copies of these cookies, as someone who copied them would. */
    copy: () => browser(new Map(cookies)),
  };
}

async function tokenUser(response: Response): Promise<string> {
  expect(response.status).toBe(200);
  const { token } = (await response.json()) as { token: string };
  return decodeToken04(token, DEMO_SERVER_SECRET).userId;
}

/** One command to the test's Redis over RESP, without a client library: the reply's text as Redis sent it. */
function redisCommand(port: number, args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    let reply = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      reply += chunk;
      if (reply.endsWith('\r\n')) {
        socket.end();
        resolve(reply);
      }
    });
    socket.on('error', reject);
    socket.write(`*${args.length}\r\n${args.map((arg) => `$${Buffer.byteLength(arg)}\r\n${arg}\r\n`).join('')}`);
  });
}

async function waitFor(what: string, check: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + BOUND_MS;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${BOUND_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

if (!hasRedis && !inCI) process.stderr.write(`test/redis/examples.test.ts: skipped, ${MISSING_REDIS}\n`);
if (!hasRedis && inCI) {
  describe('the examples on Redis', () => {
    it('has a redis-server to run', () => {
      throw new Error(`${MISSING_REDIS}. In CI a missing redis-server is a failure, not a skip.`);
    });
  });
}

describe.skipIf(!hasRedis).each(['express', 'koa'] as const)('two instances of the %s example on one Redis', (dir) => {
  /** A fresh Redis and two instances using it, with the same session secret, as behind a load balancer. */
  async function deploy(
    env: Record<string, string> = {},
  ): Promise<{ redis: TestRedis; a: RunningExample; b: RunningExample }> {
    const redis = await startRedis();
    const shared = { REDIS_URL: redis.url, SESSION_SECRET: 'one secret for every instance', ...env };
    // The demo credentials' warning comes last, on stderr.
    const [a, b] = await Promise.all([
      startExample(dir, shared, /DEMO CREDENTIALS.*\n/),
      startExample(dir, shared, /DEMO CREDENTIALS.*\n/),
    ]);
    expect(a.url).not.toBe(b.url);
    for (const instance of [a, b]) {
      expect(instance.output()).toContain(`state         Redis at ${redis.url}: sessions`);
      // It listens at once and answers 503 until its first connection to Redis, which it logs.
      await waitFor('the connection logged', () => /Redis at \S+ connected/.test(instance.output()));
    }
    return { redis, a, b };
  }

  it('signed in on A, gets a token for that user from B; signed in again or out on B, A answers 401 to the old cookie and its copies', async () => {
    const { a, b } = await deploy();
    const alice = browser();
    expect((await alice.post(a.url, '/login', { userId: 'alice' })).status).toBe(200);
    expect(await tokenUser(await alice.get(b.url, TOKEN_PATH))).toBe('alice');
    expect(await (await alice.get(b.url, '/me')).json()).toEqual({ user: { id: 'alice' } });

    // Signing in again (on B) starts a new session and ends the old one on every instance.
    const before = alice.copy();
    expect((await alice.post(b.url, '/login', { userId: 'alice' })).status).toBe(200);
    expect((await before.get(a.url, TOKEN_PATH)).status).toBe(401);
    expect(await tokenUser(await alice.get(a.url, TOKEN_PATH))).toBe('alice');

    const stolen = alice.copy();
    expect((await alice.post(b.url, '/logout')).status).toBe(204);
    for (const jar of [alice, stolen]) {
      const response = await jar.get(a.url, TOKEN_PATH);
      expect(response.status).toBe(401);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('UNAUTHENTICATED');
      expect(await (await jar.get(a.url, '/me')).json()).toEqual({ user: null });
    }
  });

  it('counts token requests spread over A and B in one bucket per user (TOKEN_RATE_LIMIT)', async () => {
    const { a, b } = await deploy({ TOKEN_RATE_LIMIT: '4' });
    expect(a.output()).toMatch(/rate limit +4 token requests per 60 s per signed-in user/);
    const alice = browser();
    await alice.post(a.url, '/login', { userId: 'alice' });
    for (const instance of [a, b, a, b]) expect((await alice.get(instance.url, TOKEN_PATH)).status).toBe(200);
    for (const instance of [a, b]) {
      const limited = await alice.get(instance.url, TOKEN_PATH);
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(((await limited.json()) as { error: { code: string } }).error.code).toBe('RATE_LIMITED');
    }
    // Another user has a bucket of their own.
    const bob = browser();
    await bob.post(b.url, '/login', { userId: 'bob' });
    expect(await tokenUser(await bob.get(a.url, TOKEN_PATH))).toBe('bob');
  });

  it('handles a ZEGO callback delivered to A and again to B once, a capture replayed to B with another ReportId not at all (ZEGO_CALLBACK_SECRET), and answers 503 without Redis', async () => {
    const { redis, a, b } = await deploy({ ZEGO_CALLBACK_SECRET: CALLBACK_SECRET });
    const deliver = (base: string, body: object) =>
      fetch(new URL('/zego/callback', base), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(BOUND_MS),
      });
    const callback = documentedCallback('rtc', 'stream_create', { room_id: 'room-1', stream_id: 'stream-1' });
    expect((await deliver(a.url, callback)).status).toBe(200);
    expect((await deliver(b.url, callback)).status).toBe(200);
    await waitFor('A handled it', () => /\] zego callback: \{"product":"rtc","event":"stream_create"/.test(a.output()));
    await waitFor('B saw the duplicate', () => /\] zego callback \(duplicate, ignored\): /.test(b.output()));
    expect(b.output()).not.toMatch(/\] zego callback: /);
    // The delivery is recorded under its verified signature, for twice the tolerance (600 s) and a second.
    const key = `zego-demo:${dir}:callback:signature:${callback.signature}`;
    const ttl = Number((await redisCommand(redis.port, ['PTTL', key])).slice(1));
    expect(ttl).toBeGreaterThan(1_190_000);
    expect(ttl).toBeLessThanOrEqual(1_201_000);
    // A MiniGame report handled on A; its capture replayed to B under another ReportId is a duplicate, and
    // the report it names, when ZEGO sends it to B, is handled.
    const report = miniGameStart({ MiniGameId: 'g', ReportId: 'report-1' });
    expect((await deliver(a.url, report)).status).toBe(200);
    expect((await deliver(b.url, { ...report, ReportId: 'report-2' })).status).toBe(200);
    const genuine = miniGameStart({ MiniGameId: 'g', ReportId: 'report-2' });
    expect((await deliver(b.url, genuine)).status).toBe(200);
    await waitFor('B handled report-2', () => /\] zego callback: \{[^\n]*"reportId":"report-2"/.test(b.output()));
    expect(b.output().match(/\] zego callback \(duplicate, ignored\): /g)).toHaveLength(2);

    // No record can be kept while Redis is away: a 5xx, so that ZEGO sends the callback again later.
    await redis.stop();
    await waitFor('the outage logged', () => /Redis at .* is unreachable/.test(a.output()));
    const during = await deliver(a.url, documentedCallback('rtc', 'stream_close', { room_id: 'room-1' }));
    expect(during.status).toBe(503);
    expect(a.output()).not.toMatch(NOISE);
  });

  it('a room callback received by A, a sign-out everywhere on B: ZEGO gets the kick, signed; every session of the user gets 401; without Redis, 503 and nothing done', async () => {
    const port = await freePort();
    const { redis, a, b } = await deploy({
      ZEGO_CALLBACK_SECRET: CALLBACK_SECRET,
      ZEGO_SERVER_API: '1',
      ZEGO_SERVER_API_BASE_URL: `http://127.0.0.1:${port}/`,
    });
    const zego = await startZegoStandIn({
      appId: DEMO_APP_ID,
      serverSecret: DEMO_SERVER_SECRET,
      callbackSecret: CALLBACK_SECRET,
      callbackUrl: new URL('/zego/callback', a.url).href,
      port,
    });
    try {
      const phone = browser();
      const laptop = browser();
      expect((await phone.post(a.url, '/login', { userId: 'alice' })).status).toBe(200);
      expect((await laptop.post(b.url, '/login', { userId: 'alice' })).status).toBe(200);
      const copied = phone.copy();
      for (const jar of [phone, laptop, copied])
        expect(await tokenUser(await jar.get(a.url, TOKEN_PATH))).toBe('alice');

      // Alice joins room-1: ZEGO's room_login reaches A, which records it in Redis.
      zego.rtc.login('room-1', 'alice');
      zego.rtc.login('room-1', 'bob');
      await zego.settled();
      expect(zego.callbacks.map(({ status }) => status)).toEqual([200, 200]);
      await waitFor('A handled room_login', () =>
        /\] zego callback: \{"product":"rtc","event":"room_login"/.test(a.output()),
      );

      // Signed out everywhere on B: B reads presence from Redis and kicks alice from room-1 at ZEGO.
      const signedOut = await laptop.post(b.url, '/logout/everywhere');
      expect(signedOut.status).toBe(200);
      expect(await signedOut.json()).toMatchObject({ signedOutEverywhere: true, kicked: { rtc: ['room-1'], zim: [] } });
      const kicks = zego.requests.filter(({ action }) => action === 'KickoutUser');
      expect(kicks.map(({ signed, query }) => [signed, query.get('RoomId'), query.getAll('UserId[]')])).toEqual([
        [true, 'room-1', ['alice']],
      ]);
      expect(zego.rtc.users('room-1')).toEqual(['bob']);

      // Every session of alice's, on either instance, copies too: 401 SESSION_REVOKED.
      for (const jar of [phone, copied]) {
        for (const instance of [a, b]) {
          const refused = await jar.get(instance.url, TOKEN_PATH);
          expect(refused.status).toBe(401);
          expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('SESSION_REVOKED');
        }
      }
      // A fresh sign-in gets tokens again, from either instance.
      expect((await phone.post(a.url, '/login', { userId: 'alice' })).status).toBe(200);
      expect(await tokenUser(await phone.get(b.url, TOKEN_PATH))).toBe('alice');

      // Redis stopped: the sign-out answers 503, and nothing was done (no kick; alice still in room-2).
      zego.rtc.login('room-2', 'alice');
      await zego.settled();
      await redis.stop();
      await waitFor('the outage logged', () => /Redis at .* is unreachable/.test(b.output()));
      const during = await phone.post(b.url, '/logout/everywhere');
      expect(during.status).toBe(503);
      expect(during.headers.get('retry-after')).toBe('2');
      expect(zego.requests.filter(({ action }) => action === 'KickoutUser')).toHaveLength(1);
      expect(zego.rtc.users('room-2')).toEqual(['alice']);
      for (const instance of [a, b]) expect(instance.output()).not.toMatch(NOISE);
      // (The banner prints the demo ServerSecret on purpose, in its decode command: it is public.)
      expect(a.output() + b.output()).not.toContain(CALLBACK_SECRET);
    } finally {
      await zego.close();
    }
  });

  it('starts before Redis does: 503 until Redis is up, then sign-ins and tokens, without a restart', async () => {
    const redis = await startRedis();
    await redis.stop();
    const env = { REDIS_URL: redis.url, SESSION_SECRET: 'one secret for every instance' };
    const app = await startExample(dir, env, /DEMO CREDENTIALS.*\n/);
    await waitFor('the outage logged', () => /Redis at .* is unreachable/.test(app.output()));
    const alice = browser();
    expect((await alice.post(app.url, '/login', { userId: 'alice' })).status).toBe(503);
    expect((await alice.get(app.url, TOKEN_PATH)).status).toBe(503);
    expect((await browser().get(app.url, TOKEN_PATH)).status).toBe(503);
    expect((await alice.get(app.url, '/')).status).toBe(200);

    await redis.restart();
    await waitFor('the recovery logged', () => /is reachable again/.test(app.output()));
    await waitFor('a sign-in', async () => (await alice.post(app.url, '/login', { userId: 'alice' })).status === 200);
    expect(await tokenUser(await alice.get(app.url, TOKEN_PATH))).toBe('alice');
    expect(app.child.exitCode).toBeNull();
    expect(app.output()).not.toMatch(NOISE);
  });

  it('answers 503 within seconds while Redis hangs, says so once, and tokens again when it answers', async () => {
    const { redis, a } = await deploy();
    const alice = browser();
    await alice.post(a.url, '/login', { userId: 'alice' });
    expect(await tokenUser(await alice.get(a.url, TOKEN_PATH))).toBe('alice');

    // Frozen: connections stay open and nothing is answered, so no client event says Redis is gone. It is
    // found by silence (Express: the connection is closed, an outage like any other) or by a command that
    // timed out (Koa), within the 2 s timeout, and logged once either way.
    redis.pause();
    const refused = await alice.get(a.url, TOKEN_PATH);
    expect(refused.status).toBe(503);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('STORE_UNAVAILABLE');
    expect((await alice.get(a.url, '/')).status).toBe(200);
    const reported = /Redis at \S+ (is unreachable|did not answer within 2000 ms)/;
    await waitFor('the hang logged', () => reported.test(a.output()));
    expect((await alice.get(a.url, TOKEN_PATH)).status).toBe(503);

    redis.resume();
    await waitFor(
      'a token after Redis answered again',
      async () => (await alice.get(a.url, TOKEN_PATH)).status === 200,
    );
    expect(a.output().match(new RegExp(reported, 'g'))).toHaveLength(1);
    expect(a.output()).not.toMatch(NOISE);
  });

  it('answers 503 without Redis while serving the rest, says so once, and issues tokens again when it is back', async () => {
    const { redis, a, b } = await deploy();
    const alice = browser();
    await alice.post(a.url, '/login', { userId: 'alice' });
    expect(await tokenUser(await alice.get(b.url, TOKEN_PATH))).toBe('alice');

    await redis.stop();
    for (const instance of [a, b]) {
      await waitFor('the outage logged', () => /Redis at .* is unreachable/.test(instance.output()));
    }
    // Long enough for several reconnection attempts, each an error the log must not repeat.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    for (const instance of [a, b]) {
      // Signed in or not, no token: the session and the count cannot be checked.
      for (const jar of [alice, browser()]) {
        const refused = await jar.get(instance.url, TOKEN_PATH);
        expect(refused.status).toBe(503);
        expect(refused.headers.get('retry-after')).toBe('2');
        expect(await refused.json()).toEqual({ error: { code: 'STORE_UNAVAILABLE', message: expect.any(String) } });
      }
      expect((await alice.post(instance.url, '/login', { userId: 'mallory' })).status).toBe(503);
      // The page and its client module need no session: still served.
      expect((await alice.get(instance.url, '/')).status).toBe(200);
      expect((await alice.get(instance.url, '/vendor/zego-token-client.js')).status).toBe(200);
    }

    // Redis comes back empty (persistence is off), so the user signs in again; no instance restarts.
    await redis.restart();
    let user = '';
    await waitFor('a token after Redis returned', async () => {
      if ((await alice.post(a.url, '/login', { userId: 'alice' })).status !== 200) return false;
      const response = await alice.get(b.url, TOKEN_PATH);
      if (response.status !== 200) return false;
      user = await tokenUser(response);
      return true;
    });
    expect(user).toBe('alice');

    for (const instance of [a, b]) {
      await waitFor('the recovery logged', () => /is reachable again/.test(instance.output()));
      const output = instance.output();
      expect(instance.child.exitCode).toBeNull();
      expect(output.match(/Redis at \S+ is unreachable \(/g)).toHaveLength(1);
      expect(output.match(/is reachable again/g)).toHaveLength(1);
      expect(output).not.toMatch(NOISE);
    }
  }, 40_000);
});
