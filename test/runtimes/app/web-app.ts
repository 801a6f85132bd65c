// The token app on the Web Crypto entry, `zego-token/web` (runs inside the runtime under test).
import * as core from 'zego-token/web';
import { type AppConfig, tokenApp } from './token-app.js';

/** The app of token-app.ts on `zego-token/web`. */
export function createApp(config: AppConfig): (request: Request) => Promise<Response> {
  return tokenApp(core, config);
}
