// What an adapter author needs, runtime-neutral: the names both builds of `zego-token/adapter` export
// (node/adapter.ts on node:crypto, web/adapter.ts on Web Crypto). Each adds the route constructors
// bound to its runtime. A third-party adapter needs nothing else from this package.
export {
  type CallbackInput,
  type NodeRequestLike,
  parseCallbackBody,
  readNodeCallbackBody,
  readRequestCallbackBody,
} from './callback/body.js';
export type { CallbackIdempotencyOptions, CallbackIdempotencyStore } from './callback/idempotency.js';
export {
  type CallbackBodyReader,
  type CallbackHandler,
  type CallbackHandlerConfig,
  type CallbackHandlerOptions,
  type CallbackRoute,
  type CallbackRouteConfig,
  type CallbackRouteOptions,
  DEFAULT_CALLBACK_MAX_BODY_BYTES,
  DEFAULT_CALLBACK_PATH,
} from './callback/route.js';
// The error class too, for an adapter's own option errors: `instanceof` holds across the entries' bundles.
export { isZegoTokenError, ZegoTokenError, type ZegoTokenErrorCode } from './errors.js';
export { toResponse } from './route/fetch.js';
export { type MountedRouteConfig, mountedAtOwnPath } from './route/mount.js';
export { type NodeResponseLike, writeNodeResponse } from './route/node-response.js';
export {
  DEFAULT_EFFECTIVE_TIME_IN_SECONDS,
  DEFAULT_METHODS,
  DEFAULT_TOKEN_PATH,
  type TokenHandlerConfig,
  type TokenHandlerOptions,
  type TokenRouteConfig,
  type TokenRouteOptions,
} from './route/options.js';
export type { RouteErrorBody, RouteResult } from './route/responses.js';
export type { TokenHandler, TokenRoute } from './route/route.js';
