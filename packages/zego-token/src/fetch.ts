// The token route as a Web-standard handler on Node: the shared handler with node:crypto's mint.
import { createFetchHandlerWith, type FetchHandlerOptions } from './fetch-core.js';
import { mintToken04 } from './token04.js';

export type { FetchHandlerOptions } from './fetch-core.js';

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
  return createFetchHandlerWith(options, mintToken04);
}
