// POST /api/login { "userId": "…" } (also at /login, where the demo page posts: see next.config.ts).
// A real app checks a password or an SSO assertion here; the demo trusts the userId it is given, after
// checking it is one ZEGO accepts.
import { ZEGO_USER_ID_PATTERN } from 'zego-token';
import { log } from '@/lib/config';
import { jsonError, refuseCrossSite } from '@/lib/http';
import { getSession } from '@/lib/session';

const USER_ID_INVALID =
  'Send JSON { "userId": "…" }: 1 to 64 letters, digits or ~!@#$%^&*()_+=-`;\',.<>/\\ (the characters ZEGO accepts)';

export async function POST(request: Request): Promise<Response> {
  const refused = refuseCrossSite(request);
  if (refused) return refused;
  // JSON only, as express.json() reads it: a form post carries no userId.
  if (!/^application\/json\b/i.test(request.headers.get('content-type') ?? '')) {
    return jsonError(400, 'USER_ID_INVALID', USER_ID_INVALID);
  }
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return jsonError(400, 'INVALID_JSON', 'The body is not valid JSON');
  }
  const userId = (body as { userId?: unknown } | null)?.userId;
  if (Array.isArray(body) || typeof userId !== 'string' || !ZEGO_USER_ID_PATTERN.test(userId)) {
    return jsonError(400, 'USER_ID_INVALID', USER_ID_INVALID);
  }
  // A freshly sealed cookie replaces whatever session the browser had.
  const session = await getSession(request);
  session.user = { id: userId };
  await session.save();
  log(`signed in: ${userId}`);
  return Response.json({ user: { id: userId } });
}
