// One conformance suite, every host in servers.ts: the token route behaves the same in Express 4 and 5,
// Koa 2 and 3, Fastify 4 and 5, Hono 4.0 and the newest 4.x, NestJS 10, 11 and 12 on Express and on
// Fastify, and the fetch handlers of `zego-token` and `zego-token/web` (each where mounting and passing
// on apply), over real sockets. Each test starts the hosts it needs and stands alone (run any one with
// -t); test/support closes them afterwards.
import { createRequire } from 'node:module';
import createHttpError from 'http-errors';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { decodeToken04, roomPayload, verifyToken04 } from 'zego-token';
import { APP_ID, expectCoded, SECRET } from '../support/index.js';
import {
  type Headers,
  HOST_ERROR_BODY,
  HOST_NOT_FOUND_BODY,
  HOST_PREFLIGHT_HEADERS,
  HOST_ROUTE_BODY,
  type HostSetup,
  type ServerImpl,
  serverImpls,
} from './servers.js';

/** Starts a host for this test and returns its URL. */
async function host(impl: ServerImpl, setup: HostSetup): Promise<string> {
  return (await impl.start(setup)).url;
}

/** Every response in this file passes through here: neither its body nor its headers hold the secret. */
function checked(response: request.Response): request.Response {
  expect(response.text ?? '').not.toContain(SECRET);
  expect(JSON.stringify(response.headers)).not.toContain(SECRET);
  return response;
}

const signedIn = (headers: Headers) => headers['x-user'];
const base = { appId: APP_ID, serverSecret: SECRET, resolveUser: signedIn };

describe('the matrix', () => {
  it('runs the framework versions it names', () => {
    const require = createRequire(import.meta.url);
    const major = (name: string) => (require(`${name}/package.json`) as { version: string }).version.split('.')[0];
    expect([major('express4'), major('express5'), major('koa2'), major('koa3')]).toEqual(['4', '5', '2', '3']);
  });
});

describe.each(serverImpls.map((impl) => [impl.name, impl] as const))('%s', (_name, impl) => {
  it('issues a token for the resolved user, the configured app and lifetime, with the documented body', async () => {
    const url = await host(impl, { route: { ...base, effectiveTimeInSeconds: 900 } });
    const before = Math.floor(Date.now() / 1000);
    const response = checked(await request(url).get('/zego/token').set('x-user', 'alice'));
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.headers['cache-control']).toBe('no-store');
    const body = response.body as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(
      ['appId', 'effectiveTimeInSeconds', 'expiresAt', 'issuedAt', 'mode', 'token', 'userId'].sort(),
    );
    expect(body).toMatchObject({ appId: APP_ID, userId: 'alice', effectiveTimeInSeconds: 900, mode: 'gcm' });
    const claims = verifyToken04(body.token as string, { serverSecret: SECRET, appId: APP_ID, userId: 'alice' });
    expect(claims.mode).toBe('gcm');
    expect(claims.issuedAt).toBe(body.issuedAt);
    expect(claims.expiresAt).toBe(body.expiresAt);
    expect(claims.expiresAt - claims.issuedAt).toBe(900);
    expect(claims.issuedAt).toBeGreaterThanOrEqual(before);
  });

  it('defaults to an hour, GCM and no payload; mode cbc gives legacy tokens', async () => {
    const url = await host(impl, { route: base });
    const body = checked(await request(url).get('/zego/token').set('x-user', 'bob')).body as { token: string };
    const claims = decodeToken04(body.token, SECRET);
    expect([claims.expiresAt - claims.issuedAt, claims.mode, claims.payload]).toEqual([3600, 'gcm', '']);
    const cbcUrl = await host(impl, { route: { ...base, mode: 'cbc' } });
    const cbc = checked(await request(cbcUrl).get('/zego/token').set('x-user', 'bob')).body as { token: string };
    expect(decodeToken04(cbc.token, SECRET).mode).toBe('cbc');
  });

  it('ignores a userId in the query string or the body', async () => {
    const url = await host(impl, { route: { ...base, methods: ['GET', 'POST'] } });
    const viaQuery = checked(
      await request(url).get('/zego/token?userId=mallory&user_id=mallory').set('x-user', 'alice'),
    );
    expect(decodeToken04(viaQuery.body.token, SECRET).userId).toBe('alice');
    const viaBody = checked(
      await request(url).post('/zego/token').set('x-user', 'alice').send({ userId: 'mallory', user_id: 'mallory' }),
    );
    expect(viaBody.status).toBe(200);
    expect(decodeToken04(viaBody.body.token, SECRET).userId).toBe('alice');
    const anonymous = checked(await request(url).get('/zego/token?userId=mallory'));
    expect(anonymous.status).toBe(401);
  });

  it.each([
    ['null', null],
    ['undefined', undefined],
    ['an empty string', ''],
  ])('answers 401 UNAUTHENTICATED when the resolver returns %s', async (_label, nobody) => {
    const url = await host(impl, { route: { ...base, resolveUser: () => nobody } });
    const response = checked(await request(url).get('/zego/token'));
    expect(response.status).toBe(401);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.body).toEqual({ error: { code: 'UNAUTHENTICATED', message: expect.any(String) } });
  });

  it('answers 405 with Allow for other methods, HEAD included unless listed', async () => {
    const url = await host(impl, { route: base });
    for (const method of ['post', 'put', 'delete', 'patch', 'head'] as const) {
      const response = checked(await request(url)[method]('/zego/token').set('x-user', 'alice'));
      expect(response.status, method).toBe(405);
      expect(response.headers.allow).toBe('GET');
      if (method !== 'head') expect(response.body.error.code).toBe('METHOD_NOT_ALLOWED');
    }

    const both = await host(impl, { route: { ...base, methods: ['get', 'POST', 'HEAD'] } });
    expect(checked(await request(both).post('/zego/token').set('x-user', 'alice')).status).toBe(200);
    expect(checked(await request(both).head('/zego/token').set('x-user', 'alice')).status).toBe(200);
    const put = checked(await request(both).put('/zego/token').set('x-user', 'alice'));
    expect(put.headers.allow).toBe('GET, POST, HEAD');
  });

  it("passes OPTIONS on to the host's CORS handling, resolving nobody and minting no token", async () => {
    const calls: string[] = [];
    const resolveUser = (headers: Headers) => {
      calls.push('resolveUser');
      return signedIn(headers);
    };
    const onIssued = () => calls.push('onIssued');
    const url = await host(impl, { route: { ...base, methods: ['GET', 'POST'], resolveUser, onIssued } });
    const preflight = checked(
      await request(url)
        .options('/zego/token')
        .set('origin', 'https://app.example')
        .set('access-control-request-method', 'POST')
        .set('x-user', 'alice'),
    );
    if (impl.middleware) {
      expect(preflight.status).toBe(204);
      expect(preflight.headers).toMatchObject(HOST_PREFLIGHT_HEADERS);
      expect(preflight.text).toBe('');
    } else {
      // The fetch handler has no host to pass on to: OPTIONS gets its 404, as a path not its own does.
      expect(preflight.status).toBe(404);
      expect(preflight.body).toEqual({ error: { code: 'NOT_FOUND', message: 'Not Found' } });
    }
    expect(calls).toEqual([]);
    // The same route resolves and mints for POST, so the list above could have filled.
    expect(checked(await request(url).post('/zego/token').set('x-user', 'alice')).status).toBe(200);
    expect(calls).toEqual(['resolveUser', 'onIssued']);
  });

  it('matches its path exactly by default: case, trailing slash and all', async () => {
    const url = await host(impl, { route: { ...base, path: '/api/Zego-Token' } });
    for (const path of ['/api/Zego-Token', '/api/Zego-Token?x=1']) {
      expect(checked(await request(url).get(path).set('x-user', 'alice')).status, path).toBe(200);
    }
    const others = ['/api/zego-token', '/API/ZEGO-TOKEN', '/api/Zego-Token/', '/zego/token', '/api/Zego-Token/extra'];
    for (const path of others) {
      const response = checked(await request(url).get(path).set('x-user', 'alice'));
      expect(response.status, path).toBe(404);
      expect(response.text).not.toContain('token"');
    }
  });

  it('matches leniently only when told to (caseSensitive: false, ignoreTrailingSlash: true)', async () => {
    const route = { ...base, path: '/api/Zego-Token', caseSensitive: false, ignoreTrailingSlash: true };
    const url = await host(impl, { route });
    for (const path of ['/api/zego-token', '/API/ZEGO-TOKEN/', '/api/Zego-Token']) {
      expect(checked(await request(url).get(path).set('x-user', 'alice')).status, path).toBe(200);
    }
    expect(checked(await request(url).get('/api/zego-tokens').set('x-user', 'alice')).status).toBe(404);
  });

  it('mints nothing that a host guard written for the exact path does not see', async () => {
    const issued: string[] = [];
    const url = await host(impl, {
      route: { ...base, onIssued: (event) => issued.push(event.userId) },
      guard: '/zego/token',
    });
    expect(checked(await request(url).get('/zego/token').set('x-user', 'alice')).status).toBe(429);
    for (const path of ['/ZEGO/TOKEN', '/zego/token/', '/Zego/Token', '/zego/TOKEN/']) {
      const response = checked(await request(url).get(path).set('x-user', 'alice'));
      expect(response.status, path).toBe(404);
    }
    expect(issued).toEqual([]);
  });

  it("maps a resolver's http-errors 4xx to that status, exposing the message only when allowed", async () => {
    const errors: Record<string, unknown> = {
      '/a': createHttpError(403, 'You are banned from voice chat'),
      '/b': Object.assign(new Error('internal detail'), { statusCode: 429, expose: false }),
      '/c': Object.assign(createHttpError(409, 'Seat taken'), { code: 'SEAT_TAKEN' }),
      '/d': Object.assign(new Error('nope'), { status: 404, expose: true, code: 'bad code with spaces' }),
    };
    const expected: Record<string, [number, string, string]> = {
      '/a': [403, 'FORBIDDEN', 'You are banned from voice chat'],
      '/b': [429, 'TOO_MANY_REQUESTS', 'Too Many Requests'],
      '/c': [409, 'SEAT_TAKEN', 'Seat taken'],
      '/d': [404, 'NOT_FOUND', 'nope'],
    };
    for (const [key, error] of Object.entries(errors)) {
      const url = await host(impl, {
        route: {
          ...base,
          resolveUser: async () => {
            throw error;
          },
        },
      });
      const response = checked(await request(url).get('/zego/token'));
      const [status, code, message] = expected[key] as [number, string, string];
      expect(response.status, key).toBe(status);
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.body).toEqual({ error: { code, message } });
    }
  });

  it("hands the host's own failures to its error handling", async () => {
    const failures: Array<[string, HostSetup['route']['resolveUser']]> = [
      [
        'a throwing resolver',
        () => {
          throw new Error(`database down ${SECRET}`);
        },
      ],
      ['a rejecting resolver', () => Promise.reject(new Error('timeout'))],
      ['a 5xx http error', () => Promise.reject(createHttpError(503, 'busy'))],
      ['a status that is not a number', () => Promise.reject(Object.assign(new Error('x'), { status: '403' }))],
    ];
    for (const [label, resolveUser] of failures) {
      const url = await host(impl, { route: { ...base, resolveUser } });
      const response = checked(await request(url).get('/zego/token'));
      expect(response.status, label).toBe(500);
      // The fetch handler rejects, and its host (Hono, Next.js, Deno.serve) answers, as middleware's do.
      expect(response.body, label).toEqual(HOST_ERROR_BODY);
    }
  });

  it('answers a user ZEGO would reject with a JSON 500 naming the problem, and tells onError how to fix it', async () => {
    const failures: Array<[string, HostSetup['route']['resolveUser'], string, RegExp]> = [
      ['a userId with a colon', () => 'user:42', 'USER_ID_INVALID', /validateUserId: false/],
      ['a userId outside ZEGO’s character set', () => '张三', 'USER_ID_INVALID', /validateUserId: false/],
      ['a userId with a space', () => 'has space', 'USER_ID_INVALID', /validateUserId: false/],
      ['a userId over 64 bytes', () => 'a'.repeat(65), 'USER_ID_INVALID', /at most 64/],
      ['a number', () => 42 as unknown as string, 'USER_ID_INVALID', /must return a userId string/],
      [
        'an invalid per-user lifetime',
        () => ({ userId: 'alice', effectiveTimeInSeconds: -1 }),
        'EFFECTIVE_TIME_INVALID',
        /positive integer/,
      ],
    ];
    for (const [label, resolveUser, code, fix] of failures) {
      const errors: unknown[] = [];
      const url = await host(impl, { route: { ...base, resolveUser, onError: (error) => errors.push(error) } });
      const response = checked(await request(url).get('/zego/token'));
      expect(response.status, label).toBe(500);
      expect(response.headers['content-type'], label).toMatch(/^application\/json/);
      expect(response.body, label).toEqual({ error: { code, message: 'Internal Server Error' } });
      expect(errors, label).toHaveLength(1);
      const error = expectCoded(errors[0], code);
      expect(error.message, label).toMatch(fix);
    }
  });

  it('lets the host turn the character-set check off', async () => {
    const url = await host(impl, { route: { ...base, validateUserId: false, resolveUser: () => 'José Núñez' } });
    const response = checked(await request(url).get('/zego/token'));
    expect(response.status).toBe(200);
    expect(decodeToken04(response.body.token, SECRET).userId).toBe('José Núñez');
  });

  it('supports async resolvers and payload functions, and per-user overrides', async () => {
    const url = await host(impl, {
      route: {
        ...base,
        resolveUser: async (headers) => {
          await new Promise((resolve) => setTimeout(resolve, 5));
          const user = headers['x-user'];
          return user === 'vip' ? { userId: user, effectiveTimeInSeconds: 60, payload: { tier: 'vip' } } : user;
        },
        payload: async (user, headers) => {
          await new Promise((resolve) => setTimeout(resolve, 5));
          return roomPayload({ roomId: headers['x-room'] ?? `lobby-${user.userId}`, publish: true });
        },
      },
    });
    const regular = checked(await request(url).get('/zego/token').set('x-user', 'alice').set('x-room', 'room-7'));
    const claims = decodeToken04(regular.body.token, SECRET);
    expect(JSON.parse(claims.payload)).toEqual({ room_id: 'room-7', privilege: { 1: 1, 2: 1 }, stream_id_list: null });
    expect(claims.expiresAt - claims.issuedAt).toBe(3600);
    const vip = checked(await request(url).get('/zego/token').set('x-user', 'vip'));
    const vipClaims = decodeToken04(vip.body.token, SECRET);
    expect([vipClaims.payload, vipClaims.expiresAt - vipClaims.issuedAt, vip.body.effectiveTimeInSeconds]).toEqual([
      '{"tier":"vip"}',
      60,
      60,
    ]);
  });

  it('gives each of 400 concurrent requests its own user’s token', async () => {
    const url = await host(impl, {
      route: {
        ...base,
        resolveUser: async (headers) => {
          await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 5)));
          return headers['x-user'];
        },
      },
    });
    const agent = request(url);
    const users = Array.from({ length: 400 }, (_, i) => `user_${i}`);
    const responses = await Promise.all(users.map((user) => agent.get('/zego/token').set('x-user', user)));
    const tokens = new Set<string>();
    responses.forEach((response, i) => {
      checked(response);
      expect(response.status).toBe(200);
      expect(response.body.userId).toBe(users[i]);
      expect(decodeToken04(response.body.token, SECRET).userId).toBe(users[i]);
      tokens.add(response.body.token);
    });
    expect(tokens.size).toBe(400);
  });

  it('calls onIssued without the token and onError for failed requests', async () => {
    const issued: unknown[] = [];
    const failed: unknown[] = [];
    const url = await host(impl, {
      route: {
        ...base,
        onIssued: (event) => issued.push(event),
        onError: (error) => {
          failed.push(error);
          throw new Error('a broken logger must not change the response');
        },
      },
    });
    const ok = checked(await request(url).get('/zego/token').set('x-user', 'alice'));
    expect(issued).toEqual([
      {
        userId: 'alice',
        appId: APP_ID,
        issuedAt: ok.body.issuedAt,
        expiresAt: ok.body.expiresAt,
        effectiveTimeInSeconds: 3600,
        mode: 'gcm',
      },
    ]);
    expect(JSON.stringify(issued)).not.toContain(ok.body.token);
    const denied = checked(await request(url).get('/zego/token'));
    expect(denied.status).toBe(401);
    expect(failed).toHaveLength(1);
    expectCoded(failed[0], 'UNAUTHENTICATED');
  });

  it('fails the request, sending no token, when onIssued throws', async () => {
    const url = await host(impl, {
      route: {
        ...base,
        onIssued: () => {
          throw new Error('audit log unavailable');
        },
      },
    });
    const response = checked(await request(url).get('/zego/token').set('x-user', 'alice'));
    expect(response.status).toBe(500);
    expect(response.text).not.toMatch(/"token"/);
  });

  if (impl.middleware) {
    it('passes every other path on to the host app', async () => {
      const url = await host(impl, { route: base });
      expect(checked(await request(url).get('/host/route')).body).toEqual(HOST_ROUTE_BODY);
      expect(checked(await request(url).get('/nowhere')).body).toEqual(HOST_NOT_FOUND_BODY);
    });

    it('honours the mount path', async () => {
      const url = await host(impl, { route: { ...base, path: '/token' }, mountPath: '/v1' });
      const mounted = checked(await request(url).get('/v1/token').set('x-user', 'alice'));
      expect(mounted.status).toBe(200);
      expect(decodeToken04(mounted.body.token, SECRET).userId).toBe('alice');
      expect(checked(await request(url).get('/token').set('x-user', 'alice')).body).toEqual(HOST_NOT_FOUND_BODY);
      expect(checked(await request(url).post('/v1/token').set('x-user', 'alice')).status).toBe(405);
      expect(checked(await request(url).get('/v1/other')).body).toEqual(HOST_NOT_FOUND_BODY);
    });

    it("works as a plain handler on the host's own route", async () => {
      const url = await host(impl, { route: base, handlerRoute: { method: 'post', path: '/me/zego-token' } });
      const response = checked(await request(url).post('/me/zego-token').set('x-user', 'carol'));
      expect(response.status).toBe(200);
      expect(decodeToken04(response.body.token, SECRET).userId).toBe('carol');
      expect(checked(await request(url).get('/zego/token').set('x-user', 'carol')).body).toEqual(HOST_NOT_FOUND_BODY);
      expect(checked(await request(url).post('/me/zego-token')).status).toBe(401);
    });
  } else {
    it('answers 404 for any other path', async () => {
      const url = await host(impl, { route: base });
      const response = checked(await request(url).get('/host/route').set('x-user', 'alice'));
      expect(response.status).toBe(404);
      expect(response.body).toEqual({ error: { code: 'NOT_FOUND', message: 'Not Found' } });
    });

    it('without `path`, answers wherever the host routes it, methods still checked', async () => {
      const url = await host(impl, { route: { ...base, methods: ['GET', 'POST'] }, anyPath: true });
      for (const path of ['/api/zego/token', '/zego/token', '/anything/at/all?x=1']) {
        const response = checked(await request(url).get(path).set('x-user', 'alice'));
        expect(response.status, path).toBe(200);
        expect(decodeToken04(response.body.token, SECRET).userId).toBe('alice');
      }
      expect(checked(await request(url).post('/api/zego/token').set('x-user', 'bob')).status).toBe(200);
      const put = checked(await request(url).put('/api/zego/token').set('x-user', 'bob'));
      expect(put.status).toBe(405);
      expect(put.headers.allow).toBe('GET, POST');
    });
  }
});

describe('nothing leaks', () => {
  it('never puts the secret in a response', async () => {
    // Its own traffic: every kind of answer from every host, 500s from an error that carries the secret included.
    const resolveUser = (headers: Headers) => {
      const user = headers['x-user'];
      if (user === 'banned') throw createHttpError(403, 'You are banned from voice chat');
      if (user === 'crash') throw new Error(`database down ${SECRET}`);
      return user;
    };
    for (const impl of serverImpls) {
      const url = await host(impl, { route: { ...base, resolveUser } });
      const exchanges = [
        request(url).get('/zego/token').set('x-user', 'alice'),
        request(url).get('/zego/token'),
        request(url).get('/zego/token').set('x-user', 'banned'),
        request(url).get('/zego/token').set('x-user', 'crash'),
        request(url).get('/zego/token').set('x-user', 'bad user'),
        request(url).post('/zego/token').set('x-user', 'alice'),
        request(url).head('/zego/token').set('x-user', 'alice'),
        request(url).options('/zego/token').set('x-user', 'alice'),
        request(url).get('/elsewhere').set('x-user', 'alice'),
      ];
      const statuses = new Set<number>();
      for (const exchange of exchanges) statuses.add(checked(await exchange).status);
      // The traffic did provoke each kind of answer (the host's own preflight answer where there is a host).
      const expected = [200, 401, 403, 404, 405, 500, ...(impl.middleware ? [204] : [])];
      expect(
        [...statuses].sort((a, b) => a - b),
        impl.name,
      ).toEqual(expected.sort((a, b) => a - b));
    }
  });

  it('never puts the secret in an error handed to onError', async () => {
    const errors: unknown[] = [];
    for (const impl of serverImpls) {
      const url = await host(impl, { route: { ...base, onError: (error) => errors.push(error) } });
      checked(await request(url).get('/zego/token').set('x-user', 'bad user'));
      checked(await request(url).get('/zego/token'));
    }
    expect(errors.length).toBe(serverImpls.length * 2);
    for (const error of errors) {
      const text = `${String(error)} ${JSON.stringify(error)} ${(error as Error).stack ?? ''}`;
      expect(text).not.toContain(SECRET);
    }
  });
});
