// POST /api/login { "userId": "…" }. A real app checks a password or an SSO assertion here; the demo
// trusts the userId it is given, after checking it is one ZEGO accepts.
import { json } from '@sveltejs/kit';
import { ZEGO_USER_ID_PATTERN } from 'zego-token';
import { startSession } from '$lib/server/session';
import type { RequestHandler } from './$types';

const USER_ID_INVALID = {
  code: 'USER_ID_INVALID',
  message: 'Send JSON { "userId": "…" }: 1 to 64 letters, digits or ~!@#$%^&*()_+=-`;\',.<>/\\',
};

export const POST: RequestHandler = async ({ request, cookies, url }) => {
  if (!/^application\/json\b/i.test(request.headers.get('content-type') ?? '')) {
    return json({ error: USER_ID_INVALID }, { status: 400 });
  }
  const body: unknown = await request.json().catch(() => undefined);
  const userId = (body as { userId?: unknown } | null | undefined)?.userId;
  if (typeof userId !== 'string' || !ZEGO_USER_ID_PATTERN.test(userId)) {
    return json({ error: USER_ID_INVALID }, { status: 400 });
  }
  startSession(cookies, url, userId);
  return json({ user: { id: userId } });
};
