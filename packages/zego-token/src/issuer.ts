import { STATUS_CODES } from 'node:http';
import { isZegoTokenError, ZegoTokenError, type ZegoTokenErrorCode } from './errors.js';
import type { IssuedToken } from './issued-token.js';
import { mintToken04, type Token04Mode, type Token04Payload } from './token04.js';
import {
  assertAppId,
  assertEffectiveTime,
  assertKnownKeys,
  assertMode,
  assertOptionsObject,
  assertSecret,
  assertUserId,
  assertZegoUserId,
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
  /** Where the route answers, relative to the mount point. Defaults to `'/zego/token'`. */
  path?: string | undefined;
  /** The HTTP methods it answers. Defaults to `['GET']`. `OPTIONS` always passes on to the host (CORS). */
  methods?: readonly string[] | undefined;
  /**
   * The token's payload: a string or object for every token, or a function of the resolved user and
   * the request (sync or async), e.g. `roomPayload({ roomId })` for a room the host has checked the
   * user may enter. Defaults to no payload.
   */
  payload?:
    | Token04Payload
    | ((user: TokenUser, ...args: TArgs) => Token04Payload | undefined | Promise<Token04Payload | undefined>)
    | undefined;
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

/** A response for the adapter to write out as it is. */
export interface TokenIssuerResult {
  status: number;
  headers: Readonly<Record<string, string>>;
  /** JSON text. */
  body: string;
}

/** The 200 body: the `IssuedToken`, in its key order. */
export type TokenResponseBody = IssuedToken;

/** Every error body: `{ "error": { "code", "message" } }`. */
export interface TokenErrorBody {
  error: { code: string; message: string };
}

export interface TokenIssuer<TArgs extends readonly unknown[]> {
  /**
   * For middleware: `undefined` when the request is not for this route (pass it on), otherwise the
   * response to write: a token, a 401, a 405 with `Allow`, or a resolver's 4xx. Rejects with the
   * error for the host's error handling when anything else fails.
   */
  handle(method: string, path: string, ...args: TArgs): Promise<TokenIssuerResult> | undefined;
  /** For a handler on the host's own route: resolve the user and answer, whatever the method and path. */
  issue(...args: TArgs): Promise<TokenIssuerResult>;
  /** The response for an error the host has no handler for (the fetch handler): 500, nothing leaked. */
  internalError(): TokenIssuerResult;
  /** The response for a request that is not for this route, where there is nobody to pass it on to. */
  notFound(): TokenIssuerResult;
  /** The validated configuration, without the secret. */
  readonly config: TokenIssuerConfig;
}

export interface TokenIssuerConfig {
  readonly appId: number;
  readonly effectiveTimeInSeconds: number;
  readonly mode: Token04Mode;
  /** As given (lower-cased, without a trailing slash, for matching); `undefined` for a handler. */
  readonly path: string | undefined;
  readonly methods: readonly string[] | undefined;
  readonly validateUserId: boolean;
}

export interface CreateTokenIssuerSettings {
  /**
   * `false` for a handler mounted on the host's own route: then `path` and `methods` are rejected
   * as options, since the host's router decides both. Defaults to `true`.
   */
  routed?: boolean;
}

// The compiler keeps this list complete: a new option that is not added here is a type error.
const OPTION_KEYS = {
  resolveUser: true,
  appId: true,
  serverSecret: true,
  effectiveTimeInSeconds: true,
  mode: true,
  path: true,
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

export const DEFAULT_PATH = '/zego/token';
export const DEFAULT_METHODS: readonly string[] = Object.freeze(['GET']);
export const DEFAULT_EFFECTIVE_TIME_IN_SECONDS = 3600;

const JSON_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'Content-Type': 'application/json; charset=utf-8',
  'Cache-Control': 'no-store',
});

function optionError(option: string, message: string, cause?: unknown): never {
  throw new ZegoTokenError('OPTION_INVALID', `zego-token: option \`${option}\`: ${message}`, { cause });
}

/** Runs a core validator and turns its error into OPTION_INVALID naming the option. */
function checkOption(option: string, check: () => void): void {
  try {
    check();
  } catch (error) {
    if (isZegoTokenError(error)) optionError(option, error.message, error);
    throw error;
  }
}

function readAppId(value: unknown): number {
  if (value !== undefined) {
    checkOption('appId', () => assertAppId(value));
    return value as number;
  }
  const raw = process.env.ZEGO_APP_ID;
  if (raw === undefined || raw.trim() === '') {
    return optionError('appId', 'missing: pass `appId` or set the ZEGO_APP_ID environment variable');
  }
  const parsed = /^\s*\d+\s*$/.test(raw) ? Number(raw) : Number.NaN;
  checkOption('appId', () => assertAppId(parsed, 'ZEGO_APP_ID'));
  return parsed;
}

function readSecret(value: unknown): string {
  if (value !== undefined) {
    checkOption('serverSecret', () => assertSecret(value));
    return value as string;
  }
  const raw = process.env.ZEGO_SERVER_SECRET;
  if (raw === undefined || raw === '') {
    return optionError(
      'serverSecret',
      'missing: pass `serverSecret` or set the ZEGO_SERVER_SECRET environment variable',
    );
  }
  checkOption('serverSecret', () => assertSecret(raw, 'ZEGO_SERVER_SECRET'));
  return raw;
}

/** Matching is case-insensitive with an optional trailing slash, as Express's and Koa's routers do by default. */
function normalizePath(path: string): string {
  const lower = path.toLowerCase();
  return lower.length > 1 && lower.endsWith('/') ? lower.slice(0, -1) : lower;
}

function readPath(value: unknown): string {
  if (value === undefined) return normalizePath(DEFAULT_PATH);
  if (typeof value !== 'string' || !/^\/[^\s?#]*$/.test(value)) {
    optionError('path', `must be a path starting with "/" (no query or fragment), got ${describe(value)}`);
  }
  return normalizePath(value);
}

function readMethods(value: unknown): readonly string[] {
  if (value === undefined) return DEFAULT_METHODS;
  if (!Array.isArray(value) || value.length === 0) {
    optionError('methods', `must be a non-empty array of HTTP methods, got ${describe(value)}`);
  }
  const methods = new Set<string>();
  for (const method of value) {
    if (typeof method !== 'string' || !/^[A-Za-z]+$/.test(method)) {
      optionError('methods', `each method must be an HTTP method name, got ${describe(method)}`);
    }
    const upper = method.toUpperCase();
    if (upper === 'OPTIONS') {
      optionError('methods', 'OPTIONS always passes on to the host app (CORS preflight); leave it out');
    }
    methods.add(upper);
  }
  return Object.freeze([...methods]);
}

function readFunction(option: string, value: unknown, required: boolean): void {
  if (value === undefined && !required) return;
  if (typeof value !== 'function') optionError(option, `must be a function, got ${describe(value)}`);
}

function errorResult(
  status: number,
  code: string,
  message: string,
  extraHeaders?: Readonly<Record<string, string>>,
): TokenIssuerResult {
  const body: TokenErrorBody = { error: { code, message } };
  return {
    status,
    headers: extraHeaders ? { ...JSON_HEADERS, ...extraHeaders } : JSON_HEADERS,
    body: JSON.stringify(body),
  };
}

function codeResult(code: ZegoTokenErrorCode, status: number, message: string): TokenIssuerResult {
  return errorResult(status, code, message);
}

/** `FORBIDDEN` for 403, `TOO_MANY_REQUESTS` for 429: the code for a 4xx error that has none of its own. */
function statusName(status: number): string {
  return (STATUS_CODES[status] ?? 'Error').toUpperCase().replace(/[^A-Z0-9]+/g, '_');
}

/** An `http-errors`-style client error (4xx `status` or `statusCode`) becomes that response; anything else is `undefined`. */
function clientErrorResult(error: unknown): TokenIssuerResult | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { status, statusCode, code, expose, message } = error as Record<string, unknown>;
  const candidate = status ?? statusCode;
  if (typeof candidate !== 'number' || !Number.isInteger(candidate) || candidate < 400 || candidate > 499) {
    return undefined;
  }
  const bodyCode = typeof code === 'string' && /^[A-Za-z0-9_.-]{1,64}$/.test(code) ? code : statusName(candidate);
  const bodyMessage =
    expose === true && typeof message === 'string' && message !== ''
      ? message.slice(0, 500)
      : (STATUS_CODES[candidate] ?? 'Error');
  return errorResult(candidate, bodyCode, bodyMessage);
}

function isThenable<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

const UNAUTHENTICATED_RESULT = codeResult('UNAUTHENTICATED', 401, 'Sign in to get a ZEGO token');
const NOT_FOUND_RESULT = codeResult('NOT_FOUND', 404, 'Not Found');
const INTERNAL_ERROR_RESULT = codeResult('INTERNAL_ERROR', 500, 'Internal Server Error');

/**
 * Builds the token route's logic once: validates every option (a bad one throws
 * `ZegoTokenError` `OPTION_INVALID` naming it), then answers requests with plain
 * `{ status, headers, body }` results that any framework can write out.
 */
export function createTokenIssuer<TArgs extends readonly unknown[]>(
  options: TokenIssuerOptions<TArgs>,
  settings: CreateTokenIssuerSettings = {},
): TokenIssuer<TArgs> {
  assertOptionsObject(options, 'zego-token options');
  const routed = settings.routed ?? true;
  const raw = options as unknown as Record<string, unknown>;
  assertKnownKeys(raw, OPTION_KEYS, 'zego-token', OPTION_HINTS);
  if (!routed) {
    for (const key of ['path', 'methods'] as const) {
      if (raw[key] !== undefined) {
        optionError(key, "a handler answers on the host's own route; mount the middleware instead to use it");
      }
    }
  }

  readFunction('resolveUser', options.resolveUser, true);
  readFunction('onIssued', options.onIssued, false);
  readFunction('onError', options.onError, false);
  const appId = readAppId(options.appId);
  const serverSecret = readSecret(options.serverSecret);
  const effectiveTimeInSeconds = options.effectiveTimeInSeconds ?? DEFAULT_EFFECTIVE_TIME_IN_SECONDS;
  checkOption('effectiveTimeInSeconds', () => assertEffectiveTime(effectiveTimeInSeconds));
  const mode = options.mode ?? 'gcm';
  checkOption('mode', () => assertMode(mode));
  const validateUserId = options.validateUserId ?? true;
  if (typeof validateUserId !== 'boolean')
    optionError('validateUserId', `must be a boolean, got ${describe(validateUserId)}`);
  const path = routed ? readPath(options.path) : undefined;
  const methods = routed ? readMethods(options.methods) : undefined;

  const payloadOption = options.payload;
  const payloadFunction = typeof payloadOption === 'function' ? payloadOption : undefined;
  let staticPayload = '';
  if (payloadFunction === undefined) checkOption('payload', () => (staticPayload = normalizePayload(payloadOption)));

  const { resolveUser, onIssued, onError } = options;
  const mintConfig = { appId, serverSecret, mode };
  const checkUserId: (value: unknown, name: string) => asserts value is string = validateUserId
    ? assertZegoUserId
    : assertUserId;
  const methodNotAllowed = methods
    ? errorResult(405, 'METHOD_NOT_ALLOWED', `Use ${methods.join(' or ')}`, { Allow: methods.join(', ') })
    : undefined;

  function report(error: unknown, args: TArgs): void {
    if (!onError) return;
    try {
      onError(error, ...args);
    } catch {
      // Documented: logging never changes a response.
    }
  }

  function checkResolvedUserId(value: unknown): asserts value is string {
    checkUserId(value, 'the userId from resolveUser');
  }

  /** The 200 result: mints the token and calls `onIssued`. */
  function tokenResult(userId: string, lifetime: number, payload: string): TokenIssuerResult {
    const created = mintToken04(mintConfig, userId, lifetime, payload);
    onIssued?.({
      userId,
      appId,
      issuedAt: created.issuedAt,
      expiresAt: created.expiresAt,
      effectiveTimeInSeconds: lifetime,
      mode,
    });
    // Exactly JSON.stringify of a TokenResponseBody in its documented key order: the token is "04"
    // and base64 (nothing to escape), the numbers are integers, the userId goes through JSON.stringify.
    const body = `{"token":"${created.token}","appId":${appId},"userId":${JSON.stringify(userId)},"issuedAt":${created.issuedAt},"expiresAt":${created.expiresAt},"effectiveTimeInSeconds":${lifetime}}`;
    return { status: 200, headers: JSON_HEADERS, body };
  }

  async function withPayloadFunction(user: TokenUser, lifetime: number, args: TArgs): Promise<TokenIssuerResult> {
    const payload = normalizePayload(
      await (payloadFunction as NonNullable<typeof payloadFunction>)(user, ...args),
      'the payload option',
    );
    return tokenResult(user.userId, lifetime, payload);
  }

  /** The answer for what resolveUser returned: synchronous unless the payload option is a function. */
  function answer(resolved: ResolvedUser, args: TArgs): TokenIssuerResult | Promise<TokenIssuerResult> {
    if (resolved === null || resolved === undefined || resolved === '') {
      report(new ZegoTokenError('UNAUTHENTICATED', 'resolveUser returned no user'), args);
      return UNAUTHENTICATED_RESULT;
    }
    if (typeof resolved === 'string') {
      // The common case: a userId, the configured lifetime and payload.
      checkResolvedUserId(resolved);
      if (payloadFunction) return withPayloadFunction({ userId: resolved }, effectiveTimeInSeconds, args);
      return tokenResult(resolved, effectiveTimeInSeconds, staticPayload);
    }
    if (typeof resolved !== 'object' || Array.isArray(resolved)) {
      return fail(
        'USER_ID_INVALID',
        `resolveUser must return a userId string, { userId }, or null for nobody; it returned ${describe(resolved)}`,
      );
    }
    const user: TokenUser = resolved;
    checkResolvedUserId(user.userId);
    let lifetime = effectiveTimeInSeconds;
    if (user.effectiveTimeInSeconds !== undefined) {
      assertEffectiveTime(user.effectiveTimeInSeconds, 'the effectiveTimeInSeconds from resolveUser');
      lifetime = user.effectiveTimeInSeconds;
    }
    if (user.payload !== undefined) {
      return tokenResult(user.userId, lifetime, normalizePayload(user.payload, 'the payload from resolveUser'));
    }
    if (payloadFunction) return withPayloadFunction(user, lifetime, args);
    return tokenResult(user.userId, lifetime, staticPayload);
  }

  /** A failed request: reported, then a resolver's 4xx becomes its response; anything else is rethrown. */
  function recover(error: unknown, args: TArgs): TokenIssuerResult {
    report(error, args);
    const result = clientErrorResult(error);
    if (result) return result;
    throw error;
  }

  /**
   * Resolves the user and answers. A synchronous resolver (the common case) is answered without
   * awaiting anything: the request costs one settled promise, not a chain of async functions.
   */
  function run(args: TArgs): Promise<TokenIssuerResult> {
    try {
      const resolved = resolveUser(...args);
      const outcome = isThenable(resolved)
        ? Promise.resolve(resolved).then((user) => answer(user, args))
        : answer(resolved, args);
      if (!isThenable(outcome)) return Promise.resolve(outcome);
      return Promise.resolve(outcome).then(undefined, (error: unknown) => recover(error, args));
    } catch (error) {
      try {
        return Promise.resolve(recover(error, args));
      } catch (rethrown) {
        return Promise.reject(rethrown);
      }
    }
  }

  function issue(...args: TArgs): Promise<TokenIssuerResult> {
    return run(args);
  }

  function handle(method: string, requestPath: string, ...args: TArgs): Promise<TokenIssuerResult> | undefined {
    if (path === undefined || methods === undefined || methodNotAllowed === undefined) return run(args);
    if (requestPath !== path && normalizePath(requestPath) !== path) return undefined;
    // Node's parser gives known methods in upper case already; only others need converting.
    if (methods.includes(method)) return run(args);
    const upper = method.toUpperCase();
    if (upper === 'OPTIONS') return undefined;
    if (!methods.includes(upper)) return Promise.resolve(methodNotAllowed);
    return run(args);
  }

  const config: TokenIssuerConfig = Object.freeze({
    appId,
    effectiveTimeInSeconds,
    mode,
    path,
    methods,
    validateUserId,
  });
  return Object.freeze({
    handle,
    issue,
    internalError: () => INTERNAL_ERROR_RESULT,
    notFound: () => NOT_FOUND_RESULT,
    config,
  });
}
