// Next.js calls register() once when the server starts: the example checks its settings and prints its
// banner then. A bad setting stops the server with the message, as in the Express and Koa examples,
// rather than leaving it up to answer 500 to every request.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  try {
    // The fetch handler reads its options at its first request; the example checks them now, with the
    // same reader (createTokenHandler throws OPTION_INVALID naming every problem).
    const [{ createTokenHandler }, { tokenOptions }] = await Promise.all([
      import('zego-token/adapter'),
      import('./lib/token'),
    ]);
    createTokenHandler(tokenOptions);
    const { printStartupBanner } = await import('./lib/banner');
    printStartupBanner();
  } catch (error) {
    // The shared ConfigError, or the route's OPTION_INVALID: neither message ever holds the secret.
    const { name, code, message } = error as { name?: string; code?: string; message?: string };
    if (name !== 'ConfigError' && code !== 'OPTION_INVALID') throw error;
    console.error(`Configuration error: ${message}`);
    process.exit(1);
  }
}
