// POST /api/logout: ends the session (204, the cookie cleared).
import { endSession } from '$lib/server/session';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = ({ cookies }) => {
  endSession(cookies);
  return new Response(null, { status: 204 });
};
