// The Worker as Cloudflare runs it: src/index.ts bundled with esbuild under wrangler's export conditions
// (workerd, worker, browser), served by `workerd` on 127.0.0.1 with wrangler.toml's compatibility_date
// and flags (none: no nodejs_compat), its vars and secrets given as text bindings.
import { readFileSync } from 'node:fs';
import { SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeToken04 } from 'zego-token';
import { bundle, type RuntimeProcess, startWorkerd } from '../../../test/runtimes/support.js';
import { expectCorsAllowed, expectNoCorsPermission, preflight } from '../../../test/support/cors.js';
import { APP_ID, SECRET } from '../../../test/support/index.js';

const AUTH_JWT_SECRET = 'a 32-character-or-longer key for the tests only';
const ALLOWED_ORIGIN = 'https://game.example.com';
const FOREIGN_ORIGIN = 'https://attacker.example';

const wranglerToml = readFileSync(new URL('../wrangler.toml', import.meta.url), 'utf8');
/** A top-level `key = "value"` of wrangler.toml. */
function tomlString(key: string): string | undefined {
  return new RegExp(`^${key}\\s*=\\s*"([^"]*)"`, 'm').exec(wranglerToml)?.[1];
}

let worker: RuntimeProcess;

/** An access token as the app's sign-in would issue it (HS256 with AUTH_JWT_SECRET), with `changes`. */
function accessToken(changes: { sub?: string; expiresIn?: string; secret?: string; aud?: string } = {}) {
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(changes.sub ?? 'alice')
    .setIssuer('https://app.example.com')
    .setAudience(changes.aud ?? 'zego-token')
    .setExpirationTime(changes.expiresIn ?? '5m')
    .sign(new TextEncoder().encode(changes.secret ?? AUTH_JWT_SECRET));
}

function request(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Response> {
  return fetch(worker.url + path, { method, headers, signal: AbortSignal.timeout(5_000) });
}

beforeAll(async () => {
  const compatibilityDate = tomlString('compatibility_date');
  expect(compatibilityDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  worker = await startWorkerd({
    name: 'workerd (cloudflare-worker)',
    code: await bundle({
      entry: 'examples/cloudflare-worker/src/index.ts',
      conditions: ['workerd', 'worker', 'browser'],
    }),
    compatibilityDate: compatibilityDate as string,
    bindings: {
      ZEGO_APP_ID: String(APP_ID),
      ZEGO_SERVER_SECRET: SECRET,
      AUTH_JWT_SECRET,
      AUTH_ISSUER: 'https://app.example.com',
      AUTH_AUDIENCE: 'zego-token',
      ALLOWED_ORIGINS: `${ALLOWED_ORIGIN},http://localhost:5173`,
    },
  });
}, 60_000);

describe('the Cloudflare Worker under workerd, without nodejs_compat', () => {
  it('is deployed as tested: wrangler.toml names src/index.ts and sets no compatibility flags', () => {
    expect(tomlString('main')).toBe('src/index.ts');
    expect(wranglerToml).not.toMatch(/^\s*compatibility_flags/m);
  });

  it("answers a signed-in user's bearer token with a ZEGO token for the JWT's sub", async () => {
    const response = await request('/zego/token', {
      Authorization: `Bearer ${await accessToken()}`,
      Origin: ALLOWED_ORIGIN,
    });
    expect(response.status).toBe(200);
    expectCorsAllowed(response, ALLOWED_ORIGIN);
    const body = (await response.json()) as { token: string; userId: string };
    expect(body.userId).toBe('alice');
    const decoded = decodeToken04(body.token, SECRET);
    expect(decoded.userId).toBe('alice');
    expect(decoded.appId).toBe(APP_ID);
  });

  it.each([
    ['no Authorization header', async () => ({})],
    [
      'a JWT signed with another key',
      async () => ({ Authorization: `Bearer ${await accessToken({ secret: 'x'.repeat(40) })}` }),
    ],
    ['an expired JWT', async () => ({ Authorization: `Bearer ${await accessToken({ expiresIn: '-1m' })}` })],
    ['a JWT for another audience', async () => ({ Authorization: `Bearer ${await accessToken({ aud: 'billing' })}` })],
    ['a JWT in a cookie instead of the header', async () => ({ Cookie: `session=${await accessToken()}` })],
  ])('answers 401 UNAUTHENTICATED to %s', async (_name, headers) => {
    const response = await request('/zego/token', await headers());
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('UNAUTHENTICATED');
  });

  it('gives an unlisted origin no CORS permission, neither on the request nor on the preflight', async () => {
    const response = await request('/zego/token', {
      Authorization: `Bearer ${await accessToken()}`,
      Origin: FOREIGN_ORIGIN,
    });
    expect(response.status).toBe(200);
    expectNoCorsPermission(response);
    await response.arrayBuffer();
    expectNoCorsPermission(await preflight(`${worker.url}/zego/token`, FOREIGN_ORIGIN));
  });

  it('answers the preflight of a listed origin, allowing GET with Authorization', async () => {
    const response = await preflight(`${worker.url}/zego/token`, ALLOWED_ORIGIN);
    expect(response.status).toBe(204);
    expectCorsAllowed(response, ALLOWED_ORIGIN);
    expect(response.headers.get('access-control-allow-methods')).toBe('GET');
    expect(response.headers.get('access-control-allow-headers')).toBe('Authorization');
  });

  it('answers the token route only: another path is 404, another method 405', async () => {
    const elsewhere = await request('/admin', { Authorization: `Bearer ${await accessToken()}` });
    expect(elsewhere.status).toBe(404);
    await elsewhere.arrayBuffer();
    const post = await request('/zego/token', { Authorization: `Bearer ${await accessToken()}` }, 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET');
  });
});
