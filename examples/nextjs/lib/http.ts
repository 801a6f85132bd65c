// JSON errors in the shape the token route and the other examples use, and their cross-site check.
import { CROSS_SITE_ERROR, isCrossSiteWrite } from '../../shared/security.js';

export function jsonError(status: number, code: string, message: string): Response {
  return Response.json({ error: { code, message } }, { status });
}

/** This example answers its own pages only: no CORS origins may sign in or out. */
const NO_OTHER_ORIGINS: ReadonlySet<string> = new Set();

/**
 * `403 CROSS_SITE_REQUEST` for a sign-in or sign-out sent from another site's page (or another origin of
 * this site: `SameSite=Lax` lets those send the cookie), as in the Express and Koa examples; `undefined`
 * for this app's own pages and for clients that are not browsers.
 */
export function refuseCrossSite(request: Request): Response | undefined {
  const { headers } = request;
  const crossSite = isCrossSiteWrite(
    {
      method: request.method,
      fetchSite: headers.get('sec-fetch-site') ?? undefined,
      origin: headers.get('origin') ?? undefined,
      host: headers.get('host') ?? undefined,
    },
    NO_OTHER_ORIGINS,
  );
  return crossSite ? jsonError(CROSS_SITE_ERROR.status, CROSS_SITE_ERROR.code, CROSS_SITE_ERROR.message) : undefined;
}
