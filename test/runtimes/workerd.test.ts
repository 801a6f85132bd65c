// Cloudflare workerd: Workers bundled with esbuild under wrangler's export conditions (`workerd`,
// `worker`, `browser`), served by `workerd serve` with a config the test writes: `zego-token` with
// nodejs_compat, and `zego-token/web` and hono-zego-token (its `zego-token/adapter` resolving to the
// Web Crypto build) without it. See docs/runtimes.md.
import { builtinModules } from 'node:module';
import { APP_ENV, callbackEnv, describeApps } from './checks.js';
import { CONDITIONS } from './conditions.js';
import { bundle, ROOT, startWorkerd } from './support.js';

/** What wrangler leaves to the runtime under nodejs_compat: Node's built-in modules, with or without `node:`. */
const NODE_BUILTINS = [...builtinModules, 'node:*'];

/**
 * A Worker module serving `app` (app/<app>-app.ts), its configuration from the Worker's bindings; with
 * `callbacks`, the CallbackSecret too, and the app serves ZEGO's callbacks.
 */
function workerSource(app: string, callbacks: boolean): string {
  const callbackConfig = callbacks ? ', { callbackSecret: env.ZEGO_CALLBACK_SECRET }' : '';
  return `import { createApp } from './app/${app}-app.js';
let app;
export default {
  fetch(request, env) {
    app ??= createApp({ appId: Number(env.ZEGO_APP_ID), serverSecret: env.ZEGO_SERVER_SECRET }${callbackConfig});
    return app(request);
  },
};
`;
}

describeApps(
  { runtime: 'workerd', name: /^Cloudflare-Workers$/ },
  [
    { app: 'web', entry: 'zego-token/web without nodejs_compat', path: '/zego/token', callbacks: true },
    { app: 'web', entry: 'zego-token/web/server-api without nodejs_compat', path: '/zego/token', serverApi: true },
    { app: 'node', entry: 'zego-token with nodejs_compat', path: '/zego/token', callbacks: true },
    { app: 'hono', entry: 'hono-zego-token without nodejs_compat', path: '/api/zego/token' },
  ],
  async (app) => {
    const { entry } = app;
    const nodejsCompat = entry.endsWith('with nodejs_compat');
    const code = await bundle({
      entry: { contents: workerSource(app.app, app.callbacks === true), resolveDir: `${ROOT}test/runtimes` },
      conditions: CONDITIONS.workerd,
      external: nodejsCompat ? NODE_BUILTINS : [],
    });
    return startWorkerd({
      name: `workerd (${entry})`,
      code,
      compatibilityFlags: nodejsCompat ? ['nodejs_compat'] : [],
      bindings: { ...APP_ENV, ...callbackEnv(app) },
    });
  },
);
