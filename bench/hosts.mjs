// The plain host apps the route and memory benches run: Express 5 or Koa 3, no rate limiting,
// logging or other middleware, with three routes:
//   /zego/token   the adapter's middleware (the resolver reads the user from a header);
//   /bare         the cheapest route the app can have: a precomputed body of the same shape and size
//                 (a real token response), written the same way the adapter writes its response;
//   /crypto-only  the bare route plus one raw AES-256-GCM pass (createCipheriv with a cached key, a
//                 fresh IV, update/final/getAuthTag on a token-sized plaintext): a reference for what
//                 the cipher alone costs on this machine, i.e. the ceiling for any Token04 route.
// The bare routes are registered first: token requests pass their matchers, and bare requests never
// reach the token middleware.
import { createCipheriv, createSecretKey, randomFillSync } from 'node:crypto';
import { zegoToken as expressZegoToken } from 'express-zego-token';
import express from 'express5';
import { zegoToken as koaZegoToken } from 'koa-zego-token';
import Koa from 'koa3';
import { createClient } from 'redis';
import { decodeToken04 } from 'zego-token';
import { createTokenHandler } from 'zego-token/adapter';
import { createRedisRevocationStore } from 'zego-token/sign-out';
import { APP_ID, SECRET, USER_ID } from './common.mjs';

export const TOKEN_PATH = '/zego/token';
export const BARE_PATH = '/bare';
export const CRYPTO_PATH = '/crypto-only';
/** The header the load generator sends and the token route's resolver reads. */
export const USER_HEADER = 'x-user';
export const ROUTES = { token: TOKEN_PATH, bare: BARE_PATH, cryptoOnly: CRYPTO_PATH };
/** The revocation bench's app (`express-revocation`): the token route without and with the Redis check. */
export const REVOCATION_PATH = '/zego/token-revocation';
export const REVOCATION_ROUTES = { token: TOKEN_PATH, revocation: REVOCATION_PATH };

const HEADERS = {
  'Content-Type': 'application/json; charset=utf-8',
  'Cache-Control': 'no-store',
};

/** A real token response body, minted once, and the token's plaintext (for the crypto-only route). */
export async function fixtures() {
  const handler = createTokenHandler({ appId: APP_ID, serverSecret: SECRET, resolveUser: () => USER_ID });
  const { body } = await handler.handle();
  const claims = decodeToken04(JSON.parse(body).token, SECRET);
  const plaintext = JSON.stringify({
    app_id: claims.appId,
    user_id: claims.userId,
    nonce: claims.nonce,
    ctime: claims.issuedAt,
    expire: claims.expiresAt,
    payload: claims.payload,
  });
  return { body, plaintext };
}

/** One raw AES-256-GCM pass over `plaintext` per call: a cached key, a fresh IV, nothing else. */
export function cryptoPass(plaintext) {
  const key = createSecretKey(Buffer.from(SECRET, 'utf8'));
  let pool = Buffer.alloc(0);
  let offset = 0;
  return () => {
    if (offset + 12 > pool.length) {
      pool = randomFillSync(Buffer.allocUnsafeSlow(4096));
      offset = 0;
    }
    const iv = pool.subarray(offset, offset + 12);
    offset += 12;
    const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: 16 });
    cipher.update(plaintext, 'utf8');
    cipher.final();
    return cipher.getAuthTag();
  };
}

/**
 * Express 5 with the token route twice: as the route bench has it, and with the revocation store on the
 * Redis at `redisUrl` (node-redis); that resolver also says when the session began.
 */
async function createRevocationHost(redisUrl) {
  const redis = await createClient({ url: redisUrl }).connect();
  const revocation = createRedisRevocationStore({ sendCommand: (args) => redis.sendCommand(args) });
  const sessionIssuedAt = Date.now() - 60_000;
  const app = express();
  const base = { appId: APP_ID, serverSecret: SECRET };
  app.use(
    expressZegoToken({
      ...base,
      path: REVOCATION_PATH,
      revocation,
      resolveUser: (req) => ({ userId: req.get(USER_HEADER), sessionIssuedAt }),
    }),
  );
  app.use(expressZegoToken({ ...base, resolveUser: (req) => req.get(USER_HEADER) }));
  return app;
}

/** The request listener for `framework` ('express', 'koa', or 'express-revocation' with a Redis URL). */
export async function createHost(framework, redisUrl) {
  if (framework === 'express-revocation') return createRevocationHost(redisUrl);
  const { body, plaintext } = await fixtures();
  const encrypt = cryptoPass(plaintext);
  const options = {
    appId: APP_ID,
    serverSecret: SECRET,
    resolveUser: framework === 'koa' ? (ctx) => ctx.get(USER_HEADER) : (req) => req.get(USER_HEADER),
  };
  if (framework === 'express') {
    const app = express();
    const bare = (_req, res) => {
      res.statusCode = 200;
      for (const name in HEADERS) res.setHeader(name, HEADERS[name]);
      res.end(body);
    };
    app.get(BARE_PATH, bare);
    app.get(CRYPTO_PATH, (req, res) => {
      encrypt();
      bare(req, res);
    });
    app.use(expressZegoToken(options));
    return app;
  }
  if (framework === 'koa') {
    const app = new Koa();
    app.use(async (ctx, next) => {
      const path = ctx.path;
      if ((path !== BARE_PATH && path !== CRYPTO_PATH) || ctx.method !== 'GET') return next();
      if (path === CRYPTO_PATH) encrypt();
      ctx.status = 200;
      ctx.set(HEADERS);
      ctx.body = body;
    });
    app.use(koaZegoToken(options));
    return app.callback();
  }
  throw new Error(`unknown framework ${framework}`);
}
