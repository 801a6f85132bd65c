// The callback route's policy, shared by every adapter: read the body (bounded), parse it, verify
// ZEGO's signature, hand it to the host's `onCallback`, and answer so that ZEGO retries exactly when it
// should: 200 once handled, 4xx for what a retry cannot fix, a rejection (the host's 5xx) when the host fails.
// Shared by both entries: each passes its signature matcher (callback-core.ts), as the token route
// takes its mint, so that this module imports no hash.

import {
  checkDeclaredLength,
  parseCallbackBody,
  readRequestCallbackBody,
  type ZegoCallbackInput,
} from './callback-body.js';
import { createCallbackVerifier, type SignatureMatcher } from './callback-core.js';
import { isZegoTokenError } from './errors.js';
import { NOT_FOUND_RESULT, toResponse } from './fetch-core.js';
import { codeResult, type TokenIssuerResult, zegoErrorResult } from './responses.js';
import { environment, option, readFunction, readPath, report } from './route-options.js';
import { assertKnownKeys, assertOptionsObject, describe, fail } from './validate.js';

/** A verified callback's body: ZEGO's fields as they arrived (JSON values, or strings from a form). */
export type ZegoCallbackBody = Record<string, unknown>;

/**
 * Options of the callback route. `TArgs` is what the framework hands `onCallback` after the body:
 * `[req, res]` in Express, `[ctx]` in Koa, `[request]` for the fetch handler.
 */
export interface ZegoCallbackOptions<TArgs extends readonly unknown[]> {
  /**
   * Handles one verified callback (sync or async). Its return value, if not `undefined`, is sent as the
   * JSON body of the 200 (for callbacks whose answer ZEGO reads); otherwise the 200 is empty. If it
   * throws or rejects, the error goes to the host's error handling (a 5xx), so ZEGO sends the callback
   * again: make it idempotent. Required.
   */
  onCallback: (body: ZegoCallbackBody, ...args: TArgs) => unknown;
  /**
   * The CallbackSecret from the ZEGO console (not the ServerSecret). Defaults to the
   * `ZEGO_CALLBACK_SECRET` environment variable, read once at construction.
   */
  callbackSecret?: string | undefined;
  /** How far, in seconds, a callback's timestamp may be from this server's clock. Defaults to `600`. */
  toleranceSeconds?: number | undefined;
  /** The clock, in milliseconds like `Date.now` (the default). */
  now?: (() => number) | undefined;
  /** The largest body read, in bytes; a larger one is answered 413 unread. Defaults to `65536` (64 KiB). */
  maxBodyBytes?: number | undefined;
  /** Where the middleware answers, relative to its mount point. Defaults to `'/zego/callback'`. */
  path?: string | undefined;
  /**
   * Called for every callback refused (400, 401, 413) or failed (the host's `onCallback`, a broken
   * connection), for logging. Whatever it throws is ignored.
   */
  onError?: ((error: unknown, ...args: TArgs) => void) | undefined;
}

/** Options of a callback handler on the host's own route: the same, without `path`. */
export type ZegoCallbackHandlerOptions<TArgs extends readonly unknown[]> = Omit<ZegoCallbackOptions<TArgs>, 'path'>;

export const DEFAULT_CALLBACK_PATH = '/zego/callback';
export const DEFAULT_CALLBACK_MAX_BODY_BYTES = 65_536;

/** The validated configuration, without the secret or the functions. */
export interface ZegoCallbackConfig {
  /** `undefined` for a handler on the host's own route. */
  readonly path: string | undefined;
  readonly maxBodyBytes: number;
  readonly toleranceSeconds: number;
}

/** A callback handler for the host's own route: the host's router has matched the request. */
export interface ZegoCallbackHandlerReceiver<TArgs extends readonly unknown[]> {
  /**
   * Answers one callback. `read` gives its body (raw or parsed) and may throw `CALLBACK_BODY_*`
   * errors; it is called once. Resolves with the response to write, or rejects with the error for
   * the host's error handling (the host's `onCallback` failed, or the connection did).
   */
  receive(read: () => ZegoCallbackInput | Promise<ZegoCallbackInput>, ...args: TArgs): Promise<TokenIssuerResult>;
  readonly config: ZegoCallbackConfig;
}

/** A callback receiver for middleware, which matches `path` itself and accepts POST only. */
export interface ZegoCallbackReceiver<TArgs extends readonly unknown[]> extends ZegoCallbackHandlerReceiver<TArgs> {
  /**
   * `undefined` when the request is not for this route (pass it on); a 405 with `Allow: POST` for
   * another method at its path; otherwise `receive`'s answer.
   */
  handle(
    method: string,
    path: string,
    read: () => ZegoCallbackInput | Promise<ZegoCallbackInput>,
    ...args: TArgs
  ): Promise<TokenIssuerResult> | undefined;
}

const OPTION_KEYS = {
  onCallback: true,
  callbackSecret: true,
  toleranceSeconds: true,
  now: true,
  maxBodyBytes: true,
  path: true,
  onError: true,
} as const satisfies Record<keyof ZegoCallbackOptions<[]>, true>;

const OPTION_HINTS = {
  secret: 'callbackSecret',
  serverSecret: 'callbackSecret',
  handler: 'onCallback',
  onEvent: 'onCallback',
  limit: 'maxBodyBytes',
  bodyLimit: 'maxBodyBytes',
  clockToleranceSeconds: 'toleranceSeconds',
} as const;

function readMaxBodyBytes(value: unknown): number {
  if (value === undefined) return DEFAULT_CALLBACK_MAX_BODY_BYTES;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    fail(
      'OPTION_INVALID',
      `${option('maxBodyBytes')} must be a positive whole number of bytes, got ${describe(value)}`,
    );
  }
  return value;
}

function readCallbackSecret(value: unknown): unknown {
  if (value !== undefined) return value;
  const fromEnv = environment()?.ZEGO_CALLBACK_SECRET;
  if (fromEnv === undefined || fromEnv === '') {
    fail(
      'OPTION_INVALID',
      `${option('callbackSecret')} is missing: pass \`callbackSecret\` or set the ZEGO_CALLBACK_SECRET environment variable (the CallbackSecret from the ZEGO console)`,
    );
  }
  return fromEnv;
}

const METHOD_NOT_ALLOWED_RESULT = codeResult('METHOD_NOT_ALLOWED', 'Use POST', { Allow: 'POST' });
const EMPTY_OK: TokenIssuerResult = Object.freeze({
  status: 200,
  headers: Object.freeze({ 'Cache-Control': 'no-store' }),
  body: '',
});
const JSON_OK_HEADERS = Object.freeze({
  'Content-Type': 'application/json; charset=utf-8',
  'Cache-Control': 'no-store',
});

function answer(value: unknown): TokenIssuerResult {
  if (value === undefined) return EMPTY_OK;
  const body = JSON.stringify(value);
  if (typeof body !== 'string') {
    fail('OPTION_INVALID', `onCallback must return undefined or a JSON-serialisable value, got ${describe(value)}`);
  }
  return { status: 200, headers: JSON_OK_HEADERS, body };
}

/**
 * The callback route's logic, with `matches` for the signature: `createCallbackReceiver` of each
 * entry. Validates every option once (a bad one throws `OPTION_INVALID` naming it).
 */
export function createCallbackReceiverWith<TArgs extends readonly unknown[]>(
  options: ZegoCallbackOptions<TArgs>,
  settings: { routed?: boolean },
  matches: SignatureMatcher,
): ZegoCallbackReceiver<TArgs> | ZegoCallbackHandlerReceiver<TArgs> {
  const routed = settings.routed ?? true;
  assertOptionsObject(options, 'zego-token callback options');
  assertKnownKeys(
    options as unknown as Record<string, unknown>,
    OPTION_KEYS,
    'zego-token callback route',
    OPTION_HINTS,
  );
  if (!routed && options.path !== undefined) {
    fail('OPTION_INVALID', `${option('path')} is for the middleware: a handler answers on the host's own route`);
  }
  const { onCallback, onError } = options;
  readFunction('onCallback', onCallback, true);
  readFunction('onError', onError, false);
  const verifier = createCallbackVerifier(
    { ...options, callbackSecret: readCallbackSecret(options.callbackSecret) },
    {
      callbackSecret: option('callbackSecret'),
      toleranceSeconds: option('toleranceSeconds'),
      now: option('now'),
      secretCode: 'OPTION_INVALID',
    },
    matches,
  );
  const config: ZegoCallbackConfig = Object.freeze({
    path: routed ? readPath(options.path, DEFAULT_CALLBACK_PATH) : undefined,
    maxBodyBytes: readMaxBodyBytes(options.maxBodyBytes),
    toleranceSeconds: verifier.toleranceSeconds,
  });

  async function receive(
    read: () => ZegoCallbackInput | Promise<ZegoCallbackInput>,
    ...args: TArgs
  ): Promise<TokenIssuerResult> {
    let body: ZegoCallbackBody;
    try {
      const input = await read();
      checkDeclaredLength(input.contentLength, config.maxBodyBytes);
      body = await verifier.verify(parseCallbackBody(input));
    } catch (error) {
      report(onError, error, args);
      // A refused callback is answered (4xx: ZEGO stops, or a forger learns nothing); a broken
      // connection goes to the host.
      if (isZegoTokenError(error)) return zegoErrorResult(error);
      throw error;
    }
    try {
      return answer(await onCallback(body, ...args));
    } catch (error) {
      report(onError, error, args);
      throw error;
    }
  }

  if (!routed) return Object.freeze({ receive, config });

  const ownPath = config.path as string;
  function handle(
    method: string,
    path: string,
    read: () => ZegoCallbackInput | Promise<ZegoCallbackInput>,
    ...args: TArgs
  ): Promise<TokenIssuerResult> | undefined {
    if (path !== ownPath) return undefined;
    if (method !== 'POST' && method.toUpperCase() !== 'POST') return Promise.resolve(METHOD_NOT_ALLOWED_RESULT);
    return receive(read, ...args);
  }
  return Object.freeze({ handle, receive, config });
}

/** Options of `createCallbackFetchHandler`: the callback route's, with `onCallback(body, request)`. */
export type CallbackFetchHandlerOptions = ZegoCallbackOptions<[request: Request]>;

/** `createCallbackFetchHandler` of each entry, with its matcher (see callback-route.ts for what it does). */
export function createCallbackFetchHandlerWith(
  options: CallbackFetchHandlerOptions,
  matches: SignatureMatcher,
): (request: Request) => Promise<Response> {
  const anyPath = options !== null && typeof options === 'object' && options.path === undefined;
  const receiver = createCallbackReceiverWith<[request: Request]>(options, {}, matches) as ZegoCallbackReceiver<
    [request: Request]
  >;
  const { maxBodyBytes } = receiver.config;
  const ownPath = receiver.config.path as string;
  return function zegoCallbackFetchHandler(request: Request): Promise<Response> {
    const path = anyPath ? ownPath : new URL(request.url).pathname;
    const pending =
      receiver.handle(request.method, path, () => readRequestCallbackBody(request, maxBodyBytes), request) ??
      Promise.resolve(NOT_FOUND_RESULT);
    return pending.then(toResponse);
  };
}
