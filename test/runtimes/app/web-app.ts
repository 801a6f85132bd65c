// The token app on the Web Crypto entry, `zego-token/web` (runs inside the runtime under test), and,
// when given a CallbackSecret, ZEGO's callback route from the same entry at /zego/callback.
import * as core from 'zego-token/web';
import { type AppConfig, CALLBACK_PATH, type CallbackReply, tokenApp } from './token-app.js';

/** The token app's configuration, and the CallbackSecret the callback route verifies with. */
export interface WebAppConfig extends AppConfig {
  callbackSecret?: string | undefined;
}

/**
 * The app of token-app.ts on `zego-token/web`; with `callbackSecret`, `createCallbackFetchHandler`
 * at /zego/callback too, answering each verified callback with what it received.
 */
export function createApp({ callbackSecret, ...config }: WebAppConfig): (request: Request) => Promise<Response> {
  const tokens = tokenApp(core, config);
  if (callbackSecret === undefined) return tokens;
  let callbacks: ((request: Request) => Promise<Response>) | undefined;
  return (request) => {
    if (new URL(request.url).pathname !== CALLBACK_PATH) return tokens(request);
    // Created on the first callback, like the token handler: Workers refuse crypto work at module scope.
    callbacks ??= core.createCallbackFetchHandler({
      callbackSecret,
      onCallback: (body): CallbackReply => ({ received: body }),
    });
    return callbacks(request);
  };
}
