// Deno 2: createFetchHandler and createCallbackFetchHandler served with Deno.serve, from `zego-token`
// and `zego-token/web`, and hono-zego-token in a Hono app, each in its own `deno run` process. See
// docs/runtimes.md.
import { APP_ENV, callbackEnv, describeApps } from './checks.js';
import { startDeno } from './support.js';

describeApps(
  { runtime: 'Deno', name: /^Deno\/2\./, resolvesWith: 'deno' },
  [
    { app: 'node', entry: 'zego-token', path: '/zego/token', callbacks: true },
    { app: 'web', entry: 'zego-token/web', path: '/zego/token', callbacks: true },
    { app: 'web', entry: 'zego-token/web/server-api', path: '/zego/token', serverApi: true },
    { app: 'hono', entry: 'hono-zego-token', path: '/api/zego/token' },
  ],
  (app) =>
    startDeno({
      name: `deno (${app.entry})`,
      script: 'test/runtimes/deno-server.ts',
      env: { ...APP_ENV, ...callbackEnv(app), APP: app.app },
    }),
);
