// An "existing" Koa 3 app: its own sign-in (koa-session), @koa/router, CORS, rate limiting, and the
// ZEGO token route from koa-zego-token at GET /api/zego/token; with ZEGO_CALLBACK_SECRET, ZEGO's
// callbacks at POST /zego/callback (room callbacks feed room presence), POST /logout/everywhere, and with
// ZEGO_SERVER_API=1, one Server API call at GET /api/zego/room-users and kicks on sign-out-everywhere.
// `createApp` builds it without
// listening, so tests can drive it; server.js reads the environment and listens. With REDIS_URL,
// sessions (koa-session with a Redis store) and the token rate limit (koa-ratelimit's redis driver)
// live in Redis, shared by every instance; without it, in the signed cookie and this process.
import { STATUS_CODES } from 'node:http';
import { basename, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bodyParser } from '@koa/bodyparser';
import cors from '@koa/cors';
import Router from '@koa/router';
import { Redis } from 'ioredis';
import Koa from 'koa';
import helmet from 'koa-helmet';
import ratelimit from 'koa-ratelimit';
import send from 'koa-send';
import session from 'koa-session';
import serve from 'koa-static';
import { zegoCallback, zegoTokenHandler } from 'koa-zego-token';
import { ZEGO_USER_ID_PATTERN } from 'zego-token';
import { callbackRouteOptions } from '../../shared/callbacks.js';
import { DEFAULT_TOKEN_RATE_LIMIT, PUBLIC_DIR, ROOM_USERS_PATH } from '../../shared/config.js';
import {
  REDIS_COMMAND_TIMEOUT_MS,
  REDIS_KEY_PREFIX,
  reconnectDelay,
  redisIdempotencyStore,
  reportRedisOutages,
  STORE_UNAVAILABLE_ERROR,
} from '../../shared/redis.js';
import { CROSS_SITE_ERROR, isCrossSiteWrite, SECURITY_HEADERS, tokenRateLimitKey } from '../../shared/security.js';
import { roomUsersRoute } from '../../shared/server-api.js';
import { createSignOutPieces, LOGOUT_EVERYWHERE_PATH } from '../../shared/sign-out.js';

/** @typedef {import('../../shared/config.js').ExampleConfig} ExampleConfig */

export const TOKEN_PATH = '/api/zego/token';
/** The browser build of `zego-token/client` (ESM, no Node imports), served to the demo page as-is. */
export const CLIENT_MODULE_PATH = '/vendor/zego-token-client.js';
const CLIENT_MODULE_FILE = fileURLToPath(import.meta.resolve('zego-token/client'));
/** For the start-up banner: where sessions and rate-limit counts live without REDIS_URL. */
export const STATE_WITHOUT_REDIS =
  "sessions in the signed cookie (sign-out cannot revoke a copy), rate-limit counts in this process's memory";

/**
 * @param {import('koa').Context} ctx
 * @param {number} status
 * @param {string} code
 * @param {string} message
 */
function sendError(ctx, status, code, message) {
  ctx.status = status;
  ctx.body = { error: { code, message } };
}

/**
 * A Redis client that fails fast while Redis is unreachable (no offline queue, no retry of a command:
 * a request gets a 503 at once instead of waiting) and reconnects by itself for as long as it takes.
 * @param {string} url
 * @param {(message: string) => void} log
 */
function connectRedis(url, log) {
  const client = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
    retryStrategy: reconnectDelay,
  });
  return { client, outages: reportRedisOutages(client, url, log) };
}

/**
 * koa-session's external store on Redis: the cookie holds only a random session ID, so signing out
 * deletes the session everywhere, whichever instance handles the next request.
 * @param {Redis} redis
 */
function redisSessionStore(redis) {
  const key = (/** @type {string} */ id) => `${REDIS_KEY_PREFIX}koa:sess:${id}`;
  return {
    /** @param {string} id */
    get: async (id) => {
      const saved = await redis.get(key(id));
      return saved === null ? undefined : JSON.parse(saved);
    },
    /** @param {string} id @param {object} session @param {number} maxAge */
    set: async (id, session, maxAge) => {
      await redis.set(key(id), JSON.stringify(session), 'PX', maxAge);
    },
    /** @param {string} id */
    destroy: async (id) => {
      await redis.del(key(id));
    },
  };
}

/**
 * Builds the app. Nothing listens until you call `app.listen()` (or `http.createServer(app.callback())`).
 * @param {ExampleConfig} config
 * @returns {Koa}
 */
export function createApp(config) {
  const log = config.log ?? (() => {});
  const allowedOrigins = new Set(config.corsOrigins ?? []);
  const { client: redis, outages } = config.redisUrl === undefined ? {} : connectRedis(config.redisUrl, log);
  // The revocation store, room presence and sign-out-everywhere (shared/sign-out.js): in Redis with
  // REDIS_URL, so a sign-out on one instance holds on every other. Without it, in this process: the
  // revocation store is what makes a copied session cookie worthless after a sign-out everywhere.
  const signOut = createSignOutPieces(config, {
    log,
    sendCommand: redis && (([command = '', ...args]) => redis.call(command, ...args)),
    prefix: `${REDIS_KEY_PREFIX}koa:`,
  });
  const app = new Koa();
  // Signs the session cookie.
  app.keys = [config.sessionSecret];
  // Behind one reverse proxy (TRUST_PROXY=1) this is `app.proxy = true` with `app.maxIpsCount = 1`:
  // ctx.ip is then the address the proxy appended to X-Forwarded-For. Without maxIpsCount, Koa takes
  // the first entry, which the client chose, so every request could pick its own rate-limit bucket.
  const trustProxy = config.trustProxy ?? 0;
  app.proxy = trustProxy > 0;
  app.maxIpsCount = trustProxy;
  // Content-Security-Policy, nosniff, no framing, no referrer: see shared/security.js.
  app.use(helmet(SECURITY_HEADERS));

  // Errors become JSON: the body parser's 400s as they are, anything unexpected as a 500.
  app.use(async (ctx, next) => {
    try {
      await next();
    } catch (error) {
      const err =
        /** @type {{ status?: number, expose?: boolean, message?: string, headers?: Record<string, string> }} */ (
          error
        );
      const status = Number(err?.status);
      if (err?.headers) ctx.set(err.headers);
      if (Number.isInteger(status) && status >= 400 && status < 500) {
        // The body parser's errors: malformed JSON (a SyntaxError), a body too large, …
        if (error instanceof SyntaxError) return sendError(ctx, 400, 'INVALID_JSON', 'The body is not valid JSON');
        const message = err.expose === true ? String(err.message) : (STATUS_CODES[status] ?? 'Bad Request');
        sendError(ctx, status, 'BAD_REQUEST', message);
        return;
      }
      // Redis is unreachable: the session or the rate-limit count could not be read (or saved), so nothing
      // is served on trust. The outage is logged once, when it starts; recovery is automatic.
      const timedOut = err?.message === 'Command timed out';
      if (redis !== undefined && (redis.status !== 'ready' || timedOut)) {
        if (timedOut) outages?.timedOut();
        const { status: unavailable, code, message, retryAfterSeconds } = STORE_UNAVAILABLE_ERROR;
        ctx.set('Retry-After', String(retryAfterSeconds));
        sendError(ctx, unavailable, code, message);
        return;
      }
      ctx.app.emit('error', error, ctx);
      sendError(ctx, 500, 'INTERNAL_ERROR', 'Internal Server Error');
    }
  });

  // ZEGO's callbacks (with ZEGO_CALLBACK_SECRET): a server-to-server POST, authenticated by its signature,
  // not by a cookie or an Origin. So it comes before the cross-site check (which is for browsers' cookies),
  // sessions (it has none, and sets none) and the body parser (the route reads its own body, bounded), and
  // after the error handler above (a failure is a 5xx, so ZEGO retries). Each callback is handled once (the
  // route's `idempotency`): recorded in Redis with REDIS_URL (every instance sees it), else in this process.
  if (config.callbackSecret !== undefined) {
    const store = redis
      ? redisIdempotencyStore(
          ([command = '', ...args]) => redis.call(command, ...args),
          `${REDIS_KEY_PREFIX}koa:callback:`,
        )
      : undefined;
    const onEvent = signOut.trackPresence;
    app.use(zegoCallback(callbackRouteOptions({ callbackSecret: config.callbackSecret, log, store, onEvent })));
  }

  // CORS for the listed origins only, with cookies. A page on another origin calls the token route
  // with `credentials: 'include'`; any other origin gets no CORS headers, so its page cannot read the answer.
  app.use(
    cors({
      origin: (ctx) => {
        const origin = ctx.get('Origin');
        return allowedOrigins.has(origin) ? origin : '';
      },
      credentials: true,
      exposeHeaders: ['Retry-After'],
    }),
  );

  // Signing in and out (any POST) only from this app's own pages and the CORS origins: a form on another
  // site, or on another port of this one, cannot sign the user out or into an account of its choosing.
  app.use(async (ctx, next) => {
    const request = {
      method: ctx.method,
      fetchSite: ctx.get('Sec-Fetch-Site') || undefined,
      origin: ctx.get('Origin') || undefined,
      host: ctx.host,
    };
    if (!isCrossSiteWrite(request, allowedOrigins)) return next();
    sendError(ctx, CROSS_SITE_ERROR.status, CROSS_SITE_ERROR.code, CROSS_SITE_ERROR.message);
  });

  // The demo page and the client module it imports come before sessions: they need none, so they are
  // served even while the session store is unreachable.
  app.use(serve(PUBLIC_DIR));
  app.use(async (ctx, next) => {
    if (ctx.path !== CLIENT_MODULE_PATH || (ctx.method !== 'GET' && ctx.method !== 'HEAD')) return next();
    await send(ctx, basename(CLIENT_MODULE_FILE), { root: dirname(CLIENT_MODULE_FILE) });
    ctx.type = 'text/javascript';
  });

  // No `secure` option is koa-session's `secure: 'auto'`: the cookie is marked Secure when the request
  // came over HTTPS (directly, or through a trusted proxy's X-Forwarded-Proto), so it is never sent back
  // over plain HTTP; on http://127.0.0.1 the demo still works. Serve real sign-ins over HTTPS only.
  // Without REDIS_URL the (signed) session lives in the cookie itself, and signing out cannot revoke a
  // copy of it; with REDIS_URL the cookie holds a session ID and the session lives in Redis.
  app.use(
    session(
      {
        key: 'zego-demo.sess',
        httpOnly: true,
        sameSite: 'lax',
        signed: true,
        maxAge: 24 * 60 * 60 * 1000,
        store: redis && redisSessionStore(redis),
      },
      app,
    ),
  );
  app.use(bodyParser({ enableTypes: ['json'] }));

  const router = new Router();

  // The app's own sign-in. A real app checks a password or an SSO assertion here; the demo trusts the
  // userId it is given, after checking it is one ZEGO accepts.
  router.post('/login', async (ctx) => {
    const userId = /** @type {{ userId?: unknown } | undefined} */ (ctx.request.body)?.userId;
    if (typeof userId !== 'string' || !ZEGO_USER_ID_PATTERN.test(userId)) {
      sendError(
        ctx,
        400,
        'USER_ID_INVALID',
        'Send JSON { "userId": "…" }: 1 to 64 letters, digits or ~!@#$%^&*()_+=-`;\',.<>/\\ (the characters ZEGO accepts)',
      );
      return;
    }
    // A fresh session at sign-in, under a new ID (in Redis, the old one is deleted): nothing from before it
    // carries over, and an ID planted before sign-in is worthless (session fixation).
    // signedInAt: when this session began; a sign-out everywhere refuses tokens to every older session.
    ctx.session = { user: { id: userId, signedInAt: Date.now() } };
    await ctx.session.regenerate();
    log(`signed in: ${userId}`);
    ctx.body = { user: { id: userId } };
  });

  router.post('/logout', (ctx) => {
    const userId = ctx.session?.user?.id;
    ctx.session = null;
    if (userId !== undefined) log(`signed out: ${userId}`);
    ctx.status = 204;
  });

  // Signs the user out of every device: every session's token requests get 401 SESSION_REVOKED (on every
  // instance), ZEGO kicks them from their rooms, and this session ends too. A 503 means nothing was done.
  router.post(LOGOUT_EVERYWHERE_PATH, async (ctx) => {
    const { status, body, headers } = await signOut.logoutEverywhere(ctx.session?.user?.id);
    if (status !== 503 && status !== 401) ctx.session = null;
    ctx.status = status;
    ctx.set({ 'Cache-Control': 'no-store', ...headers });
    ctx.body = body;
  });

  router.get('/me', (ctx) => {
    const id = ctx.session?.user?.id;
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { user: id === undefined ? null : { id } };
  });

  // The token route: a signed-in user gets a token for their own userId; nobody else gets one (401).
  // The limit is keyed by user once signed in, so that anonymous requests cannot lock a user out.
  // koa-ratelimit counts in Redis with REDIS_URL (shared by every instance), else in this Map. A Redis
  // error is thrown to the error handler above (a 503), never skipped: no token without a count.
  const { windowMs, limit } = config.tokenRateLimit ?? DEFAULT_TOKEN_RATE_LIMIT;
  router.get(
    TOKEN_PATH,
    ratelimit({
      ...(redis === undefined
        ? { driver: 'memory', db: new Map() }
        : { driver: 'redis', db: redis, namespace: `${REDIS_KEY_PREFIX}koa:token-rate` }),
      duration: windowMs,
      max: limit,
      id: (ctx) => tokenRateLimitKey(ctx.session?.user?.id, ctx.ip),
      // Sent as the 429's JSON body, like every other error here.
      errorMessage: { error: { code: 'RATE_LIMITED', message: 'Too many token requests: try again later' } },
    }),
    zegoTokenHandler({
      appId: config.appId,
      serverSecret: config.serverSecret,
      effectiveTimeInSeconds: config.tokenTtl,
      // Who the user is, and since when (ms): the revocation store refuses sessions older than a sign-out.
      resolveUser: (ctx) => {
        const user = ctx.session?.user;
        return user && { userId: user.id, sessionIssuedAt: user.signedInAt };
      },
      revocation: signOut.revocation,
      onIssued: ({ userId, expiresAt }) =>
        log(`token issued: ${userId}, expires ${new Date(expiresAt * 1000).toISOString()}`),
    }),
  );

  // One ZEGO Server API call for the signed-in user (ZEGO_SERVER_API=1); without it, the 404 below.
  const roomUsers = roomUsersRoute(config, log);
  if (roomUsers !== undefined) {
    router.get(ROOM_USERS_PATH, async (ctx) => {
      const { status, body } = await roomUsers(ctx.session?.user?.id, ctx.query.roomId);
      ctx.status = status;
      ctx.set('Cache-Control', 'no-store');
      ctx.body = body;
    });
  }

  app.use(router.routes());
  app.use(router.allowedMethods());
  // Unknown API routes answer JSON rather than Koa's plain-text 404.
  app.use((ctx) => {
    if (ctx.path.startsWith('/api/')) sendError(ctx, 404, 'NOT_FOUND', 'Not Found');
  });

  return app;
}
