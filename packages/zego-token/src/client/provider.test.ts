import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { expectCodedError, expectCodedRejection } from '../../../../test/support/index.js';
import { createToken04 } from '../node/index.js';
import {
  createTokenProvider,
  type IssuedToken,
  isTokenRequestError,
  parseKitToken,
  type TokenProviderOptions,
  TokenRequestError,
  type TokenRequestErrorCode,
  toKitToken,
} from './index.js';

const URL_ = 'https://api.example.com/zego/token';
const START = Date.UTC(2030, 0, 1); // a whole second, so HTTP dates are exact

type Answer = Response | Error | Promise<Response>;

/** A fake `fetch` that records when it was called and answers with `respond(callNumber, init)`. */
function fakeFetch(respond: (call: number, init: RequestInit) => Answer) {
  const times: number[] = [];
  const inits: RequestInit[] = [];
  const fetch = vi.fn(async (_url: string, init: RequestInit): Promise<Response> => {
    times.push(Date.now() - START);
    inits.push(init);
    const answer = respond(times.length, init);
    if (answer instanceof Error) throw answer;
    return answer;
  });
  return { fetch, times, inits };
}

function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

/** A 200 with token `tok-<n>`; its times are by the server's clock, which tests set apart from the device's. */
function issued(n: number, effectiveTimeInSeconds = 3600, serverNowSeconds = Math.floor(Date.now() / 1000)) {
  const body: IssuedToken = {
    token: `tok-${n}`,
    appId: 1234567,
    userId: 'alice',
    issuedAt: serverNowSeconds,
    expiresAt: serverNowSeconds + effectiveTimeInSeconds,
    effectiveTimeInSeconds,
    mode: 'gcm',
  };
  return json(body);
}

function failure(status: number, code: string, headers: Record<string, string> = {}): Response {
  return json({ error: { code, message: `${code} happened` } }, status, headers);
}

/** Waits for a promise to reject with a `TokenRequestError` of `code` and returns it. Attach before advancing time. */
function rejection(promise: Promise<unknown>, code: TokenRequestErrorCode): Promise<TokenRequestError> {
  return expectCodedRejection<TokenRequestError>(promise, code, 'TokenRequestError');
}

function provider(options: Partial<TokenProviderOptions> & Pick<TokenProviderOptions, 'fetch'>) {
  return createTokenProvider({ url: URL_, ...options });
}

beforeEach(() => {
  vi.useFakeTimers({ now: START });
  // Pin the jitter (drawn from Web Crypto) to its low end: each retry waits exactly half its backoff.
  vi.spyOn(globalThis.crypto, 'getRandomValues').mockImplementation((array) => {
    (array as Uint32Array).fill(0);
    return array;
  });
});

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('caching and sharing', () => {
  it('fetches lazily, then serves the cached token while it is fresh', async () => {
    const server = fakeFetch((n) => issued(n));
    const tokens = provider({ fetch: server.fetch });
    expect(server.fetch).not.toHaveBeenCalled();

    expect(await tokens.getToken()).toBe('tok-1');
    await vi.advanceTimersByTimeAsync(3_000_000);
    expect(await tokens.getToken()).toBe('tok-1');
    expect(server.fetch).toHaveBeenCalledTimes(1);
    tokens.stop();
  });

  it('shares one request between concurrent callers, refresh() included', async () => {
    const server = fakeFetch((n) => issued(n));
    const tokens = provider({ fetch: server.fetch });
    const all = await Promise.all([tokens.getToken(), tokens.getToken(), tokens.refresh(), tokens.getToken()]);
    expect(all).toEqual(['tok-1', 'tok-1', 'tok-1', 'tok-1']);
    expect(server.fetch).toHaveBeenCalledTimes(1);
    tokens.stop();
  });

  it('refresh() fetches a new token even while the cached one is fresh', async () => {
    const server = fakeFetch((n) => issued(n));
    const tokens = provider({ fetch: server.fetch });
    expect(await tokens.getToken()).toBe('tok-1');
    expect(await tokens.refresh()).toBe('tok-2');
    expect(await tokens.getToken()).toBe('tok-2');
    expect(server.fetch).toHaveBeenCalledTimes(2);
    tokens.stop();
  });

  it('calls onToken with every new token, and only new ones', async () => {
    const onToken = vi.fn();
    const server = fakeFetch((n) => issued(n));
    const tokens = provider({ fetch: server.fetch, onToken });
    await tokens.getToken();
    await tokens.getToken();
    await tokens.refresh();
    await vi.advanceTimersByTimeAsync(3570_000);
    expect(onToken.mock.calls.map(([response]) => (response as IssuedToken).token)).toEqual([
      'tok-1',
      'tok-2',
      'tok-3',
    ]);
    expect(onToken.mock.calls[0]?.[0]).toMatchObject({
      appId: 1234567,
      userId: 'alice',
      effectiveTimeInSeconds: 3600,
      mode: 'gcm',
    });
    tokens.stop();
  });

  it('passes requestInit with its own signal, and takes a URL object', async () => {
    const server = fakeFetch((n) => issued(n));
    const tokens = createTokenProvider({
      url: new URL(URL_),
      fetch: server.fetch,
      requestInit: { credentials: 'include', headers: { authorization: 'Bearer abc' } },
    });
    await tokens.getToken();
    expect(server.fetch).toHaveBeenCalledWith(URL_, expect.anything());
    expect(server.inits[0]).toMatchObject({ credentials: 'include', headers: { authorization: 'Bearer abc' } });
    expect(server.inits[0]?.signal).toBeInstanceOf(AbortSignal);
    tokens.stop();
  });

  it('uses the global fetch by default', async () => {
    const server = fakeFetch((n) => issued(n));
    vi.stubGlobal('fetch', server.fetch);
    const tokens = createTokenProvider({ url: URL_ });
    expect(await tokens.getToken()).toBe('tok-1');
    tokens.stop();
  });
});

describe('renewal', () => {
  it('renews refreshBeforeSeconds before expiry, counted from when the response arrived', async () => {
    // The server takes 5 s to answer: the lifetime counts from then, not from the request.
    const server = fakeFetch((n) => new Promise<Response>((resolve) => setTimeout(() => resolve(issued(n)), 5000)));
    const onToken = vi.fn();
    const tokens = provider({ fetch: server.fetch, onToken });
    const first = tokens.getToken();
    await vi.advanceTimersByTimeAsync(5000);
    expect(await first).toBe('tok-1');

    await vi.advanceTimersByTimeAsync(3570_000 - 1);
    expect(server.times).toEqual([0]);
    await vi.advanceTimersByTimeAsync(1);
    expect(server.times).toEqual([0, 3575_000]);
    await vi.advanceTimersByTimeAsync(5000);
    expect(onToken).toHaveBeenCalledTimes(2);
    expect(await tokens.getToken()).toBe('tok-2');
    expect(server.fetch).toHaveBeenCalledTimes(2);
    tokens.stop();
  });

  it('honours refreshBeforeSeconds', async () => {
    const server = fakeFetch((n) => issued(n, 600));
    const tokens = provider({ fetch: server.fetch, refreshBeforeSeconds: 120 });
    await tokens.getToken();
    await vi.advanceTimersByTimeAsync(1200_000);
    expect(server.times).toEqual([0, 480_000, 960_000]);
    tokens.stop();
  });

  it('never renews sooner than half the lifetime, so a short lifetime cannot loop', async () => {
    const server = fakeFetch((n) => issued(n, 20));
    const tokens = provider({ fetch: server.fetch, refreshBeforeSeconds: 30 });
    await tokens.getToken();
    expect(await tokens.getToken()).toBe('tok-1'); // still fresh: no fetch per call either
    await vi.advanceTimersByTimeAsync(9999);
    expect(server.times).toEqual([0]);
    await vi.advanceTimersByTimeAsync(30_001);
    expect(server.times).toEqual([0, 10_000, 20_000, 30_000, 40_000]);
    tokens.stop();
  });

  it('ignores the device clock: expiresAt far in the past or future changes nothing', async () => {
    for (const serverNow of [Date.UTC(2001, 0, 1) / 1000, Date.UTC(2099, 0, 1) / 1000]) {
      const server = fakeFetch((n) => issued(n, 3600, serverNow));
      const tokens = provider({ fetch: server.fetch });
      expect(await tokens.getToken()).toBe('tok-1');
      await vi.advanceTimersByTimeAsync(3569_000);
      expect(await tokens.getToken()).toBe('tok-1');
      expect(server.fetch).toHaveBeenCalledTimes(1);
      await vi.advanceTimersByTimeAsync(1000);
      expect(server.fetch).toHaveBeenCalledTimes(2);
      tokens.stop();
      vi.setSystemTime(START);
    }
  });

  it('fetches again when the device slept past the renewal (timers did not run) or its clock went back', async () => {
    const server = fakeFetch((n) => issued(n));
    const tokens = provider({ fetch: server.fetch });
    await tokens.getToken();
    vi.setSystemTime(START + 3600_000); // time passed, but no timer fired
    expect(await tokens.getToken()).toBe('tok-2');
    vi.setSystemTime(START); // the clock jumped back: the cache's age is unknown
    expect(await tokens.getToken()).toBe('tok-3');
    tokens.stop();
  });

  it('handles lifetimes longer than setTimeout can take (~24.8 days) without firing early', async () => {
    const days = 86_400_000;
    const server = fakeFetch((n) => issued(n, 40 * 86_400));
    const tokens = provider({ fetch: server.fetch });
    await tokens.getToken();
    await vi.advanceTimersByTimeAsync(39 * days);
    expect(server.times).toEqual([0]);
    await vi.advanceTimersByTimeAsync(days);
    expect(server.times).toEqual([0, 40 * days - 30_000]);
    tokens.stop();
  });

  it('reports a failed background renewal to onError and keeps trying after transient failures', async () => {
    const onError = vi.fn();
    const onToken = vi.fn();
    const server = fakeFetch((n) => (n === 1 || n >= 4 ? issued(n, 100) : failure(503, 'INTERNAL_ERROR')));
    const tokens = provider({ fetch: server.fetch, onError, onToken, maxRetries: 0, maxRetryDelayMs: 5000 });
    await tokens.getToken();
    await vi.advanceTimersByTimeAsync(70_000);
    // Renewal at 70 s fails; tried again every 5 s until it works at 80 s.
    expect(server.times).toEqual([0, 70_000]);
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onError.mock.calls[0]?.[0]).toMatchObject({ code: 'SERVER_ERROR', status: 503 });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(server.times).toEqual([0, 70_000, 75_000, 80_000]);
    expect(onError).toHaveBeenCalledTimes(2);
    expect(onToken).toHaveBeenCalledTimes(2);
    expect(await tokens.getToken()).toBe('tok-4');
    // And the schedule continues from the new token.
    await vi.advanceTimersByTimeAsync(70_000);
    expect(server.times).toEqual([0, 70_000, 75_000, 80_000, 150_000]);
    tokens.stop();
  });

  it('stops renewing when a background renewal finds the user signed out, and drops the token', async () => {
    const onError = vi.fn();
    const server = fakeFetch((n) => (n === 1 ? issued(n, 100) : failure(401, 'UNAUTHENTICATED')));
    const tokens = provider({ fetch: server.fetch, onError });
    await tokens.getToken();
    await vi.advanceTimersByTimeAsync(70_000);
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onError.mock.calls[0]?.[0]).toMatchObject({
      code: 'SIGNED_OUT',
      status: 401,
      serverCode: 'UNAUTHENTICATED',
    });
    await vi.advanceTimersByTimeAsync(10 * 3600_000);
    expect(server.times).toEqual([0, 70_000]);
    // The next call asks the server again rather than serving the signed-out user's token.
    await rejection(tokens.getToken(), 'SIGNED_OUT');
    expect(server.fetch).toHaveBeenCalledTimes(3);
    tokens.stop();
  });

  it('drops a fresh cached token when refresh() finds the user signed out', async () => {
    const server = fakeFetch((n) => (n === 2 ? failure(401, 'UNAUTHENTICATED') : issued(n)));
    const tokens = provider({ fetch: server.fetch });
    expect(await tokens.getToken()).toBe('tok-1');
    await rejection(tokens.refresh(), 'SIGNED_OUT');
    expect(vi.getTimerCount()).toBe(0); // no renewal scheduled for a signed-out user
    expect(await tokens.getToken()).toBe('tok-3'); // asked again, not the old user's token
    tokens.stop();
  });

  it('rethrows an exception from onToken on its own, without breaking the provider', async () => {
    const server = fakeFetch((n) => issued(n));
    const tokens = provider({
      fetch: server.fetch,
      onToken: () => {
        throw new Error('app bug');
      },
    });
    expect(await tokens.getToken()).toBe('tok-1');
    await expect(vi.advanceTimersByTimeAsync(0)).rejects.toThrow('app bug');
    expect(await tokens.getToken()).toBe('tok-1');
    tokens.stop();
  });
});

describe('retries', () => {
  it('retries network errors with exponential backoff, then succeeds', async () => {
    const server = fakeFetch((n) => (n <= 2 ? new TypeError('fetch failed') : issued(n)));
    const tokens = provider({ fetch: server.fetch });
    const token = tokens.getToken();
    await vi.advanceTimersByTimeAsync(2000);
    expect(await token).toBe('tok-3');
    // Backoff 1 s then 2 s, jitter pinned to half of it.
    expect(server.times).toEqual([0, 500, 1500]);
  });

  it.each([500, 501, 505])('treats %i as final: no retry, and no background retry loop', async (status) => {
    const onError = vi.fn();
    const server = fakeFetch((n) => (n === 1 ? issued(n, 100) : failure(status, 'USER_ID_INVALID')));
    const tokens = provider({ fetch: server.fetch, onError, maxRetries: 3, maxRetryDelayMs: 5000 });
    await tokens.getToken();
    const error = rejection(tokens.refresh(), 'SERVER_ERROR');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(await error).toMatchObject({ status, serverCode: 'USER_ID_INVALID' });
    // The refresh at 0 s asked once; the renewal at 70 s (from the first token) asked once, then gave up.
    await vi.advanceTimersByTimeAsync(600_000);
    expect(server.times).toEqual([0, 0, 70_000]);
    expect(onError).toHaveBeenCalledTimes(1);
    tokens.stop();
  });

  it.each([502, 503, 504])('retries %i at most maxRetries times, then rejects with SERVER_ERROR', async (status) => {
    const server = fakeFetch(() => failure(status, 'INTERNAL_ERROR'));
    const tokens = provider({ fetch: server.fetch, maxRetries: 3 });
    const error = rejection(tokens.getToken(), 'SERVER_ERROR');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(await error).toMatchObject({
      code: 'SERVER_ERROR',
      status,
      serverCode: 'INTERNAL_ERROR',
      serverMessage: 'INTERNAL_ERROR happened',
    });
    expect(server.times).toEqual([0, 500, 1500, 3500]);
  });

  it('caps the backoff at maxRetryDelayMs', async () => {
    const server = fakeFetch(() => new TypeError('fetch failed'));
    const tokens = provider({ fetch: server.fetch, maxRetries: 4, retryDelayMs: 1000, maxRetryDelayMs: 3000 });
    const error = rejection(tokens.getToken(), 'NETWORK_ERROR');
    await vi.advanceTimersByTimeAsync(60_000);
    expect((await error).code).toBe('NETWORK_ERROR');
    expect(server.times).toEqual([0, 500, 1500, 3000, 4500]);
  });

  it('retries 429 after Retry-After seconds, not before', async () => {
    const server = fakeFetch((n) => (n === 1 ? failure(429, 'RATE_LIMITED', { 'retry-after': '7' }) : issued(n)));
    const tokens = provider({ fetch: server.fetch });
    const token = tokens.getToken();
    await vi.advanceTimersByTimeAsync(6999);
    expect(server.times).toEqual([0]);
    await vi.advanceTimersByTimeAsync(1);
    expect(await token).toBe('tok-2');
    expect(server.times).toEqual([0, 7000]);
  });

  it('retries 429 after a Retry-After HTTP date', async () => {
    const at = new Date(START + 9000).toUTCString();
    const server = fakeFetch((n) => (n === 1 ? failure(429, 'RATE_LIMITED', { 'retry-after': at }) : issued(n)));
    const tokens = provider({ fetch: server.fetch });
    const token = tokens.getToken();
    await vi.advanceTimersByTimeAsync(9000);
    expect(await token).toBe('tok-2');
    expect(server.times).toEqual([0, 9000]);
  });

  it("reads a Retry-After date against the response's Date header when the device clock is wrong", async () => {
    const serverNow = Date.UTC(2001, 0, 1);
    const headers = {
      date: new Date(serverNow).toUTCString(),
      'retry-after': new Date(serverNow + 4000).toUTCString(),
    };
    const server = fakeFetch((n) => (n === 1 ? failure(503, 'INTERNAL_ERROR', headers) : issued(n)));
    const tokens = provider({ fetch: server.fetch });
    const token = tokens.getToken();
    await vi.advanceTimersByTimeAsync(4000);
    expect(await token).toBe('tok-2');
    expect(server.times).toEqual([0, 4000]);
  });

  it('fails at once with RATE_LIMITED when Retry-After is longer than maxRetryDelayMs', async () => {
    const server = fakeFetch(() => failure(429, 'RATE_LIMITED', { 'retry-after': '120' }));
    const tokens = provider({ fetch: server.fetch });
    const error = await rejection(tokens.getToken(), 'RATE_LIMITED');
    expect(error).toMatchObject({ code: 'RATE_LIMITED', status: 429, retryAfterMs: 120_000 });
    expect(server.fetch).toHaveBeenCalledTimes(1);
  });

  it('gives up on 429 after maxRetries', async () => {
    const server = fakeFetch(() => failure(429, 'RATE_LIMITED', { 'retry-after': '1' }));
    const tokens = provider({ fetch: server.fetch, maxRetries: 2 });
    const error = rejection(tokens.getToken(), 'RATE_LIMITED');
    await vi.advanceTimersByTimeAsync(60_000);
    expect((await error).code).toBe('RATE_LIMITED');
    expect(server.times).toEqual([0, 1000, 2000]);
  });

  it('times out an attempt that gets no answer, and retries it', async () => {
    const server = fakeFetch((n) => (n === 1 ? new Promise<Response>(() => {}) : issued(n)));
    const tokens = provider({ fetch: server.fetch, timeoutMs: 5000 });
    const token = tokens.getToken();
    await vi.advanceTimersByTimeAsync(5000);
    expect(server.inits[0]?.signal?.aborted).toBe(true);
    await vi.advanceTimersByTimeAsync(500);
    expect(await token).toBe('tok-2');
    expect(server.times).toEqual([0, 5500]);
  });

  it('reports a timeout as NETWORK_ERROR', async () => {
    const server = fakeFetch(() => new Promise<Response>(() => {}));
    const tokens = provider({ fetch: server.fetch, timeoutMs: 5000, maxRetries: 0 });
    const error = rejection(tokens.getToken(), 'NETWORK_ERROR');
    await vi.advanceTimersByTimeAsync(5000);
    expect(await error).toMatchObject({ code: 'NETWORK_ERROR', status: undefined });
  });

  it.each([
    [401, 'UNAUTHENTICATED', 'SIGNED_OUT'],
    [401, 'SESSION_REVOKED', 'SIGNED_OUT'],
    [403, 'FORBIDDEN', 'HTTP_ERROR'],
    [403, 'USER_BANNED', 'HTTP_ERROR'],
    [404, 'NOT_FOUND', 'HTTP_ERROR'],
    [400, 'BAD_REQUEST', 'HTTP_ERROR'],
  ] as const)('does not retry %i (%s → %s)', async (status, serverCode, code: TokenRequestErrorCode) => {
    const server = fakeFetch(() => failure(status, serverCode, { 'retry-after': '1' }));
    const tokens = provider({ fetch: server.fetch });
    const error = rejection(tokens.getToken(), code);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(await error).toMatchObject({ code, status, serverCode, serverMessage: `${serverCode} happened` });
    expect(server.fetch).toHaveBeenCalledTimes(1);
  });

  it('copes with error bodies that are not JSON', async () => {
    const server = fakeFetch(() => new Response('<h1>Forbidden</h1>', { status: 403 }));
    const error = await rejection(provider({ fetch: server.fetch }).getToken(), 'HTTP_ERROR');
    expect(error).toMatchObject({ code: 'HTTP_ERROR', status: 403, serverCode: undefined, serverMessage: undefined });
  });
});

describe('invalid responses', () => {
  const valid = {
    token: 'tok',
    appId: 1,
    userId: 'a',
    issuedAt: 1,
    expiresAt: 2,
    effectiveTimeInSeconds: 1,
    mode: 'gcm',
  };

  it.each([
    ['HTML (a wrong url served the app)', new Response('<!doctype html><html></html>', { status: 200 })],
    ['an array', json([])],
    ['no token', json({ ...valid, token: undefined })],
    ['an error body with 200', json({ error: { code: 'X', message: 'y' } })],
    ['a zero lifetime', json({ ...valid, expiresAt: 1, effectiveTimeInSeconds: 0 })],
    ['no mode', json({ ...valid, mode: undefined })],
    ['a mode that is neither gcm nor cbc', json({ ...valid, mode: 'GCM' })],
  ])('rejects %s with INVALID_RESPONSE, without retrying', async (_name, response) => {
    const server = fakeFetch(() => response.clone());
    const tokens = provider({ fetch: server.fetch });
    const error = rejection(tokens.getToken(), 'INVALID_RESPONSE');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(await error).toMatchObject({ code: 'INVALID_RESPONSE', status: 200 });
    expect(server.fetch).toHaveBeenCalledTimes(1);
  });

  it.each(['gcm', 'cbc'])("accepts mode '%s'", async (mode) => {
    const server = fakeFetch(() => json({ ...valid, mode }));
    const tokens = provider({ fetch: server.fetch });
    expect(await tokens.getToken()).toBe('tok');
    tokens.stop();
  });

  it('names the field that is wrong', async () => {
    const server = fakeFetch(() => json({ ...valid, mode: 'ecb' }));
    const error = await rejection(provider({ fetch: server.fetch }).getToken(), 'INVALID_RESPONSE');
    expect(error.message).toBe(
      "the token route answered 200, but `mode` in the body is not 'gcm' or 'cbc' (is `url` right?)",
    );
  });

  it('never puts the token in the error', async () => {
    const secretToken = '04SECRETtokenBytes==';
    const server = fakeFetch(() => json({ ...valid, token: secretToken, appId: '1' }));
    const error = await rejection(provider({ fetch: server.fetch }).getToken(), 'INVALID_RESPONSE');
    expect(error.code).toBe('INVALID_RESPONSE');
    expect(error.message).toContain('appId');
    const everything = `${error.message} ${error.stack} ${JSON.stringify(error)} ${String(error.cause)}`;
    expect(everything).not.toContain('SECRET');
  });
});

describe('stop()', () => {
  it('aborts the request in flight and rejects its callers with STOPPED', async () => {
    const server = fakeFetch(() => new Promise<Response>(() => {})); // ignores its signal
    const tokens = provider({ fetch: server.fetch });
    const pending = rejection(tokens.getToken(), 'STOPPED');
    await vi.advanceTimersByTimeAsync(100);
    tokens.stop();
    expect(server.inits[0]?.signal?.aborted).toBe(true);
    expect((await pending).code).toBe('STOPPED');
  });

  it('interrupts a backoff wait', async () => {
    const server = fakeFetch(() => new TypeError('fetch failed'));
    const tokens = provider({ fetch: server.fetch });
    const pending = rejection(tokens.refresh(), 'STOPPED');
    await vi.advanceTimersByTimeAsync(100);
    tokens.stop();
    expect((await pending).code).toBe('STOPPED');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(server.fetch).toHaveBeenCalledTimes(1);
  });

  it('cancels renewal, and later calls reject with STOPPED', async () => {
    const server = fakeFetch((n) => issued(n, 100));
    const onError = vi.fn();
    const tokens = provider({ fetch: server.fetch, onError });
    await tokens.getToken();
    tokens.stop();
    tokens.stop(); // idempotent
    await vi.advanceTimersByTimeAsync(3600_000);
    expect(server.fetch).toHaveBeenCalledTimes(1);
    await rejection(tokens.getToken(), 'STOPPED');
    await rejection(tokens.refresh(), 'STOPPED');
    expect(onError).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('options', () => {
  const fetch = async () => issued(1);

  it.each<[string, unknown]>([
    ['no options', undefined],
    ['no url', { fetch }],
    ['an empty url', { url: '', fetch }],
    ['a url that is a number', { url: 42, fetch }],
    ['a relative url outside a page', { url: '/zego/token', fetch }],
    ['an unknown option', { url: URL_, fetch, refreshBefore: 10 }],
    ['a negative refreshBeforeSeconds', { url: URL_, fetch, refreshBeforeSeconds: -1 }],
    ['a fractional maxRetries', { url: URL_, fetch, maxRetries: 1.5 }],
    ['a NaN timeoutMs', { url: URL_, fetch, timeoutMs: Number.NaN }],
    ['an infinite retryDelayMs', { url: URL_, fetch, retryDelayMs: Number.POSITIVE_INFINITY }],
    ['a fetch that is not a function', { url: URL_, fetch: 'fetch' }],
    ['an onToken that is not a function', { url: URL_, fetch, onToken: true }],
    ['a requestInit that is not an object', { url: URL_, fetch, requestInit: 'include' }],
  ])('rejects %s with OPTION_INVALID', (_name, options) => {
    const error = expectCodedError(
      () => createTokenProvider(options as TokenProviderOptions),
      'OPTION_INVALID',
      'TokenRequestError',
    );
    expect(error).toBeInstanceOf(TokenRequestError);
  });

  it('says so when there is no global fetch', () => {
    vi.stubGlobal('fetch', undefined);
    expect(() => createTokenProvider({ url: URL_ })).toThrow(/no global fetch/);
  });

  it('accepts a relative url inside a web page', async () => {
    vi.stubGlobal('location', { href: 'https://app.example.com/room/1' });
    const server = fakeFetch((n) => issued(n));
    const tokens = createTokenProvider({ url: '/zego/token', fetch: server.fetch });
    await tokens.getToken();
    expect(server.fetch).toHaveBeenCalledWith('/zego/token', expect.anything());
    tokens.stop();
  });
});

describe('TokenRequestError', () => {
  it('is recognised by isTokenRequestError, and serialises without a stack', () => {
    const error = new TokenRequestError('SIGNED_OUT', 'signed out', { status: 401, serverCode: 'UNAUTHENTICATED' });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('TokenRequestError');
    expect(isTokenRequestError(error)).toBe(true);
    expect(isTokenRequestError(new Error('x'))).toBe(false);
    expect(isTokenRequestError({ code: 'SIGNED_OUT' })).toBe(false);
    expect(isTokenRequestError(null)).toBe(false);
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: 'TokenRequestError',
      code: 'SIGNED_OUT',
      status: 401,
      message: 'signed out',
    });
  });
});

describe('getKitToken', () => {
  const serverSecret = 'fa94dd0f974cf2e293728a526b028271';
  const answer = () => createToken04({ appId: 1234567, userId: 'alice', serverSecret, effectiveTimeInSeconds: 3600 });

  it("builds UIKit's kit token from the route's answer: its token, AppID and userId, for the room asked", async () => {
    const body = answer();
    const { fetch } = fakeFetch(() => json(body));
    const tokens = provider({ fetch });
    const kitToken = await tokens.getKitToken({ roomId: 'room-1', userName: '张伟 🎉' });
    expect(kitToken).toBe(
      toKitToken({ token: body.token, appId: 1234567, userId: 'alice', roomId: 'room-1', userName: '张伟 🎉' }),
    );
    expect(parseKitToken(kitToken)).toEqual({
      token: body.token,
      appId: 1234567,
      userId: 'alice',
      roomId: 'room-1',
      userName: '张伟 🎉',
    });
    // The same cached token serves getToken and other rooms: one request.
    expect(await tokens.getToken()).toBe(body.token);
    expect(parseKitToken(await tokens.getKitToken({ roomId: 'room-2' })).userName).toBe('');
    expect(fetch).toHaveBeenCalledTimes(1);
    tokens.stop();
  });

  it('rejects with KIT_TOKEN_INVALID for a room ID the kit cannot carry, and as getToken does when the route fails', async () => {
    const body = answer();
    const tokens = provider({ fetch: fakeFetch(() => json(body)).fetch });
    await expectCodedRejection(tokens.getKitToken({ roomId: '会议室' }), 'KIT_TOKEN_INVALID');
    await expectCodedRejection(tokens.getKitToken({ roomId: body.token }), 'KIT_TOKEN_INVALID');
    tokens.stop();
    const signedOut = provider({ fetch: fakeFetch(() => failure(401, 'UNAUTHENTICATED')).fetch });
    await rejection(signedOut.getKitToken({ roomId: 'room-1' }), 'SIGNED_OUT');
    signedOut.stop();
  });
});
