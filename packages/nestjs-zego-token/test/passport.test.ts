// The docs' flow, run: an app whose JwtStrategy puts `{ userId }` on req.user, and the token route
// behind Passport's AuthGuard('jwt') (NestJS 11, the installed @nestjs/passport, both platforms).
import { createHmac } from 'node:crypto';
import { Injectable, Module, type Type } from '@nestjs/common';
import { AuthGuard, PassportStrategy } from '@nestjs/passport';
import { ZegoTokenModule } from 'nestjs-zego-token';
import { type AbstractHttpAdapter, NestFactory } from 'nestjs11-core';
import { ExpressAdapter } from 'nestjs11-platform-express';
import { FastifyAdapter } from 'nestjs11-platform-fastify';
import { ExtractJwt, Strategy } from 'passport-jwt';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { decodeToken04 } from 'zego-token';
import { APP_ID, listen, SECRET } from '../../../test/support/index.js';

const JWT_SECRET = 'a-test-only-jwt-secret';

/** An HS256 JWT, as the app's login route would issue. */
function signJwt(payload: object, secret = JWT_SECRET): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const data = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(payload)}`;
  return `${data}.${createHmac('sha256', secret).update(data).digest('base64url')}`;
}

class JwtStrategy extends PassportStrategy(Strategy) {
  constructor() {
    super({ jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(), secretOrKey: JWT_SECRET });
  }
  validate(payload: { sub: string }) {
    return { userId: payload.sub };
  }
}
Injectable()(JwtStrategy);

interface AuthenticatedRequest {
  user?: { userId: string };
}

describe.each(['express', 'fastify'] as const)("behind AuthGuard('jwt') on %s", (platform) => {
  it("answers the guard's 401 without a valid bearer, and the strategy's user's token with one", async () => {
    const resolved: unknown[] = [];
    class AppModule {}
    Module({
      imports: [
        ZegoTokenModule.forRoot({
          appId: APP_ID,
          serverSecret: SECRET,
          guards: [AuthGuard('jwt')],
          resolveUser: (req: AuthenticatedRequest) => {
            resolved.push(req.user);
            return req.user?.userId;
          },
        }),
      ],
      providers: [JwtStrategy],
    })(AppModule);
    const adapter: AbstractHttpAdapter = platform === 'express' ? new ExpressAdapter() : new FastifyAdapter();
    const app = await NestFactory.create(AppModule as Type<unknown>, adapter, { logger: false, abortOnError: false });
    await app.init();
    if (platform === 'fastify') await (app.getHttpAdapter().getInstance() as { ready(): Promise<unknown> }).ready();
    const { url } = await listen(app.getHttpServer());

    for (const authorization of [undefined, `Bearer ${signJwt({ sub: 'alice' }, 'another-secret')}`]) {
      const denied = await request(url)
        .get('/zego/token')
        .set(authorization ? { authorization } : {});
      expect(denied.status).toBe(401);
      expect(denied.body).toMatchObject({ statusCode: 401, message: 'Unauthorized' });
    }
    expect(resolved).toEqual([]);

    const ok = await request(url)
      .get('/zego/token')
      .set('authorization', `Bearer ${signJwt({ sub: 'alice' })}`);
    expect(ok.status).toBe(200);
    expect(ok.headers['cache-control']).toBe('no-store');
    expect(decodeToken04(ok.body.token, SECRET).userId).toBe('alice');
    expect(resolved).toEqual([{ userId: 'alice' }]);
  });
});
