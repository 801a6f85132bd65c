// The example's settings: the Express and Koa examples' `readConfig`, read from the environment once per
// process. Demo credentials unless ZEGO_APP_ID and ZEGO_SERVER_SECRET are set; see ../../shared/config.js.
import { ConfigError, readConfig } from '../../shared/config.js';

type Settings = ReturnType<typeof readConfig>;

const SETTINGS: unique symbol = Symbol.for('zego-token-example-nextjs.settings');
// Kept on globalThis: Next.js may evaluate this module more than once in a process (`next dev` reloads
// it after every edit), and a random session secret must stay the one that sealed the cookies.
const store = globalThis as typeof globalThis & { [SETTINGS]?: Settings };

function readSettings(): Settings {
  const settings = readConfig(process.env);
  // iron-session refuses shorter passwords at the first request; say so at start-up instead.
  if (settings.config.sessionSecret.length < 32) {
    throw new ConfigError('SESSION_SECRET must be at least 32 characters long (iron-session seals cookies with it)');
  }
  return settings;
}

store[SETTINGS] ??= readSettings();
export const { config, startup } = store[SETTINGS];

/** Sign-ins and issued tokens, as the Express and Koa examples log them: never a token or a secret. */
export function log(message: string): void {
  console.log(`[${new Date().toISOString()}] ${message}`);
}
