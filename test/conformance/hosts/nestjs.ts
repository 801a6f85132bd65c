// NestJS hosts, 10, 11 and 12 on the Express and Fastify platforms: ZegoTokenModule.forRoot in an app
// with its own controller, a global filter for its 404 and errors, CORS for preflights, an APP_GUARD for
// the suite's guard and RouterModule for its mount path.
//
// One install holds three majors under aliases, but pnpm links every alias's `@nestjs/*` peers to one
// version. So each host gets a tree of its own (a temporary directory): that major's @nestjs packages
// and the built nestjs-zego-token copied in, everything else linked, so all of them share one
// `@nestjs/common`, as in an app that installed that major.
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type * as NestZegoToken from 'nestjs-zego-token';
import type * as NestCommon from 'nestjs11-common';
import type * as NestCore from 'nestjs11-core';
import type * as NestExpress from 'nestjs11-platform-express';
import type * as NestFastify from 'nestjs11-platform-fastify';
import { type Listening, listen } from '../../support/index.js';
import * as shared from './common.js';

export type Platform = 'express' | 'fastify';
export interface Nest {
  common: typeof NestCommon;
  core: typeof NestCore;
  express: typeof NestExpress;
  fastify: typeof NestFastify;
  /** The CJS build, as `require('nestjs-zego-token')` loads it. */
  zegoToken: typeof NestZegoToken;
  /** The ESM build, as `import('nestjs-zego-token')` loads it. */
  importZegoToken(): Promise<typeof NestZegoToken>;
  /** The version of `@nestjs/core` in this tree. */
  version: string;
}

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const rootRequire = createRequire(join(ROOT, 'package.json'));
const packageDir = (name: string) => realpathSync(dirname(rootRequire.resolve(`${name}/package.json`)));
let trees: string | undefined;

function link(target: string, path: string): void {
  if (existsSync(path)) return;
  mkdirSync(dirname(path), { recursive: true });
  symlinkSync(target, path);
}

/**
 * Copies an @nestjs package to `to` and links its dependencies: pnpm's siblings of it (but not other
 * @nestjs ones), then any peer pnpm did not put beside it (rxjs, reflect-metadata), from the root
 * install, as the app's own copies would be. Which peers land beside a package depends on the rest of
 * the install, so the manifest, not the layout, says what must be there.
 */
function install(from: string, to: string): void {
  cpSync(from, to, { recursive: true });
  const siblings = dirname(dirname(from));
  for (const entry of readdirSync(siblings)) {
    if (entry === '@nestjs' || entry.startsWith('.')) continue;
    const names = entry.startsWith('@')
      ? readdirSync(join(siblings, entry)).map((name) => `${entry}/${name}`)
      : [entry];
    for (const name of names) link(realpathSync(join(siblings, name)), join(to, 'node_modules', name));
  }
  const manifest = JSON.parse(readFileSync(join(from, 'package.json'), 'utf8')) as {
    peerDependencies?: Record<string, string>;
  };
  for (const peer of Object.keys(manifest.peerDependencies ?? {})) {
    const installed = join(ROOT, 'node_modules', peer);
    if (peer.startsWith('@nestjs/') || !existsSync(installed)) continue;
    link(realpathSync(installed), join(to, 'node_modules', peer));
  }
}

const loaded = new Map<string, Nest>();

/** The app's world for one major and platform: every `@nestjs/*` import in it resolves to that major. */
export function loadNest(major: number, platform: Platform): Nest {
  const key = `${major}-${platform}`;
  const cached = loaded.get(key);
  if (cached) return cached;
  if (trees === undefined) {
    trees = mkdtempSync(join(tmpdir(), 'nestjs-hosts-'));
    const dir = trees;
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  }
  const modules = join(trees, key, 'node_modules');
  for (const name of ['common', 'core', `platform-${platform}`]) {
    install(packageDir(`nestjs${major}-${name}`), join(modules, '@nestjs', name));
  }
  // What a Nest app installs beside @nestjs/*: packages of the platform require them without declaring them.
  for (const peer of ['rxjs', 'reflect-metadata'])
    link(realpathSync(join(ROOT, 'node_modules', peer)), join(modules, peer));
  const ours = join(modules, 'nestjs-zego-token');
  cpSync(join(ROOT, 'packages/nestjs-zego-token/package.json'), join(ours, 'package.json'));
  cpSync(join(ROOT, 'packages/nestjs-zego-token/dist'), join(ours, 'dist'), { recursive: true });
  symlinkSync(join(ROOT, 'packages/zego-token'), join(modules, 'zego-token'));
  const require = createRequire(join(trees, key, 'app.js'));
  const nest: Nest = {
    common: require('@nestjs/common'),
    core: require('@nestjs/core'),
    express: platform === 'express' ? require('@nestjs/platform-express') : undefined,
    fastify: platform === 'fastify' ? require('@nestjs/platform-fastify') : undefined,
    zegoToken: require('nestjs-zego-token'),
    importZegoToken: () => import(pathToFileURL(join(ours, 'dist/index.js')).href),
    version: require('@nestjs/core/package.json').version,
  } as Nest;
  loaded.set(key, nest);
  return nest;
}

/**
 * Creates the app for `appModule` on that major and platform (`configure` runs before `init`) and
 * serves it with test/support's `listen`, so it is closed after the test. Fastify's router is made
 * lenient about case and trailing slashes, so that the route's own options decide, as on Express.
 */
export async function serveNest(
  major: number,
  platform: Platform,
  appModule: NestCommon.Type<unknown>,
  configure?: (app: NestCommon.INestApplication) => void,
): Promise<Listening> {
  const { core, express, fastify } = loadNest(major, platform);
  const lenient = { caseSensitive: false, ignoreTrailingSlash: true };
  const adapter =
    platform === 'express'
      ? new express.ExpressAdapter()
      : new fastify.FastifyAdapter(major === 10 ? lenient : { routerOptions: lenient });
  const app = await core.NestFactory.create(appModule, adapter, { logger: false, abortOnError: false });
  configure?.(app);
  await app.init();
  if (platform === 'fastify') await (app.getHttpAdapter().getInstance() as { ready(): Promise<unknown> }).ready();
  return listen(app.getHttpServer());
}

/** The host's own controller: GET /host/route. */
function hostController(common: typeof NestCommon): NestCommon.Type<unknown> {
  class HostController {
    route() {
      return shared.HOST_ROUTE_BODY;
    }
  }
  const handler = Object.getOwnPropertyDescriptor(HostController.prototype, 'route') as PropertyDescriptor;
  common.Get('/host/route')(HostController.prototype, 'route', handler);
  common.Controller()(HostController);
  return HostController;
}

/** The host's global filter (its 404, its errors, the HttpExceptions) and CORS, as the suite's apps have them. */
function configureHost(common: typeof NestCommon, app: NestCommon.INestApplication): void {
  const http = app.getHttpAdapter();
  app.useGlobalFilters({
    catch(exception: unknown, host: NestCommon.ArgumentsHost) {
      const res = host.switchToHttp().getResponse();
      if (exception instanceof common.NotFoundException) http.reply(res, shared.HOST_NOT_FOUND_BODY, 404);
      else if (exception instanceof common.HttpException) {
        http.reply(res, exception.getResponse(), exception.getStatus());
      } else {
        // A client error from the platform (Fastify's body parser) keeps its 4xx, as Nest's own filter does.
        const status = (exception as { statusCode?: number }).statusCode ?? 500;
        http.reply(res, shared.HOST_ERROR_BODY, status >= 400 && status < 500 ? status : 500);
      }
    },
  });
  app.enableCors({
    origin: shared.HOST_PREFLIGHT_HEADERS['access-control-allow-origin'],
    methods: shared.HOST_PREFLIGHT_HEADERS['access-control-allow-methods'],
    allowedHeaders: shared.HOST_PREFLIGHT_HEADERS['access-control-allow-headers'],
    // @fastify/cors answers an OPTIONS without Origin with 400 unless told otherwise; cors does not.
    ...{ strictPreflight: false },
  });
}

function nestImpl(major: number, platform: Platform): shared.ServerImpl {
  return {
    name: `NestJS ${major} (${platform === 'express' ? 'Express' : 'Fastify'})`,
    middleware: true,
    async start({ route, mountPath, handlerRoute, guard }) {
      const { common, core, zegoToken } = loadNest(major, platform);
      const options = shared.toOptions<[req: { headers: IncomingHttpHeaders }]>(route, (req) =>
        shared.flatten(req.headers),
      );
      // The host's own route for the token is the module at that path, answering that method.
      const token = handlerRoute
        ? { ...options, path: handlerRoute.path, methods: [handlerRoute.method.toUpperCase()] }
        : options;
      const pathOf = (req: { url: string }) => req.url.split('?')[0];

      const HostController = hostController(common);
      class AppModule {}
      const hostGuard: NestCommon.CanActivate = {
        canActivate(context) {
          if (pathOf(context.switchToHttp().getRequest()) === guard) {
            throw new common.HttpException(shared.HOST_GUARD_BODY, 429);
          }
          return true;
        },
      };
      common.Module({
        imports: [
          zegoToken.ZegoTokenModule.forRoot(token),
          ...(mountPath ? [core.RouterModule.register([{ path: mountPath, module: zegoToken.ZegoTokenModule }])] : []),
        ],
        controllers: [HostController],
        providers: guard === undefined ? [] : [{ provide: core.APP_GUARD, useValue: hostGuard }],
      })(AppModule);

      return serveNest(major, platform, AppModule, (app) => configureHost(common, app));
    },
  };
}

/** The majors the hosts run, each on both platforms. */
export const NEST_MAJORS = [10, 11, 12] as const;
export const NEST_PLATFORMS: readonly Platform[] = ['express', 'fastify'];

export const nestImpls: readonly shared.ServerImpl[] = NEST_MAJORS.flatMap((major) => [
  nestImpl(major, 'express'),
  nestImpl(major, 'fastify'),
]);

/**
 * The callback route: ZegoCallbackModule.forRoot (at the host route's path for a route of the host's
 * own; under RouterModule for a mount path) beside the host's controller, filter and CORS. The
 * platforms parse JSON and forms before any controller, so there is no parser to add.
 */
function nestCallbackImpl(major: number, platform: Platform): shared.CallbackServerImpl {
  return {
    name: `NestJS ${major} (${platform === 'express' ? 'Express' : 'Fastify'})`,
    middleware: true,
    platformParser: true,
    callbackArgs: 1,
    async start({ callback, mountPath, handlerRoute }) {
      const { common, core, zegoToken } = loadNest(major, platform);
      const options = shared.toCallbackOptions<[req: { headers: IncomingHttpHeaders }]>(callback, (req) =>
        shared.flatten(req.headers),
      );
      const { ZegoCallbackModule } = zegoToken;
      class AppModule {}
      common.Module({
        imports: [
          ZegoCallbackModule.forRoot(handlerRoute ? { ...options, path: handlerRoute } : options),
          ...(mountPath ? [core.RouterModule.register([{ path: mountPath, module: ZegoCallbackModule }])] : []),
        ],
        controllers: [hostController(common)],
      })(AppModule);
      return serveNest(major, platform, AppModule, (app) => configureHost(common, app));
    },
  };
}

export const nestCallbackImpls: readonly shared.CallbackServerImpl[] = NEST_MAJORS.flatMap((major) => [
  nestCallbackImpl(major, 'express'),
  nestCallbackImpl(major, 'fastify'),
]);
