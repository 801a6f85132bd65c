import { getRequestListener } from '@hono/node-server';
import { createCallbackFetchHandler, createFetchHandler } from 'zego-token';
import { DEFAULT_CALLBACK_PATH, DEFAULT_TOKEN_PATH } from 'zego-token/adapter';
import { createFetchHandler as createWebFetchHandler } from 'zego-token/web';
import { listen } from '../../support/index.js';
import * as host from './common.js';

/**
 * A minimal Node server for a fetch handler, as Hono's or Next's would be. Like them it answers a
 * rejected handler with its own error handling (here `host.HOST_ERROR_BODY`). The handler is created with
 * the route's `path` (default `/zego/token`) unless `anyPath` is set. `zego-token/web`'s handler (Web
 * Crypto) is served the same way: the route's behaviour must not depend on the entry.
 */
const fetchHost = (name: string, create: typeof createFetchHandler): host.ServerImpl => ({
  name,
  middleware: false,
  start({ route, mountPath, handlerRoute, guard, anyPath }) {
    if (mountPath || handlerRoute) throw new Error('the fetch handler has no mounting or host routes');
    const options = host.toOptions<[Request]>(route, (request) => Object.fromEntries(request.headers));
    const handler = create(anyPath ? options : { ...options, path: options.path ?? DEFAULT_TOKEN_PATH });
    return listen(async (req, res) => {
      if (guard !== undefined && new URL(req.url ?? '/', 'http://host').pathname === guard) {
        res.writeHead(429, { 'content-type': 'application/json' }).end(JSON.stringify(host.HOST_GUARD_BODY));
        return;
      }
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const headers = new globalThis.Headers();
      for (const [key, value] of Object.entries(host.flatten(req.headers)))
        if (value !== undefined) headers.set(key, value);
      const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
      let response: Response;
      try {
        response = await handler(
          new Request(`http://${req.headers.host}${req.url}`, {
            method: req.method ?? 'GET',
            headers,
            ...(hasBody ? { body: Buffer.concat(chunks) } : {}),
          }),
        );
      } catch {
        response = Response.json(host.HOST_ERROR_BODY, { status: 500 });
      }
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(req.method === 'HEAD' ? undefined : Buffer.from(await response.arrayBuffer()));
    });
  },
});

export const fetchImpl = fetchHost('fetch handler', createFetchHandler);
export const fetchWebImpl = fetchHost('fetch handler (zego-token/web)', createWebFetchHandler);

/**
 * The callback route's fetch handler, served by @hono/node-server's bridge (which streams the request
 * body, as Deno's and Bun's servers do); a rejection gets the host's 500. Created with `path` (default
 * `/zego/callback`), so that other paths get its 404.
 */
export const fetchCallbackImpl: host.CallbackServerImpl = {
  name: 'fetch handler',
  middleware: false,
  platformParser: false,
  callbackArgs: 1,
  start({ callback, mountPath, handlerRoute, hostParser }) {
    if (mountPath || handlerRoute || hostParser)
      throw new Error('the fetch handler has no mounting, host routes or parsers');
    const options = host.toCallbackOptions<[Request]>(callback, (request) => Object.fromEntries(request.headers));
    const handler = createCallbackFetchHandler({ ...options, path: options.path ?? DEFAULT_CALLBACK_PATH });
    return listen(
      getRequestListener((request) =>
        handler(request).catch(() => Response.json(host.HOST_ERROR_BODY, { status: 500 })),
      ),
    );
  },
};
