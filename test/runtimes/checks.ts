// What every runtime test checks of a server it started, from Node: the token route mints a token
// that Node's decoder reads back for the signed-in user and nobody else, and the runtime's own
// encoding of every vector is the vector's token byte for byte.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeToken04, type IssuedToken } from 'zego-token';
import { APP_ID, CALLBACK_SECRET, SECRET, signedCallback, VECTORS } from '../support/index.js';
import examples from '../support/zego-worked-examples.json' with { type: 'json' };
import { CORE_SPECIFIERS } from './app/load.js';
import {
  KICKOUT_ROOM,
  KICKOUT_USERS,
  type KickoutReply,
  ROOM_LOGIN,
  SERVER_API_PATH,
  type SignOutReply,
} from './app/server-api-app.js';
import {
  CALLBACK_PATH,
  type CallbackReply,
  type RuntimeInfo,
  TOKEN_PATH,
  USER_HEADER,
  type VectorResult,
} from './app/token-app.js';
import { CONDITIONS, type ConditionsName, resolveExport } from './conditions.js';
import { ROOT, type RuntimeProcess } from './support.js';

/** The environment the runtime apps read their configuration from (app/load.ts). */
export const APP_ENV = { ZEGO_APP_ID: String(APP_ID), ZEGO_SERVER_SECRET: SECRET };

/** What a server's environment (a Worker's bindings) adds for an app that serves ZEGO's callbacks (app/load.ts). */
export function callbackEnv(app: AppCase): Record<string, string> {
  return app.callbacks === true ? { ZEGO_CALLBACK_SECRET: CALLBACK_SECRET } : {};
}

async function request(server: RuntimeProcess, path: string, init: RequestInit = {}): Promise<Response> {
  try {
    return await fetch(server.url + path, { ...init, signal: AbortSignal.timeout(10_000) });
  } catch (error) {
    throw new Error(`${server.name}: ${path} failed (${String(error)}). Its output:\n${server.output()}`);
  }
}

/**
 * GET `path` (default /zego/token) as a signed-in user: a 200 whose token Node decodes for that user
 * and the app's AppID; and as nobody: a 401 with no token.
 */
export async function expectTokenRoute(server: RuntimeProcess, path = TOKEN_PATH): Promise<void> {
  const userId = `user-${server.port}`;
  const response = await request(server, path, { headers: { [USER_HEADER]: userId } });
  const text = await response.text();
  expect(response.status, `${server.name}: ${text}\n${server.output()}`).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  const body = JSON.parse(text) as IssuedToken;
  expect(body).toMatchObject({ userId, appId: APP_ID });
  const decoded = decodeToken04(body.token, SECRET);
  expect(decoded).toMatchObject({ userId, appId: APP_ID, mode: 'gcm', expiresAt: body.expiresAt });
  expect(Math.abs(decoded.issuedAt - Date.now() / 1000)).toBeLessThan(60);

  const anonymous = await request(server, path);
  const anonymousText = await anonymous.text();
  expect(anonymous.status, anonymousText).toBe(401);
  expect(anonymousText).not.toContain('"token"');
}

/**
 * POST /zego/callback: a callback signed as ZEGO signs it (test/support's `signedCallback`, computed
 * with node:crypto) is answered 200 with the body `onCallback` got; the same signed with another secret
 * is a 401 `CALLBACK_SIGNATURE_INVALID`, so the runtime's SHA-1 and comparison really decide.
 */
export async function expectCallbackRoute(server: RuntimeProcess): Promise<void> {
  const post = (body: unknown) =>
    request(server, CALLBACK_PATH, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const callback = signedCallback(
    { event: 'room_create', room_id: `room-${server.port}` },
    { secret: CALLBACK_SECRET },
  );
  const response = await post(callback);
  const text = await response.text();
  expect(response.status, `${server.name}: ${text}\n${server.output()}`).toBe(200);
  expect(JSON.parse(text) as CallbackReply).toEqual({ received: callback });

  const forged = await post(signedCallback({ event: 'room_create' }, { secret: `${CALLBACK_SECRET}-forged` }));
  const forgedText = await forged.text();
  expect(forged.status, forgedText).toBe(401);
  expect((JSON.parse(forgedText) as { error: { code: string } }).error.code).toBe('CALLBACK_SIGNATURE_INVALID');
}

/**
 * GET /server-api/example and /server-api/kickout (app/server-api-app.ts): `zego-token/web/server-api`
 * signs ZEGO's worked example to ZEGO's signature inside the runtime, and its RTC client, on the
 * runtime's own global fetch, sends 6 users as two KickoutUser calls whose signatures node:crypto's MD5
 * accepts. GET /server-api/sign-out: `zego-token/sign-out`'s presence, revocation store and
 * `createSignOut` run in the runtime too, and their kick is signed the same way.
 */
export async function expectServerApi(server: RuntimeProcess): Promise<void> {
  const example = await request(server, `${SERVER_API_PATH}/example`);
  const exampleText = await example.text();
  expect(example.status, `${server.name}: ${exampleText}\n${server.output()}`).toBe(200);
  const { appId, signatureNonce, timestamp, signature } = examples.serverApi;
  expect(JSON.parse(exampleText)).toEqual({
    AppId: appId,
    SignatureNonce: signatureNonce,
    Timestamp: timestamp,
    SignatureVersion: '2.0',
    Signature: signature,
  });

  const kickout = await request(server, `${SERVER_API_PATH}/kickout`);
  const kickoutText = await kickout.text();
  expect(kickout.status, `${server.name}: ${kickoutText}\n${server.output()}`).toBe(200);
  const reply = JSON.parse(kickoutText) as KickoutReply;
  expect(reply.userIds).toEqual(KICKOUT_USERS);
  const queries = reply.queries.map((search) => new URLSearchParams(atob(search)));
  expect(queries.map((query) => query.getAll('UserId[]'))).toEqual([KICKOUT_USERS.slice(0, 5), KICKOUT_USERS.slice(5)]);
  for (const query of queries) {
    expect(query.get('Action')).toBe('KickoutUser');
    expect(query.get('RoomId')).toBe(KICKOUT_ROOM);
    expect(query.get('AppId')).toBe(String(APP_ID));
    expect(query.get('SignatureNonce')).toMatch(/^[0-9a-f]{16}$/);
    const signed = `${APP_ID}${query.get('SignatureNonce')}${SECRET}${query.get('Timestamp')}`;
    expect(query.get('Signature')).toBe(createHash('md5').update(signed).digest('hex'));
  }

  // zego-token/sign-out in the runtime: presence took ZEGO's room_login, and createSignOut kicked that
  // user from that room with a signed KickoutUser; the revocation store refuses the older session.
  const signOut = await request(server, `${SERVER_API_PATH}/sign-out`);
  const signOutText = await signOut.text();
  expect(signOut.status, `${server.name}: ${signOutText}\n${server.output()}`).toBe(200);
  const signedOut = JSON.parse(signOutText) as SignOutReply;
  expect(signedOut).toMatchObject({
    update: 'applied',
    kicked: { rtc: [ROOM_LOGIN.room_id], zim: [] },
    admitted: false,
  });
  const [kick, ...more] = signedOut.queries.map((search) => new URLSearchParams(atob(search)));
  expect(more).toEqual([]);
  expect(kick?.get('Action')).toBe('KickoutUser');
  expect(kick?.get('RoomId')).toBe(ROOM_LOGIN.room_id);
  expect(kick?.getAll('UserId[]')).toEqual([ROOM_LOGIN.user_account]);
  const kickSigned = `${APP_ID}${kick?.get('SignatureNonce')}${SECRET}${kick?.get('Timestamp')}`;
  expect(kick?.get('Signature')).toBe(createHash('md5').update(kickSigned).digest('hex'));
}

/** GET /vectors: the runtime encoded every vector to its token and decoded each token to its user. */
export async function expectVectors(server: RuntimeProcess): Promise<void> {
  const response = await request(server, '/vectors');
  const text = await response.text();
  expect(response.status, `${server.name}: ${text}\n${server.output()}`).toBe(200);
  const results = JSON.parse(text) as VectorResult[];
  expect(results.map((result) => result.name)).toEqual(VECTORS.map((vector) => vector.name));
  VECTORS.forEach((vector, index) => {
    expect(results[index], vector.name).toEqual({
      name: vector.name,
      matches: true,
      token: vector.token,
      decodedUserId: vector.userId,
      decodedAppId: vector.appId,
    });
  });
}

/** GET /runtime: the server is the runtime it should be (its name for itself matches). */
export async function expectRuntime(server: RuntimeProcess, name: RegExp): Promise<void> {
  const response = await request(server, '/runtime');
  const text = await response.text();
  expect(response.status, `${server.name}: ${text}\n${server.output()}`).toBe(200);
  expect((JSON.parse(text) as RuntimeInfo).runtime).toMatch(name);
}

/** One app a runtime test serves: which package it shows working, and where its token route is. */
export interface AppCase<TApp extends string = string> {
  app: TApp;
  /** The package under test, for the test's name: `zego-token/web`, `hono-zego-token`. */
  entry: string;
  /** The token route's path in that app. */
  path: string;
  /** Whether the app also serves ZEGO's callback route at /zego/callback (the core's apps with a CallbackSecret). */
  callbacks?: boolean;
  /**
   * Whether this case is `zego-token/web/server-api`'s (the `web` app, which serves its checks at
   * /server-api/…): then it checks the runtime and the Server API only, the token route being the
   * `zego-token/web` case's.
   */
  serverApi?: boolean;
}

/** The runtime a `describeApps` block tests. */
export interface RuntimeUnderTest {
  /** For the tests' names: `Deno`, `workerd`. */
  runtime: string;
  /** What its /runtime must answer: `/^Deno\/2\./`. */
  name: RegExp;
  /** Where the runtime resolves packages itself (Deno, Bun): the conditions /resolve must agree with. */
  resolvesWith?: ConditionsName;
}

/**
 * For each case, a `describe` that starts one server with `start` before its tests (stopped after
 * them) and checks it is the runtime (its name for itself), that it resolves the core as `resolvesWith`
 * says, serves the token route and encodes the vectors.
 */
export function describeApps<TApp extends string>(
  { runtime, name, resolvesWith }: RuntimeUnderTest,
  cases: readonly AppCase<TApp>[],
  start: (app: AppCase<TApp>) => Promise<RuntimeProcess>,
): void {
  describe.each(cases)(`${runtime}: $entry`, (app) => {
    let server: RuntimeProcess | undefined;
    const started = () => {
      if (server === undefined) throw new Error(`${runtime} did not start`);
      return server;
    };
    beforeAll(async () => {
      server = await start(app);
    });
    afterAll(() => server?.stop());

    if (resolvesWith !== undefined) {
      it(`resolves zego-token, zego-token/web and zego-token/adapter under ${resolvesWith}'s conditions`, async () => {
        await expectResolution(started(), resolvesWith);
      });
    }

    if (app.serverApi === true) {
      it("signs ZEGO's worked example, KickoutUser calls through the runtime's global fetch, and zego-token/sign-out kicks the user presence saw", async () => {
        await expectRuntime(started(), name);
        await expectServerApi(started());
      });
      return;
    }

    it('serves the token route: Node decodes the token for the signed-in user; nobody gets a 401', async () => {
      await expectRuntime(started(), name);
      await expectTokenRoute(started(), app.path);
    });

    if (app.callbacks === true) {
      it("serves ZEGO's callbacks: a signed one reaches onCallback (200), a forged one is a 401", async () => {
        await expectCallbackRoute(started());
      });
    }

    it(`encodes every vector byte for byte and decodes it, inside ${runtime}`, async () => {
      await expectVectors(started());
    });
  });
}

/** The file `specifier` (`zego-token`, `zego-token/web`, `zego-token/adapter`) loads under a runtime's conditions, e.g. `zego-token/dist/web.js`. */
export function coreFileFor(specifier: string, conditions: ConditionsName): string {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'packages/zego-token/package.json'), 'utf8'));
  const subpath = `.${specifier.slice('zego-token'.length)}`;
  const resolved = resolveExport(manifest.exports, subpath, CONDITIONS[conditions]);
  if (resolved === undefined) throw new Error(`${specifier} does not resolve under ${conditions}'s conditions`);
  return `zego-token/${resolved.target.replace(/^\.\//, '')}`;
}

/** GET /resolve: the runtime resolves each of the core's entries to the file `CONDITIONS[conditions]` selects. */
export async function expectResolution(server: RuntimeProcess, conditions: ConditionsName): Promise<void> {
  const response = await request(server, '/resolve');
  const text = await response.text();
  expect(response.status, `${server.name}: ${text}\n${server.output()}`).toBe(200);
  const resolved = JSON.parse(text) as Record<string, string>;
  for (const specifier of CORE_SPECIFIERS) {
    const file = coreFileFor(specifier, conditions);
    const url = resolved[specifier] ?? '';
    expect(url.endsWith(`/${file}`), `${server.name} resolves ${specifier} to ${url}, not …/${file}`).toBe(true);
  }
}
