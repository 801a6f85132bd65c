// The app's own auth guard, registered globally (`{ provide: APP_GUARD, useClass: JwtAuthGuard }`), in
// real Nest apps over sockets (every major and platform): ZEGO's callbacks carry no bearer, so the
// callback route must get past it, by the `@Public()` metadata of Nest's authentication docs
// (`IS_PUBLIC_KEY = 'isPublic'`, read with `Reflector.getAllAndOverride`) or by the decorators the app
// names; the token route stays behind it, since it needs the user the guard resolves.
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { decodeToken04 } from 'zego-token';
import { loadNest, NEST_MAJORS, NEST_PLATFORMS, serveNest } from '../../../test/conformance/hosts/nestjs.js';
import { APP_ID, CALLBACK_SECRET, expectCodedRejection, SECRET, signedCallback } from '../../../test/support/index.js';

const cases = NEST_MAJORS.flatMap((major) => NEST_PLATFORMS.map((platform) => [major, platform] as const));

interface SignedInRequest {
  headers: Record<string, string | string[] | undefined>;
  user?: { id: string };
}

/** What Nest hands a guard, as far as these guards read it. */
interface Context {
  getHandler(): () => unknown;
  getClass(): () => unknown;
  switchToHttp(): { getRequest(): SignedInRequest };
}

describe.each(cases)('NestJS %i on %s', (major, platform) => {
  const { common, core, zegoToken } = loadNest(major, platform);
  const { ZegoCallbackModule, ZegoTokenModule } = zegoToken;
  type Reflector = InstanceType<typeof core.Reflector>;

  /**
   * A global JWT guard as Nest's docs write it: a route whose handler or class carries `key` passes;
   * any other needs `Authorization: Bearer <user>` (else 401 in Nest's shape), and gets `req.user`.
   */
  function authGuard(read: (reflector: Reflector, context: Context) => unknown) {
    class JwtAuthGuard {
      readonly #reflector: Reflector;
      constructor(reflector: Reflector) {
        this.#reflector = reflector;
      }
      canActivate(context: Context): boolean {
        if (read(this.#reflector, context)) return true;
        const req = context.switchToHttp().getRequest();
        const bearer = /^Bearer (\w+)$/.exec(String(req.headers.authorization ?? ''))?.[1];
        if (!bearer) throw new common.UnauthorizedException();
        req.user = { id: bearer };
        return true;
      }
    }
    common.Inject(core.Reflector)(JwtAuthGuard, undefined, 0);
    common.Injectable()(JwtAuthGuard);
    return JwtAuthGuard;
  }
  /** `this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, [context.getHandler(), context.getClass()])`. */
  const isPublic = (key: string) => (reflector: Reflector, context: Context) =>
    reflector.getAllAndOverride<boolean>(key, [context.getHandler(), context.getClass()]);

  const token = {
    appId: APP_ID,
    serverSecret: SECRET,
    resolveUser: (req: SignedInRequest) => req.user?.id,
  };
  const received: unknown[] = [];
  const callbacks = { callbackSecret: CALLBACK_SECRET, onCallback: (body: unknown) => void received.push(body) };

  function serve(guard: ReturnType<typeof authGuard>, imports: unknown[]) {
    class AppModule {}
    common.Module({
      imports: imports as never,
      providers: [{ provide: core.APP_GUARD, useClass: guard }],
    })(AppModule);
    return serveNest(major, platform, AppModule);
  }

  it("lets ZEGO's signed callback past a global guard that honours @Public() ('isPublic'), and keeps the token route behind it", async () => {
    const { url } = await serve(authGuard(isPublic('isPublic')), [
      ZegoTokenModule.forRoot(token),
      ZegoCallbackModule.forRoot(callbacks),
    ]);
    received.length = 0;
    const body = signedCallback({ event: 'room_create' });
    const callback = await request(url).post('/zego/callback').send(body);
    expect(callback.status, JSON.stringify(callback.body)).toBe(200);
    expect(received).toEqual([body]);

    const forged = await request(url)
      .post('/zego/callback')
      .send(signedCallback({ event: 'room_create' }, { secret: `${CALLBACK_SECRET}-forged` }));
    expect(forged.status).toBe(401);
    expect(forged.body.error.code).toBe('CALLBACK_SIGNATURE_INVALID');

    const anonymous = await request(url).get('/zego/token');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toMatchObject({ statusCode: 401, message: 'Unauthorized' });
    const signedIn = await request(url).get('/zego/token').set('authorization', 'Bearer gina');
    expect(decodeToken04(signedIn.body.token, SECRET).userId).toBe('gina');
  });

  it('takes `decorators` instead: a key of your own, or a Reflector.createDecorator one; `[]` adds none', async () => {
    const SkipAuth = core.Reflector.createDecorator<boolean>();
    const handlerOnly = authGuard((reflector, context) => reflector.get(SkipAuth, context.getHandler()));
    const { url } = await serve(handlerOnly, [
      ZegoTokenModule.forRoot(token),
      ZegoCallbackModule.forRoot({ ...callbacks, decorators: [SkipAuth(true)] }),
    ]);
    expect((await request(url).post('/zego/callback').send(signedCallback())).status).toBe(200);
    expect((await request(url).get('/zego/token')).status).toBe(401);

    const { url: custom } = await serve(authGuard(isPublic('allowAnonymous')), [
      ZegoCallbackModule.forRoot({ ...callbacks, decorators: [common.SetMetadata('allowAnonymous', true)] }),
    ]);
    expect((await request(custom).post('/zego/callback').send(signedCallback())).status).toBe(200);

    const { url: none } = await serve(authGuard(isPublic('isPublic')), [
      ZegoCallbackModule.forRoot({ ...callbacks, decorators: [] }),
    ]);
    expect((await request(none).post('/zego/callback').send(signedCallback())).status).toBe(401);
  });

  it('puts `decorators` on the token route too, when you name them: @Public() there leaves the route its own 401', async () => {
    const { url } = await serve(authGuard(isPublic('isPublic')), [
      ZegoTokenModule.forRoot({ ...token, decorators: [common.SetMetadata('isPublic', true)] }),
    ]);
    const anonymous = await request(url).get('/zego/token');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('refuses `decorators` that are not a list of decorators, with OPTION_INVALID naming it', async () => {
    for (const decorators of [common.SetMetadata('isPublic', true), ['isPublic'], [undefined]]) {
      // Thrown when the module is declared, before any app exists.
      const declare = async () => ZegoCallbackModule.forRoot({ ...callbacks, decorators: decorators as never });
      const error = await expectCodedRejection(declare, 'OPTION_INVALID');
      expect(error.message).toMatch(/`decorators`/);
    }
  });

  it('refuses `decorators` and `version` in what a forRootAsync factory returns: they go beside it', async () => {
    for (const key of ['decorators', 'version']) {
      class AppModule {}
      common.Module({
        imports: [ZegoCallbackModule.forRootAsync({ useFactory: () => ({ ...callbacks, [key]: [] }) })],
      })(AppModule);
      const error = await expectCodedRejection(serveNest(major, platform, AppModule), 'OPTION_INVALID');
      expect(error.message).toContain(`forRootAsync({ ${key} })`);
    }
  });
});
