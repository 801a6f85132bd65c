// The token app on the Node entry, `zego-token` (runs inside the runtime under test), and, when given
// a CallbackSecret, ZEGO's callback route from the same entry at /zego/callback.
import * as core from 'zego-token';
import { type AppConfig, type CallbackConfig, tokenApp, withCallbacks } from './token-app.js';

/** The app of token-app.ts on `zego-token`; with `callbacks`, its `createCallbackFetchHandler` at /zego/callback. */
export function createApp(config: AppConfig, callbacks?: CallbackConfig): (request: Request) => Promise<Response> {
  return withCallbacks(core, callbacks, tokenApp(core, config));
}
