// Typed callback events through the callback routes (issue 20): 64-bit IDs sent as bare JSON numbers
// arrive exact, from the body's text, in both entries, through the fetch handler and an Express app;
// `events: true` hands `onCallback` the typed event; hostile bodies are refused, not crashed on.

import { zegoCallback } from 'express-zego-token';
import express5 from 'express5';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import * as nodeEntry from 'zego-token';
import * as webEntry from 'zego-token/web';
import { CALLBACK_EXAMPLES } from '../packages/zego-token/src/callback/events/examples.js';
import { parseZegoCallback as parseFromSource } from '../packages/zego-token/src/callback/events/parse.js';
import { CALLBACK_SECRET, signedCallback } from './support/index.js';

const entries = [
  { name: 'zego-token', api: nodeEntry },
  { name: 'zego-token/web', api: webEntry },
] as const;

/**
 * ZEGO's documented `room_create` body, as its page shows it (the bare `room_session_id` is beyond 2^53:
 * `JSON.parse` rounds it to 858012925204410400 → 858012925204410368).
 * Source: ZEGOCLOUD/docs_all core_products/real-time-voice-video/en/server/callback/room/created.mdx
 */
const ROOM_CREATE = `{
    "event": "room_create",
    "appid": 1,
    "timestamp": 1499676978,
    "nonce": "350176",
    "signature": "signature",
    "room_id": "rid_1242649",
    "room_session_id": 858012925204410400,
    "room_create_time": "1499676978027",
    "id_name": "id123"
}`;
const EXACT_ID = '858012925204410400';
/** What `JSON.parse` makes of it: the nearest double. */
const ROUNDED = Number(EXACT_ID);

/** The documented text with a fresh, valid signature, its 64-bit number left bare. */
function signedText(text = ROOM_CREATE): string {
  const { signature, timestamp, nonce } = signedCallback() as Record<string, string>;
  return text
    .replace('"timestamp": 1499676978', `"timestamp": ${timestamp}`)
    .replace('"nonce": "350176"', `"nonce": "${nonce}"`)
    .replace('"signature": "signature"', `"signature": "${signature}"`);
}

function post(body: string): Request {
  return new Request('http://127.0.0.1/zego/callback', {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json' },
  });
}

describe.each(entries)('$name', ({ api }) => {
  // The product modules' tests pin each documented example to its hand-written typed value from the source;
  // here each built entry must give exactly that value (raw fields included) for every example.
  it.each(CALLBACK_EXAMPLES.map((example) => [example.product, example.event, example.source, example] as const))(
    'parses the documented %s %s example (%s) to its typed value',
    (_product, _event, _source, example) => {
      const body =
        example.contentType === 'application/json'
          ? example.text
          : Object.fromEntries(new URLSearchParams(example.text));
      expect(api.parseZegoCallback(body)).toStrictEqual(parseFromSource(body));
    },
  );

  it("parseZegoCallback(text) keeps room_create's bare 64-bit room_session_id exact", () => {
    expect(JSON.parse(ROOM_CREATE).room_session_id).toBe(ROUNDED);
    const event = api.parseZegoCallback(ROOM_CREATE);
    expect(event.raw.room_session_id).toBe(EXACT_ID);
    expect(event.raw.appid).toBe(1);
  });

  it('the fetch handler hands onCallback the exact ID: in the body, and with events: true in the typed event', async () => {
    const bodies: unknown[] = [];
    const plain = api.createCallbackFetchHandler({
      callbackSecret: CALLBACK_SECRET,
      onCallback: (body) => void bodies.push(body),
    });
    const events: nodeEntry.ZegoCallbackEvent[] = [];
    const typed = api.createCallbackFetchHandler({
      callbackSecret: CALLBACK_SECRET,
      events: true,
      onCallback: (event) => void events.push(event),
    });
    expect((await plain(post(signedText()))).status).toBe(200);
    expect((await typed(post(signedText()))).status).toBe(200);
    expect((bodies[0] as Record<string, unknown>).room_session_id).toBe(EXACT_ID);
    expect(events).toHaveLength(1);
    const [event] = events;
    expect(event?.raw.room_session_id).toBe(EXACT_ID);
    expect(event).toMatchObject({ product: 'rtc', event: 'room_create', roomSessionId: EXACT_ID });
  });

  it('with events: true, an unknown event arrives typed unknown; idempotency.eventId still gets the raw body', async () => {
    const seenByEventId: unknown[] = [];
    const events: nodeEntry.ZegoCallbackEvent[] = [];
    const handler = api.createCallbackFetchHandler({
      callbackSecret: CALLBACK_SECRET,
      events: true,
      idempotency: {
        eventId: (body) => {
          seenByEventId.push(body);
          return String(body.event_id);
        },
      },
      onCallback: (event) => void events.push(event),
    });
    const body = signedCallback({ event: 'not_a_zego_event', event_id: 'e-1', n: 7 });
    expect((await handler(post(JSON.stringify(body)))).status).toBe(200);
    expect(events).toEqual([{ product: 'unknown', event: 'not_a_zego_event', raw: body }]);
    expect(seenByEventId).toEqual([body]);
  });

  it('with events: true, answers 400 CALLBACK_EVENT_INVALID to a documented event with a mistyped field, to onError', async () => {
    const errors: unknown[] = [];
    const events: nodeEntry.ZegoCallbackEvent[] = [];
    const handler = api.createCallbackFetchHandler({
      callbackSecret: CALLBACK_SECRET,
      events: true,
      onCallback: (event) => void events.push(event),
      onError: (error) => void errors.push(error),
    });
    const body = signedCallback({ event: 'room_login', room_id: 'r1', login_time: 'soon' });
    const response = await handler(post(JSON.stringify(body)));
    expect(response.status).toBe(400);
    const answer = (await response.json()) as { error: { code: string; message: string } };
    expect(answer.error.code).toBe('CALLBACK_EVENT_INVALID');
    expect(events).toEqual([]);
    expect(errors).toHaveLength(1);
    expect(nodeEntry.isZegoTokenError(errors[0]) && errors[0].code).toBe('CALLBACK_EVENT_INVALID');
  });

  it('refuses a bad events option, naming it', async () => {
    const handler = api.createCallbackFetchHandler({
      callbackSecret: CALLBACK_SECRET,
      // @ts-expect-error: events is true or false
      events: 'typed',
      onCallback: () => undefined,
    });
    const response = await handler(post(signedText()));
    expect(response.status).toBe(500);
    expect(await response.text()).toContain('OPTION_INVALID');
  });

  it('answers 400, without crashing or hanging, to deep nesting and to 64 KiB of digits', async () => {
    const errors: unknown[] = [];
    const handler = api.createCallbackFetchHandler({
      callbackSecret: CALLBACK_SECRET,
      maxBodyBytes: 1 << 20,
      events: true,
      onCallback: () => undefined,
      onError: (error) => void errors.push(error),
    });
    const depth = 200_000;
    // A 16-digit run sends the text down the lossless path, which recurses.
    const deep = `{"id":1234567890123456789,"a":${'['.repeat(depth)}${']'.repeat(depth)}}`;
    const started = Date.now();
    const nested = await handler(post(deep));
    expect(nested.status).toBe(400);
    expect(await nested.text()).toContain('CALLBACK_BODY_INVALID');
    const digits = await handler(post(signedText().replace(EXACT_ID, '9'.repeat(65_536))));
    expect(digits.status).toBe(200);
    const unsigned = await handler(post(`{"n":${'1'.repeat(65_536)}}`));
    expect(unsigned.status).toBe(401);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(errors).toHaveLength(2);
  });

  it('a JSON text with a __proto__ key on the lossless path sets no prototype and the key is dropped', async () => {
    const bodies: Record<string, unknown>[] = [];
    const handler = api.createCallbackFetchHandler({
      callbackSecret: CALLBACK_SECRET,
      onCallback: (body) => void bodies.push(body),
    });
    const text = signedText().replace(
      '"event"',
      '"__proto__": {"polluted": 1}, "nested": {"__proto__": {"polluted": 2}}, "event"',
    );
    expect((await handler(post(text))).status).toBe(200);
    const [body] = bodies;
    expect(Object.getPrototypeOf(body)).toBe(Object.prototype);
    expect(Object.keys(body ?? {})).not.toContain('__proto__');
    expect(body?.nested).toEqual({});
    expect(body?.room_session_id).toBe(EXACT_ID);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('an Express app over supertest', () => {
  function app(before?: express5.RequestHandler) {
    const received: { body?: unknown; event?: nodeEntry.ZegoCallbackEvent } = {};
    const instance = express5();
    if (before) instance.use(before);
    instance.use(
      zegoCallback({
        callbackSecret: CALLBACK_SECRET,
        onCallback: (body) => {
          received.body = body;
        },
      }),
    );
    instance.use(
      zegoCallback({
        path: '/zego/typed',
        callbackSecret: CALLBACK_SECRET,
        events: true,
        onCallback: (event) => {
          received.event = event;
        },
      }),
    );
    return { instance, received };
  }

  it('keeps the bare 64-bit ID exact when the route reads the body, or after express.text()', async () => {
    for (const before of [undefined, express5.text({ type: 'application/json' })]) {
      const { instance, received } = app(before);
      for (const path of ['/zego/callback', '/zego/typed']) {
        const response = await request(instance).post(path).set('content-type', 'application/json').send(signedText());
        expect(response.status).toBe(200);
      }
      expect((received.body as Record<string, unknown>).room_session_id).toBe(EXACT_ID);
      expect(received.event?.raw.room_session_id).toBe(EXACT_ID);
    }
  });

  it('gets the ID already rounded when express.json() parsed the body first (documented)', async () => {
    const { instance, received } = app(express5.json());
    const response = await request(instance)
      .post('/zego/callback')
      .set('content-type', 'application/json')
      .send(signedText());
    expect(response.status).toBe(200);
    expect((received.body as Record<string, unknown>).room_session_id).toBe(ROUNDED);
  });
});
