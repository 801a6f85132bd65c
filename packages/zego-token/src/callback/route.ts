// The callback route's policy, shared by every adapter and both runtimes: read the body (bounded),
// parse it, verify ZEGO's signature, hand it to the host's `onCallback`, and answer so that ZEGO
// retries exactly when it should: 200 once handled, 4xx for what a retry cannot fix, a rejection (the
// host's 5xx) when the host fails. Two constructors, as for the token route: `createCallbackHandler`
// for a route the host's router matched, `createCallbackRoute` for middleware that matches its path.

import { isZegoTokenError } from '../errors.js';
import { environment, option, readFunction, readPath, report } from '../route/common.js';
import {
  type AnyFetchArgs,
  type FetchHandlerArgs,
  type FetchInput,
  fetchPathReader,
  lazyFetchHandler,
  NOT_FOUND_RESULT,
  toResponse,
} from '../route/fetch.js';
import { codeResult, type RouteResult, zegoErrorResult } from '../route/responses.js';
import type { Runtime, RuntimeName } from '../runtime.js';
import { assertKnownKeys, assertOptionsObject, describe, fail } from '../validate.js';
import { type CallbackInput, checkDeclaredLength, parseCallbackBody, readRequestCallbackBody } from './body.js';
import { parseZegoCallback, type ZegoCallbackEvent } from './events/parse.js';
import {
  type CallbackIdempotencyOptions,
  eventKey,
  type IdempotencySettings,
  readIdempotency,
  signatureKey,
} from './idempotency.js';
import {
  type CallbackBody,
  type CallbackVerifierOptions,
  readCallbackSecret,
  readNow,
  readTolerance,
  type VerifiedZegoCallback,
  verifyCallback,
} from './signature.js';

/** The options every callback handler takes, whatever `onCallback` is given. */
interface CallbackHandlerCommonOptions<TArgs extends readonly unknown[]> {
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
  /**
   * Called for every callback refused (400, 401, 413) or failed (the host's `onCallback`, a broken
   * connection, the idempotency store), for logging. Whatever it throws is ignored.
   */
  onError?: ((error: unknown, ...args: TArgs) => void) | undefined;
  /**
   * De-duplicates deliveries before `onCallback`: `true` (a store in memory), or `{ store, eventId }`.
   * A delivery whose verified signature was seen within twice `toleranceSeconds` (or, with `eventId`,
   * whose event was handled) is answered an empty 200 without calling `onCallback`; when `onCallback`
   * fails, its keys are released so that ZEGO's retry is handled. Off by default.
   */
  idempotency?: boolean | CallbackIdempotencyOptions | undefined;
}

/** `onCallback` given the verified body (the default). */
export interface CallbackBodyOptions<TArgs extends readonly unknown[]> {
  /** `true` hands `onCallback` the typed event instead of the body (see `CallbackEventOptions`). */
  events?: false | undefined;
  /**
   * Handles one verified callback (sync or async). Its return value, if not `undefined`, is sent as the
   * JSON body of the 200 (for callbacks whose answer ZEGO reads); otherwise the 200 is empty. If it
   * throws or rejects, the error goes to the host's error handling (a 5xx), so ZEGO sends the callback
   * again: make it idempotent. Required.
   */
  onCallback: (body: CallbackBody, ...args: TArgs) => unknown;
}

/** `events: true`: `onCallback` given the typed event (`parseZegoCallback` of the verified body). */
export interface CallbackEventOptions<TArgs extends readonly unknown[]> {
  /**
   * Hands `onCallback` the typed `ZegoCallbackEvent` (narrow it by `product`, then `event`), parsed from
   * the body's text when the route read it (64-bit IDs exact). A documented event with a field of the
   * wrong type is answered 400 `CALLBACK_EVENT_INVALID` (ZEGO stops: a retry cannot fix it) and
   * reported to `onError`; an event no module knows arrives as `product: 'unknown'`.
   */
  events: true;
  /** As without `events`, but given the typed event; `event.raw` is the verified body. Required. */
  onCallback: (event: ZegoCallbackEvent, ...args: TArgs) => unknown;
}

/**
 * Options of a callback handler on the host's own route (`createCallbackHandler`, each adapter's
 * `zegoCallbackHandler`). `TArgs` is what the framework hands `onCallback` after the body (or the
 * event): `[req, res]` in Express, `[ctx]` in Koa, `[request]` for the fetch handler.
 */
export type CallbackHandlerOptions<TArgs extends readonly unknown[]> = CallbackHandlerCommonOptions<TArgs> &
  (CallbackBodyOptions<TArgs> | CallbackEventOptions<TArgs>);

/** Options of the callback route that answers its own path (`createCallbackRoute`, each adapter's `zegoCallback`). */
export type CallbackRouteOptions<TArgs extends readonly unknown[]> = CallbackHandlerOptions<TArgs> & {
  /** Where the route answers, relative to its mount point. Defaults to `'/zego/callback'`. */
  path?: string | undefined;
};

export const DEFAULT_CALLBACK_PATH = '/zego/callback';
export const DEFAULT_CALLBACK_MAX_BODY_BYTES = 65_536;

/** A callback handler's validated configuration, without the secret or the functions. */
export interface CallbackHandlerConfig {
  readonly maxBodyBytes: number;
  readonly toleranceSeconds: number;
}

/** The callback route's validated configuration: the handler's, and where it answers. */
export interface CallbackRouteConfig extends CallbackHandlerConfig {
  readonly path: string;
}

/** Gives a callback's body, raw or parsed; called once. May throw `CALLBACK_BODY_*` errors. */
export type CallbackBodyReader = () => CallbackInput | Promise<CallbackInput>;

/** The callback route as a handler for the host's own route: the host's router has matched the request. */
export interface CallbackHandler<TArgs extends readonly unknown[]> {
  /**
   * Answers one callback, whatever the method. Resolves with the response to write, or rejects with
   * the error for the host's error handling (the host's `onCallback` failed, or the connection did).
   */
  handle(read: CallbackBodyReader, ...args: TArgs): Promise<RouteResult>;
  readonly config: CallbackHandlerConfig;
}

/** The callback route as middleware, which matches `path` itself and accepts POST only. */
export interface CallbackRoute<TArgs extends readonly unknown[]> {
  /**
   * `undefined` when the request is not for this route (pass it on); a 405 with `Allow: POST` for
   * another method at its path; otherwise the handler's answer.
   */
  handle(method: string, path: string, read: CallbackBodyReader, ...args: TArgs): Promise<RouteResult> | undefined;
  readonly config: CallbackRouteConfig;
}

const OPTION_KEYS = {
  onCallback: true,
  callbackSecret: true,
  toleranceSeconds: true,
  now: true,
  maxBodyBytes: true,
  path: true,
  onError: true,
  idempotency: true,
  events: true,
} as const satisfies Record<keyof CallbackRouteOptions<[]> | 'events', true>;

const OPTION_HINTS = {
  secret: 'callbackSecret',
  serverSecret: 'callbackSecret',
  handler: 'onCallback',
  onEvent: 'onCallback',
  limit: 'maxBodyBytes',
  bodyLimit: 'maxBodyBytes',
  clockToleranceSeconds: 'toleranceSeconds',
  idempotent: 'idempotency',
  dedupe: 'idempotency',
  store: 'idempotency',
  event: 'events',
  typed: 'events',
  parse: 'events',
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

function readSecretOption(value: unknown): string {
  if (value !== undefined) return readCallbackSecret(value, option('callbackSecret'), 'OPTION_INVALID');
  const fromEnv = environment()?.ZEGO_CALLBACK_SECRET;
  if (fromEnv === undefined || fromEnv === '') {
    fail(
      'OPTION_INVALID',
      `${option('callbackSecret')} is missing: pass \`callbackSecret\` or set the ZEGO_CALLBACK_SECRET environment variable (the CallbackSecret from the ZEGO console)`,
    );
  }
  return readCallbackSecret(fromEnv, 'zego-token: ZEGO_CALLBACK_SECRET', 'OPTION_INVALID');
}

const METHOD_NOT_ALLOWED_RESULT = codeResult('METHOD_NOT_ALLOWED', 'Use POST', { Allow: 'POST' });
const EMPTY_OK: RouteResult = Object.freeze({
  status: 200,
  headers: Object.freeze({ 'Cache-Control': 'no-store' }),
  body: '',
});
const JSON_OK_HEADERS = Object.freeze({
  'Content-Type': 'application/json; charset=utf-8',
  'Cache-Control': 'no-store',
});

function answer(value: unknown): RouteResult {
  if (value === undefined) return EMPTY_OK;
  const body = JSON.stringify(value);
  if (typeof body !== 'string') {
    fail('OPTION_INVALID', `onCallback must return undefined or a JSON-serialisable value, got ${describe(value)}`);
  }
  return { status: 200, headers: JSON_OK_HEADERS, body };
}

/** What a handler needs per callback, read and checked once. */
interface CallbackSettings<TArgs extends readonly unknown[]> {
  readonly verifier: CallbackVerifierOptions;
  readonly maxBodyBytes: number;
  /** `onCallback`, given what `events` asked for (the body, or the typed event). */
  readonly onCallback: (body: CallbackBody, ...args: TArgs) => unknown;
  readonly events: boolean;
  readonly onError: CallbackHandlerOptions<TArgs>['onError'];
  readonly idempotency: IdempotencySettings | undefined;
}

/** Reads the options both constructors share, after the keys were checked. */
function readCallbackOptions<TArgs extends readonly unknown[]>(
  options: CallbackHandlerOptions<TArgs>,
): CallbackSettings<TArgs> {
  const { onError } = options;
  const onCallback = options.onCallback as (body: CallbackBody, ...args: TArgs) => unknown;
  readFunction('onCallback', onCallback, true);
  readFunction('onError', onError, false);
  const events = readEvents(options.events);
  const verifier = {
    callbackSecret: readSecretOption(options.callbackSecret),
    toleranceSeconds: readTolerance(options.toleranceSeconds, option('toleranceSeconds')),
    now: readNow(options.now, option('now')),
  };
  const idempotency = readIdempotency(options.idempotency, verifier.toleranceSeconds, verifier.now);
  const maxBodyBytes = readMaxBodyBytes(options.maxBodyBytes);
  return { verifier, maxBodyBytes, onCallback, events, onError, idempotency };
}

function readEvents(value: unknown): boolean {
  if (value === undefined || value === false || value === true) return value === true;
  return fail(
    'OPTION_INVALID',
    `${option('events')} must be true (hand onCallback the typed event) or false, got ${describe(value)}`,
  );
}

function checkOptionKeys(options: unknown): asserts options is Record<string, unknown> {
  assertOptionsObject(options, 'zego-token callback options');
  assertKnownKeys(options, OPTION_KEYS, 'zego-token callback route', OPTION_HINTS);
}

/**
 * Claims a verified delivery's keys: its signature's first, then (if `eventId` gives one) its event's.
 * The keys claimed, or `undefined` for a duplicate. A duplicate signature claims nothing more, so a
 * replayed capture with an edited event ID cannot claim (and so drop) another event; a fresh signature
 * of an event already handled is ZEGO re-signing its retry.
 */
async function claimKeys(
  settings: IdempotencySettings,
  signature: string,
  body: CallbackBody,
): Promise<string[] | undefined> {
  const { store, ttlMs } = settings;
  const first = signatureKey(signature);
  if (!(await store.claim(first, ttlMs))) return undefined;
  try {
    const second = eventKey(settings, body);
    if (second === undefined) return [first];
    return (await store.claim(second, ttlMs)) ? [first, second] : undefined;
  } catch (error) {
    // The store's or `eventId`'s failure is the one the host hears of, not a failure to release.
    await Promise.resolve()
      .then(() => store.release(first))
      .catch(() => undefined);
    throw error;
  }
}

/** Tells the host's `onDuplicate`, if any; what it throws is ignored, as `onError`'s is. */
function noteDuplicate(settings: IdempotencySettings, body: CallbackBody): void {
  try {
    settings.onDuplicate?.(body);
  } catch {
    // A logger's failure must not change the answer.
  }
}

/** Releases the keys of a delivery whose handling failed; a failure to do so goes to `onError` too. */
async function releaseKeys<TArgs extends readonly unknown[]>(
  settings: IdempotencySettings,
  keys: readonly string[],
  onError: CallbackHandlerOptions<TArgs>['onError'],
  args: TArgs,
): Promise<void> {
  for (const key of [...keys].reverse()) {
    try {
      await settings.store.release(key);
    } catch (error) {
      report(onError, error, args);
    }
  }
}

/** One callback's answer, from the settings read once: `handle(read, ...args)` of a handler. */
function createReceiver<R extends RuntimeName, TArgs extends readonly unknown[]>(
  runtime: Runtime<R>,
  { verifier, maxBodyBytes, onCallback, events, onError, idempotency }: CallbackSettings<TArgs>,
): (read: CallbackBodyReader, ...args: TArgs) => Promise<RouteResult> {
  const nowName = option('now');
  return async function receive(read, ...args) {
    let verified: VerifiedZegoCallback;
    let given: CallbackBody | ZegoCallbackEvent;
    try {
      const input = await read();
      checkDeclaredLength(input.contentLength, maxBodyBytes);
      // The body is parsed from its text (when the route read it) without rounding 64-bit IDs.
      verified = await verifyCallback(runtime, parseCallbackBody(input), verifier, nowName);
      // A documented event with a mistyped field: CALLBACK_EVENT_INVALID, 400 (a retry cannot fix it).
      given = events ? parseZegoCallback(verified.body) : verified.body;
    } catch (error) {
      report(onError, error, args);
      // A refused callback is answered (4xx: ZEGO stops, or a forger learns nothing); a broken
      // connection goes to the host.
      if (isZegoTokenError(error)) return zegoErrorResult(error);
      throw error;
    }
    const { body, signed } = verified;
    let keys: string[] | undefined;
    try {
      if (idempotency !== undefined) {
        keys = await claimKeys(idempotency, signed.signature, body);
        // A duplicate: answered 200 so that ZEGO stops, without handling it again.
        if (keys === undefined) {
          noteDuplicate(idempotency, body);
          return EMPTY_OK;
        }
      }
      return answer(await onCallback(given as CallbackBody, ...args));
    } catch (error) {
      report(onError, error, args);
      if (idempotency !== undefined && keys !== undefined) await releaseKeys(idempotency, keys, onError, args);
      throw error;
    }
  };
}

/**
 * A callback handler for the host's own route (`zegoCallbackHandler` in each adapter). Validates every
 * option once; a bad one throws `ZegoTokenError` `OPTION_INVALID` naming it.
 */
export function createCallbackHandler<R extends RuntimeName, TArgs extends readonly unknown[]>(
  runtime: Runtime<R>,
  options: CallbackHandlerOptions<TArgs>,
): CallbackHandler<TArgs> {
  checkOptionKeys(options);
  if (options.path !== undefined) {
    fail('OPTION_INVALID', `${option('path')} is the route's: a handler answers on the host's own route`);
  }
  const settings = readCallbackOptions(options);
  const config = Object.freeze({
    maxBodyBytes: settings.maxBodyBytes,
    toleranceSeconds: settings.verifier.toleranceSeconds,
  });
  return Object.freeze({ handle: createReceiver(runtime, settings), config });
}

/**
 * The callback route as middleware (`zegoCallback` in each adapter, the fetch handler): answers POST at
 * `path`, 405 for other methods there, and passes everything else on. Validates every option once.
 */
export function createCallbackRoute<R extends RuntimeName, TArgs extends readonly unknown[]>(
  runtime: Runtime<R>,
  options: CallbackRouteOptions<TArgs>,
): CallbackRoute<TArgs> {
  checkOptionKeys(options);
  const settings = readCallbackOptions(options);
  const path = readPath(options.path, DEFAULT_CALLBACK_PATH);
  const config = Object.freeze({
    path,
    maxBodyBytes: settings.maxBodyBytes,
    toleranceSeconds: settings.verifier.toleranceSeconds,
  });
  const receive = createReceiver(runtime, settings);
  function handle(
    method: string,
    requestPath: string,
    read: CallbackBodyReader,
    ...args: TArgs
  ): Promise<RouteResult> | undefined {
    if (requestPath !== path) return undefined;
    if (method !== 'POST' && method.toUpperCase() !== 'POST') return Promise.resolve(METHOD_NOT_ALLOWED_RESULT);
    return receive(read, ...args);
  }
  return Object.freeze({ handle, config });
}

/**
 * Options of `createCallbackFetchHandler`: the callback route's, with `onCallback(body, request)`, or
 * `onCallback(body, request, event)` for a handler that is called with an event (SvelteKit's `RequestEvent`).
 */
export type CallbackFetchHandlerOptions<TInput extends FetchInput = Request> = CallbackRouteOptions<
  FetchHandlerArgs<TInput>
>;

/** See `CallbackFunctions.createCallbackFetchHandler`. */
export function createCallbackFetchHandler<R extends RuntimeName, TInput extends FetchInput = Request>(
  runtime: Runtime<R>,
  options: CallbackFetchHandlerOptions<TInput>,
): (input: TInput) => Promise<Response> {
  return lazyFetchHandler(options, () => {
    const route = createCallbackRoute<R, AnyFetchArgs>(runtime, options as CallbackRouteOptions<AnyFetchArgs>);
    const { maxBodyBytes, path } = route.config;
    const pathOf = fetchPathReader(options, path);
    return (args) => {
      const request = args[0];
      const read = () => readRequestCallbackBody(request, maxBodyBytes);
      const pending = route.handle(request.method, pathOf(request), read, ...args) ?? Promise.resolve(NOT_FOUND_RESULT);
      return pending.then(toResponse);
    };
  });
}
