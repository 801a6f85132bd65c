// ZEGO's callbacks: the signature check and the callback route's constructors, bound to a runtime by
// each entry (node/, web/).
import type { FetchInput } from '../route/fetch.js';
import type { Runtime, RuntimeName, RuntimeValue } from '../runtime.js';
import {
  type CallbackFetchHandlerOptions,
  type CallbackHandler,
  type CallbackHandlerOptions,
  type CallbackRoute,
  type CallbackRouteOptions,
  createCallbackFetchHandler,
  createCallbackHandler,
  createCallbackRoute,
} from './route.js';
import {
  type CallbackBody,
  type VerifiedZegoCallback,
  type VerifyZegoCallbackOptions,
  verifyZegoCallback,
} from './signature.js';

/** ZEGO's callbacks on one runtime. */
export interface CallbackFunctions<R extends RuntimeName> {
  /**
   * Verifies a ZEGO callback's signature and age, and gives `{ body, signed }`: the body, typed as asked,
   * and what the signature covered (`signed.naming`, `algorithm`, `signature`, `timestamp`, `nonce`,
   * `timestampMs`, and `appId` for MD5). `body` is the parsed JSON (or form) body.
   *
   * The body must carry one naming of the signature fields, and only one: `signature`/`timestamp`/`nonce`
   * (RTC, ZIM), `Signature`/`Timestamp`/`SignatureNonce` (MiniGame) or `Signature`/`Timestamp`/`Nonce`
   * (Digital Human, AI Agent). The signature is `sha1` over the CallbackSecret, the timestamp and the
   * nonce, sorted as strings and joined; under MiniGame's names a 32-character signature is instead
   * `md5(AppId + SignatureNonce + CallbackSecret + Timestamp)`. Either is compared in constant time.
   * The timestamp is a whole number without sign or leading zero (a number or a string): 10 digits are
   * seconds, 13 are milliseconds, anything else is refused.
   *
   * Throws `CALLBACK_SIGNATURE_INVALID` (401) when the fields are missing, of more than one naming,
   * malformed or wrong, `CALLBACK_EXPIRED` (401) when the timestamp is more than `toleranceSeconds` from
   * `now` (to the millisecond for a timestamp in milliseconds, to the second for one in seconds), and
   * `SECRET_INVALID` or `OPTION_INVALID` for bad options; in `zego-token/web` it returns a promise and
   * rejects with them instead. It keeps no record of nonces: ZEGO retries a callback it got no HTTP 200
   * for, so make the handler idempotent (keyed on `signed.signature`) rather than refuse repeats.
   */
  verifyZegoCallback<T extends object = CallbackBody>(
    body: unknown,
    options: VerifyZegoCallbackOptions,
  ): RuntimeValue<R, VerifiedZegoCallback<T>>;
  /**
   * The callback route as middleware, for adapter authors: answers POST at `path` (405 with
   * `Allow: POST` for other methods there) and gives `undefined` for every other request, to pass on.
   * Validates every option once: a bad one throws `ZegoTokenError` `OPTION_INVALID`.
   */
  createCallbackRoute<TArgs extends readonly unknown[]>(options: CallbackRouteOptions<TArgs>): CallbackRoute<TArgs>;
  /**
   * The callback route as a handler for a route the host's router matched, for adapter authors: no
   * path of its own (passing one is an error). Validates every option once.
   */
  createCallbackHandler<TArgs extends readonly unknown[]>(
    options: CallbackHandlerOptions<TArgs>,
  ): CallbackHandler<TArgs>;
  /**
   * The callback route as a Web-standard handler, `(request: Request) => Promise<Response>`. Without
   * `path` it answers every request it is given (the host's router chose the path); with `path`, there
   * only, and 404 elsewhere. POST only (405 with `Allow: POST`). Like `createFetchHandler`, it rejects
   * when the host's `onCallback` fails, for the host to answer 500 (and ZEGO to retry); it reads its
   * options (and `ZEGO_CALLBACK_SECRET`) at its first request, answering 500 `OPTION_INVALID` to every
   * callback while they are bad; and it takes a `Request` or an event that holds one (SvelteKit's
   * `RequestEvent`), when `onCallback` gets `(body, request, event)`.
   */
  createCallbackFetchHandler<TInput extends FetchInput = Request>(
    options: CallbackFetchHandlerOptions<TInput>,
  ): (request: TInput) => Promise<Response>;
}

/** ZEGO's callbacks on `runtime`. */
export function callbackFunctions<R extends RuntimeName>(runtime: Runtime<R>): CallbackFunctions<R> {
  return {
    verifyZegoCallback: <T extends object>(body: unknown, options: VerifyZegoCallbackOptions) =>
      verifyZegoCallback(runtime, body, options) as RuntimeValue<R, VerifiedZegoCallback<T>>,
    createCallbackRoute: (options) => createCallbackRoute(runtime, options),
    createCallbackHandler: (options) => createCallbackHandler(runtime, options),
    createCallbackFetchHandler: (options) => createCallbackFetchHandler(runtime, options),
  };
}
