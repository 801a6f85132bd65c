// GET /api/me (also at /me, where the demo page asks: see next.config.ts): who is signed in.
import { getSession } from '@/lib/session';

export async function GET(request: Request): Promise<Response> {
  const id = (await getSession(request)).user?.id;
  return Response.json({ user: id === undefined ? null : { id } }, { headers: { 'Cache-Control': 'no-store' } });
}
