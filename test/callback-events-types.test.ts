// `events: true` types `onCallback`'s first argument as the typed event in every constructor (checked
// by `tsc -p tsconfig.test.json`, i.e. `pnpm run typecheck`): it narrows by `product`, then `event`.

import { zegoCallback as expressCallback, zegoCallbackHandler as expressHandler } from 'express-zego-token';
import { zegoCallback as fastifyCallback, zegoCallbackHandler as fastifyHandler } from 'fastify-zego-token';
import fastify from 'fastify5';
import { zegoCallback as honoCallback } from 'hono-zego-token';
import { zegoCallback as koaCallback } from 'koa-zego-token';
import { ZegoCallbackModule } from 'nestjs-zego-token';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  type CallbackBody,
  createCallbackFetchHandler,
  parseZegoCallback,
  type UnknownZegoCallbackEvent,
  type ZegoCallbackEvent,
} from 'zego-token';
import * as web from 'zego-token/web';

/** What a handler does with the event: narrow it, and read a field only the narrowed type has. */
function handle(event: ZegoCallbackEvent): string {
  expectTypeOf(event).toEqualTypeOf<ZegoCallbackEvent>();
  // @ts-expect-error: `roomId` is no field of every event; narrow first
  event.roomId;
  if (event.product === 'unknown') {
    expectTypeOf(event).toEqualTypeOf<UnknownZegoCallbackEvent>();
    return event.event;
  }
  if (event.product === 'rtc' && event.event === 'room_login') {
    expectTypeOf(event.loginTime).toEqualTypeOf<number>();
    expectTypeOf(event.sessionId).toEqualTypeOf<string>();
    return event.roomId;
  }
  return event.product;
}

describe('events: true types onCallback', () => {
  it('in Express, Koa, Fastify, Hono, Nest and both fetch handlers; the body without it', () => {
    const secret = { callbackSecret: 'x'.repeat(32) };
    const built = [
      expressCallback({ ...secret, events: true, onCallback: (event, req) => [req.url, handle(event)] }),
      expressHandler({ ...secret, events: true, onCallback: (event, _req, res) => [res.statusCode, handle(event)] }),
      koaCallback({ ...secret, events: true, onCallback: (event, ctx) => [ctx.path, handle(event)] }),
      fastifyHandler({ ...secret, events: true, onCallback: (event, request) => [request.url, handle(event)] }),
      honoCallback({ ...secret, events: true, onCallback: (event, c) => [c.req.url, handle(event)] }),
      ZegoCallbackModule.forRoot({ ...secret, events: true, onCallback: (event) => handle(event) }),
      createCallbackFetchHandler({
        ...secret,
        events: true,
        onCallback: (event, request) => [request.url, handle(event)],
      }),
      web.createCallbackFetchHandler({ ...secret, events: true, onCallback: (event) => handle(event) }),
      // Without `events`, the body as before.
      expressCallback({ ...secret, onCallback: (body) => expectTypeOf(body).toEqualTypeOf<CallbackBody>() }),
      createCallbackFetchHandler({ ...secret, onCallback: (body) => expectTypeOf(body).toEqualTypeOf<CallbackBody>() }),
      // @ts-expect-error: with events: true, onCallback gets the event, not the body
      createCallbackFetchHandler({ ...secret, events: true, onCallback: (body: CallbackBody) => body }),
    ];
    // Fastify's plugin: register's options type (an object or a function of the instance) cannot tell the
    // two onCallbacks apart by a missing `events`, so the plugin keeps the body; parse it there.
    void fastify().register(fastifyCallback, {
      ...secret,
      onCallback: (body, request, reply) => [request.url, reply.statusCode, handle(parseZegoCallback(body))],
    });
    expect(built.every((value) => value !== undefined)).toBe(true);
    expect(handle({ product: 'unknown', event: 'e', raw: {} })).toBe('e');
  });
});
