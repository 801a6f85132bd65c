// ZegoTokenModule in real Nest apps (the built package, every major and platform the conformance
// suite runs): what Nest users rely on beyond the route's contract. The route is declared where
// `path` says, guards and interceptors run for it, `forRootAsync` takes its options from providers,
// and a bad option fails the app's start-up.
import request from 'supertest';
import { describe, expect, it, vi } from 'vitest';
import { decodeToken04 } from 'zego-token';
import { loadNest, NEST_MAJORS, NEST_PLATFORMS, serveNest } from '../../../test/conformance/hosts/nestjs.js';
import { APP_ID, expectCodedRejection, OTHER_SECRET, SECRET } from '../../../test/support/index.js';

const cases = NEST_MAJORS.flatMap((major) => NEST_PLATFORMS.map((platform) => [major, platform] as const));

interface SignedInRequest {
  headers: Record<string, string | string[] | undefined>;
  user?: { id: string };
}

describe.each(cases)('NestJS %i on %s', (major, platform) => {
  const { common, core, zegoToken } = loadNest(major, platform);
  const { ZegoTokenModule } = zegoToken;

  function appModule(metadata: Parameters<typeof common.Module>[0]) {
    class AppModule {}
    common.Module(metadata)(AppModule);
    return AppModule;
  }
  const serve = (metadata: Parameters<typeof appModule>[0], configure?: Parameters<typeof serveNest>[3]) =>
    serveNest(major, platform, appModule(metadata), configure);
  /** A route for ann. */
  const ann = { appId: APP_ID, serverSecret: SECRET, resolveUser: () => 'ann' };

  /** Like Passport's AuthGuard: sets `req.user` from the bearer, or answers 401 in Nest's shape. */
  class BearerGuard {
    canActivate(context: { switchToHttp(): { getRequest(): SignedInRequest } }): boolean {
      const req = context.switchToHttp().getRequest();
      const bearer = /^Bearer (\w+)$/.exec(String(req.headers.authorization ?? ''))?.[1];
      if (!bearer) throw new common.UnauthorizedException();
      req.user = { id: bearer };
      return true;
    }
  }
  common.Injectable()(BearerGuard);

  it('runs the major it names', () => {
    expect(loadNest(major, platform).version.split('.')[0]).toBe(String(major));
  });

  it('works from the ESM build as from the CJS one', async () => {
    const esm = await loadNest(major, platform).importZegoToken();
    expect(esm.ZegoTokenModule).not.toBe(ZegoTokenModule);
    const { url } = await serve({
      imports: [esm.ZegoTokenModule.forRoot(ann)],
    });
    const response = await request(url).get('/zego/token');
    expect(decodeToken04(response.body.token, SECRET).userId).toBe('ann');
    expect((await request(url).options('/zego/token')).status).toBe(404);
  });

  it('declares the route at `path`, one controller per module, each with its own options', async () => {
    const { url } = await serve({
      imports: [
        ZegoTokenModule.forRoot({ appId: APP_ID, serverSecret: SECRET, path: '/a/token', resolveUser: () => 'ann' }),
        ZegoTokenModule.forRoot({
          appId: APP_ID,
          serverSecret: OTHER_SECRET,
          path: '/b/token',
          resolveUser: () => 'ben',
        }),
      ],
    });
    const a = await request(url).get('/a/token');
    expect(decodeToken04(a.body.token, SECRET).userId).toBe('ann');
    const b = await request(url).get('/b/token');
    expect(decodeToken04(b.body.token, OTHER_SECRET).userId).toBe('ben');
    expect((await request(url).get('/zego/token')).status).toBe(404);
  });

  it("answers below RouterModule's path, as Nest's own modules do", async () => {
    const { url } = await serve({
      imports: [ZegoTokenModule.forRoot(ann), core.RouterModule.register([{ path: 'rtc', module: ZegoTokenModule }])],
    });
    expect((await request(url).get('/rtc/zego/token')).status).toBe(200);
    expect((await request(url).get('/zego/token')).status).toBe(404);
  });

  it("answers below the app's global prefix", async () => {
    const { url } = await serve(
      {
        imports: [ZegoTokenModule.forRoot(ann)],
      },
      (app) => app.setGlobalPrefix('api'),
    );
    expect((await request(url).get('/api/zego/token')).status).toBe(200);
    expect((await request(url).get('/api/zego/token/')).status).toBe(404);
    expect((await request(url).get('/zego/token')).status).toBe(404);
  });

  it('runs `guards` before the resolver: a guard’s 401 is its own, and the user it sets is resolved', async () => {
    const resolved: unknown[] = [];
    const { url } = await serve({
      imports: [
        ZegoTokenModule.forRoot({
          appId: APP_ID,
          serverSecret: SECRET,
          guards: [BearerGuard],
          resolveUser: (req: SignedInRequest) => {
            resolved.push(req.user);
            return req.user?.id;
          },
        }),
      ],
    });
    const denied = await request(url).get('/zego/token');
    expect(denied.status).toBe(401);
    expect(denied.body).toMatchObject({ statusCode: 401, message: 'Unauthorized' });
    expect(resolved).toEqual([]);
    const ok = await request(url).get('/zego/token').set('authorization', 'Bearer carol');
    expect(decodeToken04(ok.body.token, SECRET).userId).toBe('carol');
    expect(resolved).toEqual([{ id: 'carol' }]);
  });

  it('creates a guard in `guards` with its dependencies from `imports`, as @UseGuards does', async () => {
    class Sessions {
      userFor(bearer: string | undefined): string | undefined {
        return bearer === 'Bearer s3ss10n' ? 'frank' : undefined;
      }
    }
    class AuthModule {}
    common.Module({ providers: [Sessions], exports: [Sessions] })(AuthModule);
    class SessionGuard {
      readonly #sessions: Sessions;
      constructor(sessions: Sessions) {
        this.#sessions = sessions;
      }
      canActivate(context: { switchToHttp(): { getRequest(): SignedInRequest } }): boolean {
        const req = context.switchToHttp().getRequest();
        const id = this.#sessions.userFor(String(req.headers.authorization));
        if (id === undefined) return false;
        req.user = { id };
        return true;
      }
    }
    common.Inject(Sessions)(SessionGuard, undefined, 0);
    common.Injectable()(SessionGuard);
    const { url } = await serve({
      imports: [
        ZegoTokenModule.forRootAsync({
          guards: [SessionGuard],
          imports: [AuthModule],
          useFactory: () => ({
            appId: APP_ID,
            serverSecret: SECRET,
            resolveUser: (req: SignedInRequest) => req.user?.id,
          }),
        }),
      ],
    });
    expect((await request(url).get('/zego/token')).status).toBe(403);
    const ok = await request(url).get('/zego/token').set('authorization', 'Bearer s3ss10n');
    expect(decodeToken04(ok.body.token, SECRET).userId).toBe('frank');
  });

  it('runs global guards and interceptors for the route, as for any controller', async () => {
    const seen: string[] = [];
    const { url } = await serve(
      {
        imports: [
          ZegoTokenModule.forRoot({
            appId: APP_ID,
            serverSecret: SECRET,
            resolveUser: (req: SignedInRequest) => req.user?.id,
          }),
        ],
        providers: [{ provide: core.APP_GUARD, useClass: BearerGuard }],
      },
      (app) =>
        app.useGlobalInterceptors({
          intercept(context, next) {
            seen.push(`${context.getClass().name}.${context.getHandler().name}`);
            return next.handle();
          },
        }),
    );
    expect((await request(url).get('/zego/token')).status).toBe(401);
    const ok = await request(url).get('/zego/token').set('authorization', 'Bearer dan');
    expect(decodeToken04(ok.body.token, SECRET).userId).toBe('dan');
    expect(seen).toEqual(['ZegoTokenController.token']);
  });

  it('forRootAsync takes the options from injected providers (a ConfigService, say)', async () => {
    class ConfigService {
      get(key: string): string | undefined {
        return { ZEGO_SERVER_SECRET: SECRET, ZEGO_APP_ID: String(APP_ID) }[key];
      }
    }
    class ConfigModule {}
    common.Module({ providers: [ConfigService], exports: [ConfigService] })(ConfigModule);
    const { url } = await serve({
      imports: [
        ZegoTokenModule.forRootAsync({
          path: '/rtc/token',
          imports: [ConfigModule],
          inject: [ConfigService],
          useFactory: async (config: ConfigService) => ({
            appId: Number(config.get('ZEGO_APP_ID')),
            serverSecret: config.get('ZEGO_SERVER_SECRET'),
            resolveUser: () => 'erin',
          }),
        }),
      ],
    });
    const response = await request(url).get('/rtc/token');
    expect(response.body).toMatchObject({ appId: APP_ID, userId: 'erin' });
    expect(decodeToken04(response.body.token, SECRET).userId).toBe('erin');
  });

  it("fails the app's start-up on a bad option, with the core's OPTION_INVALID message", async () => {
    const forRoot = {
      imports: [ZegoTokenModule.forRoot({ appId: APP_ID, serverSecret: 'too short', resolveUser: () => 'x' })],
    };
    const error = await expectCodedRejection(serve(forRoot), 'OPTION_INVALID');
    expect(error.message).toMatch(/`serverSecret`/);
    expect(error.message).not.toContain('too short');

    const factory = {
      imports: [
        ZegoTokenModule.forRootAsync({
          useFactory: () =>
            Object.assign({ appId: APP_ID, serverSecret: SECRET, resolveUser: () => 'x' }, { path: '/late' }),
        }),
      ],
    };
    const late = await expectCodedRejection(serve(factory), 'OPTION_INVALID');
    expect(late.message).toMatch(/forRootAsync\(\{ path \}\)/);

    const badPath = { imports: [ZegoTokenModule.forRoot({ ...ann, path: 'zego/token' })] };
    expect((await expectCodedRejection(serve(badPath), 'OPTION_INVALID')).message).toMatch(/`path`/);
  });

  it('fails the start-up without ZEGO_APP_ID and ZEGO_SERVER_SECRET, unlike the fetch handler', async () => {
    vi.stubEnv('ZEGO_APP_ID', undefined);
    vi.stubEnv('ZEGO_SERVER_SECRET', undefined);
    try {
      const unset = { imports: [ZegoTokenModule.forRoot({ resolveUser: () => 'x' })] };
      const error = await expectCodedRejection(serve(unset), 'OPTION_INVALID');
      expect(error.message).toMatch(/ZEGO_APP_ID[\s\S]*ZEGO_SERVER_SECRET/);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
