// docs/route.md's "Behind Passport or koa-jwt" and docs/fastify.md's resolveUser: auth middleware that
// answers its own 401 (Passport's and koa-jwt's are plain text) hides the route's JSON 401 from the
// client. The documented wiring lets unauthenticated requests reach the route, which answers
// `{ "error": { "code": "UNAUTHENTICATED" } }`. The blocks compile as a user would paste them, and the
// same wiring runs here over supertest (Express 4 and 5, Koa 2 and 3) and inject (Fastify).
import { createHmac } from 'node:crypto';
import jwtPlugin from '@fastify/jwt';
import Router from '@koa/router';
import { zegoTokenHandler } from 'express-zego-token';
import express4 from 'express4';
import express5 from 'express5';
import Fastify from 'fastify';
import fastifyZegoToken from 'fastify-zego-token';
import type KoaApp from 'koa';
import koaJwt from 'koa-jwt';
import { zegoTokenHandler as koaZegoTokenHandler } from 'koa-zego-token';
import koa2 from 'koa2';
import koa3 from 'koa3';
import { Passport } from 'passport';
import { ExtractJwt, Strategy as JwtStrategy } from 'passport-jwt';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { decodeToken04 } from 'zego-token';
import { APP_ID, SECRET } from '../support/index.js';
import { codeBlockModules, readDoc, typeCheck } from './markdown.js';

const JWT_SECRET = 'a-test-only-jwt-secret-of-some-length';
const ZEGO = { appId: APP_ID, serverSecret: SECRET };
const UNAUTHENTICATED = { error: { code: 'UNAUTHENTICATED', message: 'Sign in to get a ZEGO token' } };

/** An HS256 JWT written here with node:crypto, apart from the libraries under test. */
function hs256(payload: Record<string, unknown>, secret = JWT_SECRET): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(payload)}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

const now = () => Math.floor(Date.now() / 1000);
const VALID = `Bearer ${hs256({ sub: 'alice', iat: now(), exp: now() + 600 })}`;
/** No header, a token signed with another secret, an expired one, and not a JWT. */
const REFUSED: Array<Record<string, string>> = [
  {},
  { authorization: `Bearer ${hs256({ sub: 'mallory' }, 'another-secret-of-some-length')}` },
  { authorization: `Bearer ${hs256({ sub: 'alice', exp: now() - 60 })}` },
  { authorization: 'Bearer not.a.jwt' },
];

/** Every refused request gets the route's JSON 401; a valid JWT gets a token for its subject. */
async function expectRouteAnswers(
  get: (headers: Record<string, string>) => Promise<{ status: number; body: unknown }>,
) {
  for (const headers of REFUSED) {
    const { status, body } = await get(headers);
    expect({ headers, status, body }).toEqual({ headers, status: 401, body: UNAUTHENTICATED });
  }
  const ok = await get({ authorization: VALID });
  expect(ok.status).toBe(200);
  expect(decodeToken04((ok.body as { token: string }).token, SECRET).userId).toBe('alice');
}

it('docs/route.md and docs/fastify.md: the TypeScript blocks compile under the strict tsconfig', async () => {
  expect(readDoc('docs/route.md')).toContain('## Behind Passport or koa-jwt');
  const modules = codeBlockModules(['docs/route.md']);
  expect(Object.keys(modules).length).toBeGreaterThanOrEqual(2);
  expect(await typeCheck('.tmp/route-snippets', modules, { declaration: false })).toBe('');
}, 120_000);

/** Express with Passport as docs/route.md wires it (`optional`), or as it ends the request itself. */
function passportApp(express: typeof express4, optional: boolean) {
  // An instance of its own, as `passport` is in the docs; the strategy as docs/route.md writes it.
  const passport = new Passport();
  const jwtFromRequest = ExtractJwt.fromAuthHeaderAsBearerToken();
  passport.use(
    new JwtStrategy({ jwtFromRequest, secretOrKey: JWT_SECRET }, (payload: { sub: string }, done) =>
      done(null, { id: payload.sub }),
    ),
  );
  const optionalJwt: import('express').RequestHandler = (req, res, next) => {
    passport.authenticate('jwt', { session: false }, (error: unknown, user: { id: string } | false) => {
      if (error) return next(error);
      if (user) req.user = user;
      next();
    })(req, res, next);
  };
  const strict = passport.authenticate('jwt', { session: false });
  const server = express();
  server.get(
    '/api/zego/token',
    optional ? optionalJwt : strict,
    zegoTokenHandler({ ...ZEGO, resolveUser: (req) => (req.user as { id?: string } | undefined)?.id }),
  );
  return server;
}

/** Koa with koa-jwt on the token route, with `passthrough` as docs/route.md has it or without. */
function koaJwtApp(Koa: typeof koa2, passthrough: boolean) {
  const router = new Router();
  router.get(
    '/api/zego/token',
    koaJwt({ secret: JWT_SECRET, passthrough }),
    koaZegoTokenHandler({ ...ZEGO, resolveUser: (ctx) => (ctx.state.user as { sub?: string } | undefined)?.sub }),
  );
  const server = new (Koa as unknown as new () => KoaApp)();
  server.silent = true;
  return server.use(router.routes()).callback();
}

describe.each([
  ['Passport (passport-jwt) under Express 4', (optional: boolean) => passportApp(express4, optional)],
  ['Passport (passport-jwt) under Express 5', (optional: boolean) => passportApp(express5, optional)],
  ['koa-jwt under Koa 2', (optional: boolean) => koaJwtApp(koa2, optional)],
  ['koa-jwt under Koa 3', (optional: boolean) => koaJwtApp(koa3, optional)],
] as const)('%s', (_, app) => {
  it('answers plain text itself when it ends the request (the problem)', async () => {
    const response = await request(app(false)).get('/api/zego/token');
    expect(response.status).toBe(401);
    expect(response.headers['content-type'] ?? '').not.toContain('json');
  });

  it("wired as documented: the route's JSON 401 without a valid JWT, a token with one", async () => {
    await expectRouteAnswers((headers) => request(app(true)).get('/api/zego/token').set(headers));
  });
});

describe('@fastify/jwt', () => {
  it("with jwtVerify() caught in resolveUser, as docs/fastify.md has it: the route's JSON 401, a token with a valid JWT", async () => {
    const app = Fastify();
    await app.register(jwtPlugin, { secret: JWT_SECRET });
    await app.register(fastifyZegoToken, {
      ...ZEGO,
      prefix: '/api',
      resolveUser: (req) =>
        req.jwtVerify<{ sub: string }>().then(
          ({ sub }) => sub,
          () => undefined,
        ),
    });
    await expectRouteAnswers(async (headers) => {
      const response = await app.inject({ url: '/api/zego/token', headers });
      return { status: response.statusCode, body: response.json() };
    });
    const documented = readDoc('docs/fastify.md').replace(/\s+/g, '');
    expect(documented).toContain('request.jwtVerify().then(()=>request.user.sub,()=>undefined');
  });
});
