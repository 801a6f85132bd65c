// The routes as Web-standard handlers: a route's result as a `Response`, and the token route's
// `createFetchHandler` (the callback route's is in ../callback/route.ts).
import type { Runtime, RuntimeName } from '../runtime.js';
import type { TokenRouteOptions } from './options.js';
import { codeResult, type RouteResult } from './responses.js';
import { createTokenRoute } from './route.js';

/** Options of `createFetchHandler`: the token route's, with `resolveUser(request)`. */
export type FetchHandlerOptions = TokenRouteOptions<[request: Request]>;

// Only a fetch handler answers this itself: middleware passes such requests on to its host.
export const NOT_FOUND_RESULT = codeResult('NOT_FOUND', 'Not Found');

/** A route's result as a `Response`; an empty body stays empty (no `text/plain` Content-Type added). */
export function toResponse(result: RouteResult): Response {
  return new Response(result.body === '' ? null : result.body, { status: result.status, headers: result.headers });
}

/**
 * The path a fetch handler matches: the request's own with `path` given; without it the route's own
 * path, so that it answers wherever the host mounted it (the host's router chose the path).
 */
export function fetchPathReader(options: unknown, ownPath: string): (request: Request) => string {
  const anyPath = options !== null && typeof options === 'object' && (options as { path?: unknown }).path === undefined;
  return anyPath ? () => ownPath : (request) => new URL(request.url).pathname;
}

/** See `TokenRouteFunctions.createFetchHandler`. */
export function createFetchHandler<R extends RuntimeName>(
  runtime: Runtime<R>,
  options: FetchHandlerOptions,
): (request: Request) => Promise<Response> {
  const route = createTokenRoute<R, [request: Request]>(runtime, options);
  const pathOf = fetchPathReader(options, route.config.path);
  return function zegoTokenFetchHandler(request: Request): Promise<Response> {
    const pending = route.handle(request.method, pathOf(request), request);
    if (pending === undefined) return Promise.resolve(toResponse(NOT_FOUND_RESULT));
    return pending.then(toResponse);
  };
}
