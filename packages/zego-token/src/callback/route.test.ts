import { request as httpRequest } from 'node:http';
import { describe, expect, it, vi } from 'vitest';
import { CALLBACK_SECRET, expectCodedError, listen, SECRET, signedCallback } from '../../../../test/support/index.js';
import { readNodeCallbackBody, writeNodeResponse } from '../adapter.js';
import * as nodeAdapter from '../node/adapter.js';
import { createCallbackRoute } from '../node/adapter.js';
import * as nodeEntry from '../node/index.js';
import type { CallbackBody } from '../public.js';
import * as webAdapter from '../web/adapter.js';
import * as webEntry from '../web/index.js';

// The route is run on both runtimes: node:crypto and Web Crypto (`zego-token` and `zego-token/web`,
// with `zego-token/adapter` under each condition). Reading a Node request is tested on Node (the last block).
const entries = [
  { name: 'zego-token', api: { ...nodeEntry, ...nodeAdapter } },
  { name: 'zego-token/web', api: { ...webEntry, ...webAdapter } },
] as const;

const URL_BASE = 'http://127.0.0.1/zego/callback';

function post(body: string, headers: Record<string, string> = { 'content-type': 'application/json' }, url = URL_BASE) {
  return new Request(url, { method: 'POST', body, headers });
}

describe.each(entries)('$name', ({ api }) => {
  function handlerWith(onCallback: (body: CallbackBody, request: Request) => unknown = () => undefined) {
    const received: CallbackBody[] = [];
    const errors: unknown[] = [];
    const handler = api.createCallbackFetchHandler({
      callbackSecret: CALLBACK_SECRET,
      path: '/zego/callback',
      onCallback: (body, request) => {
        received.push(body);
        return onCallback(body, request);
      },
      onError: (error) => errors.push(error),
    });
    return { handler, received, errors };
  }

  async function errorCode(response: Response): Promise<string> {
    return ((await response.json()) as { error: { code: string } }).error.code;
  }

  describe('createCallbackFetchHandler', () => {
    it.each(['rtc', 'miniGame', 'digitalHuman'] as const)(
      'answers an empty 200 to a signed %s callback and hands over its body and request',
      async (spelling) => {
        const seen: Request[] = [];
        const { handler, received } = handlerWith((_body, request) => void seen.push(request));
        const body = signedCallback({ event: 'room_close', room_id: 'r1' }, { spelling });
        const request = post(JSON.stringify(body));
        const response = await handler(request);
        expect(response.status).toBe(200);
        expect(await response.text()).toBe('');
        expect(response.headers.get('cache-control')).toBe('no-store');
        expect(received).toEqual([body]);
        expect(seen).toEqual([request]);
      },
    );

    it("sends onCallback's return value as the JSON body of the 200", async () => {
      const { handler } = handlerWith(async () => ({ result: 0 }));
      const response = await handler(post(JSON.stringify(signedCallback())));
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(await response.json()).toEqual({ result: 0 });
    });

    it('reads form-encoded callbacks, fields as strings, and JSON sent without a content type', async () => {
      const { handler, received } = handlerWith();
      const signed = signedCallback({ stream_alias: 's1' }) as Record<string, string>;
      const form = new URLSearchParams(signed).toString();
      expect(
        (await handler(post(form, { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }))).status,
      ).toBe(200);
      expect((await handler(new Request(URL_BASE, { method: 'POST', body: JSON.stringify(signed) }))).status).toBe(200);
      expect(received).toEqual([signed, signed]);
    });

    it('answers 401 to a wrong or missing signature and to an expired callback, never calling onCallback', async () => {
      const { handler, received, errors } = handlerWith();
      const forged = signedCallback({ event: 'x' }, { secret: 'not-the-callback-secret' });
      const unsigned = { event: 'x', timestamp: '1', nonce: '2' };
      const old = signedCallback({}, { timestamp: Math.floor(Date.now() / 1000) - 601 });
      expect(await errorCode(await handler(post(JSON.stringify(forged))))).toBe('CALLBACK_SIGNATURE_INVALID');
      expect(await errorCode(await handler(post(JSON.stringify(unsigned))))).toBe('CALLBACK_SIGNATURE_INVALID');
      const expired = await handler(post(JSON.stringify(old)));
      expect(expired.status).toBe(401);
      expect(await errorCode(expired)).toBe('CALLBACK_EXPIRED');
      expect(received).toEqual([]);
      expect(errors.map((error) => (error as { code: string }).code)).toEqual([
        'CALLBACK_SIGNATURE_INVALID',
        'CALLBACK_SIGNATURE_INVALID',
        'CALLBACK_EXPIRED',
      ]);
    });

    it.each([
      ['bad JSON', '{"signature":', { 'content-type': 'application/json' }],
      ['a JSON array', '[1,2]', { 'content-type': 'application/json' }],
      ['a JSON string', '"hello"', { 'content-type': 'application/json' }],
      ['an unsupported type', '<xml/>', { 'content-type': 'application/xml' }],
      ['a compressed body', '{}', { 'content-type': 'application/json', 'content-encoding': 'gzip' }],
      ['an empty body', '', { 'content-type': 'application/json' }],
    ])('answers 400 CALLBACK_BODY_INVALID to %s', async (_name, body, headers) => {
      const { handler, received } = handlerWith();
      const response = await handler(post(body, headers));
      expect(response.status).toBe(400);
      expect(await errorCode(response)).toBe('CALLBACK_BODY_INVALID');
      expect(received).toEqual([]);
    });

    it('answers 400 to a body that is not UTF-8', async () => {
      const { handler } = handlerWith();
      const response = await handler(
        new Request(URL_BASE, { method: 'POST', body: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]) }),
      );
      expect(await errorCode(response)).toBe('CALLBACK_BODY_INVALID');
    });

    it('answers 413 to a body over maxBodyBytes, declared or streamed, without keeping it', async () => {
      const handler = api.createCallbackFetchHandler({
        callbackSecret: CALLBACK_SECRET,
        maxBodyBytes: 1024,
        onCallback: () => undefined,
      });
      const declared = await handler(post('x'.repeat(2048)));
      expect(declared.status).toBe(413);
      expect(await errorCode(declared)).toBe('CALLBACK_BODY_TOO_LARGE');

      let pulled = 0;
      const endless = new ReadableStream<Uint8Array>({
        pull(controller) {
          pulled += 1;
          controller.enqueue(new Uint8Array(256).fill(0x20));
        },
      });
      const streamed = await handler(
        new Request(URL_BASE, { method: 'POST', body: endless, duplex: 'half' } as RequestInit),
      );
      expect(streamed.status).toBe(413);
      expect(pulled).toBeLessThan(10);
      // Exactly at the limit is fine (and then fails on the signature, not the size).
      const atLimit = JSON.stringify({ pad: 'y'.repeat(1024 - 10) });
      expect(new TextEncoder().encode(atLimit).byteLength).toBe(1024);
      expect((await handler(post(atLimit))).status).toBe(401);
    });

    it('answers 405 with Allow: POST to other methods, 404 off its path; without path, anywhere', async () => {
      const { handler, received } = handlerWith();
      const get = await handler(new Request(URL_BASE));
      expect(get.status).toBe(405);
      expect(get.headers.get('allow')).toBe('POST');
      expect((await handler(post(JSON.stringify(signedCallback()), undefined, 'http://127.0.0.1/other'))).status).toBe(
        404,
      );
      const anywhere = api.createCallbackFetchHandler({ callbackSecret: CALLBACK_SECRET, onCallback: () => undefined });
      expect((await anywhere(post(JSON.stringify(signedCallback()), undefined, 'http://127.0.0.1/x/y'))).status).toBe(
        200,
      );
      expect(received).toEqual([]);
    });

    it('answers 413 to a body the host read when its declared Content-Length is over maxBodyBytes', async () => {
      const handler = api.createCallbackHandler<[]>({
        callbackSecret: CALLBACK_SECRET,
        maxBodyBytes: 1024,
        onCallback: () => undefined,
      });
      const parsed = signedCallback();
      const over = await handler.handle(() => ({ parsed, contentLength: '1025' }));
      expect([over.status, JSON.parse(over.body).error.code]).toEqual([413, 'CALLBACK_BODY_TOO_LARGE']);
      const text = await handler.handle(() => ({ text: JSON.stringify(parsed), contentLength: '4096' }));
      expect(text.status).toBe(413);
      for (const contentLength of ['1024', undefined, null]) {
        expect((await handler.handle(() => ({ parsed, contentLength }))).status, String(contentLength)).toBe(200);
      }
    });

    it('drops __proto__, constructor and prototype keys at any depth: JSON, form, or a body a host parsed', async () => {
      const received: CallbackBody[] = [];
      const handler = api.createCallbackHandler<[]>({
        callbackSecret: CALLBACK_SECRET,
        onCallback: (body) => void received.push(body),
      });
      const signed = signedCallback({ event: 'room_close' }) as Record<string, string>;
      const poison = '"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}},"prototype":{"polluted":1}';
      const json = `{${poison},"nested":{${poison},"list":[{${poison},"ok":2}],"ok":1},${JSON.stringify(signed).slice(1)}`;
      const form = `__proto__=1&constructor=2&prototype=3&${new URLSearchParams(signed)}`;
      const inputs = [
        { text: json, contentType: 'application/json' },
        { text: form, contentType: 'application/x-www-form-urlencoded' },
        { parsed: JSON.parse(json) as unknown },
        { parsed: json, contentType: 'application/json' },
      ];
      for (const input of inputs) expect((await handler.handle(() => input)).status).toBe(200);
      const [fromJson, fromForm, fromHost, fromHostText] = received;
      const expected = { ...signed, nested: { list: [{ ok: 2 }], ok: 1 } };
      for (const body of [fromJson, fromHost, fromHostText]) {
        expect(Object.getPrototypeOf(body)).toBe(Object.prototype);
        expect(Object.keys(body as object).sort()).toEqual(Object.keys(expected).sort());
        expect(JSON.stringify(body)).not.toMatch(/__proto__|constructor|prototype/);
        expect(body).toEqual(expected);
      }
      expect(Object.keys(fromForm as object).sort()).toEqual(Object.keys(signed).sort());
      // What a handler commonly does with a body pollutes nothing.
      for (const body of received) Object.assign({}, body, JSON.parse(JSON.stringify(body)));
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });

    it("rejects with the host's error when onCallback fails, after onError, so the host answers 5xx", async () => {
      const failure = new Error('database down');
      const { handler, errors } = handlerWith(() => Promise.reject(failure));
      await expect(handler(post(JSON.stringify(signedCallback())))).rejects.toBe(failure);
      expect(errors).toEqual([failure]);
    });

    it('ignores what onError throws', async () => {
      const handler = api.createCallbackFetchHandler({
        callbackSecret: CALLBACK_SECRET,
        onCallback: () => undefined,
        onError: () => {
          throw new Error('logger broke');
        },
      });
      expect((await handler(post('{"x":1}'))).status).toBe(401);
    });

    it('never puts the CallbackSecret in a response or an error', async () => {
      const secret = 'callback-secret-that-must-not-leak';
      const seen: string[] = [];
      const handler = api.createCallbackFetchHandler({
        callbackSecret: secret,
        onCallback: () => undefined,
        onError: (error) => seen.push(String(error), JSON.stringify(error)),
      });
      const bodies = [
        JSON.stringify(signedCallback({}, { secret: 'wrong' })),
        JSON.stringify(signedCallback({}, { secret, timestamp: 1 })),
        '{',
        'x'.repeat(70_000),
      ];
      for (const body of bodies) {
        const response = await handler(post(body));
        seen.push(await response.text(), JSON.stringify([...response.headers]));
      }
      expect(seen.join('\n')).not.toContain(secret);
    });
  });

  describe('idempotency', () => {
    /** A handler with `idempotency`, recording what onCallback was given; `fail` makes the next call throw. */
    function deduplicating(idempotency: unknown, extra: { toleranceSeconds?: number; now?: () => number } = {}) {
      const received: CallbackBody[] = [];
      const duplicates: CallbackBody[] = [];
      const errors: unknown[] = [];
      let failures = 0;
      const handler = api.createCallbackHandler<[]>({
        callbackSecret: CALLBACK_SECRET,
        ...extra,
        idempotency:
          typeof idempotency === 'object' && idempotency !== null
            ? { onDuplicate: (body: CallbackBody) => void duplicates.push(body), ...idempotency }
            : (idempotency as never),
        onCallback: (body) => {
          if (failures > 0) {
            failures -= 1;
            throw new Error('database down');
          }
          received.push(body);
          return { handled: received.length };
        },
        onError: (error) => errors.push(error),
      });
      const send = (body: unknown) => handler.handle(() => ({ text: JSON.stringify(body) }));
      const failNext = () => {
        failures += 1;
      };
      return { handler, send, received, duplicates, errors, failNext };
    }
    const byReportId = { eventId: (body: CallbackBody) => body.ReportId as string | undefined };

    it('handles a replayed capture once, whatever unsigned fields it edits', async () => {
      const { send, received, duplicates } = deduplicating(byReportId);
      const captured = signedCallback({ event: 'room_close', room_id: 'r1', ReportId: 'report-1' });
      expect((await send(captured)).body).toBe('{"handled":1}');
      const replays = [
        captured,
        { ...captured, ReportId: 'report-2' },
        { ...captured, event: 'room_create', room_id: 'r2' },
        { ...captured, extra: 'field', ReportId: 'report-3' },
        { ...captured, signature: String(captured.signature).toUpperCase() },
        Object.fromEntries(Object.entries(captured).filter(([key]) => key !== 'ReportId')),
      ];
      for (const replay of replays) {
        const response = await send(replay);
        // A duplicate is answered 200 (ZEGO stops) with an empty body: onCallback's answer is not replayed.
        expect([response.status, response.body]).toEqual([200, '']);
      }
      expect(received).toEqual([captured]);
      expect(duplicates).toHaveLength(replays.length);
    });

    it('does not drop a genuine report whose ID a replayed capture was edited to claim', async () => {
      const { send, received } = deduplicating(byReportId);
      const captured = signedCallback({ MiniGameId: 'g', ReportId: 'report-1' }, { spelling: 'miniGame' });
      await send(captured);
      await send({ ...captured, ReportId: 'report-2' });
      const genuine = signedCallback({ MiniGameId: 'g', ReportId: 'report-2' }, { spelling: 'miniGame' });
      expect((await send(genuine)).body).toBe('{"handled":2}');
      expect(received).toEqual([captured, genuine]);
    });

    it('treats a re-signed retry of an event already handled as a duplicate', async () => {
      const { send, received } = deduplicating(byReportId);
      const first = signedCallback({ ReportId: 'report-1' });
      const resigned = signedCallback({ ReportId: 'report-1' });
      await send(first);
      expect((await send(resigned)).body).toBe('');
      // Without an event ID, each fresh signature is a new delivery.
      await send(signedCallback({ event: 'a' }));
      await send(signedCallback({ event: 'a' }));
      expect(received.map((body) => body.ReportId ?? body.event)).toEqual(['report-1', 'a', 'a']);
    });

    it("releases the keys when onCallback fails, so ZEGO's retry is handled, once", async () => {
      const { send, received, failNext, errors } = deduplicating(byReportId);
      const body = signedCallback({ ReportId: 'report-1' });
      failNext();
      await expect(send(body)).rejects.toThrow('database down');
      expect((await send(body)).body).toBe('{"handled":1}');
      expect((await send(body)).body).toBe('');
      // A retry ZEGO signed afresh is let through too.
      const other = signedCallback({ ReportId: 'report-2' });
      failNext();
      await expect(send(other)).rejects.toThrow('database down');
      await send(signedCallback({ ReportId: 'report-2' }));
      expect(received.map((got) => got.ReportId)).toEqual(['report-1', 'report-2']);
      expect(errors.map((error) => (error as Error).message)).toEqual(['database down', 'database down']);
    });

    it('keeps keys for twice the tolerance (and the second the clock rounds to), then forgets them', async () => {
      let clock = 0;
      const claims: Array<[string, number]> = [];
      const memory = deduplicating(true, { toleranceSeconds: 10, now: () => clock });
      const recording = deduplicating(
        {
          store: {
            claim: (key: string, ttlMs: number) => {
              claims.push([key, ttlMs]);
              return true;
            },
            release: () => undefined,
          },
        },
        { toleranceSeconds: 10, now: () => clock },
      );
      const timestamp = 1_700_000_000;
      const body = signedCallback({ event: 'x' }, { timestamp });
      // First delivered at the earliest moment it verifies, replayed at the last: still a duplicate.
      clock = (timestamp - 10) * 1000;
      await memory.send(body);
      await recording.send(body);
      clock = (timestamp + 10) * 1000 + 999;
      expect((await memory.send(body)).status).toBe(200);
      expect(memory.received).toHaveLength(1);
      // A moment later it no longer verifies, and its key is gone.
      clock += 1;
      const expired = await memory.send(body);
      expect([expired.status, JSON.parse(expired.body).error.code]).toEqual([401, 'CALLBACK_EXPIRED']);
      expect(claims).toEqual([[`signature:${body.signature}`, 21_000]]);
    });

    it('answers 5xx (rejects) when the store fails, after onError, and handles the retry', async () => {
      let down = true;
      const keys = new Set<string>();
      const { send, received, errors } = deduplicating({
        store: {
          claim: async (key: string) => {
            if (down) throw new Error('redis down');
            const first = !keys.has(key);
            keys.add(key);
            return first;
          },
          release: async (key: string) => void keys.delete(key),
        },
      });
      const body = signedCallback();
      await expect(send(body)).rejects.toThrow('redis down');
      down = false;
      await send(body);
      await send(body);
      expect(received).toEqual([body]);
      expect(errors.map((error) => (error as Error).message)).toEqual(['redis down']);
    });

    it('checks the option at construction (the fetch handler: at its first request), naming it', async () => {
      const base = { callbackSecret: CALLBACK_SECRET, onCallback: () => undefined };
      const cases: Array<[unknown, RegExp]> = [
        ['yes', /`idempotency` must be true, false or/],
        [{ store: {} }, /`idempotency\.store` must be an object with claim/],
        [{ store: { claim: () => true } }, /`idempotency\.store`/],
        [{ eventId: 'ReportId' }, /`idempotency\.eventId` must be a function/],
        [{ onDuplicate: 1 }, /`idempotency\.onDuplicate` must be a function/],
        [{ ttl: 1 }, /ttl/],
      ];
      for (const [idempotency, message] of cases) {
        for (const create of [api.createCallbackRoute, api.createCallbackHandler]) {
          expectCodedError(() => create({ ...base, idempotency } as never), 'OPTION_INVALID');
          expect(() => create({ ...base, idempotency } as never)).toThrow(message);
        }
        const errors: unknown[] = [];
        const handler = api.createCallbackFetchHandler({
          ...base,
          idempotency,
          onError: (error: unknown) => errors.push(error),
        } as never);
        const response = await handler(new Request('http://localhost/zego/callback', { method: 'POST', body: '{}' }));
        expect(response.status).toBe(500);
        expect(((await response.json()) as { error: { code: string } }).error.code).toBe('OPTION_INVALID');
        expect(String(errors[0])).toMatch(message);
      }
      for (const idempotency of [true, false, undefined, {}, byReportId]) {
        expect(() => api.createCallbackFetchHandler({ ...base, idempotency })).not.toThrow();
      }
    });
  });

  describe('createCallbackRoute and createCallbackHandler options', () => {
    it('fails at construction, naming the option', () => {
      const base = { callbackSecret: CALLBACK_SECRET, onCallback: () => undefined };
      expectCodedError(() => api.createCallbackRoute({ callbackSecret: CALLBACK_SECRET } as never), 'OPTION_INVALID');
      expect(() => api.createCallbackRoute({ ...base, maxBodyBytes: 0 })).toThrow(/maxBodyBytes/);
      expect(() => api.createCallbackRoute({ ...base, toleranceSeconds: -1 })).toThrow(/toleranceSeconds/);
      expect(() => api.createCallbackRoute({ ...base, path: 'zego/callback' })).toThrow(/path/);
      expect(() => api.createCallbackRoute({ ...base, secret: 'x' } as never)).toThrow(/did you mean `callbackSecret`/);
      expect(() => api.createCallbackHandler({ ...base, path: '/x' } as never)).toThrow(/path/);
      expect(() => api.createCallbackRoute({ ...base, callbackSecret: '' })).toThrow(/callbackSecret/);
    });

    it('reads ZEGO_CALLBACK_SECRET once when callbackSecret is not given', async () => {
      vi.stubEnv('ZEGO_CALLBACK_SECRET', CALLBACK_SECRET);
      try {
        const handler = api.createCallbackFetchHandler({ onCallback: () => undefined });
        expect((await handler(post(JSON.stringify(signedCallback())))).status).toBe(200);
        vi.stubEnv('ZEGO_CALLBACK_SECRET', SECRET);
        expect((await handler(post(JSON.stringify(signedCallback())))).status).toBe(200);
        vi.stubEnv('ZEGO_CALLBACK_SECRET', '');
        expect(() => api.createCallbackRoute({ onCallback: () => undefined })).toThrow(/ZEGO_CALLBACK_SECRET/);
      } finally {
        vi.unstubAllEnvs();
      }
    });

    it('shows its configuration without the secret', () => {
      const route = api.createCallbackRoute({ callbackSecret: CALLBACK_SECRET, onCallback: () => undefined });
      expect(route.config).toEqual({ path: '/zego/callback', maxBodyBytes: 65_536, toleranceSeconds: 600 });
      const handler = api.createCallbackHandler({ callbackSecret: CALLBACK_SECRET, onCallback: () => undefined });
      expect(handler.config).toEqual({ maxBodyBytes: 65_536, toleranceSeconds: 600 });
      expect(JSON.stringify([route, handler])).not.toContain(CALLBACK_SECRET);
    });
  });
});

describe('readNodeCallbackBody over a real socket', () => {
  async function serve(maxBodyBytes: number) {
    const route = createCallbackRoute<[]>({
      callbackSecret: CALLBACK_SECRET,
      maxBodyBytes,
      onCallback: () => ({ ok: 1 }),
    });
    return listen((req, res) => {
      route
        .handle(req.method ?? 'GET', req.url ?? '/', () => readNodeCallbackBody(req, maxBodyBytes))
        ?.then(
          (result) => writeNodeResponse(res, result),
          () => {
            res.statusCode = 500;
            res.end();
          },
        );
    });
  }

  it('reads a JSON body and answers it', async () => {
    const { url } = await serve(4096);
    const response = await fetch(`${url}/zego/callback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(signedCallback({ event: 'e' })),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: 1 });
  });

  it('answers 413 to a chunked body that grows past the limit, and the server keeps serving', async () => {
    const { url } = await serve(4096);
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(`${url}/zego/callback`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
        req.destroy();
      });
      req.on('error', reject);
      for (let i = 0; i < 8; i += 1) req.write('x'.repeat(1024));
    });
    expect(status).toBe(413);
    const after = await fetch(`${url}/zego/callback`, { method: 'POST', body: JSON.stringify(signedCallback()) });
    expect(after.status).toBe(200);
  });
});
