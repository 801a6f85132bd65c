// The token route's options: their types, defaults and the two functions that read them (a handler's,
// a route's) into a frozen configuration. Nothing here runs per request.
import { isZegoTokenError } from '../errors.js';
import type { TokenRevocationStore } from '../sign-out/revocation.js';
import type { IssuedToken } from '../token/issued-token.js';
import type { Token04Mode, Token04Payload } from '../token/token04.js';
import {
  assertAppId,
  assertEffectiveTime,
  assertKnownKeys,
  assertMode,
  assertOptionsObject,
  assertSecret,
  describe,
  fail,
  normalizePayload,
} from '../validate.js';
import { environment, option, optionFail, readFunction, readPath } from './common.js';

/** What `resolveUser` may return for a signed-in user. */
export interface TokenUser {
  /** The ZEGO userID: the same string the client passes to the SDK's login. */
  userId: string;
  /** This user's payload; overrides the `payload` option for this request. */
  payload?: Token04Payload | undefined;
  /** This user's token lifetime; overrides the `effectiveTimeInSeconds` option for this request. */
  effectiveTimeInSeconds?: number | undefined;
  /**
   * When this user's session (or JWT) was issued, in milliseconds since the epoch or as a `Date` (a
   * JWT's `iat` is in seconds: multiply by 1000). Required when the route has a `revocation` store:
   * a session that began before the user was signed out everywhere gets no token.
   */
  sessionIssuedAt?: number | Date | undefined;
}

/** A userId, a `TokenUser`, or `null` / `undefined` / `''` for "nobody is signed in" (401). */
export type ResolvedUser = string | TokenUser | null | undefined;

/** The `payload` option as a function of the resolved user and the request. */
export type TokenPayloadFunction<TArgs extends readonly unknown[]> = (
  user: Readonly<TokenUser>,
  ...args: TArgs
) => Token04Payload | undefined | Promise<Token04Payload | undefined>;

/**
 * Options of a token handler on the host's own route (`createTokenHandler`, each adapter's
 * `zegoTokenHandler`), and the part of the token route's options that is not about where it answers.
 * `TArgs` is what the framework hands the resolver: `[req, res]` in Express, `[ctx]` in Koa,
 * `[request]` for the fetch handler.
 */
export interface TokenHandlerOptions<TArgs extends readonly unknown[]> {
  /**
   * Decides who is asking: return the signed-in user's ZEGO userId (or a `TokenUser`), or
   * `null` / `undefined` / `''` when nobody is signed in (→ 401). Sync or async. Required.
   * The client never chooses its userId: only this function does.
   */
  resolveUser: (...args: TArgs) => ResolvedUser | Promise<ResolvedUser>;
  /** Your AppID. Defaults to the `ZEGO_APP_ID` environment variable, read once at construction. */
  appId?: number | undefined;
  /** Your 32-byte ServerSecret. Defaults to the `ZEGO_SERVER_SECRET` environment variable, read once at construction. */
  serverSecret?: string | undefined;
  /** Token lifetime in seconds. Defaults to `3600`. */
  effectiveTimeInSeconds?: number | undefined;
  /** `'gcm'` (what ZEGO recommends) or the legacy `'cbc'`. Defaults to `'gcm'`. */
  mode?: Token04Mode | undefined;
  /**
   * The token's payload: a string or object for every token, or a function of the resolved user and
   * the request (sync or async), e.g. `roomPayload({ roomId })` for a room the host has checked the
   * user may enter. Defaults to no payload.
   */
  payload?: Token04Payload | TokenPayloadFunction<TArgs> | undefined;
  /**
   * Check the resolved userId against ZEGO's documented character set (digits, letters and
   * ``~!@#$%^&*()_+=-`;',.<>/\``), so that a bad ID fails here rather than at the SDK's login.
   * Defaults to `true`; when `false`, only the format's own rules apply (1–64 bytes, no control characters).
   */
  validateUserId?: boolean | undefined;
  /**
   * Called after each token is minted, with who got it and until when (never the token). If it
   * throws, the request fails like any other server error and no token is sent.
   */
  onIssued?: ((issued: Omit<IssuedToken, 'token'>) => void) | undefined;
  /**
   * Where sign-outs and bans are kept (`zego-token/sign-out`: `createMemoryRevocationStore`,
   * `createRedisRevocationStore`). The route then asks it before handing out each token: a session
   * that began before "signed out everywhere" gets a 401 `SESSION_REVOKED`, a banned user a 403
   * `USER_BANNED`, and while the store fails a 503 `REVOCATION_UNAVAILABLE` (never a token). It also
   * records each user's latest token expiry. `resolveUser` must then return `{ userId, sessionIssuedAt }`.
   */
  revocation?: TokenRevocationStore | undefined;
  /**
   * Called for every failed request (401, a resolver's 4xx, and the errors passed to the host's
   * error handling), for logging. Whatever it throws is ignored, so logging never changes a response.
   */
  onError?: ((error: unknown, ...args: TArgs) => void) | undefined;
}

/**
 * Options of the token route that answers its own path (`createTokenRoute`, each adapter's
 * `zegoToken`, `createFetchHandler`): the handler's, and where it answers.
 */
export interface TokenRouteOptions<TArgs extends readonly unknown[]> extends TokenHandlerOptions<TArgs> {
  /**
   * Where the route answers, relative to the mount point. Defaults to `'/zego/token'`. Matched
   * exactly by default, as `if (req.path === '/zego/token')` and `koa-mount` match, so that the
   * host's guards on this path (rate limits, Origin checks) cover every request the route answers.
   */
  path?: string | undefined;
  /** Match `path` case-sensitively. Defaults to `true`; `false` also answers `/ZEGO/TOKEN` (guard it the same way). */
  caseSensitive?: boolean | undefined;
  /** Also answer at `path` with a trailing slash. Defaults to `false`; guard both spellings if you turn it on. */
  ignoreTrailingSlash?: boolean | undefined;
  /** The HTTP methods it answers. Defaults to `['GET']`. `OPTIONS` always passes on to the host (CORS). */
  methods?: readonly string[] | undefined;
}

export const DEFAULT_TOKEN_PATH = '/zego/token';
export const DEFAULT_METHODS: readonly string[] = Object.freeze(['GET']);
export const DEFAULT_EFFECTIVE_TIME_IN_SECONDS = 3600;

/** A token handler's validated configuration: everything but the secret and the functions. */
export interface TokenHandlerConfig {
  readonly appId: number;
  readonly effectiveTimeInSeconds: number;
  readonly mode: Token04Mode;
  readonly validateUserId: boolean;
}

/** The token route's validated configuration: the handler's, and where it answers. */
export interface TokenRouteConfig extends TokenHandlerConfig {
  readonly path: string;
  readonly caseSensitive: boolean;
  readonly ignoreTrailingSlash: boolean;
  readonly methods: readonly string[];
}

/** Everything a handler needs per request, read and checked once. */
export interface TokenHandlerSettings<TArgs extends readonly unknown[], TConfig extends TokenHandlerConfig> {
  /** What `config` shows. */
  readonly public: TConfig;
  readonly serverSecret: string;
  readonly resolveUser: TokenHandlerOptions<TArgs>['resolveUser'];
  /** The payload for every token, unless a function computes it per request. */
  readonly payload: string | TokenPayloadFunction<TArgs>;
  readonly onIssued: TokenHandlerOptions<TArgs>['onIssued'];
  readonly onError: TokenHandlerOptions<TArgs>['onError'];
  readonly revocation: TokenRevocationStore | undefined;
}

// The compiler keeps this list complete: a new option that is not added here is a type error.
const HANDLER_KEYS = {
  resolveUser: true,
  appId: true,
  serverSecret: true,
  effectiveTimeInSeconds: true,
  mode: true,
  payload: true,
  validateUserId: true,
  onIssued: true,
  onError: true,
  revocation: true,
} as const satisfies Record<keyof TokenHandlerOptions<[]>, true>;

const ROUTE_KEYS = {
  ...HANDLER_KEYS,
  path: true,
  caseSensitive: true,
  ignoreTrailingSlash: true,
  methods: true,
} as const satisfies Record<keyof TokenRouteOptions<[]>, true>;

const OPTION_HINTS = {
  secret: 'serverSecret',
  appID: 'appId',
  userId: 'resolveUser',
  getUser: 'resolveUser',
  ttl: 'effectiveTimeInSeconds',
  expiresIn: 'effectiveTimeInSeconds',
  method: 'methods',
} as const;

function readAppId(value: unknown): number {
  if (value !== undefined) {
    assertAppId(value, option('appId'), 'OPTION_INVALID');
    return value;
  }
  const raw = environment()?.ZEGO_APP_ID;
  if (raw === undefined || raw.trim() === '') {
    return optionFail('appId', 'is missing: pass `appId` or set the ZEGO_APP_ID environment variable');
  }
  if (!/^\s*\d+\s*$/.test(raw)) {
    return fail('OPTION_INVALID', 'zego-token: ZEGO_APP_ID is not a number: set it to the AppID from the ZEGO console');
  }
  const parsed = Number(raw);
  assertAppId(parsed, 'zego-token: ZEGO_APP_ID', 'OPTION_INVALID');
  return parsed;
}

function readSecret(value: unknown): string {
  if (value !== undefined) {
    assertSecret(value, option('serverSecret'), 'OPTION_INVALID');
    return value;
  }
  const raw = environment()?.ZEGO_SERVER_SECRET;
  if (raw === undefined || raw === '') {
    return optionFail(
      'serverSecret',
      'is missing: pass `serverSecret` or set the ZEGO_SERVER_SECRET environment variable',
    );
  }
  assertSecret(raw, 'zego-token: ZEGO_SERVER_SECRET', 'OPTION_INVALID');
  return raw;
}

/**
 * Runs each check and keeps going after a failure, so that one error can name every problem:
 * a deployment missing both ZEGO_APP_ID and ZEGO_SERVER_SECRET learns of both at once.
 */
interface ProblemList {
  check<T>(read: () => T): T;
  throwIfAny(): void;
}

function createProblemList(): ProblemList {
  const problems: string[] = [];
  return {
    check<T>(read: () => T): T {
      try {
        return read();
      } catch (error) {
        if (!isZegoTokenError(error)) throw error;
        problems.push(error.message);
        // Never used: throwIfAny() throws before the configuration is built.
        return undefined as T;
      }
    },
    throwIfAny(): void {
      if (problems.length === 1) fail('OPTION_INVALID', problems[0] as string);
      if (problems.length > 1) {
        fail('OPTION_INVALID', `zego-token: ${problems.length} problems with the options:\n- ${problems.join('\n- ')}`);
      }
    },
  };
}

const STORE_METHODS = ['admit', 'signOutEverywhere', 'ban', 'unban', 'get'] as const;

function readRevocation(value: unknown): TokenRevocationStore | undefined {
  if (value === undefined) return undefined;
  const store = value as Record<string, unknown> | null;
  const missing = STORE_METHODS.filter((name) => typeof store?.[name] !== 'function');
  if (typeof value !== 'object' || value === null || missing.length > 0) {
    optionFail(
      'revocation',
      `must be a revocation store (createMemoryRevocationStore() or createRedisRevocationStore() from zego-token/sign-out), got ${describe(value)}${missing.length > 0 && typeof value === 'object' && value !== null ? ` without ${missing.join(', ')}` : ''}`,
    );
  }
  return value as TokenRevocationStore;
}

function readBoolean(name: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') optionFail(name, `must be a boolean, got ${describe(value)}`);
  return value;
}

function readMethods(value: unknown): readonly string[] {
  if (value === undefined) return DEFAULT_METHODS;
  if (!Array.isArray(value) || value.length === 0) {
    optionFail('methods', `must be a non-empty array of HTTP methods, got ${describe(value)}`);
  }
  const methods = new Set<string>();
  for (const method of value) {
    if (typeof method !== 'string' || !/^[A-Za-z]+$/.test(method)) {
      optionFail('methods', `must hold HTTP method names only, got ${describe(method)}`);
    }
    const upper = method.toUpperCase();
    if (upper === 'OPTIONS') {
      optionFail('methods', 'must leave OPTIONS out: it always passes on to the host app (CORS preflight)');
    }
    methods.add(upper);
  }
  return Object.freeze([...methods]);
}

/** Checks the options object and its keys: a routing option given to a handler is named as such. */
function checkKeys(options: unknown, known: Readonly<Record<string, true>>, routed: boolean): void {
  assertOptionsObject(options, 'zego-token options');
  if (!routed) {
    for (const key of Object.keys(ROUTE_KEYS)) {
      if (!Object.hasOwn(HANDLER_KEYS, key) && options[key] !== undefined) {
        optionFail(
          key,
          "is the route's: a handler answers on the host's own route, which decides where and for which methods",
        );
      }
    }
  }
  assertKnownKeys(options, known, 'zego-token', OPTION_HINTS);
}

/** Reads what handlers and routes share; every problem goes to `problems`. */
function readCommon<TArgs extends readonly unknown[]>(
  options: TokenHandlerOptions<TArgs>,
  problems: ProblemList,
): TokenHandlerSettings<TArgs, TokenHandlerConfig> {
  const resolveUser = problems.check(() => readFunction('resolveUser', options.resolveUser, true));
  const onIssued = problems.check(() => readFunction('onIssued', options.onIssued, false));
  const onError = problems.check(() => readFunction('onError', options.onError, false));
  const revocation = problems.check(() => readRevocation(options.revocation));
  const appId = problems.check(() => readAppId(options.appId));
  const serverSecret = problems.check(() => readSecret(options.serverSecret));
  const effectiveTimeInSeconds = problems.check(() => {
    const value = options.effectiveTimeInSeconds ?? DEFAULT_EFFECTIVE_TIME_IN_SECONDS;
    assertEffectiveTime(value, option('effectiveTimeInSeconds'), 'OPTION_INVALID');
    return value;
  });
  const mode = problems.check(() => {
    const value = options.mode ?? 'gcm';
    assertMode(value, option('mode'), 'OPTION_INVALID');
    return value;
  });
  const validateUserId = problems.check(() => readBoolean('validateUserId', options.validateUserId, true));
  const payload = problems.check(() =>
    typeof options.payload === 'function'
      ? options.payload
      : normalizePayload(options.payload, option('payload'), 'OPTION_INVALID'),
  );
  return {
    public: { appId, effectiveTimeInSeconds, mode, validateUserId },
    serverSecret,
    resolveUser,
    payload,
    onIssued,
    onError,
    revocation,
  };
}

/**
 * Reads a token handler's options once: rejects unknown keys (with "did you mean" hints) and the
 * route's `path`, `methods`, `caseSensitive` and `ignoreTrailingSlash`, reads `ZEGO_APP_ID` /
 * `ZEGO_SERVER_SECRET` where `appId` / `serverSecret` are left out, applies the defaults and checks
 * every value. Every problem is named in one `ZegoTokenError` `OPTION_INVALID`.
 */
export function readTokenHandlerOptions<TArgs extends readonly unknown[]>(
  options: TokenHandlerOptions<TArgs>,
): TokenHandlerSettings<TArgs, TokenHandlerConfig> {
  checkKeys(options, HANDLER_KEYS, false);
  const problems = createProblemList();
  const settings = readCommon(options, problems);
  problems.throwIfAny();
  return Object.freeze({ ...settings, public: Object.freeze(settings.public) });
}

/** Reads the token route's options once: the handler's, and where the route answers. */
export function readTokenRouteOptions<TArgs extends readonly unknown[]>(
  options: TokenRouteOptions<TArgs>,
): TokenHandlerSettings<TArgs, TokenRouteConfig> {
  checkKeys(options, ROUTE_KEYS, true);
  const problems = createProblemList();
  const settings = readCommon(options, problems);
  const path = problems.check(() => readPath(options.path, DEFAULT_TOKEN_PATH));
  const methods = problems.check(() => readMethods(options.methods));
  const caseSensitive = problems.check(() => readBoolean('caseSensitive', options.caseSensitive, true));
  const ignoreTrailingSlash = problems.check(() =>
    readBoolean('ignoreTrailingSlash', options.ignoreTrailingSlash, false),
  );
  problems.throwIfAny();
  const config = { ...settings.public, path, caseSensitive, ignoreTrailingSlash, methods };
  return Object.freeze({ ...settings, public: Object.freeze(config) });
}
