// The app's sign-in state: a cookie holding the userId and when it expires, signed with HMAC-SHA256 under
// SESSION_SECRET. Read at run time ($env/dynamic/private), never at build time: without it, a random
// secret per process is used and sign-ins end when the server restarts.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Cookies } from '@sveltejs/kit';
import { env } from '$env/dynamic/private';

export const SESSION_COOKIE = 'zego-demo.session';
const ONE_DAY_IN_SECONDS = 24 * 60 * 60;

let secret: string | undefined;

/** SESSION_SECRET, or a random one for this process (with a warning), read at the first sign-in or request. */
function sessionSecret(): string {
  if (secret !== undefined) return secret;
  if (env.SESSION_SECRET) {
    if (env.SESSION_SECRET.length < 32) throw new Error('SESSION_SECRET must be at least 32 characters long');
    secret = env.SESSION_SECRET;
  } else {
    console.warn('SESSION_SECRET is not set: a random one is used, and sign-ins end when the server restarts');
    secret = randomBytes(32).toString('base64url');
  }
  return secret;
}

function sign(value: string): string {
  return createHmac('sha256', sessionSecret()).update(value).digest('base64url');
}

/** The signed-in user's ID from the request's cookie, or null when it is missing, forged or expired. */
export function readSession(cookies: Cookies): string | null {
  const cookie = cookies.get(SESSION_COOKIE);
  const [userId, expires, signature] = cookie?.split('|') ?? [];
  if (userId === undefined || expires === undefined || signature === undefined) return null;
  const expected = Buffer.from(sign(`${userId}|${expires}`));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return Number(expires) > Date.now() / 1000 ? decodeURIComponent(userId) : null;
}

/**
 * Signs `userId` in: a fresh cookie, `httpOnly`, `SameSite=Lax`, and `Secure` when the request came over
 * HTTPS (SvelteKit's default marks it `Secure` everywhere but http://localhost, so the demo on
 * http://127.0.0.1 could not sign in). Behind a proxy, set adapter-node's `PROTOCOL_HEADER` or `ORIGIN`.
 */
export function startSession(cookies: Cookies, url: URL, userId: string): void {
  const expires = Math.floor(Date.now() / 1000) + ONE_DAY_IN_SECONDS;
  const value = `${encodeURIComponent(userId)}|${expires}`;
  cookies.set(SESSION_COOKIE, `${value}|${sign(value)}`, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: url.protocol === 'https:',
    maxAge: ONE_DAY_IN_SECONDS,
  });
}

export function endSession(cookies: Cookies): void {
  cookies.delete(SESSION_COOKIE, { path: '/' });
}
