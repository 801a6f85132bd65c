// The token route's policy, shared by every adapter and by both entries: resolve the user, check the
// userId, choose the payload and lifetime, mint, and map failures to responses. Options are read once
// (issuer-options.ts); adapters only translate their request into `handle`/`issue` calls and write the
// result out. The mint is passed in: node:crypto's synchronous one (issuer.ts) or Web Crypto's
// asynchronous one (web/), so that this module imports no cipher.
import { isZegoTokenError, ZegoTokenError } from './errors.js';
import {
  type IssuerConfig,
  type ResolvedUser,
  readIssuerOptions,
  type TokenIssuerConfig,
  type TokenIssuerOptions,
  type TokenUser,
} from './issuer-options.js';
import { clientErrorResult, codeResult, type TokenIssuerResult, tokenResult, zegoErrorResult } from './responses.js';
import { report } from './route-options.js';
import type { CreatedToken04, MintInputs } from './token04-core.js';
import { assertEffectiveTime, assertUserId, assertZegoUserId, describe, fail, normalizePayload } from './validate.js';

/** An issuer for a handler on the host's own route: the host's router has already matched the request. */
export interface TokenHandlerIssuer<TArgs extends readonly unknown[]> {
  /** Resolve the user and answer, whatever the method and path. */
  issue(...args: TArgs): Promise<TokenIssuerResult>;
  /** The validated configuration, without the secret. */
  readonly config: TokenIssuerConfig;
}

/** An issuer for middleware, which matches `path` and `methods` itself. */
export interface TokenIssuer<TArgs extends readonly unknown[]> extends TokenHandlerIssuer<TArgs> {
  /**
   * `undefined` when the request is not for this route (pass it on), otherwise the response to
   * write: a token, a 401, a 405 with `Allow`, or a resolver's 4xx. Rejects with the error for the
   * host's error handling when anything else fails.
   */
  handle(method: string, path: string, ...args: TArgs): Promise<TokenIssuerResult> | undefined;
}

export interface CreateTokenIssuerSettings {
  /**
   * `false` for a handler mounted on the host's own route: the issuer then has no `handle`, and
   * `path` and `methods` are refused as options, since the host's router decides both. Defaults to `true`.
   */
  routed?: boolean;
}

/**
 * Mints from validated inputs with a fresh IV and nonce. The Node entry's is synchronous, and the
 * issuer then answers without a promise of its own (see `issue`).
 */
export type MintFunction = (inputs: MintInputs) => CreatedToken04 | Promise<CreatedToken04>;

const UNAUTHENTICATED_RESULT = codeResult('UNAUTHENTICATED', 'Sign in to get a ZEGO token');

function isThenable<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
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
}

/** Builds the answer to one request from the configuration. */
function createAnswerer<TArgs extends readonly unknown[]>(config: IssuerConfig<TArgs>, mintToken: MintFunction) {
  const { payload: payloadOption, onIssued, onError } = config;
  const { appId, mode, effectiveTimeInSeconds } = config.public;
  const { serverSecret } = config;
  const checkUserId: (value: unknown, name: string) => asserts value is string = config.public.validateUserId
    ? assertZegoUserId
    : assertUserId;

  /**
   * Reads what resolveUser returned exactly once: each property is copied out, then checked, and
   * only the checked copies are used, so a getter or a concurrent change cannot swap the userId.
   */
  function readGrant(resolved: string | object): Grant {
    if (typeof resolved === 'string') {
      checkUserId(resolved, 'the userId from resolveUser');
      return { userId: resolved, effectiveTimeInSeconds, payload: undefined };
    }
    if (Array.isArray(resolved)) {
      fail(
        'USER_ID_INVALID',
        'resolveUser must return a userId string, { userId }, or null for nobody; it returned an array',
      );
    }
    const { userId, payload, effectiveTimeInSeconds: lifetime } = resolved as TokenUser;
    checkUserId(userId, 'the userId from resolveUser');
    if (lifetime !== undefined) assertEffectiveTime(lifetime, 'the effectiveTimeInSeconds from resolveUser');
    return {
      userId,
      effectiveTimeInSeconds: lifetime ?? effectiveTimeInSeconds,
      payload: payload === undefined ? undefined : normalizePayload(payload, 'the payload from resolveUser'),
    };
  }

  function answerIssued(issued: CreatedToken04, lifetime: number): TokenIssuerResult {
    if (onIssued) {
      const { userId, issuedAt, expiresAt } = issued;
      onIssued({ appId, userId, issuedAt, expiresAt, effectiveTimeInSeconds: lifetime, mode });
    }
    return tokenResult(issued);
  }

  function mint(grant: Grant, payload: string): TokenIssuerResult | Promise<TokenIssuerResult> {
    const { userId, effectiveTimeInSeconds: lifetime } = grant;
    const issued = mintToken({ appId, serverSecret, mode, userId, effectiveTimeInSeconds: lifetime, payload });
    return isThenable(issued)
      ? Promise.resolve(issued).then((token) => answerIssued(token, lifetime))
      : answerIssued(issued, lifetime);
  }

  /** The answer for what resolveUser returned: synchronous unless the payload option is a function. */
  return function answer(resolved: ResolvedUser, args: TArgs): TokenIssuerResult | Promise<TokenIssuerResult> {
    if (resolved === null || resolved === undefined || resolved === '') {
      report(onError, new ZegoTokenError('UNAUTHENTICATED', 'resolveUser returned no user'), args);
      return UNAUTHENTICATED_RESULT;
    }
    if (typeof resolved !== 'string' && typeof resolved !== 'object') {
      fail(
        'USER_ID_INVALID',
        `resolveUser must return a userId string, { userId }, or null for nobody; it returned ${describe(resolved)}`,
      );
    }
    const grant = readGrant(resolved);
    if (grant.payload !== undefined) return mint(grant, grant.payload);
    if (typeof payloadOption === 'string') return mint(grant, payloadOption);
    // The payload function gets a frozen copy holding the checked values, never the resolver's
    // object: nothing it does can change what is minted.
    const user: Readonly<TokenUser> = Object.freeze({
      ...(typeof resolved === 'object' ? resolved : undefined),
      userId: grant.userId,
      effectiveTimeInSeconds: grant.effectiveTimeInSeconds,
      payload: undefined,
    });
    return Promise.resolve(payloadOption(user, ...args)).then((payload) =>
      mint(grant, normalizePayload(payload, 'the payload option')),
    );
  };
}

/**
 * The token route's logic, with `mint` for the cryptography: `createTokenIssuer` of each entry.
 * Validates every option once (a bad one throws `OPTION_INVALID` naming it).
 */
export function createIssuer<TArgs extends readonly unknown[]>(
  options: TokenIssuerOptions<TArgs>,
  settings: CreateTokenIssuerSettings,
  mintToken: MintFunction,
): TokenIssuer<TArgs> | TokenHandlerIssuer<TArgs> {
  const routed = settings.routed ?? true;
  const config = readIssuerOptions(options, routed);
  const answer = createAnswerer(config, mintToken);
  const { resolveUser } = config;

  /**
   * A failed request: reported, then answered in the route's contract when the route knows what
   * went wrong (a resolver's 4xx, or a `ZegoTokenError` such as a userId ZEGO would reject), and
   * rethrown for the host's error handling otherwise.
   */
  function recover(error: unknown, args: TArgs): TokenIssuerResult {
    report(config.onError, error, args);
    if (isZegoTokenError(error)) return zegoErrorResult(error);
    const result = clientErrorResult(error);
    if (result) return result;
    throw error;
  }

  // A synchronous resolver and mint (the common case on Node) are answered without an async function
  // per request: profiling showed the extra promise frames cost more than the cipher on Koa
  // (bench/README.md).
  function issue(...args: TArgs): Promise<TokenIssuerResult> {
    try {
      const resolved = resolveUser(...args);
      const outcome = isThenable(resolved) ? resolved.then((user) => answer(user, args)) : answer(resolved, args);
      if (!isThenable(outcome)) return Promise.resolve(outcome);
      return Promise.resolve(outcome).then(undefined, (error: unknown) => recover(error, args));
    } catch (error) {
      // recover() rethrows what the host must handle: inside the executor, that rejects the promise.
      return new Promise((resolve) => resolve(recover(error, args)));
    }
  }

  if (!routed) return Object.freeze({ issue, config: config.public });

  const methods = config.public.methods as readonly string[];
  const matchesPath = createPathMatcher(
    config.public.path as string,
    config.public.caseSensitive !== false,
    config.public.ignoreTrailingSlash === true,
  );
  const methodNotAllowed = codeResult('METHOD_NOT_ALLOWED', `Use ${methods.join(' or ')}`, {
    Allow: methods.join(', '),
  });

  function handle(method: string, requestPath: string, ...args: TArgs): Promise<TokenIssuerResult> | undefined {
    if (!matchesPath(requestPath)) return undefined;
    // Node's parser gives known methods in upper case already; only others need converting.
    if (methods.includes(method)) return issue(...args);
    const upper = method.toUpperCase();
    if (upper === 'OPTIONS') return undefined;
    if (!methods.includes(upper)) return Promise.resolve(methodNotAllowed);
    return issue(...args);
  }

  return Object.freeze({ handle, issue, config: config.public });
}
