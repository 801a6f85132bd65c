// Bun 1: createFetchHandler and createCallbackFetchHandler served with Bun.serve, from `zego-token` and
// `zego-token/web`, hono-zego-token in a Hono app, and express-zego-token in an Express 5 app, each in
// its own `bun` process. See docs/runtimes.md.
import { describe, it } from 'vitest';
import { APP_ENV, callbackEnv, describeApps, expectRuntime, expectTokenRoute } from './checks.js';
import { startBun } from './support.js';

const BUN = /^Bun\/1\./;

describeApps(
  { runtime: 'Bun', name: BUN, resolvesWith: 'bun' },
  [
    { app: 'node', entry: 'zego-token', path: '/zego/token', callbacks: true },
    { app: 'web', entry: 'zego-token/web', path: '/zego/token', callbacks: true },
    { app: 'web', entry: 'zego-token/web/server-api', path: '/zego/token', serverApi: true },
    { app: 'hono', entry: 'hono-zego-token', path: '/api/zego/token' },
  ],
  (app) =>
    startBun({
      name: `bun (${app.entry})`,
      script: 'test/runtimes/bun-server.ts',
      env: { ...APP_ENV, ...callbackEnv(app), APP: app.app },
    }),
);

describe('Bun: express-zego-token on Express 5', () => {
  it('serves the token route: Node decodes the token for the signed-in user; nobody gets a 401', async () => {
    const server = await startBun({
      name: 'bun (express-zego-token)',
      script: 'test/runtimes/bun-express.ts',
      env: APP_ENV,
    });
    await expectRuntime(server, BUN);
    await expectTokenRoute(server);
  });
});
