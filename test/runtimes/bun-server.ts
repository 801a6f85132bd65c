// Runs in Bun: serves the app named by APP (see app/load.ts) with Bun.serve on 127.0.0.1:PORT,
// with /resolve.
import { configFrom, loadApp, withResolve } from './app/load.js';

declare const Bun: {
  env: Record<string, string | undefined>;
  serve(options: { hostname: string; port: number; fetch: (request: Request) => Promise<Response> }): unknown;
};

const createApp = await loadApp(Bun.env.APP);
const app = createApp(configFrom((name) => Bun.env[name]));
Bun.serve({
  hostname: '127.0.0.1',
  port: Number(Bun.env.PORT),
  fetch: withResolve(app, (specifier) => import.meta.resolve(specifier)),
});
