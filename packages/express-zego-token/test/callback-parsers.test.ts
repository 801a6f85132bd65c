// The callback route behind an Express body parser that leaves text or bytes (`express.text()`,
// `express.raw()`): the route parses them by the request's content type, so a form-encoded callback is
// still a form (it was re-parsed as JSON, a 400, before), and JSON still JSON. Real apps over supertest.
import type * as ExpressTypes from 'express';
import { zegoCallback, zegoCallbackHandler } from 'express-zego-token';
import express4 from 'express4';
import express5 from 'express5';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { CallbackBody } from 'zego-token';
import { CALLBACK_SECRET, listen, signedCallback } from '../../../test/support/index.js';

type ExpressFactory = (() => ExpressTypes.Express) & Pick<typeof ExpressTypes, 'json' | 'raw' | 'text'>;

const hosts = [
  ['Express 4', express4 as unknown as ExpressFactory],
  ['Express 5', express5 as unknown as ExpressFactory],
] as const;

describe.each(hosts)('%s', (_name, express) => {
  const parsers = [
    ["express.raw({ type: '*/*' })", () => express.raw({ type: '*/*' })],
    ["express.text({ type: '*/*' })", () => express.text({ type: '*/*' })],
  ] as const;

  it.each(parsers)(
    'answers 200 to signed form and JSON callbacks behind %s, middleware or handler',
    async (_label, parser) => {
      const received: CallbackBody[] = [];
      const onCallback = (body: CallbackBody) => void received.push(body);
      const app = express();
      app.use(parser());
      app.use(zegoCallback({ callbackSecret: CALLBACK_SECRET, onCallback }));
      app.post('/hooks/zego', zegoCallbackHandler({ callbackSecret: CALLBACK_SECRET, onCallback }));
      const { url } = await listen(app);
      const form = signedCallback({ event: 'stream_create', stream_id: 's1' }) as Record<string, string>;
      const json = signedCallback({ event: 'room_close', room_id: 'r1', seq: 7 });
      for (const path of ['/zego/callback', '/hooks/zego']) {
        const formResponse = await request(url).post(path).type('form').send(new URLSearchParams(form).toString());
        expect([formResponse.status, formResponse.text], path).toEqual([200, '']);
        const jsonResponse = await request(url)
          .post(path)
          .set('content-type', 'application/json')
          .send(JSON.stringify(json));
        expect([jsonResponse.status, jsonResponse.text], path).toEqual([200, '']);
        const forged = signedCallback({ event: 'x' }, { secret: 'not-the-callback-secret' }) as Record<string, string>;
        const forgedResponse = await request(url).post(path).type('form').send(new URLSearchParams(forged).toString());
        expect(forgedResponse.status, path).toBe(401);
      }
      expect(received).toEqual([form, json, form, json]);
    },
  );

  it('drops __proto__, constructor and prototype keys from a body express.json() parsed', async () => {
    const received: CallbackBody[] = [];
    const app = express();
    app.use(express.json());
    app.use(zegoCallback({ callbackSecret: CALLBACK_SECRET, onCallback: (body) => void received.push(body) }));
    const { url } = await listen(app);
    const signed = signedCallback({ event: 'room_close' });
    const text = `{"__proto__":{"x":1},"constructor":{"prototype":{"x":1}},${JSON.stringify(signed).slice(1)}`;
    const response = await request(url).post('/zego/callback').set('content-type', 'application/json').send(text);
    expect(response.status).toBe(200);
    expect(received).toHaveLength(1);
    const [body] = received as [CallbackBody];
    expect(Object.keys(body).sort()).toEqual(Object.keys(signed).sort());
    expect(Object.getPrototypeOf(body)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});
