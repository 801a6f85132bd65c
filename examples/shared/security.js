// Security decisions shared by the Express and Koa examples, written once so that the two apps
// cannot drift apart. Each app only wires them into its framework.

/**
 * The token route's rate-limit key. A signed-in user's requests count against the user, wherever they
 * come from; only anonymous requests (which get 401 anyway) count against the client address. Keyed
 * by address alone, anonymous requests from a shared address (an office NAT, a proxy that is not
 * trusted) would use up the allowance of every user behind it.
 * @param {string | undefined} userId The signed-in user, if any.
 * @param {string} clientAddress The client's address, as the app's proxy settings determine it.
 */
export function tokenRateLimitKey(userId, clientAddress) {
  return userId === undefined ? `address:${clientAddress}` : `user:${userId}`;
}

/** The methods that change nothing, which the cross-site check lets through. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The JSON error a refused cross-site request gets. */
export const CROSS_SITE_ERROR = {
  status: 403,
  code: 'CROSS_SITE_REQUEST',
  message: "Cross-site requests cannot sign in or out: send them from this app's own pages",
};

/**
 * True when a request that may change state (any method but GET, HEAD and OPTIONS: sign-in, sign-out)
 * comes from a page that is not this app's own, nor one of its CORS origins. Browsers say where a request comes from in `Sec-Fetch-Site` (every
 * current browser) and `Origin` (older ones too); a request with neither is not from a browser page, so
 * no one else's cookies ride on it. `SameSite=Lax` alone is not enough: another port or a sibling
 * subdomain is the same site, so its forms send the cookie.
 * @param {{ method: string, fetchSite: string | undefined, origin: string | undefined, host: string | undefined }} request
 *   The method, the `Sec-Fetch-Site` and `Origin` headers, and the host the request was sent to (with its port).
 * @param {ReadonlySet<string>} allowedOrigins The CORS origins: their pages may sign in and out too.
 */
export function isCrossSiteWrite({ method, fetchSite, origin, host }, allowedOrigins) {
  if (SAFE_METHODS.has(method) || (origin !== undefined && allowedOrigins.has(origin))) return false;
  if (fetchSite !== undefined) return fetchSite !== 'same-origin' && fetchSite !== 'none';
  if (origin === undefined) return false;
  return URL.canParse(origin) ? new URL(origin).host !== host : true;
}

/**
 * The security headers, as options for `helmet` (Express) and `koa-helmet` (Koa), which take the same.
 * The demo page loads its script, styles and the client module from this origin only, so the policy
 * allows nothing else: no inline script (an injected `<script>` does not run), no framing (no
 * clickjacking of the sign-out button), no `<base>` or plugin tricks. A page of your own that loads
 * from a CDN or an SDK's servers adds those origins to the matching directive.
 * @type {import('helmet').HelmetOptions}
 */
export const SECURITY_HEADERS = {
  contentSecurityPolicy: {
    // Every directive written out, rather than merged into helmet's defaults: those allow inline styles
    // and upgrade every request to https, which breaks the demo on http://127.0.0.1.
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      scriptSrcAttr: ["'none'"],
      styleSrc: ["'self'"],
      // The page's blank favicon is a data: URL.
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  },
  frameguard: { action: 'deny' },
  referrerPolicy: { policy: 'no-referrer' },
};
