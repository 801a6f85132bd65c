import { createTokenIssuer, type TokenIssuerOptions } from './issuer.js';
import { codeResult, type TokenIssuerResult } from './responses.js';

/** Options of `createFetchHandler`: the issuer's options, with `resolveUser(request)`. */
export type FetchHandlerOptions = TokenIssuerOptions<[request: Request]>;

// Only a fetch handler answers these itself: middleware passes such requests on to its host.
const NOT_FOUND_RESULT = codeResult('NOT_FOUND', 'Not Found');
const INTERNAL_ERROR_RESULT = codeResult('INTERNAL_ERROR', 'Internal Server Error');

function toResponse(result: TokenIssuerResult): Response {
  return new Response(result.body, { status: result.status, headers: result.headers });
}

/**
 * The token route as a Web-standard handler, `(request: Request) => Promise<Response>`, for Hono,
 * Next.js route handlers (Node runtime), Bun, Deno and anything else that speaks `fetch`. It answers
 * at `path`; any other path gets a 404, and an error with nowhere else to go gets a 500 that says
 * nothing more (use `onError` to log it).
 */
export function createFetchHandler(options: FetchHandlerOptions): (request: Request) => Promise<Response> {
  const issuer = createTokenIssuer<[request: Request]>(options);
  return async function zegoTokenFetchHandler(request: Request): Promise<Response> {
    const pending = issuer.handle(request.method, new URL(request.url).pathname, request);
    if (pending === undefined) return toResponse(NOT_FOUND_RESULT);
    try {
      return toResponse(await pending);
    } catch {
      return toResponse(INTERNAL_ERROR_RESULT);
    }
  };
}
