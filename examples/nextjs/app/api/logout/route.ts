// POST /api/logout (also at /logout, where the demo page posts: see next.config.ts): ends the session.
import { log } from '@/lib/config';
import { refuseCrossSite } from '@/lib/http';
import { getSession } from '@/lib/session';

export async function POST(request: Request): Promise<Response> {
  const refused = refuseCrossSite(request);
  if (refused) return refused;
  const session = await getSession(request);
  const userId = session.user?.id;
  session.destroy();
  if (userId !== undefined) log(`signed out: ${userId}`);
  return new Response(null, { status: 204 });
}
