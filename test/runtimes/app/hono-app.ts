// The token route as `hono-zego-token` middleware in a Hono app (runs inside the runtime under test),
// mounted under /api, with the vectors at /vectors. The adapter's core is `zego-token/adapter`, which
// the runtime's export conditions resolve (node:crypto under `node`, Web Crypto elsewhere); the
// vectors are checked with `zego-token/web`, which loads everywhere.
import { Hono } from 'hono';
import { zegoToken } from 'hono-zego-token';
import * as core from 'zego-token/web';
import { type AppConfig, checkVectors, runtimeInfo, USER_HEADER } from './token-app.js';

/** A Hono app: the token route at /api/zego/token, /runtime and /vectors as in token-app.ts. Built on the first request. */
export function createApp(config: AppConfig): (request: Request) => Promise<Response> {
  let app: Hono | undefined;
  return async (request) => {
    if (app === undefined) {
      app = new Hono();
      app.get('/runtime', (c) => c.json(runtimeInfo()));
      app.get('/vectors', async (c) => c.json(await checkVectors(core)));
      app.use('/api/*', zegoToken({ ...config, resolveUser: (c) => c.req.header(USER_HEADER) }));
    }
    return app.fetch(request);
  };
}
