import type { NextFunction, Request, RequestHandler, Response } from 'express';
import {
  type CallbackHandlerOptions,
  type CallbackInput,
  type CallbackRouteOptions,
  createCallbackHandler,
  createCallbackRoute,
  createTokenHandler,
  createTokenRoute,
  type MountedRouteConfig,
  mountedAtOwnPath,
  type RouteResult,
  readNodeCallbackBody,
  type TokenHandlerOptions,
  type TokenRouteOptions,
  writeNodeResponse,
} from 'zego-token/adapter';

/** Options of `zegoToken`: see the options table in the README. `resolveUser(req, res)` is required. */
export type ZegoTokenOptions = TokenRouteOptions<[req: Request, res: Response]>;
/** Options of `zegoTokenHandler`: the same, without `path` and `methods` (the host's route decides). */
export type ZegoTokenHandlerOptions = TokenHandlerOptions<[req: Request, res: Response]>;

/** Writes the result out; an error doing so (headers already sent, say) goes to `next` like any other. */
function sendOrNext(res: Response, next: NextFunction, result: RouteResult): void {
  try {
    writeNodeResponse(res, result);
  } catch (error) {
    next(error);
  }
}

/**
 * The request's path relative to the mount point. Express sets `req.path`; a raw Node request (as
 * `@fastify/middie` or a plain `http` server hands to Express-style middleware) has only `req.url`.
 */
function pathOf(req: Request): string | undefined {
  if (typeof req.path === 'string') return req.path;
  const { url } = req as { url?: unknown };
  if (typeof url !== 'string') return undefined;
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

/**
 * A request the middleware does not answer goes to `next()`, unless it is for the mount point of
 * middleware mounted at its own path (`app.use('/api/zego/token', zegoToken())`, which answers at
 * /api/zego/token/zego/token): that one gets the core's 404 saying how to mount it, and `onError` hears.
 */
function passOn(
  name: 'zegoToken' | 'zegoCallback',
  config: MountedRouteConfig,
  onError: ((error: unknown, req: Request, res: Response) => void) | undefined,
  path: string | undefined,
  req: Request,
  res: Response,
  next: NextFunction,
): void {
  const mistake =
    path === undefined ? undefined : mountedAtOwnPath(name, config, req.method, req.baseUrl, path, onError, [req, res]);
  if (mistake === undefined) next();
  else sendOrNext(res, next, mistake);
}

/**
 * Middleware for `app.use()` / `router.use()`: answers at `path` (default `/zego/token`, relative to
 * the mount path) and calls `next()` for everything else. Errors other than 401/405/a resolver's 4xx
 * go to `next(err)`, under Express 4 and 5 alike.
 */
export function zegoToken(options: ZegoTokenOptions): RequestHandler {
  const route = createTokenRoute(options);
  return function zegoTokenMiddleware(req: Request, res: Response, next: NextFunction): void {
    const path = pathOf(req);
    const pending = path === undefined ? undefined : route.handle(req.method, path, req, res);
    if (pending === undefined) {
      passOn('zegoToken', route.config, options.onError, path, req, res, next);
      return;
    }
    // Not returned: Express 5 would otherwise handle the rejection a second time.
    pending.then((result) => sendOrNext(res, next, result), next);
  };
}

/** A handler for the host's own route, e.g. `app.post('/me/zego-token', zegoTokenHandler({ resolveUser }))`. */
export function zegoTokenHandler(options: ZegoTokenHandlerOptions): RequestHandler {
  const handler = createTokenHandler(options);
  return function zegoTokenRouteHandler(req: Request, res: Response, next: NextFunction): void {
    handler.handle(req, res).then((result) => sendOrNext(res, next, result), next);
  };
}

/** Options of `zegoCallback`: see docs/callbacks.md. `onCallback(body, req, res)` is required. */
export type ZegoCallbackOptions = CallbackRouteOptions<[req: Request, res: Response]>;
/** Options of `zegoCallbackHandler`: the same, without `path` (the host's route decides). */
export type ZegoCallbackHandlerOptions = CallbackHandlerOptions<[req: Request, res: Response]>;

/** The callback's body: the one a body parser before the route read (`express.json()`), else the stream's. */
function readBody(req: Request, maxBodyBytes: number): CallbackInput | Promise<CallbackInput> {
  return readNodeCallbackBody(req, maxBodyBytes, req.body);
}

/**
 * Middleware for `app.use()` / `router.use()`: receives ZEGO's callbacks at `path` (default
 * `/zego/callback`, relative to the mount path), answers 405 with `Allow: POST` for other methods
 * there, and calls `next()` for everything else. When `onCallback` fails, its error goes to `next(err)`.
 */
export function zegoCallback(options: ZegoCallbackOptions): RequestHandler {
  const route = createCallbackRoute(options);
  const { maxBodyBytes } = route.config;
  return function zegoCallbackMiddleware(req: Request, res: Response, next: NextFunction): void {
    const path = pathOf(req);
    const pending =
      path === undefined ? undefined : route.handle(req.method, path, () => readBody(req, maxBodyBytes), req, res);
    if (pending === undefined) {
      passOn('zegoCallback', route.config, options.onError, path, req, res, next);
      return;
    }
    pending.then((result) => sendOrNext(res, next, result), next);
  };
}

/** A handler for the host's own route, e.g. `app.post('/hooks/zego', zegoCallbackHandler({ onCallback }))`. */
export function zegoCallbackHandler(options: ZegoCallbackHandlerOptions): RequestHandler {
  const handler = createCallbackHandler(options);
  const { maxBodyBytes } = handler.config;
  return function zegoCallbackRouteHandler(req: Request, res: Response, next: NextFunction): void {
    handler.handle(() => readBody(req, maxBodyBytes), req, res).then((result) => sendOrNext(res, next, result), next);
  };
}
