import { afterEach, describe, expect, it, vi } from 'vitest';
import { expectCodedError, SECRET } from '../../../../test/support/index.js';
import type { TokenRouteOptions } from '../adapter.js';
import * as nodeAdapter from '../node/adapter.js';
import * as nodeEntry from '../node/index.js';
import { decodeToken04 } from '../node/index.js';
import * as webAdapter from '../web/adapter.js';
import * as webEntry from '../web/index.js';

// The route's policy is shared: each behaviour runs against the Node runtime's route (node:crypto)
// and the Web Crypto runtime's, and every token is read back by the Node decoder.
const entries = [
  { name: 'zego-token', api: { ...nodeEntry, ...nodeAdapter } },
  { name: 'zego-token/web', api: { ...webEntry, ...webAdapter } },
] as const;

const base: TokenRouteOptions<[]> = { appId: 1, serverSecret: SECRET, resolveUser: () => 'alice' };

/** The OPTION_INVALID error construction throws, checked to hold no secret. */
function optionError(build: () => unknown): { code: string; message: string } {
  const error = expectCodedError(build, 'OPTION_INVALID');
  expect(error.message).not.toContain(SECRET);
  return error;
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe.each(entries)('$name', ({ api }) => {
  const { createFetchHandler, createTokenHandler, createTokenRoute } = api;

  describe('createTokenRoute and createTokenHandler validate its options once, at construction', () => {
    it.each([
      ['no options', undefined, /options object/],
      ['a missing resolveUser', { appId: 1, serverSecret: SECRET }, /`resolveUser` must be a function/],
      ['a resolveUser that is not a function', { ...base, resolveUser: 'alice' }, /`resolveUser`/],
      ['an unknown key', { ...base, secret: SECRET }, /unknown option `secret` \(did you mean `serverSecret`\?\)/],
      ['a typo', { ...base, ttl: 60 }, /unknown option `ttl` \(did you mean `effectiveTimeInSeconds`\?\)/],
      ['appId 0', { ...base, appId: 0 }, /option `appId` must be an integer from 1 to 4294967295/],
      ['appId as a string', { ...base, appId: '1' }, /`appId`/],
      ['a short secret', { ...base, serverSecret: 'abc' }, /option `serverSecret` must be exactly 32 bytes/],
      ['a zero lifetime', { ...base, effectiveTimeInSeconds: 0 }, /`effectiveTimeInSeconds`/],
      ['an unknown mode', { ...base, mode: 'ecb' }, /`mode`/],
      ['a relative path', { ...base, path: 'zego/token' }, /option `path` must be a path starting with "\/"/],
      ['a path with a query', { ...base, path: '/zego?x=1' }, /`path`/],
      ['empty methods', { ...base, methods: [] }, /`methods`/],
      ['a bad method', { ...base, methods: ['GE T'] }, /`methods`/],
      ['OPTIONS as a method', { ...base, methods: ['GET', 'options'] }, /OPTIONS out: it always passes on/],
      ['a non-boolean validateUserId', { ...base, validateUserId: 'no' }, /`validateUserId`/],
      ['a non-boolean caseSensitive', { ...base, caseSensitive: 0 }, /`caseSensitive` must be a boolean/],
      ['a non-boolean ignoreTrailingSlash', { ...base, ignoreTrailingSlash: 'yes' }, /`ignoreTrailingSlash`/],
      ['onIssued that is not a function', { ...base, onIssued: true }, /`onIssued`/],
      ['onError that is not a function', { ...base, onError: {} }, /`onError`/],
      ['a payload that is not JSON', { ...base, payload: 42 }, /`payload`/],
    ])('rejects %s with OPTION_INVALID', (_label, options, message) => {
      const error = optionError(() => createTokenRoute(options as never));
      expect(error.code).toBe('OPTION_INVALID');
      expect(error.message).toMatch(message);
    });

    it('rejects path and methods for a handler on the host’s own route', () => {
      expect(optionError(() => createTokenHandler({ ...base, path: '/x' } as never)).message).toMatch(/`path`/);
      expect(optionError(() => createTokenHandler({ ...base, methods: ['GET'] } as never)).message).toMatch(
        /`methods`/,
      );
      expect(optionError(() => createTokenHandler({ ...base, caseSensitive: false } as never)).message).toMatch(
        /`caseSensitive`/,
      );
    });

    it('reads ZEGO_APP_ID and ZEGO_SERVER_SECRET when appId and serverSecret are left out', async () => {
      vi.stubEnv('ZEGO_APP_ID', '987654321');
      vi.stubEnv('ZEGO_SERVER_SECRET', SECRET);
      const issuer = createTokenHandler({ resolveUser: () => 'alice' });
      expect(issuer.config.appId).toBe(987654321);
      const result = await issuer.handle();
      expect(decodeToken04(JSON.parse(result.body).token, SECRET).appId).toBe(987654321);
    });

    it('explains missing or bad environment variables without echoing the secret', () => {
      vi.stubEnv('ZEGO_APP_ID', '');
      vi.stubEnv('ZEGO_SERVER_SECRET', '');
      expect(optionError(() => createTokenHandler({ resolveUser: () => 'a' })).message).toMatch(/set the ZEGO_APP_ID/);
      vi.stubEnv('ZEGO_APP_ID', '12abc');
      expect(optionError(() => createTokenHandler({ resolveUser: () => 'a' })).message).toMatch(
        /ZEGO_APP_ID is not a number/,
      );
      vi.stubEnv('ZEGO_APP_ID', '5');
      expect(optionError(() => createTokenHandler({ resolveUser: () => 'a' })).message).toMatch(
        /set the ZEGO_SERVER_SECRET/,
      );
      vi.stubEnv('ZEGO_SERVER_SECRET', `${SECRET}x`);
      expect(optionError(() => createTokenHandler({ resolveUser: () => 'a' })).message).toMatch(
        /ZEGO_SERVER_SECRET must be exactly 32 bytes/,
      );
    });

    it('names every problem in one error, each with how to fix it', () => {
      vi.stubEnv('ZEGO_APP_ID', '');
      vi.stubEnv('ZEGO_SERVER_SECRET', '');
      const both = optionError(() => createTokenHandler({ resolveUser: () => 'a', effectiveTimeInSeconds: 0 }));
      expect(both.message).toMatch(/3 problems/);
      expect(both.message).toMatch(/set the ZEGO_APP_ID environment variable/);
      expect(both.message).toMatch(/set the ZEGO_SERVER_SECRET environment variable/);
      expect(both.message).toMatch(/`effectiveTimeInSeconds` must be a positive integer/);
    });

    it.each([
      ['ZEGO_APP_ID=abc', { ZEGO_APP_ID: 'abc' }, { appId: undefined }, /ZEGO_APP_ID is not a number/],
      ['appId as a string of digits', {}, { appId: '123' }, /pass Number\(\.\.\.\)/],
      ['a secret read with its trailing newline', {}, { serverSecret: `${SECRET}\n` }, /trailing newline\?/],
      ['a secret with spaces around it', {}, { serverSecret: ` ${SECRET} ` }, /whitespace around it\?/],
      [
        'the AppSign instead of the secret',
        {},
        { serverSecret: `${SECRET}${SECRET}` },
        /looks like the 64-character AppSign/,
      ],
      ['a missing resolveUser', {}, { resolveUser: undefined }, /`resolveUser` must be a function, got undefined/],
    ])('says how to fix %s, without repeating the value', (_label, env, options, hint) => {
      for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
      vi.stubEnv('ZEGO_SERVER_SECRET', SECRET);
      const error = optionError(() => createTokenRoute({ ...base, ...options } as never));
      expect(error.message).toMatch(hint);
      expect(error.message).not.toMatch(/NaN|got a undefined/);
      const { serverSecret } = options as { serverSecret?: string };
      if (serverSecret) expect(error.message).not.toContain(serverSecret.trim());
    });

    it('prefers explicit options to the environment', () => {
      vi.stubEnv('ZEGO_APP_ID', 'not a number');
      expect(createTokenHandler(base).config.appId).toBe(1);
    });

    it('exposes its validated configuration with defaults, frozen and without the secret', () => {
      const issuer = createTokenRoute(base);
      expect(issuer.config).toEqual({
        appId: 1,
        effectiveTimeInSeconds: 3600,
        mode: 'gcm',
        path: '/zego/token',
        caseSensitive: true,
        ignoreTrailingSlash: false,
        methods: ['GET'],
        validateUserId: true,
      });
      expect(Object.isFrozen(issuer.config)).toBe(true);
      expect(JSON.stringify(issuer)).not.toContain(SECRET);
    });

    it('does not re-read the environment per request', async () => {
      vi.stubEnv('ZEGO_APP_ID', '77');
      vi.stubEnv('ZEGO_SERVER_SECRET', SECRET);
      const issuer = createTokenHandler({ resolveUser: () => 'alice' });
      vi.stubEnv('ZEGO_APP_ID', '78');
      expect(JSON.parse((await issuer.handle()).body).appId).toBe(77);
    });
  });

  describe('createFetchHandler', () => {
    it('validates at its first request, answering 500 OPTION_INVALID (fetch.test.ts has the rest)', async () => {
      const handler = createFetchHandler({ appId: 1, serverSecret: 'x', resolveUser: () => 'a' });
      const response = await handler(new Request('http://localhost/zego/token'));
      expect([response.status, ((await response.json()) as { error: { code: string } }).error.code]).toEqual([
        500,
        'OPTION_INVALID',
      ]);
    });

    it('answers a Request with a Response', async () => {
      const handler = createFetchHandler({
        appId: 1,
        serverSecret: SECRET,
        resolveUser: (request) => request.headers.get('x-user'),
      });
      const response = await handler(new Request('http://localhost/zego/token', { headers: { 'x-user': 'dave' } }));
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-store');
      const body = (await response.json()) as { token: string };
      expect(decodeToken04(body.token, SECRET).userId).toBe('dave');
    });
  });

  describe('the issuer reads what resolveUser returns once', () => {
    const userIdOf = async (issuer: { handle(): Promise<{ status: number; body: string }> }) => {
      const result = await issuer.handle();
      expect(result.status).toBe(200);
      return decodeToken04(JSON.parse(result.body).token, SECRET).userId;
    };

    it('mints for the userId it checked, even when a getter answers differently the next time', async () => {
      let reads = 0;
      const user = {
        get userId() {
          reads += 1;
          return reads === 1 ? 'alice' : 'bob\u0000';
        },
      };
      expect(await userIdOf(createTokenHandler({ ...base, resolveUser: () => user }))).toBe('alice');
      expect(reads).toBe(1);
    });

    it('mints for the checked userId when the shared object changes while the payload function awaits', async () => {
      const shared = { userId: 'alice' };
      const issuer = createTokenHandler({
        ...base,
        resolveUser: () => shared,
        payload: async () => {
          await Promise.resolve();
          shared.userId = 'x'.repeat(210);
          return 'p';
        },
      });
      expect(await userIdOf(issuer)).toBe('alice');
    });

    it('hands the payload function a frozen copy it cannot use to change the token’s user', async () => {
      let seen: unknown;
      const issuer = createTokenHandler({
        ...base,
        resolveUser: () => ({ userId: 'alice', room: 'r1' }) as { userId: string },
        payload: (user) => {
          seen = user;
          expect(() => {
            (user as { userId: string }).userId = 'bob\u0000';
          }).toThrow(TypeError);
          return `room ${(user as { room?: string }).room}`;
        },
      });
      const result = await issuer.handle();
      const claims = decodeToken04(JSON.parse(result.body).token, SECRET);
      expect(claims).toMatchObject({ userId: 'alice', payload: 'room r1' });
      expect(Object.isFrozen(seen)).toBe(true);
    });
  });
});
