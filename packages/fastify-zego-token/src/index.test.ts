// What the conformance suite cannot ask of every host: Fastify's plugin contract, in Fastify 4 and 5.
// Options are checked when Fastify loads the plugin (boot), not at the first request; Fastify's own
// register options pass through; the route lives in the plugin's context, so prefixes nest, the
// app's hooks and error handler apply, and `inject` reaches it.
import type * as FastifyTypes from 'fastify';
import fastify4 from 'fastify4';
import fastify5 from 'fastify5';
import { describe, expect, it, vi } from 'vitest';
import { decodeToken04 } from 'zego-token';
import {
  APP_ID,
  CALLBACK_SECRET,
  expectCodedError,
  expectCodedRejection,
  SECRET,
  signedCallback,
} from '../../../test/support/index.js';
import defaultExport, { zegoCallback, zegoCallbackHandler, zegoToken, zegoTokenHandler } from './index.js';

type FastifyFactory = () => FastifyTypes.FastifyInstance;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A route config key of the test's own, as plugins add theirs (`rateLimit`). */
    audit?: string;
  }
}
const good = { appId: APP_ID, serverSecret: SECRET, resolveUser: () => 'alice' };

describe.each([
  ['Fastify 4', fastify4 as unknown as FastifyFactory],
  ['Fastify 5', fastify5 as unknown as FastifyFactory],
])('%s', (_name, createApp) => {
  it('fails at boot, not at the first request, with one OPTION_INVALID and no secret', async () => {
    // One of each kind: none at all, a bad value, a missing resolver, an unknown key.
    const bad: unknown[] = [undefined, { ...good, serverSecret: 'too short' }, { ...good, resolveUser: undefined }];
    bad.push({ ...good, methods: [] }, { ...good, unknownOption: true });
    for (const options of bad) {
      const app = createApp();
      app.register(zegoToken, options as never);
      const error = await expectCodedRejection(async () => {
        await app.ready();
      }, 'OPTION_INVALID');
      expect(error.message).not.toContain(SECRET);
      expectCodedError(() => zegoTokenHandler(options as never), 'OPTION_INVALID');
    }
  });

  it('fails at boot without ZEGO_APP_ID and ZEGO_SERVER_SECRET, naming both (unlike the fetch handler)', async () => {
    vi.stubEnv('ZEGO_APP_ID', undefined);
    vi.stubEnv('ZEGO_SERVER_SECRET', undefined);
    try {
      const app = createApp();
      app.register(zegoToken, { resolveUser: () => 'alice' });
      const error = await expectCodedRejection(async () => {
        await app.ready();
      }, 'OPTION_INVALID');
      expect(error.message).toMatch(/ZEGO_APP_ID[\s\S]*ZEGO_SERVER_SECRET/);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it("refuses caseSensitive and ignoreTrailingSlash, which are Fastify's router's, saying where they go", async () => {
    for (const options of [
      { ...good, caseSensitive: false },
      { ...good, ignoreTrailingSlash: true },
    ]) {
      const app = createApp();
      app.register(zegoToken, options as never);
      const error = await expectCodedRejection(async () => {
        await app.ready();
      }, 'OPTION_INVALID');
      expect(error.message).toMatch(/set them on Fastify itself/);
    }
  });

  it("takes register's own options (prefix, logLevel) beside its own, and nests prefixes", async () => {
    const app = createApp();
    await app.register(
      async (v1) => {
        await v1.register(zegoToken, { ...good, prefix: '/api', logLevel: 'silent', path: '/token' });
      },
      { prefix: '/v1' },
    );
    const response = await app.inject({ method: 'GET', url: '/v1/api/token' });
    expect(response.statusCode).toBe(200);
    expect(decodeToken04(response.json<{ token: string }>().token, SECRET).userId).toBe('alice');
    expect((await app.inject({ method: 'GET', url: '/api/token' })).statusCode).toBe(404);
  });

  it('answers through inject, handing resolveUser and payload the request and reply', async () => {
    const seen: string[] = [];
    const app = createApp();
    app.register(zegoToken, {
      ...good,
      resolveUser: (request, reply) => {
        seen.push(`${request.url} ${typeof reply.code}`);
        return request.headers['x-user'] as string | undefined;
      },
      payload: (user, request) => `${user.userId}@${request.headers['x-room']}`,
    });
    const response = await app.inject({ url: '/zego/token', headers: { 'x-user': 'dave', 'x-room': 'r1' } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(decodeToken04(response.json<{ token: string }>().token, SECRET).payload).toBe('dave@r1');
    expect(seen).toEqual(['/zego/token function']);
    expect((await app.inject({ url: '/zego/token' })).statusCode).toBe(401);
  });

  it("hands failures to the app's error handler, set before or after register, with onError first", async () => {
    for (const order of ['before', 'after'] as const) {
      const events: string[] = [];
      const app = createApp();
      const handler: Parameters<FastifyTypes.FastifyInstance['setErrorHandler']>[0] = (error, _request, reply) => {
        events.push(`handler ${(error as Error).message}`);
        reply.code(503).send({ handledBy: 'app' });
      };
      if (order === 'before') app.setErrorHandler(handler);
      app.register(zegoToken, {
        ...good,
        resolveUser: () => {
          throw new Error('database down');
        },
        onError: (error) => events.push(`onError ${(error as Error).message}`),
      });
      if (order === 'after') app.setErrorHandler(handler);
      const response = await app.inject({ url: '/zego/token' });
      expect(response.statusCode, order).toBe(503);
      expect(response.json(), order).toEqual({ handledBy: 'app' });
      expect(events, order).toEqual(['onError database down', 'handler database down']);
    }
  });

  it("runs the app's hooks on the route, and a hook's answer stops it before resolveUser", async () => {
    const calls: string[] = [];
    const app = createApp();
    app.addHook('onRequest', async (request, reply) => {
      calls.push(`hook ${request.url}`);
      if (request.headers['x-blocked'] === 'yes') return reply.code(429).send({ limited: true });
    });
    app.register(zegoToken, {
      ...good,
      resolveUser: () => {
        calls.push('resolveUser');
        return 'alice';
      },
    });
    expect((await app.inject({ url: '/zego/token', headers: { 'x-blocked': 'yes' } })).statusCode).toBe(429);
    expect(calls).toEqual(['hook /zego/token']);
    expect((await app.inject({ url: '/zego/token' })).statusCode).toBe(200);
    expect(calls).toEqual(['hook /zego/token', 'hook /zego/token', 'resolveUser']);
  });

  it('adds routeOptions to its route: hooks and config there, not on the rest of the app', async () => {
    const calls: string[] = [];
    const app = createApp();
    app.register(zegoToken, {
      ...good,
      resolveUser: (request) => {
        calls.push(`resolveUser ${JSON.stringify(request.routeOptions.config)}`);
        return 'alice';
      },
      routeOptions: {
        config: { audit: 'zego' },
        onRequest: async (request) => {
          calls.push(`onRequest ${request.url}`);
        },
      },
    });
    app.get('/other', async () => ({}));
    expect((await app.inject({ url: '/zego/token' })).statusCode).toBe(200);
    expect((await app.inject({ url: '/other' })).statusCode).toBe(200);
    expect(calls).toEqual(['onRequest /zego/token', expect.stringMatching(/^resolveUser .*"audit":"zego"/)]);

    const bad = createApp();
    bad.register(zegoToken, { ...good, routeOptions: 'fast' as never });
    const error = await expectCodedRejection(async () => {
      await bad.ready();
    }, 'OPTION_INVALID');
    expect(error.message).toContain('`routeOptions`');
  });

  it('exports the plugin as default and as zegoToken, and a named route handler', async () => {
    expect(defaultExport).toBe(zegoToken);
    const handler = zegoTokenHandler(good);
    expect(handler.name).toBe('zegoTokenRouteHandler');
    const app = createApp();
    app.get('/me/zego-token', handler);
    const response = await app.inject({ url: '/me/zego-token' });
    expect(response.statusCode).toBe(200);
    // The app's route decides the path; register's options mean nothing to a handler.
    for (const misplaced of [{ path: '/x' }, { prefix: '/api' }, { routeOptions: {} }]) {
      expectCodedError(() => zegoTokenHandler({ ...good, ...misplaced } as never), 'OPTION_INVALID');
    }
  });
  describe('zegoCallback', () => {
    const callback = { callbackSecret: CALLBACK_SECRET, onCallback: () => undefined };

    it("fails at boot with OPTION_INVALID, and takes register's own options", async () => {
      for (const options of [undefined, { ...callback, onCallback: 'no' }, { ...callback, bodyLimit: 10 }]) {
        const app = createApp();
        app.register(zegoCallback, options as never);
        const error = await expectCodedRejection(async () => {
          await app.ready();
        }, 'OPTION_INVALID');
        expect(error.message).not.toContain(CALLBACK_SECRET);
      }
      const app = createApp();
      app.register(zegoCallback, {
        ...callback,
        prefix: '/v1',
        logLevel: 'silent',
        routeOptions: { config: { audit: 'zego' } },
      });
      const response = await app.inject({ method: 'POST', url: '/v1/zego/callback', payload: signedCallback() });
      expect(response.statusCode).toBe(200);
    });

    it("keeps its body parser to its own route: the app's other routes parse as before", async () => {
      const app = createApp();
      app.register(zegoCallback, callback);
      app.post('/other', async (request) => ({ got: request.body }));
      const form = new URLSearchParams(signedCallback() as Record<string, string>).toString();
      const headers = { 'content-type': 'application/x-www-form-urlencoded' };
      expect((await app.inject({ method: 'POST', url: '/zego/callback', payload: form, headers })).statusCode).toBe(
        200,
      );
      // Fastify has no form parser of its own: the app's route still refuses forms, and still parses JSON.
      expect((await app.inject({ method: 'POST', url: '/other', payload: form, headers })).statusCode).toBe(415);
      const json = await app.inject({ method: 'POST', url: '/other', payload: { a: 1 } });
      expect(json.json()).toEqual({ got: { a: 1 } });
    });

    it("answers its own 413 past maxBodyBytes, not Fastify's, and runs the app's hooks first", async () => {
      const calls: string[] = [];
      const app = createApp();
      app.addHook('onRequest', async (request) => {
        calls.push(`hook ${request.url}`);
      });
      app.register(zegoCallback, { ...callback, maxBodyBytes: 100 });
      const response = await app.inject({ method: 'POST', url: '/zego/callback', payload: { pad: 'x'.repeat(200) } });
      expect(response.statusCode).toBe(413);
      expect(response.json()).toMatchObject({ error: { code: 'CALLBACK_BODY_TOO_LARGE' } });
      expect(calls).toEqual(['hook /zego/callback']);
    });

    it('exports a named route handler, which reads the body the app parsed', async () => {
      const bodies: unknown[] = [];
      const handler = zegoCallbackHandler({ ...callback, onCallback: (body) => void bodies.push(body) });
      expect(handler.name).toBe('zegoCallbackRouteHandler');
      const app = createApp();
      app.post('/hooks/zego', handler);
      const body = signedCallback({ event: 'x' });
      expect((await app.inject({ method: 'POST', url: '/hooks/zego', payload: body })).statusCode).toBe(200);
      expect(bodies).toEqual([body]);
      expectCodedError(() => zegoCallbackHandler({ ...callback, path: '/x' } as never), 'OPTION_INVALID');
    });
  });
});
