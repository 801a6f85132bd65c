// The token route with a revocation store (`revocation`): a session signed out everywhere, a banned
// user and a failing store never get a token; everyone else does, and the store learns how long each
// handed-out token lives. Run on both runtimes' routes, with the memory store and stores that fail.
import { describe, expect, it, vi } from 'vitest';
import { expectCodedError, SECRET } from '../../../../test/support/index.js';
import * as nodeAdapter from '../node/adapter.js';
import * as nodeEntry from '../node/index.js';
import { decodeToken04 } from '../node/index.js';
import { createMemoryRevocationStore, type TokenRevocationStore } from '../sign-out/index.js';
import * as webAdapter from '../web/adapter.js';
import * as webEntry from '../web/index.js';

const entries = [
  { name: 'zego-token', api: { ...nodeEntry, ...nodeAdapter } },
  { name: 'zego-token/web', api: { ...webEntry, ...webAdapter } },
] as const;

const URL_ = 'http://127.0.0.1/zego/token';
const HOUR_MS = 3_600_000;

/** A host whose sessions are `{ userId, sessionIssuedAt }`, looked up by the `x-session` header. */
function host(sessions: Record<string, { userId: string; sessionIssuedAt?: unknown }>) {
  return (request: Request) => sessions[request.headers.get('x-session') ?? ''] as never;
}

async function ask(handler: (request: Request) => Promise<Response>, session: string) {
  const response = await handler(new Request(URL_, { headers: { 'x-session': session } }));
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown> & { error?: { code: string; message: string } },
  };
}

describe.each(entries)('$name: the token route with a revocation store', ({ api }) => {
  const sessions = {
    old: { userId: 'alice', sessionIssuedAt: Date.now() - HOUR_MS },
    fresh: { userId: 'alice', sessionIssuedAt: new Date(Date.now() + 1000) },
    bob: { userId: 'bob', sessionIssuedAt: Date.now() - HOUR_MS },
  };

  function route(revocation: TokenRevocationStore, onError = vi.fn()) {
    const handler = api.createFetchHandler({
      appId: 1,
      serverSecret: SECRET,
      resolveUser: host(sessions),
      revocation,
      onError,
    });
    return { handler, onError };
  }

  it('hands out tokens, recording the latest expiry per user, until the user is signed out everywhere; a new session gets tokens again', async () => {
    const store = createMemoryRevocationStore();
    const { handler, onError } = route(store);
    const first = await ask(handler, 'old');
    expect(first.status).toBe(200);
    expect(decodeToken04(first.body.token as string, SECRET).userId).toBe('alice');
    expect((await store.get('alice')).latestExpiry).toBe((first.body.expiresAt as number) * 1000);

    await store.signOutEverywhere('alice', Date.now());
    const refused = await ask(handler, 'old');
    expect(refused).toEqual({
      status: 401,
      body: { error: { code: 'SESSION_REVOKED', message: 'This session was signed out everywhere: sign in again' } },
    });
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'SESSION_REVOKED' }), expect.any(Request));
    expect((await ask(handler, 'fresh')).status).toBe(200);
    expect((await ask(handler, 'bob')).status).toBe(200);
  });

  it('refuses a banned user with a 403 that says until when, and hands out tokens again once unbanned', async () => {
    const store = createMemoryRevocationStore();
    const { handler } = route(store);
    const until = Date.UTC(2030, 0, 1);
    await store.ban('alice', until);
    for (const session of ['old', 'fresh']) {
      expect(await ask(handler, session)).toEqual({
        status: 403,
        body: {
          error: { code: 'USER_BANNED', message: 'This user may not have a ZEGO token until 2030-01-01T00:00:00.000Z' },
        },
      });
    }
    await store.unban('alice');
    expect((await ask(handler, 'old')).status).toBe(200);
  });

  it('fails closed with a 503 and no token while the store fails, and tells onError why', async () => {
    const outage = new Error('connect ECONNREFUSED 127.0.0.1:6379');
    const broken = { ...createMemoryRevocationStore(), admit: () => Promise.reject(outage) };
    const { handler, onError } = route(broken);
    const answer = await ask(handler, 'old');
    expect(answer).toEqual({
      status: 503,
      body: { error: { code: 'REVOCATION_UNAVAILABLE', message: 'Service Unavailable' } },
    });
    const error = onError.mock.calls[0]?.[0] as Error & { code: string };
    expect(error.code).toBe('REVOCATION_UNAVAILABLE');
    expect(error.cause).toBe(outage);
    const nonsense = route({ ...createMemoryRevocationStore(), admit: async () => 'yes' as never });
    expect((await ask(nonsense.handler, 'old')).body.error?.code).toBe('REVOCATION_UNAVAILABLE');
  });

  it.each([
    ['a bare userId', 'alice', /must return \{ userId, sessionIssuedAt \}/],
    ['no sessionIssuedAt', { userId: 'alice' }, /must return \{ userId, sessionIssuedAt \}/],
    ['seconds (a JWT iat)', { userId: 'alice', sessionIssuedAt: 1_764_547_200 }, /looks like seconds/],
    ['a string', { userId: 'alice', sessionIssuedAt: '2026-12-01' }, /milliseconds since the epoch/],
  ])('answers a 500 when resolveUser gives %s, and names the fix to onError', async (_name, user, message) => {
    const onError = vi.fn();
    const handler = api.createFetchHandler({
      appId: 1,
      serverSecret: SECRET,
      resolveUser: () => user as never,
      revocation: createMemoryRevocationStore(),
      onError,
    });
    const response = await handler(new Request(URL_));
    expect(response.status).toBe(500);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('SESSION_ISSUED_AT_INVALID');
    expect(onError.mock.calls[0]?.[0]).toMatchObject({
      code: 'SESSION_ISSUED_AT_INVALID',
      message: expect.stringMatching(message),
    });
  });

  it('checks the store with a payload function too', async () => {
    const store = createMemoryRevocationStore();
    const handler = api.createFetchHandler({
      appId: 1,
      serverSecret: SECRET,
      resolveUser: host(sessions),
      revocation: store,
      payload: async () => ({ room_id: 'r1' }),
    });
    await store.signOutEverywhere('alice', Date.now());
    expect((await ask(handler, 'old')).status).toBe(401);
    expect((await ask(handler, 'fresh')).status).toBe(200);
  });

  it('refuses a revocation option that is not a store, at construction', () => {
    const error = expectCodedError(
      () =>
        api.createTokenRoute({
          appId: 1,
          serverSecret: SECRET,
          resolveUser: () => 'a',
          revocation: { admit() {} } as never,
        }),
      'OPTION_INVALID',
    );
    expect(error.message).toMatch(
      /option `revocation` must be a revocation store .* without signOutEverywhere, ban, unban, get/,
    );
  });
});
