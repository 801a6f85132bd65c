// The token route's policy, shared by every adapter and both runtimes: resolve the user, check the
// userId, choose the payload and lifetime, mint, and map failures to responses. Options are read once
// (options.ts); adapters only translate their request into `handle` calls and write the result out.
// Two constructors, two intents: `createTokenHandler` for a route the host's router matched,
// `createTokenRoute` for middleware that matches its own path and methods.
import { isZegoTokenError, ZegoTokenError } from '../errors.js';
import type { Runtime, RuntimeName } from '../runtime.js';
import { readTime, type TokenAdmission, type TokenRevocationStore } from '../sign-out/revocation.js';
import type { IssuedToken } from '../token/issued-token.js';
import { mintToken04 } from '../token/token04.js';
import { assertEffectiveTime, assertUserId, assertZegoUserId, describe, fail, normalizePayload } from '../validate.js';
import { report } from './common.js';
import {
  type ResolvedUser,
  readTokenHandlerOptions,
  readTokenRouteOptions,
  type TokenHandlerConfig,
  type TokenHandlerOptions,
  type TokenHandlerSettings,
  type TokenRouteConfig,
  type TokenRouteOptions,
  type TokenUser,
} from './options.js';
import { clientErrorResult, codeResult, type RouteResult, tokenResult, zegoErrorResult } from './responses.js';

/** The token route as a handler for the host's own route: the host's router has matched the request. */
export interface TokenHandler<TArgs extends readonly unknown[]> {
  /**
   * Resolves the user and answers, whatever the method and path: a token, a 401, or a resolver's 4xx.
   * Rejects with the error, for the host's error handling, when anything else fails.
   */
  handle(...args: TArgs): Promise<RouteResult>;
  /** The validated configuration, without the secret. */
  readonly config: TokenHandlerConfig;
}

/** The token route as middleware, which matches `path` and `methods` itself. */
export interface TokenRoute<TArgs extends readonly unknown[]> {
  /**
   * `undefined` when the request is not for this route (pass it on: another path, or `OPTIONS`),
   * a 405 with `Allow` for another method at its path, otherwise the handler's answer.
   */
  handle(method: string, path: string, ...args: TArgs): Promise<RouteResult> | undefined;
  /** The validated configuration, without the secret. */
  readonly config: TokenRouteConfig;
}

const REVOCATION_FAILED = 'The revocation store failed: no token is handed out while sign-outs cannot be checked';

/** `sessionIssuedAt` from resolveUser, required with a revocation store. */
function readSessionIssuedAt(value: unknown): number {
  if (value === undefined) {
    fail(
      'SESSION_ISSUED_AT_INVALID',
      'resolveUser must return { userId, sessionIssuedAt } when the route has a revocation store: when the session (or JWT) was issued, in ms or as a Date',
    );
  }
  return readTime(value, 'the sessionIssuedAt from resolveUser', 'SESSION_ISSUED_AT_INVALID');
}

const UNAUTHENTICATED_RESULT = codeResult('UNAUTHENTICATED', 'Sign in to get a ZEGO token');

/** The host's resolver and payload function may answer with a promise: that is the host's choice, read per call. */
function isPromiseLike<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

/** Exact by default; each leniency is the host's choice, and its guards must match the same way. */
function createPathMatcher(path: string, caseSensitive: boolean, ignoreTrailingSlash: boolean) {
  if (caseSensitive && !ignoreTrailingSlash) return (requestPath: string) => requestPath === path;
  const normalize = (value: string) => {
    const cased = caseSensitive ? value : value.toLowerCase();
    return ignoreTrailingSlash && cased.length > 1 && cased.endsWith('/') ? cased.slice(0, -1) : cased;
  };
  const expected = normalize(path);
  return (requestPath: string) => normalize(requestPath) === expected;
}

/** What one request mints from: read once from `resolveUser`'s answer and checked before use. */
interface Grant {
  userId: string;
  effectiveTimeInSeconds: number;
  /** The payload string, or `undefined` to take it from the `payload` option. */
  payload: string | undefined;
  /** When the host's session began, in ms; read only when the route has a revocation store. */
  sessionIssuedAt: number;
}

/** The answer to one request, from the settings read once: `handle(...args)` of a handler. */
function createAnswerer<R extends RuntimeName, TArgs extends readonly unknown[]>(
  runtime: Runtime<R>,
  settings: TokenHandlerSettings<TArgs, TokenHandlerConfig>,
): (...args: TArgs) => Promise<RouteResult> {
  const { payload: payloadOption, onIssued, onError, resolveUser, serverSecret, revocation } = settings;
  const { appId, mode, effectiveTimeInSeconds } = settings.public;
  const checkUserId: (value: unknown, name: string) => asserts value is string = settings.public.validateUserId
    ? assertZegoUserId
    : assertUserId;

  /**
   * A failed request: reported, then answered in the route's contract when the route knows what
   * went wrong (a resolver's 4xx, or a `ZegoTokenError` such as a userId ZEGO would reject), and
   * rethrown for the host's error handling otherwise.
   */
  function recover(error: unknown, args: TArgs): RouteResult {
    report(onError, error, args);
    if (isZegoTokenError(error)) return zegoErrorResult(error);
    const result = clientErrorResult(error);
    if (result) return result;
    throw error;
  }

  /** `recover` as a promise: what it throws (the host's error) rejects. */
  function recovered(error: unknown, args: TArgs): Promise<RouteResult> {
    return new Promise((resolve) => resolve(recover(error, args)));
  }

  /**
   * Reads what resolveUser returned exactly once: each property is copied out, then checked, and
   * only the checked copies are used, so a getter or a concurrent change cannot swap the userId.
   */
  function readGrant(resolved: string | object): Grant {
    if (typeof resolved === 'string') {
      checkUserId(resolved, 'the userId from resolveUser');
      if (revocation) readSessionIssuedAt(undefined);
      return { userId: resolved, effectiveTimeInSeconds, payload: undefined, sessionIssuedAt: 0 };
    }
    if (Array.isArray(resolved)) {
      fail(
        'USER_ID_INVALID',
        'resolveUser must return a userId string, { userId }, or null for nobody; it returned an array',
      );
    }
    const { userId, payload, effectiveTimeInSeconds: lifetime, sessionIssuedAt } = resolved as TokenUser;
    checkUserId(userId, 'the userId from resolveUser');
    if (lifetime !== undefined) assertEffectiveTime(lifetime, 'the effectiveTimeInSeconds from resolveUser');
    return {
      userId,
      effectiveTimeInSeconds: lifetime ?? effectiveTimeInSeconds,
      payload: payload === undefined ? undefined : normalizePayload(payload, 'the payload from resolveUser'),
      sessionIssuedAt: revocation ? readSessionIssuedAt(sessionIssuedAt) : 0,
    };
  }

  function issuedAfterAdmission(store: TokenRevocationStore, grant: Grant) {
    return async (token: IssuedToken): Promise<RouteResult> => {
      const request = { sessionIssuedAt: grant.sessionIssuedAt, expiresAt: token.expiresAt * 1000, now: Date.now() };
      let admission: TokenAdmission;
      try {
        admission = await store.admit(grant.userId, request);
      } catch (error) {
        throw new ZegoTokenError('REVOCATION_UNAVAILABLE', REVOCATION_FAILED, { cause: error });
      }
      if (typeof admission !== 'object' || admission === null || typeof admission.admitted !== 'boolean') {
        fail(
          'REVOCATION_UNAVAILABLE',
          `the revocation store's admit() answered ${describe(admission)}, not a TokenAdmission`,
        );
      }
      if (admission.admitted) return issued(token);
      if (admission.reason === 'banned') {
        fail(
          'USER_BANNED',
          `This user may not have a ZEGO token until ${new Date(admission.bannedUntil).toISOString()}`,
        );
      }
      return fail('SESSION_REVOKED', 'This session was signed out everywhere: sign in again');
    };
  }

  function issued(token: IssuedToken): RouteResult {
    if (onIssued) {
      const { appId, userId, issuedAt, expiresAt, effectiveTimeInSeconds, mode } = token;
      onIssued({ appId, userId, issuedAt, expiresAt, effectiveTimeInSeconds, mode });
    }
    return tokenResult(token);
  }

  function mintFor(grant: Grant, payload: string) {
    const { userId, effectiveTimeInSeconds } = grant;
    return mintToken04(runtime, { appId, serverSecret, mode, userId, effectiveTimeInSeconds, payload });
  }

  function mint(grant: Grant, payload: string) {
    return runtime.after(mintFor(grant, payload), issued);
  }

  /** Minting with a revocation store: the token is handed out only once the store admits it. */
  function mintAdmitted(store: TokenRevocationStore, grant: Grant, payload: string): Promise<RouteResult> {
    return Promise.resolve(mintFor(grant, payload)).then(issuedAfterAdmission(store, grant));
  }

  /** The answer for what resolveUser returned; never throws (a failure is `recover`ed). */
  function answer(resolved: ResolvedUser, args: TArgs): Promise<RouteResult> {
    try {
      if (resolved === null || resolved === undefined || resolved === '') {
        report(onError, new ZegoTokenError('UNAUTHENTICATED', 'resolveUser returned no user'), args);
        return Promise.resolve(UNAUTHENTICATED_RESULT);
      }
      if (typeof resolved !== 'string' && typeof resolved !== 'object') {
        fail(
          'USER_ID_INVALID',
          `resolveUser must return a userId string, { userId }, or null for nobody; it returned ${describe(resolved)}`,
        );
      }
      const grant = readGrant(resolved);
      const fixed = grant.payload ?? payloadOption;
      if (typeof fixed === 'string') {
        if (revocation) return mintAdmitted(revocation, grant, fixed).then(undefined, (error) => recover(error, args));
        return runtime.settle(mint(grant, fixed), (error) => recover(error, args));
      }
      // The payload function gets a frozen copy holding the checked values, never the resolver's
      // object: nothing it does can change what is minted.
      const user: Readonly<TokenUser> = Object.freeze({
        ...(typeof resolved === 'object' ? resolved : undefined),
        userId: grant.userId,
        effectiveTimeInSeconds: grant.effectiveTimeInSeconds,
        payload: undefined,
      });
      const computed = fixed(user, ...args);
      return Promise.resolve(computed)
        .then((payload) => {
          const text = normalizePayload(payload, 'the payload option');
          return revocation ? mintAdmitted(revocation, grant, text) : mint(grant, text);
        })
        .then(undefined, (error: unknown) => recover(error, args));
    } catch (error) {
      return recovered(error, args);
    }
  }

  // A synchronous resolver on Node is answered with the one promise the caller gets: profiling showed
  // extra promise frames cost more than the cipher on Koa (bench/README.md).
  return function handle(...args: TArgs): Promise<RouteResult> {
    let resolved: ResolvedUser | PromiseLike<ResolvedUser>;
    try {
      resolved = resolveUser(...args);
    } catch (error) {
      return recovered(error, args);
    }
    if (!isPromiseLike(resolved)) return answer(resolved, args);
    return Promise.resolve(resolved).then(
      (user) => answer(user, args),
      (error: unknown) => recover(error, args),
    );
  };
}

/**
 * A token handler for the host's own route (`zegoTokenHandler` in each adapter): the host's router
 * decides the path and methods. Validates every option once; a bad one throws `ZegoTokenError`
 * `OPTION_INVALID` naming it.
 */
export function createTokenHandler<R extends RuntimeName, TArgs extends readonly unknown[]>(
  runtime: Runtime<R>,
  options: TokenHandlerOptions<TArgs>,
): TokenHandler<TArgs> {
  const settings = readTokenHandlerOptions(options);
  return Object.freeze({ handle: createAnswerer(runtime, settings), config: settings.public });
}

/**
 * The token route as middleware (`zegoToken` in each adapter, the fetch handler): answers at `path`
 * for `methods`, 405 for other methods there, and passes everything else on. Validates every option
 * once; a bad one throws `ZegoTokenError` `OPTION_INVALID` naming it.
 */
export function createTokenRoute<R extends RuntimeName, TArgs extends readonly unknown[]>(
  runtime: Runtime<R>,
  options: TokenRouteOptions<TArgs>,
): TokenRoute<TArgs> {
  const settings = readTokenRouteOptions(options);
  const { path, methods, caseSensitive, ignoreTrailingSlash } = settings.public;
  const answer = createAnswerer(runtime, settings);
  const matchesPath = createPathMatcher(path, caseSensitive, ignoreTrailingSlash);
  const methodNotAllowed = codeResult('METHOD_NOT_ALLOWED', `Use ${methods.join(' or ')}`, {
    Allow: methods.join(', '),
  });

  function handle(method: string, requestPath: string, ...args: TArgs): Promise<RouteResult> | undefined {
    if (!matchesPath(requestPath)) return undefined;
    // Node's parser gives known methods in upper case already; only others need converting.
    if (methods.includes(method)) return answer(...args);
    const upper = method.toUpperCase();
    if (upper === 'OPTIONS') return undefined;
    if (!methods.includes(upper)) return Promise.resolve(methodNotAllowed);
    return answer(...args);
  }

  return Object.freeze({ handle, config: settings.public });
}
