import { createTokenIssuer, type TokenIssuerOptions } from './issuer.js';
import { codeResult, type TokenIssuerResult } from './responses.js';

/** Options of `createFetchHandler`: the issuer's options, with `resolveUser(request)`. */
export type FetchHandlerOptions = TokenIssuerOptions<[request: Request]>;

// Only a fetch handler answers this itself: middleware passes such requests on to its host.
const NOT_FOUND_RESULT = codeResult('NOT_FOUND', 'Not Found');

function toResponse(result: TokenIssuerResult): Response {
  return new Response(result.body, { status: result.status, headers: result.headers });
}

/**
 * The token route as a Web-standard handler, `(request: Request) => Promise<Response>`, for Next.js
 * route handlers, Hono, Bun, Deno and anything else that speaks `fetch`.
 *
 * Without `path` it answers every request it is given, wherever the host mounts it (a Next.js file
 * route, `app.get('/api/zego/token', …)` in Hono): the host's router has chosen the path. `methods`
 * still applies (405 with `Allow`). With `path` it answers there only, and 404 elsewhere.
 *
 * Errors the route does not answer itself (a resolver that throws, a failing `onIssued`) reject the
 * returned promise after `onError`, as `next(err)` does in Express: the host's error handling logs
 * them and answers 500 (Hono's `app.onError`, Next.js, `Deno.serve`, `Bun.serve`).
 */
export function createFetchHandler(options: FetchHandlerOptions): (request: Request) => Promise<Response> {
  const anyPath = options !== null && typeof options === 'object' && options.path === undefined;
  const issuer = createTokenIssuer<[request: Request]>(options);
  // Without `path` the request is matched against the issuer's own path, so only the method counts.
  const ownPath = issuer.config.path as string;
  return function zegoTokenFetchHandler(request: Request): Promise<Response> {
    const pending = issuer.handle(request.method, anyPath ? ownPath : new URL(request.url).pathname, request);
    if (pending === undefined) return Promise.resolve(toResponse(NOT_FOUND_RESULT));
    return pending.then(toResponse);
  };
}
