// Every request: the signed-in user into `event.locals.user` (null for nobody), which the token route's
// resolveUser reads; and sign-in or sign-out from another site's page refused, as in the other examples
// (SvelteKit's own check covers form posts only, and these routes take JSON).
import { type Handle, json } from '@sveltejs/kit';
import { readSession } from '$lib/server/session';

const CROSS_SITE = { code: 'CROSS_SITE_REQUEST', message: 'Sign in and out from this app’s own pages only' };

export const handle: Handle = async ({ event, resolve }) => {
  const fetchSite = event.request.headers.get('sec-fetch-site');
  const origin = event.request.headers.get('origin');
  const crossSite =
    event.request.method !== 'GET' &&
    ((fetchSite !== null && fetchSite !== 'same-origin' && fetchSite !== 'none') ||
      (fetchSite === null && origin !== null && origin !== event.url.origin));
  if (crossSite && event.url.pathname.startsWith('/api/')) return json({ error: CROSS_SITE }, { status: 403 });
  event.locals.user = (() => {
    const id = readSession(event.cookies);
    return id === null ? null : { id };
  })();
  return resolve(event);
};
