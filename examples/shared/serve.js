// Shared by both examples' src/server.js: reads the environment, prints what the example runs with,
// listens on HOST:PORT (127.0.0.1:3000 by default), and stops cleanly on Ctrl+C.
import { ConfigError, listenUrl, readConfig, startupBanner } from './config.js';

/**
 * Starts an example app: reads the environment, prints what it runs with (never a real secret), listens on HOST:PORT.
 * @param {{ name: string, loadApp: () => Promise<{ createApp: (config: import('./config.js').ExampleConfig) => { listen: (port: number, host: string) => import('node:http').Server }, STATE_WITHOUT_REDIS?: string }> }} example
 *   `STATE_WITHOUT_REDIS`: where the app keeps sessions and rate-limit counts without REDIS_URL, for the banner.
 */
export async function serve({ name, loadApp }) {
  let appModule;
  try {
    appModule = await loadApp();
  } catch (error) {
    if (/** @type {{ code?: string }} */ (error)?.code === 'ERR_MODULE_NOT_FOUND' && /zego-token/.test(String(error))) {
      console.error(
        'The zego-token packages are not built yet. Run `pnpm start` at the repository root (it builds them),',
      );
      console.error('or `pnpm run build` once and then `node src/server.js`.');
      process.exit(1);
    }
    throw error;
  }

  let settings;
  try {
    settings = readConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`Configuration error: ${error.message}`);
    process.exit(1);
  }
  const { config, startup } = settings;

  let app;
  try {
    app = appModule.createApp({ ...config, log: (message) => console.log(`[${new Date().toISOString()}] ${message}`) });
  } catch (error) {
    // A ZEGO_APP_ID or ZEGO_SERVER_SECRET the token route refuses (the message never contains the secret).
    if (/** @type {{ code?: string }} */ (error)?.code !== 'OPTION_INVALID') throw error;
    console.error(`Configuration error: ${/** @type {Error} */ (error).message}`);
    process.exit(1);
  }
  const server = app.listen(startup.port, startup.host);
  server.on('error', (error) => {
    console.error(`Could not listen on ${startup.host} port ${startup.port}: ${error.message}`);
    process.exit(1);
  });
  server.on('listening', () => {
    const address = server.address();
    const port = typeof address === 'object' && address !== null ? address.port : startup.port;
    const { lines, warnings } = startupBanner({
      name,
      url: listenUrl(startup.host, port),
      config,
      startup,
      stateWithoutRedis: appModule.STATE_WITHOUT_REDIS,
    });
    for (const line of lines) console.log(line);
    for (const warning of warnings) console.warn(`\n  WARNING: ${warning}`);
    console.log('');
  });

  // Ctrl+C and container stops end the process cleanly.
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
      server.close(() => process.exit(0));
      server.closeAllConnections();
    });
  }
}
