// The two Koa mount mistakes docs/route.md warns about, under Koa 2 and 3:
// - @koa/router's `router.use(zegoToken())`: the router runs `use` middleware only for requests one of
//   its own routes (path and method) matches, so nothing ever answers at /zego/token. The router reads
//   a `router` property of what it is given to tell a nested router apart: the middleware refuses there,
//   at start-up, with a message that says what to write instead.
// - koa-mount at the route's own path: `mount('/api/zego/token', zegoToken())` answers at
//   /api/zego/token/zego/token; the mount point gets a 404 that says so, and `onError` hears.
import Router from '@koa/router';
import type Koa from 'koa';
import mount from 'koa-mount';
import { zegoCallback, zegoCallbackHandler, zegoToken, zegoTokenHandler } from 'koa-zego-token';
import koa2 from 'koa2';
import koa3 from 'koa3';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { isZegoTokenError, type ZegoTokenError } from 'zego-token';
import { CALLBACK_SECRET, SECRET } from '../../../test/support/index.js';

const MAJORS = [
  ['Koa 2', () => new (koa2 as unknown as new () => Koa)()],
  ['Koa 3', () => new (koa3 as unknown as new () => Koa)()],
] as const;

const tokenOptions = { appId: 1, serverSecret: SECRET, resolveUser: () => 'alice' };
const callbackOptions = { callbackSecret: CALLBACK_SECRET, onCallback: () => undefined };

/** What a call threw, for assertions on a typed error. */
function thrownBy(action: () => unknown): ZegoTokenError {
  try {
    action();
  } catch (error) {
    if (isZegoTokenError(error)) return error;
    throw error;
  }
  throw new Error('nothing was thrown');
}

describe('@koa/router', () => {
  it('refuses router.use(zegoToken()) when it is written, saying to use router.get with zegoTokenHandler', () => {
    const router = new Router();
    const error = thrownBy(() => router.use(zegoToken(tokenOptions)));
    expect(error.code).toBe('OPTION_INVALID');
    expect(error.message).toContain("router.get('/zego/token', zegoTokenHandler(options))");
    expect(error.message).toContain('app.use(zegoToken(options))');
    expect(thrownBy(() => new Router().use('/api', zegoToken({ ...tokenOptions, path: '/token' }))).message).toContain(
      "router.get('/token', zegoTokenHandler(options))",
    );
  });

  it('refuses router.use() of zegoCallback and of the handlers too', () => {
    const callback = thrownBy(() => new Router().use(zegoCallback(callbackOptions)));
    expect(callback.code).toBe('OPTION_INVALID');
    expect(callback.message).toContain("router.post('/zego/callback', zegoCallbackHandler(options))");
    expect(thrownBy(() => new Router().use(zegoTokenHandler(tokenOptions))).message).toContain('router.get(');
    expect(thrownBy(() => new Router().use(zegoCallbackHandler(callbackOptions))).message).toContain('router.post(');
  });
});

describe.each(MAJORS)('%s', (_, createApp) => {
  it('answers with the handlers on router.get/router.post, and with the middleware on app.use', async () => {
    const app = createApp();
    const router = new Router();
    router.get('/me/zego-token', zegoTokenHandler(tokenOptions));
    app.use(router.routes());
    app.use(zegoToken(tokenOptions));
    app.use(mount('/v1', zegoToken({ ...tokenOptions, path: '/token' })));
    for (const path of ['/me/zego-token', '/zego/token', '/v1/token']) {
      expect({ path, status: (await request(app.callback()).get(path)).status }).toEqual({ path, status: 200 });
    }
  });

  it('answers the mount point of zegoToken under koa-mount at its own path with a 404 that says where it answers', async () => {
    const errors: unknown[] = [];
    const app = createApp();
    app.use(mount('/api/zego/token', zegoToken({ ...tokenOptions, onError: (error) => void errors.push(error) })));

    const response = await request(app.callback()).get('/api/zego/token');
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('NOT_FOUND');
    const { message } = response.body.error as { message: string };
    expect(message).toContain('"/api/zego/token/zego/token"');
    expect(message).toContain('mount it at "/api"');
    expect(errors).toHaveLength(1);
    expect(isZegoTokenError(errors[0]) && errors[0].message).toBe(message);
    expect((await request(app.callback()).get('/api/zego/token/zego/token')).status).toBe(200);
  });

  it('says the same for zegoCallback under koa-mount at its own path, and nothing for a right mount', async () => {
    const errors: unknown[] = [];
    const onError = (error: unknown) => void errors.push(error);
    const app = createApp();
    app.use(mount('/hooks/zego/callback', zegoCallback({ ...callbackOptions, onError })));
    app.use(mount('/v1', zegoCallback({ ...callbackOptions, onError })));

    const response = await request(app.callback()).post('/hooks/zego/callback').send({});
    expect(response.status).toBe(404);
    expect(response.body.error.message).toContain('mount it at "/hooks"');
    expect(errors).toHaveLength(1);
    expect((await request(app.callback()).post('/v1').send({})).body).toEqual({});
    expect(errors).toHaveLength(1);
  });
});
