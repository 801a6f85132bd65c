// Runs in Deno: serves the app named by APP (see app/load.ts) with Deno.serve on 127.0.0.1:PORT,
// with /resolve, and ZEGO's callbacks when ZEGO_CALLBACK_SECRET is set.
import { callbackConfigFrom, configFrom, loadApp, withResolve } from './app/load.js';

declare const Deno: {
  env: { get(name: string): string | undefined };
  serve(
    options: { hostname: string; port: number; onListen?: () => void },
    handler: (request: Request) => Promise<Response>,
  ): unknown;
};

const createApp = await loadApp(Deno.env.get('APP'));
const read = (name: string) => Deno.env.get(name);
const app = createApp(configFrom(read), callbackConfigFrom(read));
Deno.serve(
  { hostname: '127.0.0.1', port: Number(Deno.env.get('PORT')), onListen() {} },
  withResolve(app, (specifier) => import.meta.resolve(specifier)),
);
