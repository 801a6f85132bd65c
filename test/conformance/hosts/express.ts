// Express 4 and 5 hosts: the middleware (optionally under a mount path) or the handler on a route of
// the host's own, then the host's CORS preflight handling, its own route, 404 and error handler.
import type * as ExpressTypes from 'express';
import {
  zegoCallback as expressZegoCallback,
  zegoCallbackHandler as expressZegoCallbackHandler,
  zegoToken as expressZegoToken,
  zegoTokenHandler as expressZegoTokenHandler,
} from 'express-zego-token';
import express4 from 'express4';
import express5 from 'express5';
import { listen } from '../../support/index.js';
import * as host from './common.js';

type ExpressFactory = (() => ExpressTypes.Express) & Pick<typeof ExpressTypes, 'json' | 'urlencoded'>;

/** The host's own route, 404 and error handler, after the route under test; then serves the app. */
function serve(app: ExpressTypes.Express) {
  app.get('/host/route', (_req, res) => {
    res.json(host.HOST_ROUTE_BODY);
  });
  app.use((_req: ExpressTypes.Request, res: ExpressTypes.Response) => {
    res.status(404).json(host.HOST_NOT_FOUND_BODY);
  });
  app.use(
    (_error: unknown, _req: ExpressTypes.Request, res: ExpressTypes.Response, _next: ExpressTypes.NextFunction) => {
      res.status(500).json(host.HOST_ERROR_BODY);
    },
  );
  return listen(app);
}

function expressImpl(name: string, createApp: ExpressFactory): host.ServerImpl {
  return {
    name,
    middleware: true,
    start({ route, mountPath, handlerRoute, guard }) {
      const app = createApp();
      if (guard !== undefined) {
        app.use((req: ExpressTypes.Request, res: ExpressTypes.Response, next: ExpressTypes.NextFunction) => {
          if (req.path === guard) res.status(429).json(host.HOST_GUARD_BODY);
          else next();
        });
      }
      const options = host.toOptions<[ExpressTypes.Request, ExpressTypes.Response]>(route, (req) =>
        host.flatten(req.headers),
      );
      if (handlerRoute)
        app[handlerRoute.method](handlerRoute.path, expressZegoTokenHandler(host.handlerOptionsOf(options)));
      else if (mountPath) app.use(mountPath, expressZegoToken(options));
      else app.use(expressZegoToken(options));
      app.use((req: ExpressTypes.Request, res: ExpressTypes.Response, next: ExpressTypes.NextFunction) => {
        if (req.method === 'OPTIONS') res.status(204).set(host.HOST_PREFLIGHT_HEADERS).end();
        else next();
      });
      return serve(app);
    },
  };
}

export const expressImpls: readonly host.ServerImpl[] = [
  expressImpl('Express 4', express4 as unknown as ExpressFactory),
  expressImpl('Express 5', express5 as unknown as ExpressFactory),
];

/** The callback route: the host's parsers if asked, the route, the host's own route, 404 and error handler. */
function expressCallbackImpl(name: string, express: ExpressFactory): host.CallbackServerImpl {
  return {
    name,
    middleware: true,
    platformParser: false,
    callbackArgs: 2,
    start({ callback, mountPath, handlerRoute, hostParser }) {
      const app = express();
      if (hostParser) app.use(express.json(), express.urlencoded({ extended: false }));
      const options = host.toCallbackOptions<[ExpressTypes.Request, ExpressTypes.Response]>(callback, (req) =>
        host.flatten(req.headers),
      );
      if (handlerRoute) app.post(handlerRoute, expressZegoCallbackHandler(host.callbackHandlerOptionsOf(options)));
      else if (mountPath) app.use(mountPath, expressZegoCallback(options));
      else app.use(expressZegoCallback(options));
      return serve(app);
    },
  };
}

export const expressCallbackImpls: readonly host.CallbackServerImpl[] = [
  expressCallbackImpl('Express 4', express4 as unknown as ExpressFactory),
  expressCallbackImpl('Express 5', express5 as unknown as ExpressFactory),
];
