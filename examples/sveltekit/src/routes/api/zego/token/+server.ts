// GET /api/zego/token: a ZEGO token for the user hooks.server.ts signed in (event.locals.user), 401 for
// anyone else. ZEGO_APP_ID and ZEGO_SERVER_SECRET are read at the first request, not at `vite build`.
import { createFetchHandler } from 'zego-token';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = createFetchHandler({
  resolveUser: (_request, { locals }) => locals.user?.id,
});
