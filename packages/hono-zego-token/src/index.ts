import type { Context, Env, MiddlewareHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import {
  createTokenIssuer,
  type TokenHandlerOptions,
  type TokenIssuerOptions,
  type TokenIssuerResult,
} from 'zego-token';

/**
 * Options of `zegoToken`: see the options table in the README. `resolveUser(c)` is required. `E` is
 * your app's `Env`, so that `c.get('user')` and `c.get('jwtPayload')` have your types.
 */
export type ZegoTokenOptions<E extends Env = Env> = TokenIssuerOptions<[c: Context<E>]>;
/** Options of `zegoTokenHandler`: the same, without `path` and `methods` (the host's route decides). */
export type ZegoTokenHandlerOptions<E extends Env = Env> = TokenHandlerOptions<[c: Context<E>]>;

function send(c: Context, result: TokenIssuerResult): Response {
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
 */
export function zegoToken<E extends Env = Env>(options: ZegoTokenOptions<E>): MiddlewareHandler<E> {
  const issuer = createTokenIssuer(options);
  return function zegoTokenMiddleware(c, next) {
    const path = pathWithinMount(c);
    const pending = path === undefined ? undefined : issuer.handle(c.req.method, path, c);
    if (pending === undefined) return next();
    return pending.then((result) => send(c, result));
  };
}

/** A handler for the host's own route, e.g. `app.post('/me/zego-token', zegoTokenHandler({ resolveUser }))`. */
export function zegoTokenHandler<E extends Env = Env>(
  options: ZegoTokenHandlerOptions<E>,
): (c: Context<E>) => Promise<Response> {
  const issuer = createTokenIssuer(options, { routed: false });
  return function zegoTokenRouteHandler(c) {
    return issuer.issue(c).then((result) => send(c, result));
  };
}
