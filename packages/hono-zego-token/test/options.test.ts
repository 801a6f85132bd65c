// When the built hono-zego-token reads its options: at the first request, not when `zegoToken(…)` runs.
// A Hono app is built when its module loads, and that module is imported where the runtime's secrets
// are not (next build with hono/vercel, a Worker's deploy, a Docker build): a bad or missing setting
// must fail its requests, not the build. Express, Koa, Fastify and NestJS, created at start-up, keep
// failing at creation (test/support/construction.ts).
import { Hono } from 'hono';
import { zegoCallback, zegoCallbackHandler, zegoToken, zegoTokenHandler } from 'hono-zego-token';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTokenRoute } from 'zego-token/adapter';
import { APP_ID, CALLBACK_SECRET, expectCoded, SECRET, signedCallback } from '../../../test/support/index.js';

const good = { appId: APP_ID, serverSecret: SECRET, resolveUser: () => 'alice' };

afterEach(() => {
  vi.unstubAllEnvs();
});

function noZegoEnvironment(): void {
  vi.stubEnv('ZEGO_APP_ID', undefined);
  vi.stubEnv('ZEGO_SERVER_SECRET', undefined);
  vi.stubEnv('ZEGO_CALLBACK_SECRET', undefined);
}

async function answer(response: Response): Promise<[number, unknown]> {
  return [response.status, await response.json()];
}

const OPTION_INVALID = [500, { error: { code: 'OPTION_INVALID', message: 'Internal Server Error' } }];

describe('hono-zego-token reads its options at the first request', () => {
  it('creates all four without ZEGO_* or any option but the required function, named as before', () => {
    noZegoEnvironment();
    expect(zegoToken({ resolveUser: () => 'alice' }).name).toBe('zegoTokenMiddleware');
    expect(zegoTokenHandler({ resolveUser: () => 'alice' }).name).toBe('zegoTokenRouteHandler');
    expect(() => zegoCallback({ onCallback: () => undefined })).not.toThrow();
    expect(() => zegoCallbackHandler({ onCallback: () => undefined })).not.toThrow();
    expect(() => zegoToken(undefined as never)).not.toThrow();
  });

  it('answers 500 OPTION_INVALID at its path, every problem to onError, passes other paths on, never mints', async () => {
    noZegoEnvironment();
    const resolveUser = vi.fn(() => 'alice');
    const errors: unknown[] = [];
    const options = { resolveUser, onError: (error: unknown) => errors.push(error) };
    let thrown: unknown;
    try {
      createTokenRoute(options);
    } catch (error) {
      thrown = error;
    }
    const expected = expectCoded(thrown, 'OPTION_INVALID').message;
    expect(expected).toMatch(/ZEGO_APP_ID[\s\S]*ZEGO_SERVER_SECRET/);
    const app = new Hono();
    app.use('/api/*', zegoToken(options));
    app.get('/api/me/zego-token', zegoTokenHandler(options));
    app.get('/api/other', (c) => c.json({ other: true }));
    for (let i = 0; i < 2; i += 1) {
      expect(await answer(await app.request('/api/zego/token'))).toEqual(OPTION_INVALID);
      expect(await answer(await app.request('/api/me/zego-token'))).toEqual(OPTION_INVALID);
    }
    expect(await answer(await app.request('/api/other'))).toEqual([200, { other: true }]);
    expect(errors.map((error) => expectCoded(error, 'OPTION_INVALID').message)).toEqual([
      expected,
      expected,
      expected,
      expected,
    ]);
    expect(resolveUser).not.toHaveBeenCalled();
  });

  it('reads the environment at the first request and keeps what it read', async () => {
    noZegoEnvironment();
    const app = new Hono().use(zegoToken({ resolveUser: () => 'alice' }));
    vi.stubEnv('ZEGO_APP_ID', '77');
    vi.stubEnv('ZEGO_SERVER_SECRET', SECRET);
    expect(((await (await app.request('/zego/token')).json()) as { appId: number }).appId).toBe(77);
    vi.stubEnv('ZEGO_APP_ID', '78');
    expect(((await (await app.request('/zego/token')).json()) as { appId: number }).appId).toBe(77);
  });

  it('does the same for the callback route: 500 without ZEGO_CALLBACK_SECRET, then the secret once set', async () => {
    noZegoEnvironment();
    const onCallback = vi.fn(() => ({ ok: true }));
    const app = new Hono();
    app.use(zegoCallback({ onCallback }));
    app.post('/hooks/zego', zegoCallbackHandler({ onCallback }));
    const post = (path: string) => app.request(path, { method: 'POST', body: JSON.stringify(signedCallback()) });
    expect(await answer(await post('/zego/callback'))).toEqual(OPTION_INVALID);
    expect(await answer(await post('/hooks/zego'))).toEqual(OPTION_INVALID);
    expect(onCallback).not.toHaveBeenCalled();

    vi.stubEnv('ZEGO_CALLBACK_SECRET', CALLBACK_SECRET);
    const later = new Hono().use(zegoCallback({ onCallback }));
    const response = await later.request('/zego/callback', { method: 'POST', body: JSON.stringify(signedCallback()) });
    expect(await answer(response)).toEqual([200, { ok: true }]);
  });

  it('names a bad option at the first request as creation would have, without the secret', async () => {
    const errors: unknown[] = [];
    const app = new Hono().use(
      zegoToken({ ...good, serverSecret: 'too short', onError: (error: unknown) => errors.push(error) }),
    );
    expect(await answer(await app.request('/zego/token'))).toEqual(OPTION_INVALID);
    expect(expectCoded(errors[0], 'OPTION_INVALID').message).toMatch(/`serverSecret` must be exactly 32 bytes/);
  });
});
