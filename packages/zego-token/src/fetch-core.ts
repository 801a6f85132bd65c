// The token route as a Web-standard handler, shared by both entries: each passes its mint.
import { createIssuer, type MintFunction, type TokenIssuer } from './issuer-core.js';
import type { TokenIssuerOptions } from './issuer-options.js';
import { codeResult, type TokenIssuerResult } from './responses.js';

/** Options of `createFetchHandler`: the issuer's options, with `resolveUser(request)`. */
export type FetchHandlerOptions = TokenIssuerOptions<[request: Request]>;

// Only a fetch handler answers this itself: middleware passes such requests on to its host.
export const NOT_FOUND_RESULT = codeResult('NOT_FOUND', 'Not Found');

/** A route's result as a `Response`; an empty body stays empty (no `text/plain` Content-Type added). */
export function toResponse(result: TokenIssuerResult): Response {
  return new Response(result.body === '' ? null : result.body, { status: result.status, headers: result.headers });
}

/** `createFetchHandler` of each entry, with its mint (see fetch.ts for what the handler does). */
export function createFetchHandlerWith(
  options: FetchHandlerOptions,
  mintToken: MintFunction,
): (request: Request) => Promise<Response> {
  const anyPath = options !== null && typeof options === 'object' && options.path === undefined;
  const issuer = createIssuer<[request: Request]>(options, {}, mintToken) as TokenIssuer<[request: Request]>;
  // Without `path` the request is matched against the issuer's own path, so only the method counts.
  const ownPath = issuer.config.path as string;
  return function zegoTokenFetchHandler(request: Request): Promise<Response> {
    const pending = issuer.handle(request.method, anyPath ? ownPath : new URL(request.url).pathname, request);
    if (pending === undefined) return Promise.resolve(toResponse(NOT_FOUND_RESULT));
    return pending.then(toResponse);
  };
}
