// The app's sign-in state: a cookie sealed (encrypted and signed) by iron-session with SESSION_SECRET.
// Nothing is stored on the server, so there is no session ID to steal or fix: the cookie is the session.
import { getIronSession, type IronSession, type SessionOptions } from 'iron-session';
import { cookies } from 'next/headers';
import { config } from './config';

export interface SessionData {
  user?: { id: string };
}

const COOKIE_NAME = 'zego-demo.session';
const ONE_DAY_IN_SECONDS = 24 * 60 * 60;

/**
 * The session of this request, read from its cookie. `save()` and `destroy()` set the cookie on the
 * response. The cookie is `Secure` when the request came over HTTPS (Next.js takes a proxy's
 * X-Forwarded-Proto into account), so it is never sent back over plain HTTP, while the demo still works
 * on http://127.0.0.1.
 */
export async function getSession(request: Request): Promise<IronSession<SessionData>> {
  const options: SessionOptions = {
    password: config.sessionSecret,
    cookieName: COOKIE_NAME,
    ttl: ONE_DAY_IN_SECONDS,
    cookieOptions: { httpOnly: true, sameSite: 'lax', secure: new URL(request.url).protocol === 'https:', path: '/' },
  };
  return getIronSession<SessionData>(await cookies(), options);
}
