import type { Context, Env, MiddlewareHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import {
  type CallbackHandlerOptions,
  type CallbackInput,
  type CallbackRouteOptions,
  createLazyCallbackHandler,
  createLazyCallbackRoute,
  createLazyTokenHandler,
  createLazyTokenRoute,
  type RouteResult,
  readRequestCallbackBody,
  type TokenHandlerOptions,
  type TokenRouteOptions,
} from 'zego-token/adapter';

/**
 * Options of `zegoToken`: see the options table in the README. `resolveUser(c)` is required. `E` is
 * your app's `Env`, so that `c.get('user')` and `c.get('jwtPayload')` have your types.
 */
export type ZegoTokenOptions<E extends Env = Env> = TokenRouteOptions<[c: Context<E>]>;
/** Options of `zegoTokenHandler`: the same, without `path` and `methods` (the host's route decides). */
export type ZegoTokenHandlerOptions<E extends Env = Env> = TokenHandlerOptions<[c: Context<E>]>;

function send(c: Context, result: RouteResult): Response {
  // An empty body as null: a string one, even '', gets `text/plain` from the Response constructor.
  if (result.body === '') return c.body(null, result.status as ContentfulStatusCode, result.headers);
  return c.body(result.body, result.status as ContentfulStatusCode, result.headers);
}

/**
 * The request's path relative to where the middleware is mounted: the part of it that the trailing `*`
 * of the middleware's route pattern matched. `app.use(mw)` sees the whole path; `app.use('/api/*', mw)`,
 * and `sub.use(mw)` under `app.route('/api', sub)` (whose pattern is `/api/*` too), see what follows
 * `/api`. A pattern without a trailing `*` (`app.use('/zego/token', mw)`) sees the whole path.
 * `undefined` when the path does not continue the prefix with a `/` (`/api*` matching `/apix`).
 */
function pathWithinMount(c: Context): string | undefined {
  const { path } = c.req;
  // `c.req.routePath`, not the `hono/route` helper: the helper reads a symbol private to one copy of
  // Hono, and would fail where the app's Hono is another copy (`jsr:@hono/hono` in Deno, say).
  const pattern = c.req.routePath;
  if (!pattern.endsWith('*')) return path;
  const prefix = pattern.slice(0, -1).replace(/\/$/, '');
  let length = prefix.length;
  if (/[:*]/.test(prefix)) {
    // Parameters in the prefix (`/rooms/:id/*`): it spans as many segments of the path as it has.
    const segments = prefix.split('/').length - 1;
    length = path.split('/', segments + 1).join('/').length;
  }
  const rest = path.slice(length);
  if (rest === '') return '/';
  return rest.startsWith('/') ? rest : undefined;
}

/**
 * Middleware for `app.use()`: answers at `path` (default `/zego/token`, relative to where it is
 * mounted: `app.use('/api/*', …)` or a sub-app under `app.route('/api', …)`) and calls `next()` for
 * everything else, `OPTIONS` included. Errors other than the route's own answers are thrown for
 * `app.onError`.
 *
 * It reads its options (and `ZEGO_APP_ID` / `ZEGO_SERVER_SECRET`) at its first request, not here: a
 * Hono app is built when its module loads, which a build or deploy does without the secrets. While
 * they are bad, it answers 500 `OPTION_INVALID` at `path` (every problem to `onError`) and never mints.
 */
export function zegoToken<E extends Env = Env>(options: ZegoTokenOptions<E>): MiddlewareHandler<E> {
  const route = createLazyTokenRoute(options);
  return function zegoTokenMiddleware(c, next) {
    const path = pathWithinMount(c);
    const pending = path === undefined ? undefined : route.handle(c.req.method, path, c);
    if (pending === undefined) return next();
    return pending.then((result) => send(c, result));
  };
}

/**
 * A handler for the host's own route, e.g. `app.post('/me/zego-token', zegoTokenHandler({ resolveUser }))`.
 * It reads its options at its first request, as `zegoToken` does.
 */
export function zegoTokenHandler<E extends Env = Env>(
  options: ZegoTokenHandlerOptions<E>,
): (c: Context<E>) => Promise<Response> {
  const handler = createLazyTokenHandler(options);
  return function zegoTokenRouteHandler(c) {
    return handler.handle(c).then((result) => send(c, result));
  };
}

/**
 * Options of `zegoCallback`: see docs/callbacks.md. `onCallback(body, c)` is required. `E` is your
 * app's `Env`, as for `zegoToken`.
 */
export type ZegoCallbackOptions<E extends Env = Env> = CallbackRouteOptions<[c: Context<E>]>;
/** Options of `zegoCallbackHandler`: the same, without `path` (the host's route decides). */
export type ZegoCallbackHandlerOptions<E extends Env = Env> = CallbackHandlerOptions<[c: Context<E>]>;

function fieldsOf(form: FormData): Record<string, string> {
  const fields: Record<string, string> = {};
  form.forEach((value, name) => {
    if (typeof value === 'string') fields[name] = value;
  });
  return fields;
}

/**
 * The callback's body: read from `c.req.raw` here, unless a middleware before the route read it
 * through `c.req` (a validator, `c.req.json()`, `c.req.parseBody()`): Hono keeps what that read in
 * `c.req.bodyCache`, and the route takes it from there.
 */
async function readBody(c: Context, maxBodyBytes: number): Promise<CallbackInput> {
  const { raw, bodyCache } = c.req;
  if (!raw.bodyUsed) return readRequestCallbackBody(raw, maxBodyBytes);
  const cache = bodyCache as { json?: Promise<unknown>; formData?: Promise<FormData> };
  const contentLength = c.req.header('content-length');
  if (cache.json) return { parsed: await cache.json, contentLength };
  if (cache.formData) return { parsed: fieldsOf(await cache.formData), contentLength };
  // Read as text or bytes (Hono derives the text), or straight from `c.req.raw` (nothing to take).
  if (Object.keys(bodyCache).length === 0) return { parsed: undefined };
  return { text: await c.req.text(), contentType: c.req.header('content-type'), contentLength };
}

/**
 * Middleware for `app.use()`: receives ZEGO's callbacks at `path` (default `/zego/callback`, relative
 * to where it is mounted, as `zegoToken`'s), answers 405 with `Allow: POST` for other methods there,
 * and calls `next()` for everything else. When `onCallback` fails, the error is thrown for `app.onError`.
 */
export function zegoCallback<E extends Env = Env>(options: ZegoCallbackOptions<E>): MiddlewareHandler<E> {
  // Read at the first callback, as `zegoToken`'s options are (`config` is read once the route is built).
  const route = createLazyCallbackRoute(options);
  return function zegoCallbackMiddleware(c, next) {
    const path = pathWithinMount(c);
    const pending =
      path === undefined
        ? undefined
        : route.handle(c.req.method, path, () => readBody(c, route.config.maxBodyBytes), c);
    if (pending === undefined) return next();
    return pending.then((result) => send(c, result));
  };
}

/** A handler for the host's own route, e.g. `app.post('/hooks/zego', zegoCallbackHandler({ onCallback }))`. */
export function zegoCallbackHandler<E extends Env = Env>(
  options: ZegoCallbackHandlerOptions<E>,
): (c: Context<E>) => Promise<Response> {
  const handler = createLazyCallbackHandler(options);
  return function zegoCallbackRouteHandler(c) {
    return handler.handle(() => readBody(c, handler.config.maxBodyBytes), c).then((result) => send(c, result));
  };
}
