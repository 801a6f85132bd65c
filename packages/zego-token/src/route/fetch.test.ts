// The fetch handlers (`createFetchHandler`, `createCallbackFetchHandler`) as the hosts that call them
// use them: built when a module loads, where a production build (`next build`, `vite build`) has no
// secrets, so they read their settings at their first request; and called by frameworks that pass an
// event object holding the `Request` (SvelteKit's `RequestEvent`) rather than the `Request` itself.
import { afterEach, describe, expect, expectTypeOf, it, vi } from 'vitest';
import {
  CALLBACK_SECRET,
  expectCoded,
  expectCodedRejection,
  SECRET,
  signedCallback,
} from '../../../../test/support/index.js';
import * as nodeAdapter from '../node/adapter.js';
import * as nodeEntry from '../node/index.js';
import { decodeToken04 } from '../node/index.js';
import * as webAdapter from '../web/adapter.js';
import * as webEntry from '../web/index.js';

const entries = [
  { name: 'zego-token', api: { ...nodeEntry, ...nodeAdapter } },
  { name: 'zego-token/web', api: { ...webEntry, ...webAdapter } },
] as const;

const TOKEN_URL = 'http://127.0.0.1/api/zego/token';
const CALLBACK_URL = 'http://127.0.0.1/api/zego/callback';

/** SvelteKit's `RequestEvent`, as far as a `+server.ts` handler sees it (`@sveltejs/kit`'s type has more). */
interface KitEvent {
  request: Request;
  url: URL;
  params: Record<string, string>;
  locals: { user?: { id: string } | undefined };
  platform: undefined;
}
/** SvelteKit's `RequestHandler` from `./$types`. */
type KitRequestHandler = (event: KitEvent) => Response | Promise<Response>;

function kitEvent(request: Request, user?: string): KitEvent {
  return {
    request,
    url: new URL(request.url),
    params: {},
    locals: { user: user === undefined ? undefined : { id: user } },
    platform: undefined,
  };
}

/** No ZEGO_* in the environment, as in a Docker or CI build. */
function noZegoEnvironment(): void {
  vi.stubEnv('ZEGO_APP_ID', undefined);
  vi.stubEnv('ZEGO_SERVER_SECRET', undefined);
  vi.stubEnv('ZEGO_CALLBACK_SECRET', undefined);
}

async function errorBody(response: Response): Promise<{ status: number; code: string; message: string }> {
  const { error } = (await response.json()) as { error: { code: string; message: string } };
  return { status: response.status, ...error };
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe.each(entries)('$name', ({ api }) => {
  describe('createFetchHandler reads its settings at its first request, not when the module loads', () => {
    it('is built without ZEGO_APP_ID, ZEGO_SERVER_SECRET or any option but resolveUser', () => {
      noZegoEnvironment();
      expect(() => api.createFetchHandler({ resolveUser: () => 'alice' })).not.toThrow();
      expect(() => api.createFetchHandler(undefined as never)).not.toThrow();
    });

    it('answers every request 500 OPTION_INVALID when they are missing, with every problem to onError, and mints nothing', async () => {
      noZegoEnvironment();
      const resolveUser = vi.fn(() => 'alice');
      const onIssued = vi.fn();
      const errors: Array<[unknown, Request]> = [];
      const options = {
        resolveUser,
        onIssued,
        onError: (error: unknown, request: Request) => errors.push([error, request]),
      };
      const handler = api.createFetchHandler(options);
      // What construction would have thrown: the message that names every problem at once.
      let thrown: unknown;
      try {
        api.createTokenRoute<[request: Request]>(options);
      } catch (error) {
        thrown = error;
      }
      const expected = expectCoded(thrown, 'OPTION_INVALID').message;
      expect(expected).toMatch(/ZEGO_APP_ID[\s\S]*ZEGO_SERVER_SECRET/);

      const requests = [new Request(TOKEN_URL), new Request(TOKEN_URL)];
      for (const request of requests) {
        const response = await handler(request);
        expect(await errorBody(response)).toEqual({
          status: 500,
          code: 'OPTION_INVALID',
          message: 'Internal Server Error',
        });
        expect(response.headers.get('content-type')).toMatch(/^application\/json/);
        expect(response.headers.get('cache-control')).toBe('no-store');
      }
      expect(errors.map(([error, request]) => [expectCoded(error, 'OPTION_INVALID').message, request])).toEqual(
        requests.map((request) => [expected, request]),
      );
      expect(resolveUser).not.toHaveBeenCalled();
      expect(onIssued).not.toHaveBeenCalled();

      // Set later, the settings are still not read: the handler keeps failing, it never mints.
      vi.stubEnv('ZEGO_APP_ID', '77');
      vi.stubEnv('ZEGO_SERVER_SECRET', SECRET);
      expect((await handler(new Request(TOKEN_URL))).status).toBe(500);
      expect(resolveUser).not.toHaveBeenCalled();
    });

    it('names a bad option at the first request too, as construction would have', async () => {
      const errors: unknown[] = [];
      const handler = api.createFetchHandler({
        appId: Number.NaN,
        serverSecret: 'not 32 bytes',
        resolveUser: () => 'alice',
        onError: (error) => errors.push(error),
      });
      expect((await errorBody(await handler(new Request(TOKEN_URL)))).code).toBe('OPTION_INVALID');
      const { message } = expectCoded(errors[0], 'OPTION_INVALID');
      expect(message).toMatch(/2 problems[\s\S]*`appId`[\s\S]*`serverSecret`/);
      expect(message).not.toContain('not 32 bytes');
    });

    it('reads the environment once, at the first request, and keeps what it read', async () => {
      noZegoEnvironment();
      const handler = api.createFetchHandler({ resolveUser: () => 'alice' });
      vi.stubEnv('ZEGO_APP_ID', '77');
      vi.stubEnv('ZEGO_SERVER_SECRET', SECRET);
      const first = (await (await handler(new Request(TOKEN_URL))).json()) as { appId: number; token: string };
      expect(first.appId).toBe(77);
      expect(decodeToken04(first.token, SECRET).userId).toBe('alice');
      vi.stubEnv('ZEGO_APP_ID', '78');
      vi.stubEnv('ZEGO_SERVER_SECRET', undefined);
      const second = (await (await handler(new Request(TOKEN_URL))).json()) as { appId: number };
      expect(second.appId).toBe(77);
    });
  });

  describe('createCallbackFetchHandler reads its settings at its first request', () => {
    it('is built without ZEGO_CALLBACK_SECRET, and answers 500 OPTION_INVALID without calling onCallback', async () => {
      noZegoEnvironment();
      const onCallback = vi.fn();
      const errors: unknown[] = [];
      const options = { onCallback, onError: (error: unknown) => errors.push(error) };
      let thrown: unknown;
      try {
        api.createCallbackRoute(options);
      } catch (error) {
        thrown = error;
      }
      const expected = expectCoded(thrown, 'OPTION_INVALID').message;
      const handler = api.createCallbackFetchHandler(options);
      for (let i = 0; i < 2; i += 1) {
        const request = new Request(CALLBACK_URL, { method: 'POST', body: JSON.stringify(signedCallback()) });
        expect(await errorBody(await handler(request))).toEqual({
          status: 500,
          code: 'OPTION_INVALID',
          message: 'Internal Server Error',
        });
      }
      expect(errors.map((error) => expectCoded(error, 'OPTION_INVALID').message)).toEqual([expected, expected]);
      expect(expected).toMatch(/ZEGO_CALLBACK_SECRET/);
      expect(onCallback).not.toHaveBeenCalled();
    });

    it('takes ZEGO_CALLBACK_SECRET set after construction, read at the first request', async () => {
      noZegoEnvironment();
      const handler = api.createCallbackFetchHandler({ onCallback: () => ({ ok: true }) });
      vi.stubEnv('ZEGO_CALLBACK_SECRET', CALLBACK_SECRET);
      const request = new Request(CALLBACK_URL, { method: 'POST', body: JSON.stringify(signedCallback()) });
      const response = await handler(request);
      expect([response.status, await response.json()]).toEqual([200, { ok: true }]);
    });
  });

  describe("a framework's event object (SvelteKit's RequestEvent)", () => {
    it('is answered like its request, and resolveUser, payload and onIssued see the request and the event', async () => {
      const seen: unknown[][] = [];
      const GET: KitRequestHandler = api.createFetchHandler({
        appId: 1,
        serverSecret: SECRET,
        resolveUser: (request, event) => {
          seen.push([request, event]);
          return event.locals.user?.id;
        },
        payload: (user, request, event) => `${user.userId}:${event.url.pathname}:${request.method}`,
      });
      const event = kitEvent(new Request(TOKEN_URL), 'erin');
      const response = await GET(event);
      expect(response.status).toBe(200);
      const { token } = (await response.json()) as { token: string };
      expect(decodeToken04(token, SECRET)).toMatchObject({ userId: 'erin', payload: 'erin:/api/zego/token:GET' });
      expect(seen).toEqual([[event.request, event]]);
      expect(seen[0]?.[1]).toBe(event);

      const anonymous = await GET(kitEvent(new Request(TOKEN_URL)));
      expect((await errorBody(anonymous)).code).toBe('UNAUTHENTICATED');
      const post = await GET(kitEvent(new Request(TOKEN_URL, { method: 'POST' }), 'erin'));
      expect([post.status, post.headers.get('allow')]).toEqual([405, 'GET']);
    });

    it('reaches onError with the request and the event', async () => {
      const seen: unknown[][] = [];
      const GET: KitRequestHandler = api.createFetchHandler({
        appId: 1,
        serverSecret: SECRET,
        resolveUser: () => null,
        onError: (error, request, event) => seen.push([expectCoded(error, 'UNAUTHENTICATED').code, request, event]),
      });
      const event = kitEvent(new Request(TOKEN_URL));
      expect((await GET(event)).status).toBe(401);
      expect(seen).toEqual([['UNAUTHENTICATED', event.request, event]]);
    });

    it('reaches the callback handler: onCallback gets the body, the request and the event', async () => {
      const seen: unknown[][] = [];
      const POST: KitRequestHandler = api.createCallbackFetchHandler({
        callbackSecret: CALLBACK_SECRET,
        onCallback: (body, request, event) => void seen.push([body, request, event.locals]),
      });
      const body = signedCallback({ event: 'room_close' });
      const event = kitEvent(new Request(CALLBACK_URL, { method: 'POST', body: JSON.stringify(body) }), 'zego');
      const response = await POST(event);
      expect(response.status).toBe(200);
      expect(seen).toEqual([[body, event.request, event.locals]]);
    });

    it('refuses anything that is neither a Request nor holds one, saying what to pass', async () => {
      const handler = api.createFetchHandler({ appId: 1, serverSecret: SECRET, resolveUser: () => 'alice' });
      const callback = api.createCallbackFetchHandler({ callbackSecret: CALLBACK_SECRET, onCallback: () => undefined });
      for (const input of [undefined, null, 'http://x/zego/token', {}, { request: {} }, { request: null }]) {
        for (const call of [handler, callback]) {
          const error = await expectCodedRejection(() => call(input as never), 'OPTION_INVALID');
          expect(error.message).toMatch(/a Request, or an event object that holds one as `request`/);
        }
      }
    });

    it('keeps the plain types for a Request: the handler takes a Request, resolveUser gets it alone', () => {
      const handler = api.createFetchHandler({ appId: 1, serverSecret: SECRET, resolveUser: () => 'alice' });
      expectTypeOf(handler).toEqualTypeOf<(request: Request) => Promise<Response>>();
      api.createFetchHandler({
        resolveUser: (...args) => {
          expectTypeOf(args).toEqualTypeOf<[request: Request]>();
          return 'alice';
        },
      });
      const callback = api.createCallbackFetchHandler({ onCallback: () => undefined });
      expectTypeOf(callback).toEqualTypeOf<(request: Request) => Promise<Response>>();
      // The event's type is inferred from the handler's annotation, or given as the type argument.
      api.createFetchHandler<KitEvent>({ resolveUser: (_request, event) => event.locals.user?.id });
    });
  });
});
