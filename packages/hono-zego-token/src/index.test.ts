// What Hono users rely on beyond the conformance suite: the mount-relative path in each way Hono mounts
// middleware, the request's parameters in the resolver and payload, `hono/cors` in front, `hono/jwt`
// with the app's own Variables type, and `app.onError` for what the route does not answer.
import { getRequestListener } from '@hono/node-server';
import { type Context, type Env, Hono } from 'hono';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import { type JwtVariables, jwt, sign } from 'hono/jwt';
import { describe, expect, it } from 'vitest';
import { decodeToken04, roomPayload } from 'zego-token';
import { APP_ID, expectCoded, listen, SECRET } from '../../../test/support/index.js';
import { type ZegoTokenOptions, zegoToken, zegoTokenHandler } from './index.js';

const base = { appId: APP_ID, serverSecret: SECRET } as const;
const fromHeader = (c: Context) => c.req.header('x-user');

/** Serves the app over a real socket, with a recognisable 404 of the host's own. */
async function serve<E extends Env>(app: Hono<E>): Promise<string> {
  app.notFound((c) => c.json({ hostNotFound: true }, 404));
  return (await listen(getRequestListener(app.fetch))).url;
}

async function tokenUser(response: Response): Promise<string> {
  expect(response.status).toBe(200);
  const body = (await response.json()) as { token: string };
  return decodeToken04(body.token, SECRET).userId;
}

describe('the path, relative to where the middleware is mounted', () => {
  const mounts: Array<[string, () => Hono, string]> = [
    ["app.use('/api/*', …)", () => new Hono().use('/api/*', zegoToken({ ...base, resolveUser: fromHeader })), '/api'],
    [
      "app.route('/api', sub) with sub.use(…)",
      () => new Hono().route('/api', new Hono().use(zegoToken({ ...base, resolveUser: fromHeader }))),
      '/api',
    ],
    [
      "app.route('/api', sub) with sub.use('/v1/*', …)",
      () => new Hono().route('/api', new Hono().use('/v1/*', zegoToken({ ...base, resolveUser: fromHeader }))),
      '/api/v1',
    ],
    [
      "new Hono().basePath('/api') with app.use(…)",
      () => new Hono().basePath('/api').use(zegoToken({ ...base, resolveUser: fromHeader })) as unknown as Hono,
      '/api',
    ],
    ['app.use(…) at the root', () => new Hono().use(zegoToken({ ...base, resolveUser: fromHeader })), ''],
  ];

  it.each(mounts)('%s answers at the mount path + path, and passes the rest on', async (_label, createApp, prefix) => {
    const url = await serve(createApp());
    const headers = { 'x-user': 'alice' };
    expect(await tokenUser(await fetch(`${url}${prefix}/zego/token?x=1`, { headers }))).toBe('alice');
    const wrongMethod = await fetch(`${url}${prefix}/zego/token`, { method: 'POST', headers });
    expect([wrongMethod.status, wrongMethod.headers.get('allow')]).toEqual([405, 'GET']);
    const elsewhere = [`${prefix}/zego/token/more`, `${prefix}/zego`, `${prefix}/other`];
    if (prefix !== '') elsewhere.push('/zego/token', `${prefix}x/zego/token`);
    for (const path of elsewhere) {
      const response = await fetch(`${url}${path}`, { headers });
      expect([path, response.status, await response.json()]).toEqual([path, 404, { hostNotFound: true }]);
    }
  });

  it("sees the whole path on a pattern without a trailing '*'", async () => {
    const url = await serve(new Hono().use('/zego/token', zegoToken({ ...base, resolveUser: fromHeader })));
    expect(await tokenUser(await fetch(`${url}/zego/token`, { headers: { 'x-user': 'bob' } }))).toBe('bob');
  });

  it.each([
    ["app.use('/rooms/:roomId/*', …)", (mw: ReturnType<typeof zegoToken>) => new Hono().use('/rooms/:roomId/*', mw)],
    [
      "app.route('/rooms/:roomId', sub)",
      (mw: ReturnType<typeof zegoToken>) => new Hono().route('/rooms/:roomId', new Hono().use(mw)),
    ],
  ])('%s: a prefix with parameters, which the payload function reads from c', async (_label, mount) => {
    const middleware = zegoToken({
      ...base,
      path: '/token',
      resolveUser: fromHeader,
      payload: (_user, c) => roomPayload({ roomId: c.req.param('roomId') ?? 'none' }),
    });
    const url = await serve(mount(middleware));
    const response = await fetch(`${url}/rooms/room-7/token`, { headers: { 'x-user': 'carol' } });
    expect(response.status).toBe(200);
    const { token } = (await response.json()) as { token: string };
    expect(JSON.parse(decodeToken04(token, SECRET).payload)).toMatchObject({ room_id: 'room-7' });
    expect((await fetch(`${url}/rooms/room-7/other`)).status).toBe(404);
    expect((await fetch(`${url}/rooms/token`)).status).toBe(404);
  });
});

describe('beside the middleware Hono apps use', () => {
  it('leaves the preflight to hono/cors, and keeps the headers it set on the token response', async () => {
    const calls: string[] = [];
    const app = new Hono();
    app.use('/api/*', cors({ origin: 'https://app.example', credentials: true }));
    app.use(
      '/api/*',
      zegoToken({
        ...base,
        resolveUser: (c) => {
          calls.push('resolveUser');
          return fromHeader(c);
        },
      }),
    );
    const url = await serve(app);
    const preflight = await fetch(`${url}/api/zego/token`, {
      method: 'OPTIONS',
      headers: { origin: 'https://app.example', 'access-control-request-method': 'GET' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://app.example');
    expect(calls).toEqual([]);

    const response = await fetch(`${url}/api/zego/token`, {
      headers: { origin: 'https://app.example', 'x-user': 'alice' },
    });
    expect(response.headers.get('access-control-allow-origin')).toBe('https://app.example');
    expect(response.headers.get('access-control-allow-credentials')).toBe('true');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await tokenUser(response)).toBe('alice');
    expect(calls).toEqual(['resolveUser']);
  });

  it("takes the user from hono/jwt's payload, typed by the app's Variables", async () => {
    type AppEnv = { Variables: JwtVariables<{ sub: string; name: string }> };
    const jwtSecret = 'a-jwt-signing-secret-for-the-test';
    const app = new Hono<AppEnv>();
    app.use('/api/*', jwt({ secret: jwtSecret, alg: 'HS256' }));
    // The resolver's `c` is Context<AppEnv>: `.sub` type-checks without a cast.
    app.use('/api/*', zegoToken<AppEnv>({ ...base, resolveUser: (c) => c.get('jwtPayload').sub }));
    app.get(
      '/api/me/zego-token',
      zegoTokenHandler<AppEnv>({ ...base, resolveUser: (c) => `${c.get('jwtPayload').sub}-handler` }),
    );
    const url = await serve(app);
    const bearer = `Bearer ${await sign({ sub: 'user_42', name: 'Ada' }, jwtSecret, 'HS256')}`;
    expect(await tokenUser(await fetch(`${url}/api/zego/token`, { headers: { authorization: bearer } }))).toBe(
      'user_42',
    );
    expect(await tokenUser(await fetch(`${url}/api/me/zego-token`, { headers: { authorization: bearer } }))).toBe(
      'user_42-handler',
    );
    // No bearer: hono/jwt answers before the route is reached.
    const anonymous = await fetch(`${url}/api/zego/token`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toMatch(/^Bearer/);
  });
});

describe('zegoTokenHandler', () => {
  it("answers what the host's route gives it: HEAD too on a GET route, as every Hono GET route does", async () => {
    const app = new Hono().get('/me/zego-token', zegoTokenHandler({ ...base, resolveUser: fromHeader }));
    const url = await serve(app);
    const headers = { 'x-user': 'erin' };
    expect(await tokenUser(await fetch(`${url}/me/zego-token`, { headers }))).toBe('erin');
    const head = await fetch(`${url}/me/zego-token`, { method: 'HEAD', headers });
    expect([head.status, head.headers.get('cache-control'), await head.text()]).toEqual([200, 'no-store', '']);
    expect((await fetch(`${url}/me/zego-token`, { method: 'POST', headers })).status).toBe(404);
  });
});

describe('errors', () => {
  it("throws what the route does not answer for app.onError, and hands onError Hono's Context", async () => {
    const failure = new Error('database down');
    const seen: Array<[unknown, string]> = [];
    const hostSaw: unknown[] = [];
    const options: ZegoTokenOptions = {
      ...base,
      resolveUser: () => {
        throw failure;
      },
      onError: (error, c) => seen.push([error, c.req.path]),
    };
    const app = new Hono();
    app.onError((error, c) => {
      hostSaw.push(error);
      return c.json({ hostError: true }, 503);
    });
    app.use(zegoToken(options));
    app.get('/me/zego-token', zegoTokenHandler({ ...options, onError: undefined }));
    const url = await serve(app);
    const response = await fetch(`${url}/zego/token`);
    expect([response.status, await response.json()]).toEqual([503, { hostError: true }]);
    expect((await fetch(`${url}/me/zego-token`)).status).toBe(503);
    expect(hostSaw).toEqual([failure, failure]);
    expect(seen).toEqual([[failure, '/zego/token']]);
  });

  it("answers a resolver's HTTPException 4xx with its status, in the route's JSON", async () => {
    const url = await serve(
      new Hono().use(
        zegoToken({
          ...base,
          resolveUser: () => {
            throw new HTTPException(403, { message: 'internal reason' });
          },
        }),
      ),
    );
    const response = await fetch(`${url}/zego/token`);
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ error: { code: 'FORBIDDEN', message: 'Forbidden' } });
  });

  it('checks the options at the first request, listing every problem to onError (test/options.test.ts has more)', async () => {
    const seen: unknown[] = [];
    const onError = (error: unknown) => seen.push(error);
    const app = new Hono();
    app.use(
      zegoToken({ appId: 0, serverSecret: 'short', resolveUser: 'nope', onError } as unknown as ZegoTokenOptions),
    );
    app.get('/x', zegoTokenHandler({ ...base, resolveUser: fromHeader, path: '/x', onError } as ZegoTokenOptions));
    const url = await serve(app);
    expect((await fetch(`${url}/zego/token`)).status).toBe(500);
    expect((await fetch(`${url}/x`)).status).toBe(500);
    const [error, handlerError] = seen.map((each) => expectCoded(each, 'OPTION_INVALID'));
    expect(error?.message).toMatch(/3 problems/);
    for (const name of ['resolveUser', 'appId', 'serverSecret']) expect(error?.message).toContain(name);
    expect(error?.message).not.toContain('short');
    expect(handlerError?.message).toMatch(/`path`/);
  });
});
