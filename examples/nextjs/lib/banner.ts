// The start-up banner of the Express and Koa examples, for `next start` and `next dev`: where to go, the
// decode command the demo page refers to, and every warning. Never a real secret or the session secret.
import { listenUrl, startupBanner } from '../../shared/config.js';
import { config, startup } from './config';

/** The banner's lines that hold here too: rate limiting, proxies, CORS and shared state are the other examples'. */
const APPLIES = /^ {2}(token route|AppID|token life|decode) /;

/**
 * Where Next.js listens, from the origin it records (in `next start` and `next dev` alike) before it calls
 * register(). It writes `localhost` for every interface as well as for `--hostname localhost`: the banner
 * then assumes every interface, so that a warning never says less than the truth. Without the origin
 * (another Next.js version), the same.
 */
function listeningOn(): { host: string; port: number } {
  const origin = process.env.__NEXT_PRIVATE_ORIGIN ?? '';
  const url = URL.canParse(origin) ? new URL(origin) : undefined;
  const hostname = url?.hostname.replace(/^\[(.*)\]$/, '$1');
  return {
    host: hostname === undefined || hostname === 'localhost' ? '0.0.0.0' : hostname,
    port: Number(url?.port || process.env.PORT || 3000),
  };
}

export function printStartupBanner(): void {
  const { host, port } = listeningOn();
  const url = listenUrl(host, port);
  const { lines, warnings } = startupBanner({ name: 'Next.js', url, config, startup: { ...startup, host, port } });
  for (const line of lines.filter((line, index) => index === 0 || APPLIES.test(line))) console.log(line);
  for (const warning of warnings) console.warn(`\n  WARNING: ${warning}`);
  console.log('');
}
