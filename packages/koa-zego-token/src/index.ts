import type { Context, Middleware, Next } from 'koa';
import {
  type CallbackHandlerOptions,
  type CallbackInput,
  type CallbackRouteOptions,
  createCallbackHandler,
  createCallbackRoute,
  createTokenHandler,
  createTokenRoute,
  type RouteResult,
  readNodeCallbackBody,
  type TokenHandlerOptions,
  type TokenRouteOptions,
} from 'zego-token/adapter';

/** Options of `zegoToken`: see the options table in the README. `resolveUser(ctx)` is required. */
export type ZegoTokenOptions = TokenRouteOptions<[ctx: Context]>;
/** Options of `zegoTokenHandler`: the same, without `path` and `methods` (the host's route decides). */
export type ZegoTokenHandlerOptions = TokenHandlerOptions<[ctx: Context]>;

function send(ctx: Context, result: RouteResult): void {
  ctx.status = result.status;
  ctx.set(result.headers);
  ctx.body = result.body;
  // An empty 200 stays without a type: Koa gives a string body, even '', `text/plain`.
  if (result.body === '') ctx.remove('Content-Type');
}

/**
 * Middleware for `app.use()`: answers at `path` (default `/zego/token`; under `koa-mount`, relative
 * to the mount path) and awaits `next()` for everything else. Errors other than 401/405/a resolver's
 * 4xx are thrown for the host's error middleware.
 */
export function zegoToken(options: ZegoTokenOptions): Middleware {
  const route = createTokenRoute(options);
  // Not an async function: the issuer's promise is the only one a token request needs.
  return function zegoTokenMiddleware(ctx: Context, next: Next): Promise<void> {
    const pending = route.handle(ctx.method, ctx.path, ctx);
    if (pending === undefined) return next();
    return pending.then((result) => send(ctx, result));
  };
}

/** A handler for the host's own route, e.g. `router.get('/zego/token', zegoTokenHandler({ resolveUser }))` under `@koa/router`. */
export function zegoTokenHandler(options: ZegoTokenHandlerOptions): Middleware {
  const handler = createTokenHandler(options);
  return function zegoTokenRouteHandler(ctx: Context): Promise<void> {
    return handler.handle(ctx).then((result) => send(ctx, result));
  };
}

/** Options of `zegoCallback`: see docs/callbacks.md. `onCallback(body, ctx)` is required. */
export type ZegoCallbackOptions = CallbackRouteOptions<[ctx: Context]>;
/** Options of `zegoCallbackHandler`: the same, without `path` (the host's route decides). */
export type ZegoCallbackHandlerOptions = CallbackHandlerOptions<[ctx: Context]>;

/**
 * The callback's body: `ctx.request.body` when a body parser before the route read the stream
 * (`@koa/bodyparser`, `koa-body`), else read from the stream here. A parser that skipped a type it
 * does not parse sets `ctx.request.body = {}` but leaves the stream unread: that one is read here.
 */
function readBody(ctx: Context, maxBodyBytes: number): CallbackInput | Promise<CallbackInput> {
  return readNodeCallbackBody(ctx.req, maxBodyBytes, (ctx.request as { body?: unknown }).body);
}

/**
 * Middleware for `app.use()`: receives ZEGO's callbacks at `path` (default `/zego/callback`; under
 * `koa-mount`, relative to the mount path), answers 405 with `Allow: POST` for other methods there,
 * and awaits `next()` for everything else. When `onCallback` fails, its error is thrown for the host's
 * error middleware.
 */
export function zegoCallback(options: ZegoCallbackOptions): Middleware {
  const route = createCallbackRoute(options);
  const { maxBodyBytes } = route.config;
  return function zegoCallbackMiddleware(ctx: Context, next: Next): Promise<void> {
    const pending = route.handle(ctx.method, ctx.path, () => readBody(ctx, maxBodyBytes), ctx);
    if (pending === undefined) return next();
    return pending.then((result) => send(ctx, result));
  };
}

/** A handler for the host's own route, e.g. `router.post('/hooks/zego', zegoCallbackHandler({ onCallback }))` under `@koa/router`. */
export function zegoCallbackHandler(options: ZegoCallbackHandlerOptions): Middleware {
  const handler = createCallbackHandler(options);
  const { maxBodyBytes } = handler.config;
  return function zegoCallbackRouteHandler(ctx: Context): Promise<void> {
    return handler.handle(() => readBody(ctx, maxBodyBytes), ctx).then((result) => send(ctx, result));
  };
}
