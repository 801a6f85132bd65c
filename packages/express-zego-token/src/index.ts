import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { createTokenIssuer, type TokenIssuerOptions, type TokenIssuerResult } from 'zego-token';

/** Options of `zegoToken`: see the options table in the README. `resolveUser(req, res)` is required. */
export type ZegoTokenOptions = TokenIssuerOptions<[req: Request, res: Response]>;
/** Options of `zegoTokenHandler`: the same, without `path` and `methods` (the host's route decides). */
export type ZegoTokenHandlerOptions = Omit<ZegoTokenOptions, 'path' | 'methods'>;

function send(res: Response, result: TokenIssuerResult): void {
  res.statusCode = result.status;
  const { headers } = result;
  for (const name in headers) res.setHeader(name, headers[name] as string);
  res.end(result.body);
}

/** Writes the result out; an error doing so (headers already sent, say) goes to `next` like any other. */
function sendOrNext(res: Response, next: NextFunction, result: TokenIssuerResult): void {
  try {
    send(res, result);
  } catch (error) {
    next(error);
  }
}

/**
 * Middleware for `app.use()` / `router.use()`: answers at `path` (default `/zego/token`, relative to
 * the mount path) and calls `next()` for everything else. Errors other than 401/405/a resolver's 4xx
 * go to `next(err)`, under Express 4 and 5 alike.
 */
export function zegoToken(options: ZegoTokenOptions): RequestHandler {
  const issuer = createTokenIssuer(options);
  return function zegoTokenMiddleware(req: Request, res: Response, next: NextFunction): void {
    const pending = issuer.handle(req.method, req.path, req, res);
    if (pending === undefined) {
      next();
      return;
    }
    // Not returned: Express 5 would otherwise handle the rejection a second time.
    pending.then((result) => sendOrNext(res, next, result), next);
  };
}

/** A handler for the host's own route, e.g. `app.post('/me/zego-token', zegoTokenHandler({ resolveUser }))`. */
export function zegoTokenHandler(options: ZegoTokenHandlerOptions): RequestHandler {
  const issuer = createTokenIssuer(options, { routed: false });
  return function zegoTokenRouteHandler(req: Request, res: Response, next: NextFunction): void {
    issuer.issue(req, res).then((result) => sendOrNext(res, next, result), next);
  };
}
