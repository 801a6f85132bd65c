// Configuration shared by the Express and Koa examples: read from the environment once at start-up,
// then handed to `createApp(config)`. Nothing here is framework-specific.
import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { redactRedisUrl } from './redis.js';

/**
 * Embedded demo credentials, used when ZEGO_APP_ID and ZEGO_SERVER_SECRET are both unset. They let the
 * whole flow run on a fresh clone, but ZEGO's servers do not know this AppID: every SDK login with
 * these tokens is rejected. They are for development only.
 */
export const DEMO_APP_ID = 1234567890;
export const DEMO_SERVER_SECRET = 'zego-token-demo-secret-dev-only!';

/** Loopback only: the demo sign-in trusts any userId, so nothing beyond this machine should reach it by default. */
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 3000;
/** ZEGO's own sample uses 3600 s. Set DEMO_TOKEN_TTL=60 to watch the page renew its token. */
export const DEFAULT_TOKEN_TTL = 3600;
/**
 * Token requests per signed-in user (per client address before sign-in) per minute; TOKEN_RATE_LIMIT
 * changes the limit. express-rate-limit 8 alone would allow 5.
 */
export const DEFAULT_TOKEN_RATE_LIMIT = { windowMs: 60_000, limit: 60 };
/** Where ZEGO's callbacks are received, with ZEGO_CALLBACK_SECRET set: the callback URL to enter in the ZEGO console. */
export const CALLBACK_PATH = '/zego/callback';
/** The demo's Server API route, with ZEGO_SERVER_API=1: the signed-in user asks how many users a room has. */
export const ROOM_USERS_PATH = '/api/zego/room-users';
/** The highest TOKEN_RATE_LIMIT: a page renews its token about once per lifetime, so more is a mistake. */
const MAX_TOKEN_RATE_LIMIT = 100_000;

/**
 * The demo page (`index.html` + `app.js`), served by every example. Built from this file's path rather
 * than `new URL('./public/', import.meta.url)`, which bundlers (Next.js's Turbopack) take for an asset to bundle.
 */
export const PUBLIC_DIR = join(dirname(fileURLToPath(import.meta.url)), 'public', sep);

/**
 * @typedef {object} ExampleConfig
 * @property {number} appId Your ZEGO AppID.
 * @property {string} serverSecret Your 32-character ServerSecret. Never logged.
 * @property {number} tokenTtl Token lifetime in seconds (`effectiveTimeInSeconds`).
 * @property {string} sessionSecret Signs the session cookie.
 * @property {string[]} [corsOrigins] Other origins allowed to call the API with cookies (exact `scheme://host[:port]`).
 * @property {{ windowMs: number, limit: number }} [tokenRateLimit] Token requests allowed per signed-in user (per
 *   client address before sign-in) per window.
 * @property {number} [trustProxy] How many reverse proxies stand in front of the app (default 0): their
 *   X-Forwarded-For and X-Forwarded-Proto are believed, and nothing a client adds before them.
 * @property {string} [redisUrl] Where sessions and rate-limit counts live, shared by every instance that uses
 *   the same Redis (`redis://host:6379`). Without it they stay in the process: one instance only.
 * @property {string} [callbackSecret] The CallbackSecret from the ZEGO console: with it, ZEGO's callbacks are
 *   received at POST /zego/callback; without it, that route is off. Never logged.
 * @property {ServerApiSettings} [serverApi] With it, GET /api/zego/room-users calls ZEGO's Server API; off without.
 * @property {(message: string) => void} [log] Where to report sign-ins and issued tokens; nothing is logged without it.
 */

/**
 * The demo's Server API route (ZEGO_SERVER_API=1), signed with the AppID and ServerSecret above.
 * @typedef {object} ServerApiSettings
 * @property {import('zego-token/server-api').ZegoServerApiRegion} [region] A regional host (ZEGO_SERVER_API_REGION); none: `rtc-api.zego.im`.
 * @property {string} [baseUrl] Another URL to call instead of ZEGO's (ZEGO_SERVER_API_BASE_URL): a proxy, or a test's stand-in.
 */

/**
 * What `readConfig` found, besides the config itself: used for the start-up banner.
 * @typedef {object} StartupInfo
 * @property {string} host The address to listen on (HOST, default 127.0.0.1).
 * @property {number} port
 * @property {boolean} demoCredentials True when the embedded demo AppID and secret are in use.
 * @property {boolean} randomSessionSecret True when SESSION_SECRET was unset and a random one was made.
 */

/** A configuration mistake: server.js prints its message and exits, without a stack trace. */
export class ConfigError extends Error {
  name = 'ConfigError';
}

/**
 * @param {string} name
 * @param {string | undefined} raw
 * @param {number} fallback
 * @param {number} min
 * @param {number} max
 */
function readInteger(name, raw, fallback, min, max) {
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = /^\s*\d+\s*$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got ${JSON.stringify(raw)}`);
  }
  return value;
}

/** @param {string | undefined} raw */
function readHost(raw) {
  const host = raw?.trim() ?? '';
  if (host === '') return DEFAULT_HOST;
  if (isIP(host) === 0 && !/^[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?$/i.test(host)) {
    throw new ConfigError(
      `HOST must be an IP address or a host name, like 127.0.0.1 (this machine only) or 0.0.0.0 (every interface), got ${JSON.stringify(raw)}`,
    );
  }
  return host;
}

/** True for an address only this machine can reach. */
function isLoopback(/** @type {string} */ host) {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/**
 * The URL to open for a server listening on `host`: every interface (`0.0.0.0`, `::`) is reached as
 * localhost from this machine; an IPv6 address goes in brackets.
 * @param {string} host
 * @param {number} port
 */
export function listenUrl(host, port) {
  if (host === '0.0.0.0' || host === '::') return `http://localhost:${port}/`;
  return `http://${isIP(host) === 6 ? `[${host}]` : host}:${port}/`;
}

/** @param {string | undefined} raw */
function readRedisUrl(raw) {
  const value = raw?.trim() ?? '';
  if (value === '') return undefined;
  const parsed = URL.canParse(value) ? new URL(value) : undefined;
  if (parsed === undefined || !['redis:', 'rediss:'].includes(parsed.protocol) || parsed.hostname === '') {
    // The value is not repeated: it may hold a password.
    throw new ConfigError(
      'REDIS_URL must be a redis:// or rediss:// URL with a host, like redis://127.0.0.1:6379 (a password goes in as redis://:password@host:6379)',
    );
  }
  return value;
}

/** @param {string | undefined} raw */
function readOrigins(raw) {
  const origins = (raw ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter((origin) => origin !== '');
  for (const origin of origins) {
    let parsed;
    try {
      parsed = new URL(origin);
    } catch {
      parsed = undefined;
    }
    // Exact origins only: a wildcard with cookies would let any site act as the signed-in user.
    if (parsed === undefined || parsed.origin === 'null' || parsed.origin !== origin) {
      throw new ConfigError(
        `CORS_ORIGINS must list exact origins like https://app.example.com (no path, no "*", no trailing slash), got ${JSON.stringify(origin)}`,
      );
    }
  }
  return origins;
}

/**
 * ZEGO_CALLBACK_SECRET, as pasted from the ZEGO console. The value is never repeated in an error: it is a secret.
 * @param {string | undefined} raw
 */
function readCallbackSecret(raw) {
  if (raw === undefined || raw === '') return undefined;
  if (!/^[\x21-\x7e]{1,256}$/.test(raw)) {
    throw new ConfigError(
      'ZEGO_CALLBACK_SECRET must be the CallbackSecret from the ZEGO console as it is shown there: up to 256 ' +
        'printable characters, with no spaces or line breaks around them (unset it to turn the callback route off)',
    );
  }
  return raw;
}

/** ZEGO's regional Server API hosts (`rtc-api-sgp.zego.im`, …), as `createZegoServerApi` takes them. */
const SERVER_API_REGIONS = ['sha', 'hkg', 'fra', 'lax', 'bom', 'sgp'];

/**
 * ZEGO_SERVER_API (0 or 1), ZEGO_SERVER_API_REGION and ZEGO_SERVER_API_BASE_URL; the last two are checked
 * even while the route is off, so that turning it on cannot fail later.
 * @param {Record<string, string | undefined>} env
 * @returns {ServerApiSettings | undefined}
 */
function readServerApi(env) {
  const flag = env.ZEGO_SERVER_API?.trim() ?? '';
  if (!['', '0', '1'].includes(flag)) {
    throw new ConfigError(
      `ZEGO_SERVER_API must be 1 (on) or 0 (off, the default), got ${JSON.stringify(env.ZEGO_SERVER_API)}`,
    );
  }
  const region = env.ZEGO_SERVER_API_REGION?.trim() || undefined;
  if (region !== undefined && !SERVER_API_REGIONS.includes(region)) {
    throw new ConfigError(
      `ZEGO_SERVER_API_REGION must be one of ${SERVER_API_REGIONS.join(', ')} (or unset for rtc-api.zego.im), got ${JSON.stringify(env.ZEGO_SERVER_API_REGION)}`,
    );
  }
  const baseUrl = env.ZEGO_SERVER_API_BASE_URL?.trim() || undefined;
  const parsed = baseUrl !== undefined && URL.canParse(baseUrl) ? new URL(baseUrl) : undefined;
  if (
    baseUrl !== undefined &&
    (parsed === undefined || !['http:', 'https:'].includes(parsed.protocol) || parsed.search)
  ) {
    throw new ConfigError(
      'ZEGO_SERVER_API_BASE_URL must be an https:// URL without a query (http:// only to a loopback host, like http://127.0.0.1:8080/)',
    );
  }
  if (flag !== '1') return undefined;
  return {
    .../** @type {{ region?: import('zego-token/server-api').ZegoServerApiRegion }} */ (
      region === undefined ? {} : { region }
    ),
    ...(baseUrl === undefined ? {} : { baseUrl }),
  };
}

/**
 * Reads the example's configuration from the environment: ZEGO_APP_ID, ZEGO_SERVER_SECRET (both or
 * neither), HOST, PORT, DEMO_TOKEN_TTL, SESSION_SECRET, CORS_ORIGINS, TRUST_PROXY, TOKEN_RATE_LIMIT, REDIS_URL,
 * ZEGO_CALLBACK_SECRET and ZEGO_SERVER_API (with ZEGO_SERVER_API_REGION and ZEGO_SERVER_API_BASE_URL).
 * Throws `ConfigError` for a bad value.
 * The AppID and secret themselves are checked by the token route when the app is built.
 * @param {Record<string, string | undefined>} env
 * @returns {{ config: ExampleConfig, startup: StartupInfo }}
 */
export function readConfig(env) {
  const rawAppId = env.ZEGO_APP_ID?.trim() ?? '';
  const rawSecret = env.ZEGO_SERVER_SECRET ?? '';
  if ((rawAppId === '') !== (rawSecret === '')) {
    throw new ConfigError(
      `Set both ZEGO_APP_ID and ZEGO_SERVER_SECRET (from the ZEGO console), or neither to run on demo credentials; only ${rawAppId === '' ? 'ZEGO_SERVER_SECRET' : 'ZEGO_APP_ID'} is set.`,
    );
  }
  const demoCredentials = rawAppId === '';
  const appId = demoCredentials ? DEMO_APP_ID : readInteger('ZEGO_APP_ID', rawAppId, 0, 1, 0xffff_ffff);
  const serverSecret = demoCredentials ? DEMO_SERVER_SECRET : rawSecret;

  const randomSessionSecret = (env.SESSION_SECRET ?? '') === '';
  const sessionSecret = randomSessionSecret
    ? randomBytes(32).toString('hex')
    : /** @type {string} */ (env.SESSION_SECRET);

  return {
    config: {
      appId,
      serverSecret,
      tokenTtl: readInteger('DEMO_TOKEN_TTL', env.DEMO_TOKEN_TTL, DEFAULT_TOKEN_TTL, 1, 2 ** 31 - 1),
      sessionSecret,
      corsOrigins: readOrigins(env.CORS_ORIGINS),
      tokenRateLimit: {
        windowMs: DEFAULT_TOKEN_RATE_LIMIT.windowMs,
        limit: readInteger(
          'TOKEN_RATE_LIMIT',
          env.TOKEN_RATE_LIMIT,
          DEFAULT_TOKEN_RATE_LIMIT.limit,
          1,
          MAX_TOKEN_RATE_LIMIT,
        ),
      },
      trustProxy: readInteger('TRUST_PROXY', env.TRUST_PROXY, 0, 0, 32),
      redisUrl: readRedisUrl(env.REDIS_URL),
      callbackSecret: readCallbackSecret(env.ZEGO_CALLBACK_SECRET),
      serverApi: readServerApi(env),
    },
    startup: {
      host: readHost(env.HOST),
      port: readInteger('PORT', env.PORT, DEFAULT_PORT, 0, 65_535),
      demoCredentials,
      randomSessionSecret,
    },
  };
}

/**
 * The host the Server API route calls, for the banner: ZEGO's (regional) RTC host, or the override.
 * @param {ServerApiSettings} settings
 */
function serverApiHost({ region, baseUrl }) {
  return baseUrl ?? `https://rtc-api${region === undefined ? '' : `-${region}`}.zego.im/`;
}

/**
 * The start-up banner: where to go, what is configured, and every warning. Never contains a real secret,
 * the session secret or a Redis password; the demo secret is public and printed in the decode command.
 * @param {{ name: string, url: string, config: ExampleConfig, startup: StartupInfo, stateWithoutRedis?: string }} options
 *   `stateWithoutRedis`: where the app keeps sessions and rate-limit counts when REDIS_URL is unset.
 * @returns {{ lines: string[], warnings: string[] }}
 */
export function startupBanner({
  name,
  url,
  config,
  startup,
  stateWithoutRedis = "sessions and rate-limit counts in this process's memory",
}) {
  const { windowMs, limit } = config.tokenRateLimit ?? DEFAULT_TOKEN_RATE_LIMIT;
  const origins = config.corsOrigins ?? [];
  const trustProxy = config.trustProxy ?? 0;
  // The demo secret is public (it is in this file), so the banner prints the whole command that decodes
  // the page's token. A real secret is never printed: the command reads it from a file instead.
  const decode = startup.demoCredentials
    ? `ZEGO_SERVER_SECRET='${DEMO_SERVER_SECRET}' npx zego-token decode <token>  (the page's full token)`
    : 'npx zego-token decode <token> --secret-file <a file holding your ServerSecret>';
  const lines = [
    `zego-token ${name} example: open ${url}`,
    `  listening on  ${startup.host}${isLoopback(startup.host) ? ' (this machine only; HOST=0.0.0.0 accepts other machines)' : ' (reachable from other machines)'}`,
    `  token route   GET ${new URL('/api/zego/token', url).href} (sign in first: POST /login)`,
    `  AppID         ${config.appId}${startup.demoCredentials ? ' (demo)' : ''}`,
    `  token life    ${config.tokenTtl} s${config.tokenTtl === DEFAULT_TOKEN_TTL ? ' (DEMO_TOKEN_TTL=60 shows a renewal within a minute)' : ''}`,
    `  rate limit    ${limit} token requests per ${windowMs / 1000} s per signed-in user (per client address before sign-in; TOKEN_RATE_LIMIT)`,
    config.redisUrl === undefined
      ? `  state         ${stateWithoutRedis}: one instance only (REDIS_URL=redis://127.0.0.1:6379 shares them between instances)`
      : `  state         Redis at ${redactRedisUrl(config.redisUrl)}: sessions and rate-limit counts, shared by every instance using it`,
    `  proxies       ${trustProxy === 0 ? 'none trusted: client addresses come from the connection (TRUST_PROXY=1 behind one reverse proxy)' : `${trustProxy} trusted (X-Forwarded-For, X-Forwarded-Proto)`}`,
    `  decode        ${decode}`,
    `  CORS          ${origins.length === 0 ? 'same origin only (CORS_ORIGINS=https://a.example,https://b.example allows others)' : origins.join(', ')}`,
    config.callbackSecret === undefined
      ? `  callbacks     off (ZEGO_CALLBACK_SECRET, the CallbackSecret from the ZEGO console, turns on POST ${CALLBACK_PATH})`
      : `  callbacks     POST ${new URL(CALLBACK_PATH, url).href}, signed with ZEGO_CALLBACK_SECRET (ZEGO must reach it over HTTPS)`,
    config.serverApi === undefined
      ? `  server API    off (ZEGO_SERVER_API=1 turns on GET ${ROOM_USERS_PATH}?roomId=…, ZEGO's DescribeUserNum)`
      : `  server API    GET ${new URL(ROOM_USERS_PATH, url).href}?roomId=… calls DescribeUserNum at ${serverApiHost(config.serverApi)}`,
    `  sign-out      POST /logout/everywhere ends every session of the user (${config.redisUrl === undefined ? 'this instance' : 'every instance'})` +
      (config.serverApi === undefined
        ? '; kicks from rooms off (ZEGO_SERVER_API=1)'
        : `, and kicks them from the rooms ${config.callbackSecret === undefined ? 'callbacks (off) would report' : 'room callbacks reported'}`),
  ];
  const warnings = [];
  if (startup.demoCredentials) {
    warnings.push(
      'DEMO CREDENTIALS: ZEGO_APP_ID and ZEGO_SERVER_SECRET are not set, so tokens are signed with an embedded demo ' +
        'AppID and secret. They are for development only: ZEGO will reject them. Set both variables (from the ' +
        'ZEGO console) to issue real tokens.',
    );
  }
  if (!startup.demoCredentials) {
    warnings.push(
      `REAL CREDENTIALS, DEMO SIGN-IN: POST /login signs in anyone as any userId they type, and the token route ` +
        `then issues them a real token for AppID ${config.appId}: they can act as any of your users in ZEGO. ` +
        (isLoopback(startup.host)
          ? `It listens on ${startup.host}, so only this machine can sign in. `
          : `It listens on HOST=${startup.host}: anyone who can reach this machine can do it. `) +
        'Replace /login with your own authentication before anyone else can reach it.',
    );
  }
  if (config.callbackSecret !== undefined && config.callbackSecret === config.serverSecret) {
    warnings.push(
      "ZEGO_CALLBACK_SECRET is the ServerSecret: ZEGO signs callbacks with the project's CallbackSecret from the " +
        'console, a different value, so expect every callback to be refused with 401 CALLBACK_SIGNATURE_INVALID.',
    );
  }
  if (startup.randomSessionSecret) {
    warnings.push(
      'SESSION_SECRET is not set: using a random one for this process, so sign-ins end when it restarts. ' +
        'Set SESSION_SECRET in production.',
    );
  }
  return { lines, warnings };
}
