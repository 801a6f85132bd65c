// Koa 2 and 3 hosts: the host's error middleware first, then the middleware (optionally under
// koa-mount) or the handler on an @koa/router route, then CORS preflight handling, a route and 404.
import { bodyParser } from '@koa/bodyparser';
import Router from '@koa/router';
import type KoaType from 'koa';
import mount from 'koa-mount';
import {
  zegoCallback as koaZegoCallback,
  zegoCallbackHandler as koaZegoCallbackHandler,
  zegoToken as koaZegoToken,
  zegoTokenHandler as koaZegoTokenHandler,
} from 'koa-zego-token';
import koa2 from 'koa2';
import koa3 from 'koa3';
import { listen } from '../../support/index.js';
import * as host from './common.js';

type KoaFactory = () => KoaType;

/** A silent app whose first middleware is the host's error handling, as Koa apps have it. */
function createHostApp(createApp: KoaFactory): KoaType {
  const app = createApp();
  app.silent = true;
  app.use(async (ctx, next) => {
    try {
      await next();
    } catch {
      ctx.status = 500;
      ctx.body = host.HOST_ERROR_BODY;
    }
  });
  return app;
}

/** The host's own route and 404, after the route under test; then serves the app. */
function serve(app: KoaType) {
  app.use(async (ctx, next) => {
    if (ctx.path === '/host/route' && ctx.method === 'GET') ctx.body = host.HOST_ROUTE_BODY;
    else await next();
  });
  app.use(async (ctx) => {
    ctx.status = 404;
    ctx.body = host.HOST_NOT_FOUND_BODY;
  });
  return listen(app.callback());
}

function koaImpl(name: string, createApp: KoaFactory): host.ServerImpl {
  return {
    name,
    middleware: true,
    start({ route, mountPath, handlerRoute, guard }) {
      const app = createHostApp(createApp);
      if (guard !== undefined) {
        app.use(async (ctx, next) => {
          if (ctx.path === guard) {
            ctx.status = 429;
            ctx.body = host.HOST_GUARD_BODY;
          } else await next();
        });
      }
      const options = host.toOptions<[KoaType.Context]>(route, (ctx) => host.flatten(ctx.headers));
      if (handlerRoute) {
        const router = new Router();
        router[handlerRoute.method](handlerRoute.path, koaZegoTokenHandler(host.handlerOptionsOf(options)));
        app.use(router.routes());
      } else if (mountPath) app.use(mount(mountPath, koaZegoToken(options)));
      else app.use(koaZegoToken(options));
      app.use(async (ctx, next) => {
        if (ctx.method === 'OPTIONS') {
          ctx.status = 204;
          ctx.set(host.HOST_PREFLIGHT_HEADERS);
        } else await next();
      });
      return serve(app);
    },
  };
}

export const koaImpls: readonly host.ServerImpl[] = [
  koaImpl('Koa 2', () => new (koa2 as unknown as new () => KoaType)()),
  koaImpl('Koa 3', () => new (koa3 as unknown as new () => KoaType)()),
];

/** The callback route: the host's error middleware, its body parser if asked, the route, a route of its own and 404. */
function koaCallbackImpl(name: string, createApp: KoaFactory): host.CallbackServerImpl {
  return {
    name,
    middleware: true,
    platformParser: false,
    callbackArgs: 1,
    start({ callback, mountPath, handlerRoute, hostParser }) {
      const app = createHostApp(createApp);
      if (hostParser) app.use(bodyParser({ enableTypes: ['json', 'form'] }));
      const options = host.toCallbackOptions<[KoaType.Context]>(callback, (ctx) => host.flatten(ctx.headers));
      if (handlerRoute) {
        const router = new Router();
        router.post(handlerRoute, koaZegoCallbackHandler(host.callbackHandlerOptionsOf(options)));
        app.use(router.routes());
      } else if (mountPath) app.use(mount(mountPath, koaZegoCallback(options)));
      else app.use(koaZegoCallback(options));
      return serve(app);
    },
  };
}

export const koaCallbackImpls: readonly host.CallbackServerImpl[] = [
  koaCallbackImpl('Koa 2', () => new (koa2 as unknown as new () => KoaType)()),
  koaCallbackImpl('Koa 3', () => new (koa3 as unknown as new () => KoaType)()),
];
