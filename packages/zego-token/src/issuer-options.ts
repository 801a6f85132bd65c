// The token route's options: their types, defaults and the one function that reads them into a
// frozen configuration. Nothing here runs per request.
import { isZegoTokenError } from './errors.js';
import type { IssuedToken } from './issued-token.js';
import { environment, option, optionFail, readFunction, readPath } from './route-options.js';
import type { Token04Mode, Token04Payload } from './token04-core.js';
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
} from './validate.js';

/** What `resolveUser` may return for a signed-in user. */
export interface TokenUser {
  /** The ZEGO userID: the same string the client passes to the SDK's login. */
  userId: string;
  /** This user's payload; overrides the `payload` option for this request. */
  payload?: Token04Payload | undefined;
  /** This user's token lifetime; overrides the `effectiveTimeInSeconds` option for this request. */
  effectiveTimeInSeconds?: number | undefined;
}

/** A userId, a `TokenUser`, or `null` / `undefined` / `''` for "nobody is signed in" (401). */
export type ResolvedUser = string | TokenUser | null | undefined;

/** What `onIssued` receives: the issued token's fields and mode, never the token itself. */
export interface TokenIssuedEvent extends Omit<IssuedToken, 'token'> {
  mode: Token04Mode;
}

/** The `payload` option as a function of the resolved user and the request. */
export type TokenPayloadFunction<TArgs extends readonly unknown[]> = (
  user: Readonly<TokenUser>,
  ...args: TArgs
) => Token04Payload | undefined | Promise<Token04Payload | undefined>;

/**
 * Options of the token route, shared by every adapter. `TArgs` is what the framework hands the
 * resolver: `[req, res]` in Express, `[ctx]` in Koa, `[request]` for the fetch handler.
 */
export interface TokenIssuerOptions<TArgs extends readonly unknown[]> {
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
  onIssued?: ((event: TokenIssuedEvent) => void) | undefined;
  /**
   * Called for every failed request (401, a resolver's 4xx, and the errors passed to the host's
   * error handling), for logging. Whatever it throws is ignored, so logging never changes a response.
   */
  onError?: ((error: unknown, ...args: TArgs) => void) | undefined;
}

/** The options that say where the middleware answers: a handler on the host's own route refuses them. */
const ROUTING_OPTIONS = ['path', 'methods', 'caseSensitive', 'ignoreTrailingSlash'] as const;

/**
 * Options of a handler mounted on the host's own route (`zegoTokenHandler` in each adapter): the
 * route's options without the routing ones, since the host's router decides where it answers.
 */
export type TokenHandlerOptions<TArgs extends readonly unknown[]> = Omit<
  TokenIssuerOptions<TArgs>,
  (typeof ROUTING_OPTIONS)[number]
>;

export const DEFAULT_PATH = '/zego/token';
export const DEFAULT_METHODS: readonly string[] = Object.freeze(['GET']);
export const DEFAULT_EFFECTIVE_TIME_IN_SECONDS = 3600;

/** The validated configuration an issuer exposes: everything but the secret and the functions. */
export interface TokenIssuerConfig {
  readonly appId: number;
  readonly effectiveTimeInSeconds: number;
  readonly mode: Token04Mode;
  /** As given; `undefined` for a handler. */
  readonly path: string | undefined;
  readonly caseSensitive: boolean | undefined;
  readonly ignoreTrailingSlash: boolean | undefined;
  readonly methods: readonly string[] | undefined;
  readonly validateUserId: boolean;
}

/** Everything the issuer needs per request, read and checked once. */
export interface IssuerConfig<TArgs extends readonly unknown[]> {
  /** What `issuer.config` shows. */
  readonly public: TokenIssuerConfig;
  readonly serverSecret: string;
  readonly resolveUser: TokenIssuerOptions<TArgs>['resolveUser'];
  /** The payload for every token, unless a function computes it per request. */
  readonly payload: string | TokenPayloadFunction<TArgs>;
  readonly onIssued: TokenIssuerOptions<TArgs>['onIssued'];
  readonly onError: TokenIssuerOptions<TArgs>['onError'];
}

// The compiler keeps this list complete: a new option that is not added here is a type error.
const OPTION_KEYS = {
  resolveUser: true,
  appId: true,
  serverSecret: true,
  effectiveTimeInSeconds: true,
  mode: true,
  path: true,
  caseSensitive: true,
  ignoreTrailingSlash: true,
  methods: true,
  payload: true,
  validateUserId: true,
  onIssued: true,
  onError: true,
} as const satisfies Record<keyof TokenIssuerOptions<[]>, true>;

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
function createProblemList() {
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

/**
 * Reads the route's options once: rejects unknown keys (with "did you mean" hints), reads
 * `ZEGO_APP_ID` / `ZEGO_SERVER_SECRET` where `appId` / `serverSecret` are left out, applies the
 * defaults and checks every value. A bad option throws `ZegoTokenError` `OPTION_INVALID` naming it.
 * With `routed: false` (a handler on the host's own route) `path` and `methods` are refused.
 */
export function readIssuerOptions<TArgs extends readonly unknown[]>(
  options: TokenIssuerOptions<TArgs>,
  routed: boolean,
): IssuerConfig<TArgs> {
  assertOptionsObject(options, 'zego-token options');
  assertKnownKeys(options as unknown as Record<string, unknown>, OPTION_KEYS, 'zego-token', OPTION_HINTS);
  if (!routed) {
    for (const key of ROUTING_OPTIONS) {
      if (options[key] !== undefined) {
        optionFail(key, "is for the middleware: a handler answers on the host's own route, which decides both");
      }
    }
  }
  const problems = createProblemList();
  const resolveUser = problems.check(() => readFunction('resolveUser', options.resolveUser, true));
  const onIssued = problems.check(() => readFunction('onIssued', options.onIssued, false));
  const onError = problems.check(() => readFunction('onError', options.onError, false));
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
  const path = problems.check(() => (routed ? readPath(options.path, DEFAULT_PATH) : undefined));
  const methods = problems.check(() => (routed ? readMethods(options.methods) : undefined));
  const caseSensitive = problems.check(() =>
    routed ? readBoolean('caseSensitive', options.caseSensitive, true) : undefined,
  );
  const ignoreTrailingSlash = problems.check(() =>
    routed ? readBoolean('ignoreTrailingSlash', options.ignoreTrailingSlash, false) : undefined,
  );
  problems.throwIfAny();

  return Object.freeze({
    public: Object.freeze({
      appId,
      effectiveTimeInSeconds,
      mode,
      path,
      caseSensitive,
      ignoreTrailingSlash,
      methods,
      validateUserId,
    }),
    serverSecret,
    resolveUser,
    payload,
    onIssued,
    onError,
  });
}
