// Hono 4.0 (the oldest the peer range allows) and the newest 4.x, served by @hono/node-server: the
// host's error handler (`app.onError`), a guard, the middleware (under a mount path, a sub-app on
// `app.route(prefix, sub)`) or the handler on a route of the host's own, then CORS preflight handling,
// its own route and 404 (`app.notFound`).
import { getRequestListener } from '@hono/node-server';
import { type Context, Hono } from 'hono';
import { zegoCallback, zegoCallbackHandler, zegoToken, zegoTokenHandler } from 'hono-zego-token';
import { Hono as Hono40 } from 'hono40';
import { listen } from '../../support/index.js';
import * as host from './common.js';

type HonoFactory = () => Hono;

function honoImpl(name: string, createApp: HonoFactory): host.ServerImpl {
  return {
    name,
    middleware: true,
    start({ route, mountPath, handlerRoute, guard }) {
      const app = createApp();
      app.onError((_error, c) => c.json(host.HOST_ERROR_BODY, 500));
      app.notFound((c) => c.json(host.HOST_NOT_FOUND_BODY, 404));
      if (guard !== undefined) {
        app.use(async (c, next) => {
          if (c.req.path === guard) return c.json(host.HOST_GUARD_BODY, 429);
          return next();
        });
      }
      const options = host.toOptions<[Context]>(route, (c) => Object.fromEntries(c.req.raw.headers));
      if (handlerRoute) app[handlerRoute.method](handlerRoute.path, zegoTokenHandler(host.handlerOptionsOf(options)));
      else if (mountPath) app.route(mountPath, createApp().use(zegoToken(options)));
      else app.use(zegoToken(options));
      app.use(async (c, next) => {
        if (c.req.method === 'OPTIONS') return c.body(null, 204, host.HOST_PREFLIGHT_HEADERS);
        return next();
      });
      app.get('/host/route', (c) => c.json(host.HOST_ROUTE_BODY));
      return listen(getRequestListener(app.fetch));
    },
  };
}

export const honoImpls: readonly host.ServerImpl[] = [
  honoImpl('Hono 4.0', () => new Hono40()),
  honoImpl('Hono 4', () => new Hono()),
];

/**
 * The callback route: the host's error and 404 handlers, a middleware that reads the body through
 * `c.req` first if asked (as Hono's validators do), the middleware (a sub-app under a mount path) or
 * the handler on a route of the host's own, then its own route.
 */
function honoCallbackImpl(name: string, createApp: HonoFactory): host.CallbackServerImpl {
  return {
    name,
    middleware: true,
    platformParser: false,
    callbackArgs: 1,
    start({ callback, mountPath, handlerRoute, hostParser }) {
      const app = createApp();
      app.onError((_error, c) => c.json(host.HOST_ERROR_BODY, 500));
      app.notFound((c) => c.json(host.HOST_NOT_FOUND_BODY, 404));
      if (hostParser) {
        app.use(async (c, next) => {
          const type = c.req.header('content-type') ?? '';
          if (type.startsWith('application/json')) await c.req.json();
          else if (type.startsWith('application/x-www-form-urlencoded')) await c.req.parseBody();
          return next();
        });
      }
      const options = host.toCallbackOptions<[Context]>(callback, (c) => Object.fromEntries(c.req.raw.headers));
      if (handlerRoute) app.post(handlerRoute, zegoCallbackHandler(host.callbackHandlerOptionsOf(options)));
      else if (mountPath) app.route(mountPath, createApp().use(zegoCallback(options)));
      else app.use(zegoCallback(options));
      app.get('/host/route', (c) => c.json(host.HOST_ROUTE_BODY));
      return listen(getRequestListener(app.fetch));
    },
  };
}

export const honoCallbackImpls: readonly host.CallbackServerImpl[] = [
  honoCallbackImpl('Hono 4.0', () => new Hono40()),
  honoCallbackImpl('Hono 4', () => new Hono()),
];
