import type { Context, Middleware, Next } from 'koa';
import {
  type CallbackHandlerOptions,
  type CallbackInput,
  type CallbackRouteOptions,
  createCallbackHandler,
  createCallbackRoute,
  createTokenHandler,
  createTokenRoute,
  DEFAULT_CALLBACK_PATH,
  DEFAULT_TOKEN_PATH,
  type MountedRouteConfig,
  mountedAtOwnPath,
  type RouteResult,
  readNodeCallbackBody,
  type TokenHandlerOptions,
  type TokenRouteOptions,
  ZegoTokenError,
} from 'zego-token/adapter';

/** Options of `zegoToken`: see the options table in the README. `resolveUser(ctx)` is required. */
export type ZegoTokenOptions = TokenRouteOptions<[ctx: Context]>;
/** Options of `zegoTokenHandler`: the same, without `path` and `methods` (the host's route decides). */
export type ZegoTokenHandlerOptions = TokenHandlerOptions<[ctx: Context]>;

/** The router method for a route's methods: the first one, as @koa/router spells it. */
function lower(methods: readonly string[]): string {
  return (methods[0] ?? 'GET').toLowerCase();
}

function send(ctx: Context, result: RouteResult): void {
  ctx.status = result.status;
  ctx.set(result.headers);
  ctx.body = result.body;
  // An empty 200 stays without a type: Koa gives a string body, even '', `text/plain`.
  if (result.body === '') ctx.remove('Content-Type');
}

/**
 * `router.use(zegoToken())` under @koa/router answers nothing: the router runs `use` middleware only
 * for requests one of its own routes (path and method) matches. The router tells a nested router apart
 * by reading the `router` property of what `use` is given, and nothing else reads it: a getter that
 * throws refuses the mistake where it is written, at start-up, with what to write instead.
 */
function refuseRouterUse(
  middleware: Middleware,
  name: string,
  method: string,
  path: string,
  instead: string,
): Middleware {
  Object.defineProperty(middleware, 'router', {
    get(): never {
      throw new ZegoTokenError(
        'OPTION_INVALID',
        `${name}() cannot be added with @koa/router's router.use(): the router runs such middleware only for ` +
          `requests one of its own routes matches, so nothing would answer at "${path}". Write ` +
          `router.${method}('${path}', ${instead}(options)) (under your router's prefix), or app.use(${name.replace('Handler', '')}(options))`,
      );
    },
  });
  return middleware;
}

/**
 * A request the middleware does not answer goes on to `next()`, unless it is for the mount point of
 * middleware mounted at its own path under koa-mount (`mount('/api/zego/token', zegoToken())`, which
 * answers at /api/zego/token/zego/token): that one gets the core's 404 saying how to mount it, and
 * `onError` hears.
 */
function passOn(
  name: 'zegoToken' | 'zegoCallback',
  config: MountedRouteConfig,
  onError: ((error: unknown, ctx: Context) => void) | undefined,
  ctx: Context,
  next: Next,
): Promise<void> {
  const { mountPath } = ctx as { mountPath?: unknown };
  const mistake =
    typeof mountPath === 'string'
      ? mountedAtOwnPath(name, config, ctx.method, mountPath, ctx.path, onError, [ctx])
      : undefined;
  if (mistake === undefined) return next();
  send(ctx, mistake);
  return Promise.resolve();
}

/**
 * Middleware for `app.use()`: answers at `path` (default `/zego/token`; under `koa-mount`, relative
 * to the mount path) and awaits `next()` for everything else. Errors other than 401/405/a resolver's
 * 4xx are thrown for the host's error middleware.
 */
export function zegoToken(options: ZegoTokenOptions): Middleware {
  const route = createTokenRoute(options);
  const { path, methods } = route.config;
  // Not an async function: the issuer's promise is the only one a token request needs.
  function zegoTokenMiddleware(ctx: Context, next: Next): Promise<void> {
    const pending = route.handle(ctx.method, ctx.path, ctx);
    if (pending === undefined) return passOn('zegoToken', route.config, options.onError, ctx, next);
    return pending.then((result) => send(ctx, result));
  }
  return refuseRouterUse(zegoTokenMiddleware, 'zegoToken', lower(methods), path, 'zegoTokenHandler');
}

/** A handler for the host's own route, e.g. `router.get('/zego/token', zegoTokenHandler({ resolveUser }))` under `@koa/router`. */
export function zegoTokenHandler(options: ZegoTokenHandlerOptions): Middleware {
  const handler = createTokenHandler(options);
  function zegoTokenRouteHandler(ctx: Context): Promise<void> {
    return handler.handle(ctx).then((result) => send(ctx, result));
  }
  return refuseRouterUse(zegoTokenRouteHandler, 'zegoTokenHandler', 'get', DEFAULT_TOKEN_PATH, 'zegoTokenHandler');
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
  function zegoCallbackMiddleware(ctx: Context, next: Next): Promise<void> {
    const pending = route.handle(ctx.method, ctx.path, () => readBody(ctx, maxBodyBytes), ctx);
    if (pending === undefined) return passOn('zegoCallback', route.config, options.onError, ctx, next);
    return pending.then((result) => send(ctx, result));
  }
  return refuseRouterUse(zegoCallbackMiddleware, 'zegoCallback', 'post', route.config.path, 'zegoCallbackHandler');
}

/** A handler for the host's own route, e.g. `router.post('/hooks/zego', zegoCallbackHandler({ onCallback }))` under `@koa/router`. */
export function zegoCallbackHandler(options: ZegoCallbackHandlerOptions): Middleware {
  const handler = createCallbackHandler(options);
  const { maxBodyBytes } = handler.config;
  function zegoCallbackRouteHandler(ctx: Context): Promise<void> {
    return handler.handle(() => readBody(ctx, maxBodyBytes), ctx).then((result) => send(ctx, result));
  }
  return refuseRouterUse(
    zegoCallbackRouteHandler,
    'zegoCallbackHandler',
    'post',
    DEFAULT_CALLBACK_PATH,
    'zegoCallbackHandler',
  );
}
