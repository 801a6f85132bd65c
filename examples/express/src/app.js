// An "existing" Express 5 app: its own sign-in (express-session), CORS, rate limiting, and the
// ZEGO token route from express-zego-token at GET /api/zego/token; with ZEGO_CALLBACK_SECRET, ZEGO's
// callbacks at POST /zego/callback (room callbacks feed room presence), POST /logout/everywhere, and with
// ZEGO_SERVER_API=1, one Server API call at GET /api/zego/room-users and kicks on sign-out-everywhere. `createApp` builds it without
// listening, so tests can drive it; server.js reads the environment and listens. With REDIS_URL,
// sessions (connect-redis) and the token rate limit (rate-limit-redis) live in Redis, shared by
// every instance; without it, in this process.
import { STATUS_CODES } from 'node:http';
import { fileURLToPath } from 'node:url';
import { RedisStore as RedisSessionStore } from 'connect-redis';
import cors from 'cors';
import express from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import session from 'express-session';
import { zegoCallback, zegoToken } from 'express-zego-token';
import helmet from 'helmet';
import { RedisStore as RedisRateLimitStore } from 'rate-limit-redis';
import { createClient } from 'redis';
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
  whenReady,
} from '../../shared/redis.js';
import { CROSS_SITE_ERROR, isCrossSiteWrite, SECURITY_HEADERS, tokenRateLimitKey } from '../../shared/security.js';
import { roomUsersRoute } from '../../shared/server-api.js';
import { createSignOutPieces, LOGOUT_EVERYWHERE_PATH } from '../../shared/sign-out.js';

/** @typedef {import('../../shared/config.js').ExampleConfig} ExampleConfig */

export const TOKEN_PATH = '/api/zego/token';
/** The browser build of `zego-token/client` (ESM, no Node imports), served to the demo page as-is. */
export const CLIENT_MODULE_PATH = '/vendor/zego-token-client.js';
const CLIENT_MODULE_FILE = fileURLToPath(import.meta.resolve('zego-token/client'));
const SESSION_COOKIE_NAME = 'zego-demo.sid';
/**
 * `secure: 'auto'`: the cookie is marked Secure when the request came over HTTPS (directly, or through
 * a trusted proxy's X-Forwarded-Proto), so it is never sent back over plain HTTP; on http://127.0.0.1
 * the demo still works. Serve real sign-ins over HTTPS only.
 * @type {import('express-session').CookieOptions}
 */
const SESSION_COOKIE = { httpOnly: true, sameSite: 'lax', secure: 'auto' };
/** For the start-up banner: where sessions and rate-limit counts live without REDIS_URL. */
export const STATE_WITHOUT_REDIS =
  "sessions (express-session's MemoryStore) and rate-limit counts in this process's memory";

/**
 * @param {import('express').Response} res
 * @param {number} status
 * @param {string} code
 * @param {string} message
 */
function sendError(res, status, code, message) {
  res.status(status).json({ error: { code, message } });
}

/**
 * A Redis client that fails fast while Redis is unreachable (no offline queue: a request gets a 503 at
 * once instead of waiting) and reconnects by itself for as long as it takes.
 * @param {string} url
 * @param {(message: string) => void} log
 */
function connectRedis(url, log) {
  const client = createClient({
    url,
    disableOfflineQueue: true,
    // node-redis times out only commands it has not sent yet. A Redis that accepts connections but has
    // stopped answering is found by silence instead: a PING every second keeps a healthy connection busy,
    // and a connection silent for longer than the timeout is closed, which is an outage like any other.
    pingInterval: 1000,
    socket: {
      socketTimeout: REDIS_COMMAND_TIMEOUT_MS,
      connectTimeout: REDIS_COMMAND_TIMEOUT_MS,
      reconnectStrategy: reconnectDelay,
    },
  });
  reportRedisOutages(client, url, log);
  // A failed first attempt is an 'error' event like any other, and the client keeps trying.
  client.connect().catch(() => {});
  return client;
}

/**
 * Builds the app. Nothing listens until you call `app.listen()`.
 * @param {ExampleConfig} config
 * @returns {import('express').Express}
 */
export function createApp(config) {
  const log = config.log ?? (() => {});
  const allowedOrigins = new Set(config.corsOrigins ?? []);
  const redis = config.redisUrl === undefined ? undefined : connectRedis(config.redisUrl, log);
  // The revocation store, room presence and sign-out-everywhere (shared/sign-out.js): in Redis with
  // REDIS_URL, so a sign-out on one instance holds on every other.
  const signOut = createSignOutPieces(config, {
    log,
    sendCommand: redis && ((command) => redis.sendCommand(command)),
    prefix: `${REDIS_KEY_PREFIX}express:`,
  });
  const app = express();
  app.disable('x-powered-by');
  // Behind a reverse proxy (TRUST_PROXY=1): believe the address and protocol it forwards, so that the
  // rate limiter sees client addresses and the session cookie is marked Secure for HTTPS requests.
  // Count only the proxies you run: each one trusted lets the next X-Forwarded-For entry choose the address.
  if ((config.trustProxy ?? 0) > 0) app.set('trust proxy', config.trustProxy);
  // Content-Security-Policy, nosniff, no framing, no referrer: see shared/security.js.
  app.use(helmet(SECURITY_HEADERS));

  // ZEGO's callbacks (with ZEGO_CALLBACK_SECRET): a server-to-server POST, authenticated by its signature,
  // not by a cookie or an Origin. So it comes before the cross-site check (which is for browsers' cookies),
  // sessions (it has none, and sets none) and the JSON parser (the route reads its own body, bounded). Each
  // callback is handled once (the route's `idempotency`): recorded in Redis with REDIS_URL (every instance sees
  // it), else in this process.
  if (config.callbackSecret !== undefined) {
    const store = redis
      ? redisIdempotencyStore((command) => redis.sendCommand(command), `${REDIS_KEY_PREFIX}express:callback:`)
      : undefined;
    const onEvent = signOut.trackPresence;
    app.use(zegoCallback(callbackRouteOptions({ callbackSecret: config.callbackSecret, log, store, onEvent })));
  }

  // CORS for the listed origins only, with cookies. A page on another origin calls the token route
  // with `credentials: 'include'`; any other origin gets no CORS headers, so its page cannot read the answer.
  app.use(
    cors({
      origin: (origin, callback) => callback(null, origin !== undefined && allowedOrigins.has(origin)),
      credentials: true,
      exposedHeaders: ['Retry-After'],
    }),
  );

  // Signing in and out (any POST) only from this app's own pages and the CORS origins: a form on another
  // site, or on another port of this one, cannot sign the user out or into an account of its choosing.
  app.use((req, res, next) => {
    const { method, host } = req;
    const request = { method, fetchSite: req.get('Sec-Fetch-Site'), origin: req.get('Origin'), host };
    if (!isCrossSiteWrite(request, allowedOrigins)) return next();
    sendError(res, CROSS_SITE_ERROR.status, CROSS_SITE_ERROR.code, CROSS_SITE_ERROR.message);
  });

  // The demo page and the client module it imports come before sessions: they need none, so they are
  // served even while the session store is unreachable.
  app.get(CLIENT_MODULE_PATH, (_req, res, next) => {
    res.type('text/javascript').sendFile(CLIENT_MODULE_FILE, (error) => error && next(error));
  });
  app.use(express.static(PUBLIC_DIR));

  app.use(
    session({
      name: SESSION_COOKIE_NAME,
      secret: config.sessionSecret,
      resave: false,
      saveUninitialized: false,
      // Without REDIS_URL, the default MemoryStore: one process only (express-session itself says it leaks
      // memory and is not for production). In Redis, a session expires with its cookie, and no request
      // needs to touch it.
      store:
        redis &&
        new RedisSessionStore({ client: redis, prefix: `${REDIS_KEY_PREFIX}express:sess:`, disableTouch: true }),
      cookie: { ...SESSION_COOKIE, maxAge: 24 * 60 * 60 * 1000 },
    }),
  );
  app.use(express.json());

  // The app's own sign-in. A real app checks a password or an SSO assertion here; the demo trusts the
  // userId it is given, after checking it is one ZEGO accepts.
  app.post('/login', (req, res, next) => {
    const userId = req.body?.userId;
    if (typeof userId !== 'string' || !ZEGO_USER_ID_PATTERN.test(userId)) {
      sendError(
        res,
        400,
        'USER_ID_INVALID',
        'Send JSON { "userId": "…" }: 1 to 64 letters, digits or ~!@#$%^&*()_+=-`;\',.<>/\\ (the characters ZEGO accepts)',
      );
      return;
    }
    // A new session ID at sign-in, so a session ID planted before it is worthless (session fixation).
    req.session.regenerate((error) => {
      if (error) return next(error);
      // When this session began: a sign-out everywhere refuses tokens to every session older than it.
      req.session.user = { id: userId, signedInAt: Date.now() };
      req.session.save((saveError) => {
        if (saveError) return next(saveError);
        log(`signed in: ${userId}`);
        res.json({ user: { id: userId } });
      });
    });
  });

  app.post('/logout', (req, res, next) => {
    const userId = req.session.user?.id;
    req.session.destroy((error) => {
      if (error) return next(error);
      if (userId !== undefined) log(`signed out: ${userId}`);
      res.clearCookie(SESSION_COOKIE_NAME, { ...SESSION_COOKIE, secure: req.secure });
      res.status(204).end();
    });
  });

  // Signs the user out of every device: every session's token requests get 401 SESSION_REVOKED (on every
  // instance), ZEGO kicks them from their rooms, and this session ends too. A 503 means nothing was done.
  app.post(LOGOUT_EVERYWHERE_PATH, (req, res, next) => {
    signOut.logoutEverywhere(req.session.user?.id).then(({ status, body, headers }) => {
      res.status(status).set({ 'Cache-Control': 'no-store', ...headers });
      if (status === 503 || status === 401) return res.json(body);
      req.session.destroy((error) => {
        if (error) return next(error);
        res.clearCookie(SESSION_COOKIE_NAME, { ...SESSION_COOKIE, secure: req.secure });
        res.json(body);
      });
    }, next);
  });

  app.get('/me', (req, res) => {
    const id = req.session.user?.id;
    res.set('Cache-Control', 'no-store').json({ user: id === undefined ? null : { id } });
  });

  // The token route: a signed-in user gets a token for their own userId; nobody else gets one (401).
  // The rate limit is explicit (express-rate-limit 8 would otherwise allow 5 requests a minute) and
  // keyed by user once signed in, so that anonymous requests cannot lock a user out.
  const { windowMs, limit } = config.tokenRateLimit ?? DEFAULT_TOKEN_RATE_LIMIT;
  // No count can be kept while Redis is unreachable: refuse at once (a 503 from the error handler) rather
  // than let the store wait for scripts it has not loaded yet, when Redis has not been up since the start.
  const requireRedis = /** @type {import('express').RequestHandler} */ (_req, _res, next) =>
    next(redis === undefined || redis.isReady ? undefined : new Error('Redis is not connected'));
  app.use(
    TOKEN_PATH,
    requireRedis,
    rateLimit({
      windowMs,
      limit,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      keyGenerator: (req) => tokenRateLimitKey(req.session.user?.id, ipKeyGenerator(req.ip ?? '')),
      message: { error: { code: 'RATE_LIMITED', message: 'Too many token requests: try again later' } },
      // Counted in Redis with REDIS_URL, so the limit holds across instances. A store error is passed to
      // the error handler (a 503 below), never skipped: no token without a count.
      store:
        redis &&
        new RedisRateLimitStore({
          prefix: `${REDIS_KEY_PREFIX}express:token-rate:`,
          // The store loads its scripts once (SCRIPT LOAD) and keeps a failure for good: those wait for
          // Redis to be ready; every other command fails at once while it is not.
          sendCommand: async (...command) => {
            if (command[0] === 'SCRIPT') await whenReady(redis, () => redis.isReady);
            return redis.sendCommand(command);
          },
        }),
    }),
  );
  app.use(
    zegoToken({
      path: TOKEN_PATH,
      appId: config.appId,
      serverSecret: config.serverSecret,
      effectiveTimeInSeconds: config.tokenTtl,
      // Who the user is, and since when (ms): the revocation store refuses sessions older than a sign-out.
      resolveUser: (req) => {
        const user = req.session.user;
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
    app.get(ROOM_USERS_PATH, (req, res, next) => {
      roomUsers(req.session.user?.id, req.query.roomId).then(({ status, body }) => {
        res.status(status).set('Cache-Control', 'no-store').json(body);
      }, next);
    });
  }

  // Unknown API routes answer JSON, not the HTML 404 page (Express 5 wildcard syntax).
  app.all('/api/{*splat}', (_req, res) => sendError(res, 404, 'NOT_FOUND', 'Not Found'));

  /** @type {import('express').ErrorRequestHandler} */
  const onError = (error, _req, res, next) => {
    // Redis is unreachable: the session or the rate-limit count could not be read, so nothing is served
    // on trust. The outage is logged once, when it starts; recovery is automatic. An error after the
    // answer went out (express-session saving a session as the 503 ends) has nothing left to answer.
    if (redis !== undefined && !redis.isReady) {
      if (res.headersSent) return;
      const { status: unavailable, code, message, retryAfterSeconds } = STORE_UNAVAILABLE_ERROR;
      res.set('Retry-After', String(retryAfterSeconds));
      sendError(res, unavailable, code, message);
      return;
    }
    if (res.headersSent) return next(error);
    const status = Number(error?.status ?? error?.statusCode);
    if (Number.isInteger(status) && status >= 400 && status < 500) {
      // express.json()'s errors: malformed JSON, a body too large, …
      if (error.type === 'entity.parse.failed')
        return sendError(res, 400, 'INVALID_JSON', 'The body is not valid JSON');
      const message = error.expose === true ? String(error.message) : (STATUS_CODES[status] ?? 'Bad Request');
      sendError(res, status, 'BAD_REQUEST', message);
      return;
    }
    console.error(error);
    sendError(res, 500, 'INTERNAL_ERROR', 'Internal Server Error');
  };
  app.use(onError);

  return app;
}
