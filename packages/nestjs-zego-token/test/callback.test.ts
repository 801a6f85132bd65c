// ZegoCallbackModule in real Nest apps (the built package, every major and platform the conformance
// suite runs): what Nest users rely on beyond the callback route's contract. forRootAsync builds
// onCallback from injected providers, guards run before it, it sits beside ZegoTokenModule, and a bad
// option fails the app's start-up.
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { CallbackBody } from 'zego-token';
import { loadNest, NEST_MAJORS, NEST_PLATFORMS, serveNest } from '../../../test/conformance/hosts/nestjs.js';
import { APP_ID, CALLBACK_SECRET, expectCodedRejection, SECRET, signedCallback } from '../../../test/support/index.js';

const cases = NEST_MAJORS.flatMap((major) => NEST_PLATFORMS.map((platform) => [major, platform] as const));

describe.each(cases)('NestJS %i on %s', (major, platform) => {
  const { common, zegoToken } = loadNest(major, platform);
  const { ZegoCallbackModule, ZegoTokenModule } = zegoToken;

  function serve(metadata: Parameters<typeof common.Module>[0]) {
    class AppModule {}
    common.Module(metadata)(AppModule);
    return serveNest(major, platform, AppModule);
  }

  it('forRootAsync builds onCallback from injected providers; guards run first; beside ZegoTokenModule', async () => {
    class EventStore {
      readonly events: CallbackBody[] = [];
      record(body: CallbackBody): void {
        this.events.push(body);
      }
    }
    const store = new EventStore();
    class StoreModule {}
    common.Module({ providers: [{ provide: EventStore, useValue: store }], exports: [EventStore] })(StoreModule);
    const allowList = {
      canActivate: (context: { switchToHttp(): { getRequest(): { headers: Record<string, unknown> } } }) =>
        context.switchToHttp().getRequest().headers['x-zego'] === 'yes',
    };
    const { url } = await serve({
      imports: [
        ZegoTokenModule.forRoot({ appId: APP_ID, serverSecret: SECRET, resolveUser: () => 'ann' }),
        ZegoCallbackModule.forRootAsync({
          path: '/hooks/zego',
          guards: [allowList],
          imports: [StoreModule],
          inject: [EventStore],
          useFactory: (events: EventStore) => ({
            callbackSecret: CALLBACK_SECRET,
            onCallback: (body: CallbackBody) => events.record(body),
          }),
        }),
      ],
    });
    const body = signedCallback({ event: 'room_close' });
    expect((await request(url).post('/hooks/zego').set('x-zego', 'no').send(body)).status).toBe(403);
    expect(store.events).toEqual([]);
    expect((await request(url).post('/hooks/zego').set('x-zego', 'yes').send(body)).status).toBe(200);
    expect(store.events).toEqual([body]);
    expect((await request(url).get('/zego/token')).body.userId).toBe('ann');
  });

  it('works from the ESM build as from the CJS one', async () => {
    const esm = await loadNest(major, platform).importZegoToken();
    expect(esm.ZegoCallbackModule).not.toBe(ZegoCallbackModule);
    const { url } = await serve({
      imports: [esm.ZegoCallbackModule.forRoot({ callbackSecret: CALLBACK_SECRET, onCallback: () => ({ ok: 1 }) })],
    });
    expect((await request(url).post('/zego/callback').send(signedCallback())).body).toEqual({ ok: 1 });
  });

  it("fails the app's start-up on a bad option, with the core's OPTION_INVALID message", async () => {
    const missing = { imports: [ZegoCallbackModule.forRoot({ callbackSecret: CALLBACK_SECRET } as never)] };
    expect((await expectCodedRejection(serve(missing), 'OPTION_INVALID')).message).toMatch(/`onCallback`/);
    const late = {
      imports: [
        ZegoCallbackModule.forRootAsync({
          useFactory: () => ({ callbackSecret: CALLBACK_SECRET, onCallback: () => undefined, path: '/late' }),
        }),
      ],
    };
    expect((await expectCodedRejection(serve(late), 'OPTION_INVALID')).message).toMatch(/forRootAsync\(\{ path \}\)/);
  });
});
