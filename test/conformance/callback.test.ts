// One conformance suite for the callback route, every host: ZEGO's callbacks are received the same way
// by every adapter (and the core's fetch handler), over real sockets. Each test starts the hosts it
// needs and stands alone (run any one with -t); test/support closes them afterwards.
import { request as httpRequest } from 'node:http';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { CallbackBody } from 'zego-token';
import { CALLBACK_SECRET, expectCoded, signedCallback } from '../support/index.js';
import {
  type CallbackHostSetup,
  type CallbackRequestView,
  type CallbackRouteSetup,
  type CallbackServerImpl,
  callbackServerImpls,
  HOST_ERROR_BODY,
  HOST_NOT_FOUND_BODY,
  HOST_ROUTE_BODY,
} from './servers.js';

const PATH = '/zego/callback';

/** Every response in this file passes through here: neither its body nor its headers hold the secret. */
function checked(response: request.Response): request.Response {
  expect(response.text ?? '').not.toContain(CALLBACK_SECRET);
  expect(JSON.stringify(response.headers)).not.toContain(CALLBACK_SECRET);
  return response;
}

/** A host whose route records what `onCallback` and `onError` were given. */
async function recording(
  impl: CallbackServerImpl,
  setup: Omit<CallbackHostSetup, 'callback'> & { callback?: Partial<CallbackRouteSetup> } = {},
) {
  const received: Array<[CallbackBody, CallbackRequestView]> = [];
  const errors: unknown[] = [];
  const { callback, ...rest } = setup;
  const listening = await impl.start({
    ...rest,
    callback: {
      callbackSecret: CALLBACK_SECRET,
      ...callback,
      onCallback: (body, view) => {
        received.push([body, view]);
        return callback?.onCallback?.(body, view);
      },
      onError: (error, view) => {
        errors.push(error);
        callback?.onError?.(error, view);
      },
    },
  });
  return { url: listening.url, received, errors, bodies: () => received.map(([body]) => body) };
}

function postJson(url: string, body: unknown, path = PATH) {
  return request(url).post(path).set('content-type', 'application/json').send(JSON.stringify(body));
}

function errorCode(response: request.Response): unknown {
  return (response.body as { error?: { code?: unknown } }).error?.code;
}

/** POSTs `chunks` with `Transfer-Encoding: chunked` (no Content-Length), as a streaming client would. */
function postChunked(url: string, chunks: readonly string[]): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${url}${PATH}`, { method: 'POST', headers: { 'content-type': 'application/json' } });
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    // The server may answer 413 and close before the last chunk is written.
    req.on('error', (error) => (req.writableFinished ? undefined : reject(error)));
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

describe.each(callbackServerImpls.map((impl) => [impl.name, impl] as const))('%s', (_name, impl) => {
  it.each(['rtc', 'miniGame', 'digitalHuman'] as const)(
    "answers an empty 200 to a signed %s callback, handing onCallback the body and the framework's request",
    async (spelling) => {
      const { url, received } = await recording(impl);
      const body = signedCallback({ event: 'room_close', room_id: 'r1', seq: 7 }, { spelling });
      const response = checked(await postJson(url, body).set('x-probe', 'p1'));
      expect(response.status).toBe(200);
      expect(response.text).toBe('');
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.headers['content-type']).toBeUndefined();
      expect(received).toHaveLength(1);
      const [got, view] = received[0] as [CallbackBody, CallbackRequestView];
      expect(got).toEqual(body);
      expect(view.headers['x-probe']).toBe('p1');
      expect(view.args).toBe(impl.callbackArgs);
    },
  );

  it("sends onCallback's return value as the JSON body of the 200", async () => {
    const { url } = await recording(impl, {
      callback: {
        onCallback: async (body) => ({ code: 0, echoed: body.event }),
      },
    });
    const response = checked(await postJson(url, signedCallback({ event: 'game_end' })));
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.body).toEqual({ code: 0, echoed: 'game_end' });
  });

  it('accepts a form-encoded callback, its fields as strings', async () => {
    const { url, bodies } = await recording(impl);
    const body = signedCallback({ event: 'stream_create', stream_id: 's1' }) as Record<string, string>;
    const response = checked(await request(url).post(PATH).type('form').send(new URLSearchParams(body).toString()));
    expect(response.status).toBe(200);
    expect(bodies()).toEqual([body]);
  });

  it('answers 401 to a wrong or missing signature and to an expired callback, never calling onCallback', async () => {
    const { url, received, errors } = await recording(impl);
    const cases: Array<[unknown, string]> = [
      [signedCallback({ event: 'x' }, { secret: 'not-the-callback-secret' }), 'CALLBACK_SIGNATURE_INVALID'],
      [{ event: 'x', timestamp: String(Math.floor(Date.now() / 1000)), nonce: '2' }, 'CALLBACK_SIGNATURE_INVALID'],
      [{ ...signedCallback({ event: 'x' }), signature: 123 }, 'CALLBACK_SIGNATURE_INVALID'],
      [signedCallback({}, { timestamp: Math.floor(Date.now() / 1000) - 601 }), 'CALLBACK_EXPIRED'],
    ];
    for (const [body, code] of cases) {
      const response = checked(await postJson(url, body));
      expect(response.status, code).toBe(401);
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.body).toEqual({ error: { code, message: expect.any(String) } });
    }
    expect(received).toEqual([]);
    expect(errors.map((error) => (error as { code?: unknown }).code)).toEqual(cases.map(([, code]) => code));
  });

  it('answers 400 CALLBACK_BODY_INVALID to bodies that are not a JSON object or form, and keeps serving', async () => {
    const { url, bodies } = await recording(impl);
    const hostile: Array<[string, string, string]> = [
      ['bad JSON', 'application/json', '{"signature":'],
      ['a JSON array', 'application/json', '[1,2,3]'],
      ['a JSON number', 'application/json', '42'],
      ['an empty body', 'application/json', ''],
      ['an unsupported content type', 'application/xml', '<callback/>'],
    ];
    for (const [label, type, text] of hostile) {
      const response = checked(await request(url).post(PATH).set('content-type', type).send(text));
      if (impl.platformParser && label !== 'a JSON array') {
        // The platform's body parser answers first (docs/nestjs.md): a 4xx of the host's, never the route's 200.
        expect(response.status, label).toBeGreaterThanOrEqual(400);
        expect(response.status, label).toBeLessThan(500);
        continue;
      }
      expect(response.status, label).toBe(400);
      expect(errorCode(response), label).toBe('CALLBACK_BODY_INVALID');
    }
    expect(bodies()).toEqual([]);
    expect(checked(await postJson(url, signedCallback())).status).toBe(200);
  });

  it('answers 413 CALLBACK_BODY_TOO_LARGE to a body over maxBodyBytes, declared or chunked, and keeps serving', async () => {
    const { url, bodies } = await recording(impl, { callback: { maxBodyBytes: 1024 } });
    // Valid JSON, so that a platform's parser (NestJS's) does not refuse it first.
    const large = JSON.stringify(signedCallback({ padding: 'x'.repeat(8 * 1024) }));
    const declared = checked(await request(url).post(PATH).set('content-type', 'application/json').send(large));
    expect(declared.status).toBe(413);
    expect(errorCode(declared)).toBe('CALLBACK_BODY_TOO_LARGE');
    const chunked = await postChunked(url, [large.slice(0, 4096), large.slice(4096)]);
    if (impl.platformParser) {
      // Without a Content-Length, the platform's parser read it within its own limit (docs/nestjs.md)…
      expect(chunked.status).toBe(200);
      // …and refuses one over that limit (body-parser's 100 KiB, Fastify's 1 MiB) with a 413 of its own.
      const huge = await postChunked(url, [JSON.stringify({ padding: 'x'.repeat(2 * 1024 * 1024) })]);
      expect(huge.status).toBe(413);
    } else {
      expect(chunked.status).toBe(413);
      expect(JSON.parse(chunked.body)).toMatchObject({ error: { code: 'CALLBACK_BODY_TOO_LARGE' } });
    }
    const accepted = impl.platformParser ? [JSON.parse(large)] : [];
    expect(bodies()).toEqual(accepted);
    const small = signedCallback({ event: 'after' });
    expect(checked(await postJson(url, small)).status).toBe(200);
    expect(bodies()).toEqual([...accepted, small]);
  });

  it("hands onCallback's failure to the host's error handling (a 5xx, so ZEGO retries), after onError", async () => {
    const events: string[] = [];
    const { url } = await recording(impl, {
      callback: {
        onCallback: async () => {
          events.push('onCallback');
          throw new Error('database down');
        },
        onError: (error) => events.push(`onError ${(error as Error).message}`),
      },
    });
    const response = checked(await postJson(url, signedCallback()));
    expect(response.status).toBe(500);
    expect(response.body).toEqual(HOST_ERROR_BODY);
    expect(events).toEqual(['onCallback', 'onError database down']);
  });

  if (!impl.middleware || impl.name.startsWith('NestJS')) {
    // NestJS's platforms always parse the body, so that case is every other test's.
  } else {
    it("uses the body a host's parser mounted before the route already read, JSON or form", async () => {
      const { url, bodies } = await recording(impl, { hostParser: true, callback: { maxBodyBytes: 1024 } });
      const json = signedCallback({ event: 'json' });
      const form = signedCallback({ event: 'form' }) as Record<string, string>;
      expect(checked(await postJson(url, json)).status).toBe(200);
      expect(
        checked(await request(url).post(PATH).type('form').send(new URLSearchParams(form).toString())).status,
      ).toBe(200);
      const forged = signedCallback({ event: 'forged' }, { secret: 'wrong' });
      expect(checked(await postJson(url, forged)).status).toBe(401);
      // A type the host's parsers skip is still read, and refused, by the route.
      const xml = checked(await request(url).post(PATH).set('content-type', 'application/xml').send('<x/>'));
      expect([xml.status, errorCode(xml)]).toEqual([400, 'CALLBACK_BODY_INVALID']);
      // A body the host's parser read (within its own limit) whose declared length is over maxBodyBytes.
      const large = postJson(url, signedCallback({ padding: 'x'.repeat(8 * 1024) }));
      expect(errorCode(checked(await large))).toBe('CALLBACK_BODY_TOO_LARGE');
      expect(bodies()).toEqual([json, form]);
    });
  }

  it('takes idempotency: a replayed capture, edited or not, is answered 200 without reaching onCallback', async () => {
    const { url, bodies } = await recording(impl, {
      callback: { idempotency: { eventId: (body) => body.ReportId as string | undefined } },
    });
    const captured = signedCallback({ event: 'game_end', ReportId: 'report-1' });
    for (const body of [captured, captured, { ...captured, ReportId: 'report-2' }, { ...captured, event: 'x' }]) {
      const response = checked(await postJson(url, body));
      expect([response.status, response.text]).toEqual([200, '']);
    }
    // The report the replay named, signed by ZEGO, is not dropped; ZEGO re-signing the first is a duplicate.
    const genuine = signedCallback({ event: 'game_end', ReportId: 'report-2' });
    expect(checked(await postJson(url, genuine)).status).toBe(200);
    expect(checked(await postJson(url, signedCallback({ event: 'game_end', ReportId: 'report-1' }))).status).toBe(200);
    expect(bodies()).toEqual([captured, genuine]);
  });

  it('answers 405 with Allow: POST to other methods on its path', async () => {
    const { url, received } = await recording(impl);
    for (const method of ['get', 'put', 'delete'] as const) {
      const response = checked(await request(url)[method](PATH));
      expect(response.status, method).toBe(405);
      expect(response.headers.allow, method).toBe('POST');
      expect(errorCode(response), method).toBe('METHOD_NOT_ALLOWED');
    }
    expect(received).toEqual([]);
  });

  if (impl.middleware) {
    it('passes every other path on to the host, and honours the mount path', async () => {
      const { url } = await recording(impl);
      expect(checked(await request(url).get('/host/route')).body).toEqual(HOST_ROUTE_BODY);
      expect(checked(await request(url).post('/zego/callback/extra')).body).toEqual(HOST_NOT_FOUND_BODY);

      const mounted = await recording(impl, { mountPath: '/hooks', callback: { path: '/zego' } });
      const body = signedCallback({ event: 'mounted' });
      expect(checked(await postJson(mounted.url, body, '/hooks/zego')).status).toBe(200);
      expect(checked(await postJson(mounted.url, body, '/zego')).body).toEqual(HOST_NOT_FOUND_BODY);
      expect(checked(await request(mounted.url).get('/hooks/zego')).status).toBe(405);
      expect(mounted.bodies()).toEqual([body]);
    });

    it("works as a plain handler on the host's own route", async () => {
      const { url, bodies } = await recording(impl, { handlerRoute: '/hooks/zego' });
      const body = signedCallback({ event: 'own route' });
      expect(checked(await postJson(url, body, '/hooks/zego')).status).toBe(200);
      expect(checked(await postJson(url, signedCallback({}, { secret: 'x' }), '/hooks/zego')).status).toBe(401);
      expect(checked(await postJson(url, body)).body).toEqual(HOST_NOT_FOUND_BODY);
      expect(bodies()).toEqual([body]);
    });
  } else {
    it('answers 404 NOT_FOUND for any other path', async () => {
      const { url } = await recording(impl);
      const response = checked(await postJson(url, signedCallback(), '/elsewhere'));
      expect(response.status).toBe(404);
      expect(errorCode(response)).toBe('NOT_FOUND');
    });
  }

  it('never puts the CallbackSecret in a response or in what onError receives', async () => {
    const { url, errors } = await recording(impl);
    const statuses = new Set<number>();
    const exchanges = [
      postJson(url, signedCallback()),
      postJson(url, signedCallback({}, { secret: 'wrong' })),
      postJson(url, signedCallback({}, { timestamp: 1 })),
      request(url).post(PATH).set('content-type', 'application/json').send('[]'),
      request(url).get(PATH),
    ];
    for (const exchange of exchanges) statuses.add(checked(await exchange).status);
    expect([...statuses].sort()).toEqual([200, 400, 401, 405]);
    expect(errors.length).toBe(3);
    for (const error of errors) {
      const text = `${String(error)} ${JSON.stringify(error)} ${(error as Error).stack ?? ''}`;
      expect(text).not.toContain(CALLBACK_SECRET);
      expectCoded(error, (error as { code: string }).code);
    }
  });
});
