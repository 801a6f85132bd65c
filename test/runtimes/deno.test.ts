// Deno 2: createFetchHandler served with Deno.serve, from `zego-token` and `zego-token/web`, and
// hono-zego-token in a Hono app, each in its own `deno run` process. See docs/runtimes.md.
import { APP_ENV, describeApps } from './checks.js';
import { startDeno } from './support.js';

describeApps(
  { runtime: 'Deno', name: /^Deno\/2\./, resolvesWith: 'deno' },
  [
    { app: 'node', entry: 'zego-token', path: '/zego/token' },
    { app: 'web', entry: 'zego-token/web', path: '/zego/token' },
    { app: 'hono', entry: 'hono-zego-token', path: '/api/zego/token' },
  ],
  ({ app, entry }) =>
    startDeno({ name: `deno (${entry})`, script: 'test/runtimes/deno-server.ts', env: { ...APP_ENV, APP: app } }),
);
