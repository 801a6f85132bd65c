import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  APP_ID,
  expectCodedError,
  expectCodedRejection,
  listen,
  OTHER_SECRET,
  SECRET,
} from '../../../../test/support/index.js';
import examples from '../../../../test/support/zego-worked-examples.json' with { type: 'json' };
import { createZegoServerApi, signZegoApiRequest, type ZegoServerApiError } from '../node/server-api.js';

const md5 = (text: string) => createHash('md5').update(text).digest('hex');

afterEach(() => {
  vi.useRealTimers();
});

describe('signZegoApiRequest', () => {
  it("matches ZEGO's worked example exactly", () => {
    const { appId, signatureNonce, serverSecret, timestamp, signature } = examples.serverApi;
    expect(signZegoApiRequest({ appId, serverSecret, signatureNonce, timestamp })).toEqual({
      AppId: 12345,
      SignatureNonce: '4fd24687296dd9f3',
      Timestamp: 1615186943,
      SignatureVersion: '2.0',
      Signature: signature,
    });
  });

  it('signs md5(AppId + SignatureNonce + ServerSecret + Timestamp) for any nonce and time', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 0xffff_ffff }),
        fc.stringMatching(/^[0-9A-Za-z_-]{1,64}$/),
        fc.integer({ min: 0, max: 2 ** 40 }),
        (appId, signatureNonce, timestamp) => {
          const signed = signZegoApiRequest({ appId, serverSecret: SECRET, signatureNonce, timestamp });
          expect(signed.Signature).toBe(md5(`${appId}${signatureNonce}${SECRET}${timestamp}`));
          expect(signed.Signature).toMatch(/^[0-9a-f]{32}$/);
        },
      ),
    );
  });

  it('draws a fresh 16-hex-character nonce from the CSPRNG for each call, never Math.random', () => {
    const random = vi.spyOn(Math, 'random');
    const nonces = new Set(
      Array.from({ length: 50 }, () => signZegoApiRequest({ appId: APP_ID, serverSecret: SECRET }).SignatureNonce),
    );
    expect(nonces.size).toBe(50);
    for (const nonce of nonces) expect(nonce).toMatch(/^[0-9a-f]{16}$/);
    expect(random).not.toHaveBeenCalled();
    random.mockRestore();
  });

  it('uses the current time in seconds unless given one', () => {
    vi.useFakeTimers({ now: 1_700_000_000_999, toFake: ['Date'] });
    const signed = signZegoApiRequest({ appId: APP_ID, serverSecret: SECRET, signatureNonce: 'abc' });
    expect(signed.Timestamp).toBe(1_700_000_000);
    expect(signed.Signature).toBe(md5(`${APP_ID}abc${SECRET}1700000000`));
  });

  it.each([
    ['a string AppId', { appId: '12345' }, 'APP_ID_INVALID'],
    ['AppId 0', { appId: 0 }, 'APP_ID_INVALID'],
    ['a short secret', { serverSecret: 'short' }, 'SECRET_INVALID'],
    ['a secret with a newline', { serverSecret: `${SECRET}\n` }, 'SECRET_INVALID'],
    ['an empty nonce', { signatureNonce: '' }, 'OPTION_INVALID'],
    ['a nonce with & in it', { signatureNonce: 'a&b=c' }, 'OPTION_INVALID'],
    ['a 65-character nonce', { signatureNonce: 'a'.repeat(65) }, 'OPTION_INVALID'],
    ['a numeric nonce', { signatureNonce: 1234 }, 'OPTION_INVALID'],
    ['a timestamp in milliseconds as a float', { timestamp: 1615186943.5 }, 'OPTION_INVALID'],
    ['a negative timestamp', { timestamp: -1 }, 'OPTION_INVALID'],
    ['a string timestamp', { timestamp: '1615186943' }, 'OPTION_INVALID'],
    ['an unknown key', { secret: SECRET }, 'OPTION_INVALID'],
  ])('refuses %s with a typed error that holds no secret', (_name, change, code) => {
    const options = { appId: APP_ID, serverSecret: SECRET, ...change } as never;
    const error = expectCodedError(() => signZegoApiRequest(options), code);
    expect(error.message).not.toContain(SECRET);
    expect(JSON.stringify(error)).not.toContain(SECRET);
  });

  it('names the right option when the secret is passed as `secret`', () => {
    const error = expectCodedError(
      () => signZegoApiRequest({ appId: APP_ID, secret: SECRET } as never),
      'OPTION_INVALID',
    );
    expect(error.message).toContain('did you mean `serverSecret`');
  });

  it.each([null, undefined, 'options', []])('refuses %j as options', (options) => {
    expectCodedError(() => signZegoApiRequest(options as never), 'OPTION_INVALID');
  });
});

interface Seen {
  method: string;
  query: URLSearchParams;
  body: string;
  signatureOk: boolean;
}

/** A stand-in for ZEGO: checks each request's signature with its own md5, and answers `answer(seen)`. */
async function fakeZego(answer: (seen: Seen) => unknown, secret = SECRET) {
  const seen: Seen[] = [];
  const { url } = await listen((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
    });
    req.on('end', () => {
      const query = new URL(req.url ?? '/', 'http://zego').searchParams;
      const expected = createHash('md5')
        .update(`${query.get('AppId')}${query.get('SignatureNonce')}${secret}${query.get('Timestamp')}`)
        .digest('hex');
      const request = {
        method: req.method ?? '',
        query,
        body,
        signatureOk: query.get('SignatureVersion') === '2.0' && query.get('Signature') === expected,
      };
      seen.push(request);
      const reply = request.signatureOk
        ? answer(request)
        : { Code: 100000005, Message: 'signature error', RequestId: 'r-sig', Data: null };
      res.setHeader('content-type', 'application/json');
      res.end(typeof reply === 'string' ? reply : JSON.stringify(reply));
    });
  });
  return { url, seen };
}

const ok = (Data: unknown) => ({ Code: 0, Message: 'success', RequestId: 'r-1', Data });

describe('createZegoServerApi', () => {
  it("GET: signs afresh, puts Action, the public parameters and params in the query, arrays as Key[]=, and returns ZEGO's answer", async () => {
    const zego = await fakeZego(() => ok({ UserCountList: [{ RoomId: 'room1', UserCount: 2 }] }));
    const api = createZegoServerApi({ appId: APP_ID, serverSecret: SECRET, product: 'rtc', baseUrl: zego.url });
    const answer = await api.call<{ Data: { UserCountList: unknown[] } }>('DescribeUserNum', {
      RoomId: ['room1', 'room 2&'],
      Limit: 5,
    });
    expect(answer.Data.UserCountList).toHaveLength(1);
    await api.call('DescribeUserNum', { RoomId: ['room1'] });
    const [first, second] = zego.seen;
    expect(first?.signatureOk).toBe(true);
    expect(first?.method).toBe('GET');
    expect(first?.query.get('Action')).toBe('DescribeUserNum');
    expect(first?.query.get('AppId')).toBe(String(APP_ID));
    expect(first?.query.getAll('RoomId[]')).toEqual(['room1', 'room 2&']);
    expect(first?.query.get('Limit')).toBe('5');
    expect(first?.query.get('SignatureNonce')).not.toBe(second?.query.get('SignatureNonce'));
  });

  it('POST: a JSON body, the signed parameters still in the query', async () => {
    const zego = await fakeZego((seen) => ok({ echoed: JSON.parse(seen.body) }));
    const api = createZegoServerApi({ appId: APP_ID, serverSecret: SECRET, product: 'mini-game', baseUrl: zego.url });
    const body = { RoomId: 'r1', Games: [{ GameId: 'g1' }] };
    expect((await api.call('StartGame', { UserId: 'u1' }, { body })).Data).toEqual({ echoed: body });
    const [request] = zego.seen;
    expect(request).toMatchObject({ method: 'POST', signatureOk: true });
    expect(request?.query.get('UserId')).toBe('u1');
  });

  it("a non-zero Code: SERVER_API_ERROR with ZEGO's Code, Message and RequestId, and one request only", async () => {
    const zego = await fakeZego(() => ok(null), OTHER_SECRET);
    const api = createZegoServerApi({ appId: APP_ID, serverSecret: SECRET, product: 'zim', baseUrl: zego.url });
    const error = await expectCodedRejection<ZegoServerApiError>(api.call('QueryUserOnlineState'), 'SERVER_API_ERROR');
    expect(error).toMatchObject({
      zegoCode: 100000005,
      zegoMessage: 'signature error',
      requestId: 'r-sig',
      status: 502,
    });
    expect(error.message).toContain('100000005');
    expect(error.message).not.toContain(SECRET);
    expect(zego.seen).toHaveLength(1);
  });

  it('a body that is not JSON, or JSON without a Code: SERVER_API_UNREACHABLE', async () => {
    for (const reply of ['<html>502</html>', { Data: 1 }, []]) {
      const zego = await fakeZego(() => reply);
      const api = createZegoServerApi({ appId: APP_ID, serverSecret: SECRET, product: 'rtc', baseUrl: zego.url });
      await expectCodedRejection(api.call('DescribeUserNum'), 'SERVER_API_UNREACHABLE');
    }
  });

  it('a network error and a timeout: SERVER_API_UNREACHABLE, with no retry', async () => {
    const closed = await listen(() => {});
    const url = closed.url;
    await closed.close();
    const refused = createZegoServerApi({ appId: APP_ID, serverSecret: SECRET, product: 'rtc', baseUrl: url });
    const failed = await expectCodedRejection(refused.call('DescribeUserNum'), 'SERVER_API_UNREACHABLE');
    expect(failed.message).toContain('failed');

    let requests = 0;
    const silent = await listen(() => {
      requests += 1; // never answers
    });
    const slow = createZegoServerApi({
      appId: APP_ID,
      serverSecret: SECRET,
      product: 'rtc',
      baseUrl: silent.url,
      timeoutMs: 50,
    });
    const timedOut = await expectCodedRejection(slow.call('StartMix', {}, { body: {} }), 'SERVER_API_UNREACHABLE');
    expect(timedOut.message).toContain('within 50 ms');
    expect(requests).toBe(1);
  });

  it('builds ZEGO hosts from product and region, and uses the fetch it is given', async () => {
    expect(createZegoServerApi({ appId: APP_ID, serverSecret: SECRET, product: 'mini-game' }).baseUrl).toBe(
      'https://mini-game-api.zego.im/',
    );
    const urls: string[] = [];
    const api = createZegoServerApi({
      appId: APP_ID,
      serverSecret: SECRET,
      product: 'zim',
      region: 'sgp',
      fetch: async (input) => {
        urls.push(String(input));
        return new Response(JSON.stringify(ok(7)));
      },
    });
    expect(api.baseUrl).toBe('https://zim-api-sgp.zego.im/');
    expect(await api.call('QueryUserOnlineState')).toEqual(ok(7));
    expect(urls[0]?.startsWith('https://zim-api-sgp.zego.im/?Action=QueryUserOnlineState&AppId=')).toBe(true);
  });

  it.each([
    ['an unknown product', { product: 'video' }, 'OPTION_INVALID'],
    ['an unknown region', { region: 'eu' }, 'OPTION_INVALID'],
    ['a baseUrl that is not http(s)', { baseUrl: 'file:///etc/passwd' }, 'OPTION_INVALID'],
    ['a baseUrl with a query', { baseUrl: 'https://example.com/?a=1' }, 'OPTION_INVALID'],
    ['a zero timeout', { timeoutMs: 0 }, 'OPTION_INVALID'],
    ['a fetch that is not a function', { fetch: 'fetch' }, 'OPTION_INVALID'],
    ['an unknown key', { retries: 3 }, 'OPTION_INVALID'],
    ['a short secret', { serverSecret: 'short' }, 'SECRET_INVALID'],
    ['a string AppId', { appId: String(APP_ID) }, 'APP_ID_INVALID'],
  ])('refuses %s when created', (_name, change, code) => {
    const options = { appId: APP_ID, serverSecret: SECRET, product: 'rtc', ...change } as never;
    const error = expectCodedError(() => createZegoServerApi(options), code);
    expect(error.message).not.toContain(SECRET);
  });

  it.each([
    ['an empty action', '', undefined, undefined],
    ['an action with &', 'A&B=1', undefined, undefined],
    ['a param that overrides a signed one', 'DescribeUserNum', { Signature: 'x' }, undefined],
    ['an object param', 'DescribeUserNum', { RoomId: { a: 1 } }, undefined],
    ['a NaN param', 'DescribeUserNum', { Limit: Number.NaN }, undefined],
    ['a GET with a body', 'DescribeUserNum', undefined, { method: 'GET', body: {} }],
    ['a PUT', 'DescribeUserNum', undefined, { method: 'PUT' }],
    ['a body with a BigInt', 'StartMix', undefined, { body: { n: 1n } }],
    ['a body that is a function', 'StartMix', undefined, { body: () => 1 }],
  ])('rejects %s without sending anything', async (_name, action, params, callOptions) => {
    let sent = 0;
    const api = createZegoServerApi({
      appId: APP_ID,
      serverSecret: SECRET,
      product: 'rtc',
      fetch: async () => {
        sent += 1;
        return new Response(JSON.stringify(ok(null)));
      },
    });
    await expectCodedRejection(api.call(action, params as never, callOptions as never), 'OPTION_INVALID');
    expect(sent).toBe(0);
  });
});
