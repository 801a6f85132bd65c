// REDIS_URL, shared by the Express and Koa examples: what they do when the shared store is out of reach.
// Each app makes its own client (connect-redis needs `redis`, koa-ratelimit needs `ioredis`); both
// clients emit the same 'error' and 'ready' events, so the outage report and the answer are written once.

/**
 * The prefix of every key the examples write, so that they can share a Redis with other apps. Each
 * example adds its name: their sessions and counters are stored in different shapes.
 */
export const REDIS_KEY_PREFIX = 'zego-demo:';

/**
 * What the routes that need a session or a rate-limit count answer while Redis is unreachable: the
 * request is refused (fail closed) rather than served without knowing who is signed in or how many
 * tokens they had. 503 with Retry-After is what `zego-token/client` retries by itself.
 */
export const STORE_UNAVAILABLE_ERROR = {
  status: 503,
  code: 'STORE_UNAVAILABLE',
  message: 'Sign-ins cannot be checked right now (the session store is unreachable): try again in a few seconds',
  retryAfterSeconds: 2,
};

/**
 * How long Redis may stay silent while a request waits for it (ms): a command's timeout (ioredis), or a
 * connection's (redis, which pings every second). A Redis that accepts connections but has stopped
 * answering (frozen, overloaded, a partition that drops packets) would otherwise hold every request.
 */
export const REDIS_COMMAND_TIMEOUT_MS = 2000;

/**
 * How long to wait before reconnecting, for either client's retry option: soon after a blip, then
 * every second, for as long as it takes. The examples never give up, so they recover without a restart.
 * @param {number} attempt 1, 2, … (ioredis) or 0, 1, … (redis)
 */
export function reconnectDelay(attempt) {
  return Math.min((attempt + 1) * 100, 1000);
}

/**
 * The URL without its user name and password, for the banner and the log.
 * @param {string} url
 */
export function redactRedisUrl(url) {
  const parsed = new URL(url);
  parsed.username = '';
  parsed.password = '';
  return parsed.href;
}

/**
 * Reports the client's first connection to `log`, and its outages: once when Redis becomes unreachable
 * (the client emits an error on every reconnection attempt), once when it is back. Listening to 'error'
 * also keeps the client's errors from crashing the process. Until the first connection, the routes that
 * need Redis answer 503 like during an outage. A Redis that stops answering on an open connection
 * raises no event: the app reports each command that timed out with `timedOut()`, logged once a minute
 * at most.
 * @param {import('node:events').EventEmitter} client A `redis` or `ioredis` client.
 * @param {string} url REDIS_URL (its password is never logged).
 * @param {(message: string) => void} log
 */
export function reportRedisOutages(client, url, log) {
  const where = redactRedisUrl(url);
  const password = new URL(url).password;
  let connected = false;
  let down = false;
  client.on('error', (/** @type {Error} */ error) => {
    if (down) return;
    down = true;
    const reason = password === '' ? error.message : error.message.replaceAll(password, '***');
    log(
      `Redis at ${where} is unreachable (${reason}): sign-in, sign-out and the token route answer ` +
        `${STORE_UNAVAILABLE_ERROR.status} ${STORE_UNAVAILABLE_ERROR.code} until it is back; reconnecting`,
    );
  });
  client.on('ready', () => {
    if (down) log(`Redis at ${where} is reachable again: sessions and rate limits are back`);
    else if (!connected) log(`Redis at ${where} connected: sessions and rate limits are shared through it`);
    connected = true;
    down = false;
  });
  let lastTimeout = Number.NEGATIVE_INFINITY;
  return {
    timedOut() {
      if (Date.now() - lastTimeout < 60_000) return;
      lastTimeout = Date.now();
      log(
        `Redis at ${where} did not answer within ${REDIS_COMMAND_TIMEOUT_MS} ms: requests that need it answer ` +
          `${STORE_UNAVAILABLE_ERROR.status} ${STORE_UNAVAILABLE_ERROR.code} while it does not`,
      );
    },
  };
}

/**
 * Resolves when the client is next ready (at once if it is).
 * @param {import('node:events').EventEmitter} client
 * @param {() => boolean} isReady
 * @returns {Promise<void>}
 */
export function whenReady(client, isReady) {
  if (isReady()) return Promise.resolve();
  return new Promise((resolve) => client.once('ready', () => resolve()));
}

/**
 * Where the callback route records the callbacks it has handled, in Redis, shared by every instance (the
 * route's `idempotency.store`): `SET key 1 PX ttlMs NX` sets the key only if no instance has, and lets it
 * expire by itself.
 * @param {(command: string[]) => Promise<unknown>} sendCommand Sends one command on the app's client.
 * @param {string} prefix The app's key prefix.
 * @returns {import('zego-token').CallbackIdempotencyStore}
 */
export function redisIdempotencyStore(sendCommand, prefix) {
  return {
    claim: async (key, ttlMs) => (await sendCommand(['SET', prefix + key, '1', 'PX', String(ttlMs), 'NX'])) === 'OK',
    release: async (key) => {
      await sendCommand(['DEL', prefix + key]);
    },
  };
}
