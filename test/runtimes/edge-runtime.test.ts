// Vercel's edge runtime (the `edge-runtime` package, on @edge-runtime/vm: Vercel Edge Functions and
// Next.js middleware): `zego-token/web` and `hono-zego-token` (whose `zego-token/adapter` resolves to
// its Web Crypto build here) bundled with esbuild under Vercel's export conditions (`edge-light`,
// `worker`, `browser`) as a classic script, served by the `edge-runtime` CLI: the token route and
// ZEGO's callback route. See docs/runtimes.md.
import { APP_ID, CALLBACK_SECRET, SECRET } from '../support/index.js';
import { describeApps } from './checks.js';
import { CONDITIONS } from './conditions.js';
import { bundle, ROOT, startEdgeRuntime } from './support.js';

describeApps(
  { runtime: 'the edge runtime', name: /^EdgeRuntime edge-runtime$/ },
  [
    { app: 'web', entry: 'zego-token/web', path: '/zego/token', callbacks: true },
    { app: 'web', entry: 'zego-token/web/server-api', path: '/zego/token', serverApi: true },
    { app: 'hono', entry: 'hono-zego-token', path: '/api/zego/token' },
  ],
  async ({ app, entry }) => {
    const code = await bundle({
      entry: {
        contents: `import { createApp } from './app/${app}-app.js';
const app = createApp(${JSON.stringify({ appId: APP_ID, serverSecret: SECRET })}, ${JSON.stringify({ callbackSecret: CALLBACK_SECRET })});
addEventListener('fetch', (event) => event.respondWith(app(event.request)));
`,
        resolveDir: `${ROOT}test/runtimes`,
      },
      conditions: CONDITIONS.edgeLight,
      format: 'iife',
    });
    return startEdgeRuntime({ name: `edge-runtime (${entry})`, code });
  },
);
