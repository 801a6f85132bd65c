// Which app a runtime serves, by name (the APP environment variable of deno-server.ts and
// bun-server.ts). Runs inside the runtime under test.
import type { AppConfig, CallbackConfig } from './token-app.js';

/** The apps a runtime can serve: the token app on either core entry, or the Hono adapter. */
export type AppName = 'node' | 'web' | 'hono';

/**
 * Imports the app `name` (only that one: the others' packages are never loaded). The core's apps serve
 * ZEGO's callbacks when given a `CallbackConfig`; the Hono app takes none.
 */
export async function loadApp(
  name: string | undefined,
): Promise<(config: AppConfig, callbacks?: CallbackConfig) => (request: Request) => Promise<Response>> {
  switch (name) {
    case 'node':
      return (await import('./node-app.js')).createApp;
    case 'web':
      return (await import('./web-app.js')).createApp;
    case 'hono':
      return (await import('./hono-app.js')).createApp;
    default:
      throw new Error(`APP must be node, web or hono, not ${String(name)}`);
  }
}

/** The app's configuration from the environment's ZEGO_APP_ID and ZEGO_SERVER_SECRET. */
export function configFrom(read: (name: string) => string | undefined): AppConfig {
  return { appId: Number(read('ZEGO_APP_ID')), serverSecret: read('ZEGO_SERVER_SECRET') ?? '' };
}

/** The callback route's configuration from the environment's ZEGO_CALLBACK_SECRET; none without it. */
export function callbackConfigFrom(read: (name: string) => string | undefined): CallbackConfig | undefined {
  const callbackSecret = read('ZEGO_CALLBACK_SECRET');
  return callbackSecret ? { callbackSecret } : undefined;
}

/** The core's entries, as an app imports them: what /resolve reports. */
export const CORE_SPECIFIERS = [
  'zego-token',
  'zego-token/web',
  'zego-token/adapter',
  'zego-token/web/server-api',
] as const;

/**
 * Wraps a server's app with /resolve, which answers the URL each of the core's entries resolves to in
 * this runtime (`resolve` is the server module's `import.meta.resolve`), so that a test can tell which
 * export condition the runtime picked.
 */
export function withResolve(
  app: (request: Request) => Promise<Response>,
  resolve: (specifier: string) => string,
): (request: Request) => Promise<Response> {
  return async (request) => {
    if (new URL(request.url).pathname !== '/resolve') return app(request);
    return Response.json(Object.fromEntries(CORE_SPECIFIERS.map((specifier) => [specifier, resolve(specifier)])));
  };
}
