// The callback route on Node: the shared policy (callback-route-core.ts) with node:crypto's signature
// check (callback.ts).
import { sha1HexMatches } from './callback.js';
import {
  type CallbackFetchHandlerOptions,
  createCallbackFetchHandlerWith,
  createCallbackReceiverWith,
  type ZegoCallbackHandlerOptions,
  type ZegoCallbackHandlerReceiver,
  type ZegoCallbackOptions,
  type ZegoCallbackReceiver,
} from './callback-route-core.js';

export {
  type NodeRequestLike,
  parseCallbackBody,
  readNodeCallbackBody,
  readRequestCallbackBody,
  type ZegoCallbackInput,
} from './callback-body.js';
export {
  type CallbackFetchHandlerOptions,
  DEFAULT_CALLBACK_MAX_BODY_BYTES,
  DEFAULT_CALLBACK_PATH,
  type ZegoCallbackBody,
  type ZegoCallbackConfig,
  type ZegoCallbackHandlerOptions,
  type ZegoCallbackHandlerReceiver,
  type ZegoCallbackOptions,
  type ZegoCallbackReceiver,
} from './callback-route-core.js';

/**
 * Builds the callback route's logic once: validates every option (a bad one throws `ZegoTokenError`
 * `OPTION_INVALID` naming it), then answers callbacks with plain `{ status, headers, body }` results.
 */
export function createCallbackReceiver<TArgs extends readonly unknown[]>(
  options: ZegoCallbackOptions<TArgs>,
  settings?: { routed?: true },
): ZegoCallbackReceiver<TArgs>;
export function createCallbackReceiver<TArgs extends readonly unknown[]>(
  options: ZegoCallbackHandlerOptions<TArgs>,
  settings: { routed: false },
): ZegoCallbackHandlerReceiver<TArgs>;
export function createCallbackReceiver<TArgs extends readonly unknown[]>(
  options: ZegoCallbackOptions<TArgs>,
  settings: { routed?: boolean } = {},
): ZegoCallbackReceiver<TArgs> | ZegoCallbackHandlerReceiver<TArgs> {
  return createCallbackReceiverWith(options, settings, sha1HexMatches);
}

/**
 * The callback route as a Web-standard handler, `(request: Request) => Promise<Response>`. Without
 * `path` it answers every request it is given (the host's router chose the path); with `path`, there
 * only, and 404 elsewhere. POST only (405 with `Allow: POST`). Like `createFetchHandler`, it rejects
 * when the host's `onCallback` fails, for the host to answer 500 (and ZEGO to retry).
 */
export function createCallbackFetchHandler(
  options: CallbackFetchHandlerOptions,
): (request: Request) => Promise<Response> {
  return createCallbackFetchHandlerWith(options, sha1HexMatches);
}
