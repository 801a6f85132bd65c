// The token app on the Web Crypto entry, `zego-token/web` (runs inside the runtime under test), and,
// when given a CallbackSecret, ZEGO's callback route from the same entry at /zego/callback; with
// `zego-token/web/server-api`'s checks at /server-api/… (server-api-app.ts).
import * as core from 'zego-token/web';
import { withServerApi } from './server-api-app.js';
import { type AppConfig, type CallbackConfig, tokenApp, withCallbacks } from './token-app.js';

/**
 * The app of token-app.ts on `zego-token/web`; with `callbacks`, its `createCallbackFetchHandler` at
 * /zego/callback; and the Server API's checks.
 */
export function createApp(config: AppConfig, callbacks?: CallbackConfig): (request: Request) => Promise<Response> {
  return withServerApi(config, withCallbacks(core, callbacks, tokenApp(core, config)));
}
