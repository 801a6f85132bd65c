// The token app on the Web Crypto entry, `zego-token/web` (runs inside the runtime under test), and,
// when given a CallbackSecret, ZEGO's callback route from the same entry at /zego/callback.
import * as core from 'zego-token/web';
import { type AppConfig, type CallbackConfig, tokenApp, withCallbacks } from './token-app.js';

/** The app of token-app.ts on `zego-token/web`; with `callbacks`, its `createCallbackFetchHandler` at /zego/callback. */
export function createApp(config: AppConfig, callbacks?: CallbackConfig): (request: Request) => Promise<Response> {
  return withCallbacks(core, callbacks, tokenApp(core, config));
}
