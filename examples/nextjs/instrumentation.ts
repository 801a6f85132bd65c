// Next.js calls register() once when the server starts: the example prints its banner then.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { printStartupBanner } = await import('./lib/banner');
  printStartupBanner();
}
