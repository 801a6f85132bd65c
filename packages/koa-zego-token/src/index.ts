import type { Context, Middleware, Next } from 'koa';
import {
  createTokenIssuer,
  type TokenHandlerOptions,
  type TokenIssuerOptions,
  type TokenIssuerResult,
} from 'zego-token';

/** Options of `zegoToken`: see the options table in the README. `resolveUser(ctx)` is required. */
export type ZegoTokenOptions = TokenIssuerOptions<[ctx: Context]>;
/** Options of `zegoTokenHandler`: the same, without `path` and `methods` (the host's route decides). */
export type ZegoTokenHandlerOptions = TokenHandlerOptions<[ctx: Context]>;

function send(ctx: Context, result: TokenIssuerResult): void {
  ctx.status = result.status;
  ctx.set(result.headers);
  ctx.body = result.body;
}

/**
 * Middleware for `app.use()`: answers at `path` (default `/zego/token`; under `koa-mount`, relative
 * to the mount path) and awaits `next()` for everything else. Errors other than 401/405/a resolver's
 * 4xx are thrown for the host's error middleware.
 */
export function zegoToken(options: ZegoTokenOptions): Middleware {
  const issuer = createTokenIssuer(options);
  // Not an async function: the issuer's promise is the only one a token request needs.
  return function zegoTokenMiddleware(ctx: Context, next: Next): Promise<void> {
    const pending = issuer.handle(ctx.method, ctx.path, ctx);
    if (pending === undefined) return next();
    return pending.then((result) => send(ctx, result));
  };
}

/** A handler for the host's own route, e.g. `router.get('/zego/token', zegoTokenHandler({ resolveUser }))` under `@koa/router`. */
export function zegoTokenHandler(options: ZegoTokenHandlerOptions): Middleware {
  const issuer = createTokenIssuer(options, { routed: false });
  return function zegoTokenRouteHandler(ctx: Context): Promise<void> {
    return issuer.issue(ctx).then((result) => send(ctx, result));
  };
}
