// The Worker as Cloudflare runs it: src/index.ts bundled with esbuild under wrangler's export conditions
// (workerd, worker, browser), served by `workerd` on 127.0.0.1 with wrangler.toml's compatibility_date
// and flags (none: no nodejs_compat), its vars and secrets given as text bindings: the token route, and
// ZEGO's callback route with ZEGO_CALLBACK_SECRET and without it.
import { readFileSync } from 'node:fs';
import { SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeToken04 } from 'zego-token';
import { bundle, type RuntimeProcess, startWorkerd } from '../../../test/runtimes/support.js';
import { expectCorsAllowed, expectNoCorsPermission, preflight } from '../../../test/support/cors.js';
import { APP_ID, CALLBACK_SECRET, SECRET, signedCallback } from '../../../test/support/index.js';

const AUTH_JWT_SECRET = 'a 32-character-or-longer key for the tests only';
const ALLOWED_ORIGIN = 'https://game.example.com';
const FOREIGN_ORIGIN = 'https://attacker.example';

const wranglerToml = readFileSync(new URL('../wrangler.toml', import.meta.url), 'utf8');
/** A top-level `key = "value"` of wrangler.toml. */
function tomlString(key: string): string | undefined {
  return new RegExp(`^${key}\\s*=\\s*"([^"]*)"`, 'm').exec(wranglerToml)?.[1];
}

const BINDINGS = {
  ZEGO_APP_ID: String(APP_ID),
  ZEGO_SERVER_SECRET: SECRET,
  AUTH_JWT_SECRET,
  AUTH_ISSUER: 'https://app.example.com',
  AUTH_AUDIENCE: 'zego-token',
  ALLOWED_ORIGINS: `${ALLOWED_ORIGIN},http://localhost:5173`,
};

let worker: RuntimeProcess;
/** The same Worker without ZEGO_CALLBACK_SECRET. */
let withoutCallbacks: RuntimeProcess;
/** The same Worker without AUTH_ISSUER and AUTH_AUDIENCE. */
let withoutIssuer: RuntimeProcess;

interface TokenChanges {
  sub?: string;
  expiresIn?: string;
  secret?: string;
  /** The header's `typ`; `null` for none. Default `at+jwt`, an access token's (RFC 9068). */
  typ?: string | null;
  /** `null` for no `iss` / `aud` claim. */
  iss?: string | null;
  aud?: string | null;
}

/** An access token as the app's sign-in would issue it (HS256 with AUTH_JWT_SECRET), with `changes`. */
function accessToken(changes: TokenChanges = {}) {
  const typ = changes.typ === undefined ? 'at+jwt' : changes.typ;
  const iss = changes.iss === undefined ? 'https://app.example.com' : changes.iss;
  const aud = changes.aud === undefined ? 'zego-token' : changes.aud;
  const jwt = new SignJWT({})
    .setProtectedHeader({ alg: 'HS256', ...(typ === null ? {} : { typ }) })
    .setSubject(changes.sub ?? 'alice')
    .setIssuedAt()
    .setExpirationTime(changes.expiresIn ?? '5m');
  if (iss !== null) jwt.setIssuer(iss);
  if (aud !== null) jwt.setAudience(aud);
  return jwt.sign(new TextEncoder().encode(changes.secret ?? AUTH_JWT_SECRET));
}

/** A refresh token from the same sign-in: the same key, issuer, audience and subject, for 30 days. */
function refreshToken(typ: string | null) {
  return accessToken({ typ, expiresIn: '30d' });
}

function request(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Response> {
  return fetch(worker.url + path, { method, headers, signal: AbortSignal.timeout(5_000) });
}

/** POSTs `body` as JSON to /zego/callback of `server`, as ZEGO does (no Origin, no cookie). */
function postCallback(server: RuntimeProcess, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${server.url}/zego/callback`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(5_000),
  });
}

beforeAll(async () => {
  const compatibilityDate = tomlString('compatibility_date');
  expect(compatibilityDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  const code = await bundle({
    entry: 'examples/cloudflare-worker/src/index.ts',
    conditions: ['workerd', 'worker', 'browser'],
  });
  const start = (name: string, bindings: Record<string, string>) =>
    startWorkerd({ name, code, compatibilityDate: compatibilityDate as string, bindings });
  const { AUTH_ISSUER: _issuer, AUTH_AUDIENCE: _audience, ...unchecked } = BINDINGS;
  [worker, withoutCallbacks, withoutIssuer] = await Promise.all([
    start('workerd (cloudflare-worker)', { ...BINDINGS, ZEGO_CALLBACK_SECRET: CALLBACK_SECRET }),
    start('workerd (cloudflare-worker, no ZEGO_CALLBACK_SECRET)', BINDINGS),
    start('workerd (cloudflare-worker, no AUTH_ISSUER nor AUTH_AUDIENCE)', {
      ...unchecked,
      ZEGO_CALLBACK_SECRET: CALLBACK_SECRET,
    }),
  ]);
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
    ['a JWT without `aud`', async () => ({ Authorization: `Bearer ${await accessToken({ aud: null })}` })],
    ['a JWT without `iss`', async () => ({ Authorization: `Bearer ${await accessToken({ iss: null })}` })],
    ['a refresh token (typ JWT, 30 days)', async () => ({ Authorization: `Bearer ${await refreshToken('JWT')}` })],
    ['a refresh token (typ rt+jwt)', async () => ({ Authorization: `Bearer ${await refreshToken('rt+jwt')}` })],
    ['a refresh token without typ', async () => ({ Authorization: `Bearer ${await refreshToken(null)}` })],
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

describe('the Cloudflare Worker without AUTH_ISSUER and AUTH_AUDIENCE', () => {
  it('mints nothing: every request answers 500 OPTION_INVALID naming both, and the log says why', async () => {
    for (const attempt of [1, 2]) {
      const response = await fetch(`${withoutIssuer.url}/zego/token`, {
        headers: { Authorization: `Bearer ${await accessToken({ iss: null, aud: null })}` },
        signal: AbortSignal.timeout(5_000),
      });
      expect(response.status, `request ${attempt}`).toBe(500);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      const { error } = (await response.json()) as { error: { code: string; message: string } };
      expect(error.code).toBe('OPTION_INVALID');
      expect(error.message).toMatch(/AUTH_ISSUER/);
      expect(error.message).toMatch(/AUTH_AUDIENCE/);
    }
    const callback = await postCallback(withoutIssuer, signedCallback({ event: 'room_create' }));
    expect(callback.status).toBe(500);
    await callback.arrayBuffer();
    expect(withoutIssuer.output()).toMatch(/AUTH_ISSUER/);
    for (const secret of [SECRET, AUTH_JWT_SECRET, CALLBACK_SECRET])
      expect(withoutIssuer.output()).not.toContain(secret);
  });
});

describe("the Cloudflare Worker receives ZEGO's callbacks at /zego/callback", () => {
  it('answers a callback signed with ZEGO_CALLBACK_SECRET with 200, without CORS, and logs one line without the signature', async () => {
    const callback = signedCallback({
      event: 'room_create',
      room_id: `room-${worker.port}`,
      user_account: 'private-user-9f2c',
    });
    const response = await postCallback(worker, callback, { Origin: ALLOWED_ORIGIN });
    expect(response.status, await response.clone().text()).toBe(200);
    expect(await response.text()).toBe('');
    expectNoCorsPermission(response);
    expect(response.headers.get('vary')).toBeNull();

    // workerd writes the Worker's console.log to its output; wait for the line (bounded).
    const deadline = Date.now() + 5_000;
    while (!worker.output().includes(`room-${worker.port}`) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const lines = worker
      .output()
      .split('\n')
      .filter((line) => line.includes('zego callback:'));
    expect(lines, worker.output()).toHaveLength(1);
    const [line = ''] = lines;
    expect(line).toContain(`"room_id":"room-${worker.port}"`);
    expect(line).toContain('"event":"room_create"');
    expect(line).toContain(`"nonce":"${String(callback.nonce)}"`);
    for (const secret of [String(callback.signature), CALLBACK_SECRET, SECRET, 'private-user-9f2c']) {
      expect(worker.output()).not.toContain(secret);
    }
  });

  it('answers a forged callback (signed with another secret) with 401 CALLBACK_SIGNATURE_INVALID', async () => {
    const forged = signedCallback({ event: 'room_create' }, { secret: `${CALLBACK_SECRET}-forged` });
    const response = await postCallback(worker, forged);
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('CALLBACK_SIGNATURE_INVALID');
  });

  it('answers another method with 405, allowing POST', async () => {
    const response = await request('/zego/callback');
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
    await response.arrayBuffer();
  });

  it('has no callback route without ZEGO_CALLBACK_SECRET: 404, and the token route still works', async () => {
    const response = await postCallback(withoutCallbacks, signedCallback({ event: 'room_create' }));
    expect(response.status).toBe(404);
    await response.arrayBuffer();
    const token = await fetch(`${withoutCallbacks.url}/zego/token`, {
      headers: { Authorization: `Bearer ${await accessToken()}` },
      signal: AbortSignal.timeout(5_000),
    });
    expect(token.status).toBe(200);
    await token.arrayBuffer();
  });
});
