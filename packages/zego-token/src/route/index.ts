// The token route's constructors, bound to a runtime by each entry (node/, web/).
import type { Runtime, RuntimeName } from '../runtime.js';
import { createFetchHandler, type FetchHandlerOptions, type FetchInput } from './fetch.js';
import type { TokenHandlerOptions, TokenRouteOptions } from './options.js';
import { createTokenHandler, createTokenRoute, type TokenHandler, type TokenRoute } from './route.js';

/** The token route's constructors on one runtime: the same options, answers and types on both. */
export interface TokenRouteFunctions {
  /**
   * The token route as middleware, for adapter authors: answers at `path` for `methods` (405 with
   * `Allow` for others there) and gives `undefined` for every other request, to pass on. Validates
   * every option once: a bad one throws `ZegoTokenError` `OPTION_INVALID` naming each problem.
   */
  createTokenRoute<TArgs extends readonly unknown[]>(options: TokenRouteOptions<TArgs>): TokenRoute<TArgs>;
  /**
   * The token route as a handler for a route the host's router matched, for adapter authors: no
   * path or methods of its own (passing them is an error). Validates every option once.
   */
  createTokenHandler<TArgs extends readonly unknown[]>(options: TokenHandlerOptions<TArgs>): TokenHandler<TArgs>;
  /**
   * The token route as a Web-standard handler, `(request: Request) => Promise<Response>`, for Next.js
   * route handlers, Hono, Bun, Deno, Workers and anything else that speaks `fetch`.
   *
   * Without `path` it answers every request it is given, wherever the host mounts it (a Next.js file
   * route, `app.get('/api/zego/token', …)` in Hono): the host's router has chosen the path. `methods`
   * still applies (405 with `Allow`). With `path` it answers there only, and 404 elsewhere.
   *
   * It reads its options, and `ZEGO_APP_ID` / `ZEGO_SERVER_SECRET`, at its first request, not when it
   * is created, so that a production build without the secrets (`next build`, `vite build`) imports the
   * module that creates it. A bad or missing setting answers that request, and every later one, 500 with
   * `OPTION_INVALID` (the message naming every problem goes to `onError`) and never mints; good settings
   * are read once and kept.
   *
   * It takes a `Request`, or a framework's event that holds one as `request` (SvelteKit's
   * `RequestEvent`): then `resolveUser`, `payload` and `onError` get `(request, event)`. `TInput` is
   * inferred from the handler's annotation (`export const GET: RequestHandler = createFetchHandler(…)`)
   * or given (`createFetchHandler<RequestEvent>(…)`).
   *
   * Errors the route does not answer itself (a resolver that throws, a failing `onIssued`) reject the
   * returned promise after `onError`, as `next(err)` does in Express: the host's error handling logs
   * them and answers 500 (Hono's `app.onError`, Next.js, `Deno.serve`, `Bun.serve`).
   */
  createFetchHandler<TInput extends FetchInput = Request>(
    options: FetchHandlerOptions<TInput>,
  ): (request: TInput) => Promise<Response>;
}

/** The token route's constructors on `runtime`. */
export function tokenRouteFunctions<R extends RuntimeName>(runtime: Runtime<R>): TokenRouteFunctions {
  return {
    createTokenRoute: (options) => createTokenRoute(runtime, options),
    createTokenHandler: (options) => createTokenHandler(runtime, options),
    createFetchHandler: (options) => createFetchHandler(runtime, options),
  };
}
