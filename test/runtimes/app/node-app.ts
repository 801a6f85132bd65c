// The token app on the Node entry, `zego-token` (runs inside the runtime under test).
import * as core from 'zego-token';
import { type AppConfig, tokenApp } from './token-app.js';

/** The app of token-app.ts on `zego-token`. */
export function createApp(config: AppConfig): (request: Request) => Promise<Response> {
  return tokenApp(core, config);
}
