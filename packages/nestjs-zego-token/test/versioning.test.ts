// The modules under the app's versioning (`app.enableVersioning`), in real Nest apps over sockets
// (every major and platform): without `version` a route follows the app's `defaultVersion`; with it,
// the route answers at that version (or every one: VERSION_NEUTRAL), by URI, header and media type.
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { decodeToken04 } from 'zego-token';
import { loadNest, NEST_MAJORS, NEST_PLATFORMS, serveNest } from '../../../test/conformance/hosts/nestjs.js';
import { APP_ID, CALLBACK_SECRET, expectCodedError, SECRET, signedCallback } from '../../../test/support/index.js';

const cases = NEST_MAJORS.flatMap((major) => NEST_PLATFORMS.map((platform) => [major, platform] as const));

describe.each(cases)('NestJS %i on %s', (major, platform) => {
  const { common, zegoToken } = loadNest(major, platform);
  const { ZegoCallbackModule, ZegoTokenModule } = zegoToken;
  const { VersioningType, VERSION_NEUTRAL } = common;

  const ann = { appId: APP_ID, serverSecret: SECRET, resolveUser: () => 'ann' };
  const callbacks = { callbackSecret: CALLBACK_SECRET, onCallback: () => undefined };
  /**
   * The token and callback modules at `version` (none when undefined), the app versioned by
   * `versioning`. `version` is `unknown` here: VERSION_NEUTRAL is this major's symbol, not the package's.
   */
  function serve(versioning: Parameters<NestApp['enableVersioning']>[0], version?: unknown) {
    class AppModule {}
    const pinned = version === undefined ? {} : { version: version as never };
    common.Module({
      imports: [
        ZegoTokenModule.forRoot({ ...ann, ...pinned }),
        ZegoCallbackModule.forRoot({ ...callbacks, ...pinned }),
      ],
    })(AppModule);
    return serveNest(major, platform, AppModule, (app) => app.enableVersioning(versioning));
  }
  type NestApp = Parameters<NonNullable<Parameters<typeof serveNest>[3]>>[0];

  async function expectToken(response: request.Response): Promise<void> {
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(decodeToken04(response.body.token, SECRET).userId).toBe('ann');
  }

  it("follows the app's defaultVersion without `version`: /v1/zego/token", async () => {
    const { url } = await serve({ type: VersioningType.URI, defaultVersion: '1' });
    await expectToken(await request(url).get('/v1/zego/token'));
    expect((await request(url).post('/v1/zego/callback').send(signedCallback())).status).toBe(200);
    expect((await request(url).get('/zego/token')).status).toBe(404);
  });

  it("answers at /v2/… with version '2' under URI versioning, whatever the defaultVersion", async () => {
    const { url } = await serve({ type: VersioningType.URI, defaultVersion: '1' }, '2');
    await expectToken(await request(url).get('/v2/zego/token'));
    expect((await request(url).post('/v2/zego/callback').send(signedCallback())).status).toBe(200);
    for (const path of ['/v1/zego/token', '/zego/token', '/v1/zego/callback']) {
      expect((await request(url).get(path)).status, path).toBe(404);
    }
  });

  it('answers at each of several versions, and at every one (and none) with VERSION_NEUTRAL', async () => {
    const several = await serve({ type: VersioningType.URI, defaultVersion: '1' }, ['2', '3']);
    await expectToken(await request(several.url).get('/v2/zego/token'));
    await expectToken(await request(several.url).get('/v3/zego/token'));
    expect((await request(several.url).get('/v1/zego/token')).status).toBe(404);

    const neutral = await serve({ type: VersioningType.URI, defaultVersion: '1' }, VERSION_NEUTRAL);
    await expectToken(await request(neutral.url).get('/zego/token'));
    expect((await request(neutral.url).post('/zego/callback').send(signedCallback())).status).toBe(200);
  });

  /**
   * What another version gets under header and media-type versioning: Nest's 404. But NestJS 10 and
   * 11's FastifyAdapter registers an `@All()` route (as the modules' are) without its version
   * constraint, so there the route answers every version, as a plain `@All()` controller of the app
   * does; NestJS 12 fixed it (docs/nestjs.md, "Versioning").
   */
  const otherVersionIs = platform === 'fastify' && major < 12 ? 200 : 404;

  it('answers the version in the header under HEADER versioning, only that one', async () => {
    const { url } = await serve({ type: VersioningType.HEADER, header: 'X-API-Version', defaultVersion: '1' }, '2');
    await expectToken(await request(url).get('/zego/token').set('x-api-version', '2'));
    const callback = await request(url).post('/zego/callback').set('x-api-version', '2').send(signedCallback());
    expect(callback.status).toBe(200);
    expect((await request(url).get('/zego/token').set('x-api-version', '1')).status).toBe(otherVersionIs);
    expect((await request(url).get('/zego/token')).status).toBe(otherVersionIs);
  });

  it("answers the version in the Accept header's parameter under MEDIA_TYPE versioning", async () => {
    const { url } = await serve({ type: VersioningType.MEDIA_TYPE, key: 'v=', defaultVersion: '1' }, '2');
    await expectToken(await request(url).get('/zego/token').set('accept', 'application/json;v=2'));
    const other = await request(url).get('/zego/token').set('accept', 'application/json;v=1');
    expect(other.status).toBe(otherVersionIs);
  });

  it("reaches a VERSION_NEUTRAL callback route without any version, as ZEGO's requests come, under HEADER versioning", async () => {
    class AppModule {}
    common.Module({
      imports: [
        ZegoTokenModule.forRoot({ ...ann, version: '2' }),
        ZegoCallbackModule.forRoot({ ...callbacks, version: VERSION_NEUTRAL as never }),
      ],
    })(AppModule);
    const { url } = await serveNest(major, platform, AppModule, (app) =>
      app.enableVersioning({ type: VersioningType.HEADER, header: 'X-API-Version', defaultVersion: '1' }),
    );
    expect((await request(url).post('/zego/callback').send(signedCallback())).status).toBe(200);
    await expectToken(await request(url).get('/zego/token').set('x-api-version', '2'));
  });

  it('refuses a `version` that is not a version, with OPTION_INVALID naming it', () => {
    for (const version of ['', ' 2', 'v/2', [], ['2', '2'], 2, [null], {}]) {
      for (const declare of [
        () => ZegoTokenModule.forRoot({ ...ann, version: version as never }),
        () => ZegoCallbackModule.forRoot({ ...callbacks, version: version as never }),
        () => ZegoTokenModule.forRootAsync({ version: version as never, useFactory: () => ann }),
      ]) {
        const error = expectCodedError(declare, 'OPTION_INVALID');
        expect(error.message, JSON.stringify(version)).toMatch(/`version`/);
      }
    }
  });
});
