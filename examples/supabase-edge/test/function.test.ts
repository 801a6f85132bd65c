// The Supabase Edge Function as Deno runs it: `deno run` on the function's index.ts, listening (through
// DENO_SERVE_ADDRESS, as `Deno.serve` allows) on 127.0.0.1, with SUPABASE_URL pointing at a JWKS this
// test serves on 127.0.0.1 from a key pair it generates, as Supabase Auth publishes its signing keys.
// Imports resolve from the workspace (`--no-config --node-modules-dir=manual`): the function's
// deno.json, which maps them to npm: for deploys, is left out, and nothing is downloaded.
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type CryptoKey, exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeToken04 } from 'zego-token';
import { freePort, type RuntimeProcess, runtimeBin, startServer, tempDir } from '../../../test/runtimes/support.js';
import { expectCorsAllowed, expectNoCorsPermission, preflight } from '../../../test/support/cors.js';
import { APP_ID, SECRET } from '../../../test/support/index.js';

const EXAMPLE = fileURLToPath(new URL('..', import.meta.url));
const FUNCTION = fileURLToPath(new URL('../supabase/functions/zego-token/index.ts', import.meta.url));
const ALLOWED_ORIGIN = 'https://game.example.com';
const OTHER_ALLOWED_ORIGIN = 'http://localhost:5173';
const FOREIGN_ORIGIN = 'https://attacker.example';
const USER_ID = '3f9c2b7e-8d41-4a6f-9b0e-5c1d2e3f4a5b'; // Supabase user IDs are UUIDs
const KID = 'test-signing-key';

let supabase: Server;
let supabaseUrl: string;
let signingKey: CryptoKey;
let fn: RuntimeProcess;

/** A Supabase access token as Supabase Auth signs one, with `claims` changed. */
async function accessToken(
  claims: { sub?: string; aud?: string; iss?: string; expiresIn?: string } = {},
  key: CryptoKey = signingKey,
): Promise<string> {
  const jwt = new SignJWT({ role: 'authenticated' })
    .setProtectedHeader({ alg: 'ES256', kid: KID, typ: 'JWT' })
    .setIssuer(claims.iss ?? `${supabaseUrl}/auth/v1`)
    .setAudience(claims.aud ?? 'authenticated')
    .setIssuedAt()
    .setExpirationTime(claims.expiresIn ?? '5m');
  if (claims.sub !== '') jwt.setSubject(claims.sub ?? USER_ID);
  return jwt.sign(key);
}

function get(headers: Record<string, string> = {}, method = 'GET'): Promise<Response> {
  return fetch(`${fn.url}/zego-token`, { method, headers, signal: AbortSignal.timeout(5_000) });
}

beforeAll(async () => {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  signingKey = privateKey;
  const jwks: { keys: JWK[] } = { keys: [{ ...(await exportJWK(publicKey)), kid: KID, alg: 'ES256', use: 'sig' }] };
  supabase = createServer((request, response) => {
    const found = request.url === '/auth/v1/.well-known/jwks.json';
    response.writeHead(found ? 200 : 404, { 'content-type': 'application/json' });
    response.end(found ? JSON.stringify(jwks) : '{}');
  });
  await new Promise<void>((resolve) => supabase.listen(0, '127.0.0.1', resolve));
  const supabasePort = (supabase.address() as AddressInfo).port;
  supabaseUrl = `http://127.0.0.1:${supabasePort}`;

  const port = await freePort();
  fn = await startServer({
    name: 'deno (supabase-edge)',
    command: runtimeBin('deno'),
    args: [
      'run',
      '--no-prompt',
      '--no-lock',
      '--no-config',
      '--node-modules-dir=manual',
      '--cached-only',
      `--allow-net=127.0.0.1:${port},127.0.0.1:${supabasePort}`,
      '--allow-env',
      FUNCTION,
    ],
    port,
    cwd: EXAMPLE,
    env: {
      DENO_DIR: tempDir('zego-supabase-deno-'),
      DENO_NO_UPDATE_CHECK: '1',
      DENO_SERVE_ADDRESS: `tcp:127.0.0.1:${port}`,
      SUPABASE_URL: supabaseUrl,
      ZEGO_APP_ID: String(APP_ID),
      ZEGO_SERVER_SECRET: SECRET,
      ALLOWED_ORIGINS: `${ALLOWED_ORIGIN}, ${OTHER_ALLOWED_ORIGIN}`,
    },
  });
}, 60_000);

afterAll(async () => {
  await fn?.stop();
  await new Promise<void>((resolve) => (supabase ? supabase.close(() => resolve()) : resolve()));
});

describe('the Supabase Edge Function under Deno', () => {
  it('type-checks with deno check against the workspace build', async () => {
    // --sloppy-imports: the workspace build's declaration chunks are imported as `.js`, which Deno maps
    // to their `.d.ts` for an npm: package but not for a linked folder.
    const args = [
      'check',
      '--no-lock',
      '--no-config',
      '--node-modules-dir=manual',
      '--cached-only',
      '--sloppy-imports',
    ];
    await promisify(execFile)(runtimeBin('deno'), [...args, FUNCTION], {
      cwd: EXAMPLE,
      env: { ...process.env, DENO_DIR: tempDir('zego-supabase-check-'), DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' },
      timeout: 60_000,
    });
  }, 60_000);

  it("answers a signed-in user's request with a token for the JWT's sub, and lets a listed origin read it", async () => {
    const response = await get({ Authorization: `Bearer ${await accessToken()}`, Origin: ALLOWED_ORIGIN });
    expect(response.status).toBe(200);
    expectCorsAllowed(response, ALLOWED_ORIGIN);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = (await response.json()) as { token: string; userId: string; appId: number };
    expect(body.userId).toBe(USER_ID);
    expect(body.appId).toBe(APP_ID);
    const decoded = decodeToken04(body.token, SECRET);
    expect(decoded.userId).toBe(USER_ID);
    expect(decoded.appId).toBe(APP_ID);
  });

  it("answers supabase-js's functions.invoke, a POST, the same way", async () => {
    const response = await get({ Authorization: `Bearer ${await accessToken({ sub: 'user-2' })}` }, 'POST');
    expect(response.status).toBe(200);
    const { token } = (await response.json()) as { token: string };
    expect(decodeToken04(token, SECRET).userId).toBe('user-2');
  });

  it.each([
    ['no Authorization header', async () => ({})],
    ['a malformed Authorization header', async () => ({ Authorization: `Token ${await accessToken()}` })],
    [
      'a JWT signed by another key',
      async () => ({ Authorization: `Bearer ${await accessToken({}, (await generateKeyPair('ES256')).privateKey)}` }),
    ],
    ['an expired JWT', async () => ({ Authorization: `Bearer ${await accessToken({ expiresIn: '-1m' })}` })],
    [
      "another project's JWT",
      async () => ({ Authorization: `Bearer ${await accessToken({ iss: 'https://other.supabase.co/auth/v1' })}` }),
    ],
    [
      'the anon key (aud anon, no sub)',
      async () => ({ Authorization: `Bearer ${await accessToken({ aud: 'anon', sub: '' })}` }),
    ],
  ])('answers 401 UNAUTHENTICATED to %s', async (_name, headers) => {
    const response = await get({ ...(await headers()), Origin: ALLOWED_ORIGIN });
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('UNAUTHENTICATED');
    // A listed page still reads the 401, so that it can send its user to sign in.
    expectCorsAllowed(response, ALLOWED_ORIGIN);
  });

  it('gives an unlisted origin no CORS permission, neither on the request nor on the preflight', async () => {
    const response = await get({ Authorization: `Bearer ${await accessToken()}`, Origin: FOREIGN_ORIGIN });
    expect(response.status).toBe(200);
    expectNoCorsPermission(response);
    await response.arrayBuffer();
    expectNoCorsPermission(await preflight(`${fn.url}/zego-token`, FOREIGN_ORIGIN));
  });

  it("answers the preflight of every listed origin, for GET and POST with supabase-js's headers, without a JWT", async () => {
    for (const origin of [ALLOWED_ORIGIN, OTHER_ALLOWED_ORIGIN]) {
      const response = await preflight(`${fn.url}/zego-token`, origin, 'authorization, apikey, content-type', 'POST');
      expect(response.status).toBe(204);
      expectCorsAllowed(response, origin);
      expect(response.headers.get('access-control-allow-methods')).toBe('GET, POST');
      expect(response.headers.get('access-control-allow-headers')).toBe(
        'authorization, apikey, x-client-info, content-type',
      );
    }
  });
});
