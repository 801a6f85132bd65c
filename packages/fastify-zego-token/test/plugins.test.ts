// The built plugin beside the Fastify plugins its users run it with, over a real socket: @fastify/jwt
// decides the user (its `request.user` typed by declaration merging), @fastify/cors answers the
// preflight on the token route's path and adds its headers to the token response, and
// @fastify/rate-limit in a scope around the plugin limits the token route and nothing else.
import cors from '@fastify/cors';
import jwt from '@fastify/jwt';
import rateLimit from '@fastify/rate-limit';
import Fastify from 'fastify';
import zegoToken from 'fastify-zego-token';
import { describe, expect, it } from 'vitest';
import { decodeToken04 } from 'zego-token';
import { APP_ID, listen, SECRET } from '../../../test/support/index.js';

declare module '@fastify/jwt' {
  interface FastifyJWT {
    payload: { sub: string };
    user: { sub: string };
  }
}

const JWT_SECRET = 'a-test-only-jwt-secret-of-some-length';
const ORIGIN = 'https://app.example';

async function start() {
  const calls: string[] = [];
  const app = Fastify();
  await app.register(cors, { origin: [ORIGIN], credentials: true });
  await app.register(jwt, { secret: JWT_SECRET });
  await app.register(zegoToken, {
    appId: APP_ID,
    serverSecret: SECRET,
    methods: ['GET', 'POST'],
    resolveUser: async (request) => {
      calls.push('resolveUser');
      await request.jwtVerify();
      return request.user.sub;
    },
  });
  await app.ready();
  const { url } = await listen(app.server);
  return { app, url, calls };
}

describe('fastify-zego-token with @fastify/jwt and @fastify/cors', () => {
  it("issues a token for the JWT's subject, and answers 401 in the route's shape without one", async () => {
    const { app, url } = await start();
    const bearer = `Bearer ${app.jwt.sign({ sub: 'user_42' })}`;
    const response = await fetch(`${url}/zego/token`, { headers: { authorization: bearer } });
    expect(response.status).toBe(200);
    expect(decodeToken04(((await response.json()) as { token: string }).token, SECRET).userId).toBe('user_42');

    for (const headers of [{}, { authorization: 'Bearer not.a.jwt' }] as Array<Record<string, string>>) {
      const denied = await fetch(`${url}/zego/token`, { headers });
      expect(denied.status).toBe(401);
      expect(denied.headers.get('cache-control')).toBe('no-store');
      const body = (await denied.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toMatch(/^FST_JWT_/);
      expect(body.error.message).toBe('Unauthorized');
    }
  });

  it("leaves the preflight to @fastify/cors, and the token response carries CORS's headers", async () => {
    const { app, url, calls } = await start();
    const preflight = await fetch(`${url}/zego/token`, {
      method: 'OPTIONS',
      headers: { origin: ORIGIN, 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(calls).toEqual([]);

    const response = await fetch(`${url}/zego/token`, {
      method: 'POST',
      headers: { origin: ORIGIN, authorization: `Bearer ${app.jwt.sign({ sub: 'user_7' })}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(response.headers.get('access-control-allow-credentials')).toBe('true');
    expect(calls).toEqual(['resolveUser']);
  });

  it('takes a rate limit registered in a scope around it, which the rest of the app does not get', async () => {
    const app = Fastify();
    await app.register(
      async (zego) => {
        await zego.register(rateLimit, { max: 2, timeWindow: '1 minute' });
        await zego.register(zegoToken, { appId: APP_ID, serverSecret: SECRET, resolveUser: () => 'alice' });
      },
      { prefix: '/api' },
    );
    app.get('/elsewhere', async () => ({ ok: true }));
    await app.ready();
    const { url } = await listen(app.server);
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await fetch(`${url}/api/zego/token`)).status);
    expect(statuses).toEqual([200, 200, 429]);
    for (let i = 0; i < 3; i++) expect((await fetch(`${url}/elsewhere`)).status).toBe(200);
  });

  it("takes @fastify/rate-limit's per-route config through routeOptions", async () => {
    const app = Fastify();
    await app.register(rateLimit, { global: false });
    await app.register(zegoToken, {
      appId: APP_ID,
      serverSecret: SECRET,
      resolveUser: () => 'alice',
      routeOptions: { config: { rateLimit: { max: 2, timeWindow: '1 minute' } } },
    });
    app.get('/elsewhere', async () => ({ ok: true }));
    await app.ready();
    const { url } = await listen(app.server);
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await fetch(`${url}/zego/token`)).status);
    expect(statuses).toEqual([200, 200, 429]);
    for (let i = 0; i < 3; i++) expect((await fetch(`${url}/elsewhere`)).status).toBe(200);
  });
});
