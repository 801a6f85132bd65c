// Checks the BUILT Web Crypto builds (`pnpm test` builds first): `dist/web.*` (zego-token/web),
// `dist/adapter.web.*` (zego-token/adapter off Node) and `dist/server-api.web.*`
// (zego-token/web/server-api) must import nothing from Node and never touch
// `Buffer`, and run where only Web globals exist, as in a Worker without nodejs_compat; their errors
// must be recognised by every copy of the package.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createContext, runInContext } from 'node:vm';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { CALLBACK_SECRET, SECRET, signedCallback, VECTORS, vectorInputs } from '../../../test/support/index.js';
import examples from '../../../test/support/zego-worked-examples.json' with { type: 'json' };
import type * as nodeAdapter from '../src/node/adapter.js';
import * as nodeEntry from '../src/node/index.js';
import type * as nodeServerApi from '../src/node/server-api.js';
import type * as webAdapter from '../src/web/adapter.js';
import type * as webEntry from '../src/web/index.js';
import type * as webServerApi from '../src/web/server-api.js';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));

function read(file: string): string {
  const path = `${dist}${file}`;
  if (!existsSync(path))
    throw new Error(`${path} is missing: run \`pnpm build\` (or \`pnpm test\`, which builds) first`);
  return readFileSync(path, 'utf8');
}

/** A declaration file and every declaration chunk it imports, by relative path. */
function declarationsOf(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  for (const [, chunk] of read(file).matchAll(/from\s+["']\.\/([^"']+)["']/g)) {
    declarationsOf(
      (chunk as string).replace(/\.c?js$/, (ext) => (ext === '.cjs' ? '.d.cts' : '.d.ts')),
      seen,
    );
  }
  return seen;
}

type WebModule = typeof webEntry;
type WebAdapterModule = typeof webAdapter;

/**
 * Loads a CJS build in a fresh context holding only what a Worker without nodejs_compat has; with
 * that context's `Uint8Array`, for the bytes handed to it (an array of this realm is not one of its).
 */
function loadInWebContext<T extends object = WebModule>(file = 'web.cjs'): T & { Uint8Array: Uint8ArrayConstructor } {
  const module = { exports: {} as T };
  const context = createContext({
    module,
    exports: module.exports,
    crypto: globalThis.crypto,
    TextEncoder,
    TextDecoder,
    URL,
    URLSearchParams,
    AbortSignal,
    setTimeout,
    Request,
    Response,
    Headers,
  });
  runInContext(read(file), context);
  return Object.assign(module.exports, { Uint8Array: runInContext('Uint8Array', context) as Uint8ArrayConstructor });
}

describe('the built Web Crypto builds (dist/web.*, dist/adapter.web.*, dist/server-api.web.*)', () => {
  it.each(['web.js', 'web.cjs', 'adapter.web.js', 'adapter.web.cjs', 'server-api.web.js', 'server-api.web.cjs'])(
    '%s does not mention node: modules or Buffer, and imports nothing',
    (file) => {
      const code = read(file);
      expect(code).not.toMatch(/["'`]node:/);
      expect(code).not.toMatch(/\bBuffer\b/);
      expect(code).not.toMatch(/\brequire\s*\(/);
      expect(code).not.toMatch(/^\s*import\b/m);
      expect(code).not.toMatch(/\bfrom\s*["']/);
      expect(code).not.toMatch(/createCipheriv|randomFillSync|createSecretKey/);
      // The Server API needs no crypto.subtle (its MD5 is @noble/hashes'), only the CSPRNG.
      expect(code).toMatch(file.startsWith('server-api') ? /\bgetRandomValues\b/ : /\bsubtle\b/);
    },
  );

  it.each([
    'web.d.ts',
    'web.d.cts',
    'adapter.web.d.ts',
    'adapter.web.d.cts',
    'server-api.web.d.ts',
    'server-api.web.d.cts',
  ])('%s and the declarations it imports need no Node types', (file) => {
    for (const declaration of declarationsOf(file)) {
      const code = read(declaration);
      // An import of a Node module, not a comment that names `node:crypto`.
      expect(code, declaration).not.toMatch(/(?:\bfrom|\bimport|\brequire\()\s*["']node:/);
      expect(code, declaration).not.toMatch(/reference\s+types\s*=\s*["']node["']/);
      expect(code, declaration).not.toMatch(/\bBuffer\b/);
    }
  });

  it('web.cjs encodes every vector byte for byte with only Web globals, and mints what Node decodes', async () => {
    const web = loadInWebContext();
    for (const vector of VECTORS) {
      const inputs = vectorInputs(vector);
      const iv = web.Uint8Array.from(inputs.iv);
      expect(await web.encodeToken04({ ...inputs, iv, payload: vector.payload }), vector.name).toBe(vector.token);
      expect((await web.decodeToken04(vector.token, vector.secret)).userId).toBe(vector.userId);
    }
    const { token } = await web.createToken04({
      appId: 7,
      userId: 'ann',
      serverSecret: SECRET,
      effectiveTimeInSeconds: 60,
    });
    expect(nodeEntry.decodeToken04(token, SECRET)).toMatchObject({ appId: 7, userId: 'ann', mode: 'gcm' });
  });

  it('web.cjs serves the token route where `process` does not exist, reporting missing options as such', async () => {
    const web = loadInWebContext();
    const handler = web.createFetchHandler({ appId: 7, serverSecret: SECRET, resolveUser: () => 'ann' });
    const response = await handler(new Request('https://example.com/zego/token'));
    expect(response.status).toBe(200);
    const body = (await response.json()) as { token: string };
    expect(nodeEntry.decodeToken04(body.token, SECRET).userId).toBe('ann');
    // Read at the first request: answered 500, with the problems to onError.
    const errors: unknown[] = [];
    const unset = web.createFetchHandler({ resolveUser: () => 'ann', onError: (error) => errors.push(error) });
    expect((await unset(new Request('https://example.com/zego/token'))).status).toBe(500);
    expect(nodeEntry.isZegoTokenError(errors[0])).toBe(true);
    expect((errors[0] as Error).message).toMatch(/`appId` is missing.*`serverSecret` is missing/s);
  });

  it('adapter.web.cjs builds both routes with only Web globals, and its tokens decode on Node', async () => {
    const adapter = loadInWebContext<WebAdapterModule>('adapter.web.cjs');
    const route = adapter.createTokenRoute<[]>({ appId: 7, serverSecret: SECRET, resolveUser: () => 'ann' });
    const answered = await route.handle('GET', adapter.DEFAULT_TOKEN_PATH);
    expect(answered?.status).toBe(200);
    expect(nodeEntry.decodeToken04(JSON.parse(answered?.body ?? '{}').token, SECRET).userId).toBe('ann');
    const handler = adapter.createCallbackHandler<[]>({ callbackSecret: CALLBACK_SECRET, onCallback: () => undefined });
    expect((await handler.handle(() => ({ parsed: signedCallback({ event: 'room_create' }) }))).status).toBe(200);
  });

  it("web.cjs verifies ZEGO's callbacks and serves the callback route with only Web globals", async () => {
    const web = loadInWebContext();
    const example = examples.callback;
    const exampleBody = { signature: example.signature, timestamp: example.timestamp, nonce: example.nonce };
    const verified = web.verifyZegoCallback(exampleBody, {
      callbackSecret: example.callbackSecret,
      now: () => Number(example.timestamp) * 1000,
    });
    expect((await verified).body).toBe(exampleBody);

    // MiniGame's MD5 scheme: Web Crypto has no MD5, so the build carries its own, on Web globals only.
    const timestamp = 1234567890;
    const miniGame = { AppId: 1234567890, SignatureNonce: '15215528852396', Timestamp: timestamp };
    const md5 = createHash('md5')
      .update(`${miniGame.AppId}${miniGame.SignatureNonce}${CALLBACK_SECRET}${timestamp}`)
      .digest('hex');
    const options = { callbackSecret: CALLBACK_SECRET, now: () => timestamp * 1000 };
    expect((await web.verifyZegoCallback({ ...miniGame, Signature: md5 }, options)).signed.algorithm).toBe('md5');
    await expect(
      web.verifyZegoCallback({ ...miniGame, Signature: md5.replace(/^./, md5.startsWith('0') ? '1' : '0') }, options),
    ).rejects.toMatchObject({ code: 'CALLBACK_SIGNATURE_INVALID' });

    const handler = web.createCallbackFetchHandler({
      callbackSecret: CALLBACK_SECRET,
      onCallback: (body) => ({ received: body }),
    });
    const post = (body: unknown) =>
      handler(
        new Request('https://example.com/zego/callback', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }),
      );
    const body = signedCallback({ event: 'room_create', room_id: 'r1' });
    const answered = await post(body);
    expect(answered.status).toBe(200);
    expect(await answered.json()).toEqual({ received: body });
    const forged = await post(signedCallback({ event: 'room_create' }, { secret: 'not-the-callback-secret' }));
    expect(forged.status).toBe(401);
    expect(((await forged.json()) as { error: { code: string } }).error.code).toBe('CALLBACK_SIGNATURE_INVALID');

    // No `process` here: a missing callbackSecret is reported as such, not as a crash on `process.env`.
    const errors: unknown[] = [];
    const unset = web.createCallbackFetchHandler({
      onCallback: () => undefined,
      onError: (error) => errors.push(error),
    });
    expect((await unset(new Request('https://example.com/zego/callback', { method: 'POST', body: '{}' }))).status).toBe(
      500,
    );
    expect(nodeEntry.isZegoTokenError(errors[0])).toBe(true);
    expect((errors[0] as Error).message).toMatch(/`callbackSecret` is missing.*ZEGO_CALLBACK_SECRET/);
  });

  it("server-api.web.cjs signs ZEGO's worked example and a client's calls with only Web globals", async () => {
    const api = loadInWebContext<typeof webServerApi>('server-api.web.cjs');
    const { appId, signatureNonce, serverSecret, timestamp, signature } = examples.serverApi;
    expect(api.signZegoApiRequest({ appId, serverSecret, signatureNonce, timestamp }).Signature).toBe(signature);
    // A fresh nonce from crypto.getRandomValues, signed as node:crypto's MD5 signs it.
    const signed = api.signZegoApiRequest({ appId, serverSecret: SECRET });
    expect(signed.SignatureNonce).toMatch(/^[0-9a-f]{16}$/);
    expect(signed.Signature).toBe(
      createHash('md5').update(`${appId}${signed.SignatureNonce}${SECRET}${signed.Timestamp}`).digest('hex'),
    );
    // A client's call, through a fetch that receives the signed URL.
    const urls: string[] = [];
    const rtc = api.createRtcApi({
      appId,
      serverSecret: SECRET,
      fetch: async (url) => {
        urls.push(String(url));
        return Response.json({ Code: 0, Message: 'success', RequestId: 'r1' });
      },
    });
    expect((await rtc.kickoutUser({ roomId: 'room1', userIds: ['a'] })).answers[0]?.RequestId).toBe('r1');
    const query = new URL(urls[0] ?? '').searchParams;
    expect(query.get('Action')).toBe('KickoutUser');
    expect(query.get('Signature')).toBe(
      createHash('md5')
        .update(`${appId}${query.get('SignatureNonce')}${SECRET}${query.get('Timestamp')}`)
        .digest('hex'),
    );
  });

  it('every copy recognises the others’ errors (ESM, CJS, the Node entry), by the guard and by instanceof', async () => {
    const esm = (await import(pathToFileURL(`${dist}web.js`).href)) as WebModule;
    const cjs = createRequire(import.meta.url)(`${dist}web.cjs`) as WebModule;
    const copies = [esm, cjs, nodeEntry, loadInWebContext()];
    const errors = await Promise.all(
      copies.map(async (copy) => {
        try {
          await copy.decodeToken04('not a token', SECRET);
        } catch (error) {
          return error;
        }
        throw new Error('decodeToken04 accepted "not a token"');
      }),
    );
    for (const copy of copies) {
      for (const error of errors) {
        expect(copy.isZegoTokenError(error)).toBe(true);
        expect(error).toBeInstanceOf(copy.ZegoTokenError);
        expect((error as { code: string }).code).toBe('TOKEN_MALFORMED');
      }
    }
    expect(new Error('plain')).not.toBeInstanceOf(cjs.ZegoTokenError);
  });
});

describe('types stay honest', () => {
  it('the Node entry is synchronous and the Web Crypto entry asynchronous where Web Crypto is', () => {
    // Checked by the type-check (`pnpm typecheck`), not at run time.
    expectTypeOf(nodeEntry.createToken04).returns.toEqualTypeOf<nodeEntry.IssuedToken>();
    expectTypeOf(nodeEntry.encodeToken04).returns.toEqualTypeOf<string>();
    expectTypeOf(nodeEntry.decodeToken04).returns.toEqualTypeOf<nodeEntry.DecodedToken04>();
    expectTypeOf(nodeEntry.verifyToken04).returns.toEqualTypeOf<nodeEntry.DecodedToken04>();
    expectTypeOf(nodeEntry.generateToken04).returns.toEqualTypeOf<string>();
    expectTypeOf<WebModule['createToken04']>().returns.toEqualTypeOf<Promise<nodeEntry.IssuedToken>>();
    expectTypeOf<WebModule['encodeToken04']>().returns.toEqualTypeOf<Promise<string>>();
    expectTypeOf<WebModule['decodeToken04']>().returns.toEqualTypeOf<Promise<nodeEntry.DecodedToken04>>();
    expectTypeOf<WebModule['verifyToken04']>().returns.toEqualTypeOf<Promise<nodeEntry.DecodedToken04>>();
    type Report = { event: string };
    expectTypeOf(nodeEntry.verifyZegoCallback<Report>).returns.toEqualTypeOf<nodeEntry.VerifiedZegoCallback<Report>>();
    expectTypeOf<typeof webEntry.verifyZegoCallback<Report>>().returns.toEqualTypeOf<
      Promise<nodeEntry.VerifiedZegoCallback<Report>>
    >();
    // Needs no key, so it stays synchronous in both.
    expectTypeOf<WebModule['inspectToken04']>().toEqualTypeOf(nodeEntry.inspectToken04);
    // Both routes share one type: a host can take either.
    expectTypeOf<WebModule['createFetchHandler']>().toEqualTypeOf(nodeEntry.createFetchHandler);
    // Both builds of zego-token/adapter have one API: an adapter compiles against either.
    expectTypeOf<typeof webAdapter.createTokenRoute<[Request]>>().toEqualTypeOf<
      typeof nodeAdapter.createTokenRoute<[Request]>
    >();
    expectTypeOf<typeof webAdapter.createTokenHandler<[Request]>>().toEqualTypeOf<
      typeof nodeAdapter.createTokenHandler<[Request]>
    >();
    expectTypeOf<WebModule['createCallbackFetchHandler']>().toEqualTypeOf(nodeEntry.createCallbackFetchHandler);
    expectTypeOf<typeof webAdapter.createCallbackRoute<[Request]>>().toEqualTypeOf<
      typeof nodeAdapter.createCallbackRoute<[Request]>
    >();
    expectTypeOf<typeof webAdapter.createCallbackHandler<[Request]>>().toEqualTypeOf<
      typeof nodeAdapter.createCallbackHandler<[Request]>
    >();
    // The Server API has one API on both: MD5 is synchronous on both.
    expectTypeOf<typeof webServerApi.createRtcApi>().toEqualTypeOf<typeof nodeServerApi.createRtcApi>();
    expectTypeOf<typeof webServerApi.createZimApi>().toEqualTypeOf<typeof nodeServerApi.createZimApi>();
    expectTypeOf<typeof webServerApi.signZegoApiRequest>().toEqualTypeOf<typeof nodeServerApi.signZegoApiRequest>();
  });
});
