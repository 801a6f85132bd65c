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
import { type CallbackBody, type VerifyZegoCallbackOptions, verifyZegoCallback } from './signature.js';

/** ZEGO's callbacks on one runtime. */
export interface CallbackFunctions<R extends RuntimeName> {
  /**
   * Verifies a ZEGO callback's signature and age, and gives the body. `body` is the parsed JSON (or
   * form) body. The signature is `sha1` over the CallbackSecret, the timestamp and the nonce, sorted as
   * strings and joined, compared in constant time; the fields may be spelled `signature`/`timestamp`/`nonce`
   * (RTC, ZIM), `Signature`/`Timestamp`/`SignatureNonce` (MiniGame) or `Signature`/`Timestamp`/`Nonce`,
   * with numbers or strings as values.
   *
   * Throws `CALLBACK_SIGNATURE_INVALID` (401) when the signature is missing or wrong, `CALLBACK_EXPIRED`
   * (401) when the timestamp is more than `toleranceSeconds` from `now`, and `SECRET_INVALID` or
   * `OPTION_INVALID` for bad options; in `zego-token/web` it returns a promise and rejects with them
   * instead. It keeps no record of nonces: ZEGO retries a callback it got no HTTP 200 for, so make the
   * handler idempotent rather than refuse repeats.
   */
  verifyZegoCallback<T extends object = CallbackBody>(
    body: unknown,
    options: VerifyZegoCallbackOptions,
  ): RuntimeValue<R, T>;
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
      verifyZegoCallback(runtime, body, options) as RuntimeValue<R, T>,
    createCallbackRoute: (options) => createCallbackRoute(runtime, options),
    createCallbackHandler: (options) => createCallbackHandler(runtime, options),
    createCallbackFetchHandler: (options) => createCallbackFetchHandler(runtime, options),
  };
}
