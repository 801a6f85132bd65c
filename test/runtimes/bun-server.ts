// Runs in Bun: serves the app named by APP (see app/load.ts) with Bun.serve on 127.0.0.1:PORT,
// with /resolve, and ZEGO's callbacks when ZEGO_CALLBACK_SECRET is set.
import { callbackConfigFrom, configFrom, loadApp, withResolve } from './app/load.js';

declare const Bun: {
  env: Record<string, string | undefined>;
  serve(options: { hostname: string; port: number; fetch: (request: Request) => Promise<Response> }): unknown;
};

const createApp = await loadApp(Bun.env.APP);
const read = (name: string) => Bun.env[name];
const app = createApp(configFrom(read), callbackConfigFrom(read));
Bun.serve({
  hostname: '127.0.0.1',
  port: Number(Bun.env.PORT),
  fetch: withResolve(app, (specifier) => import.meta.resolve(specifier)),
});
