// Fastify 4 and 5 hosts: the plugin (under `register`'s prefix for a mount path) or the handler on a
// route of the host's own, a wildcard OPTIONS route for CORS preflight, its own route, 404 and error
// handler. Path leniency is Fastify's router's, so the route's caseSensitive/ignoreTrailingSlash are
// set on Fastify itself, as a Fastify app would.
import type * as FastifyTypes from 'fastify';
import {
  zegoCallback as fastifyZegoCallback,
  zegoCallbackHandler as fastifyZegoCallbackHandler,
  zegoToken as fastifyZegoToken,
  zegoTokenHandler as fastifyZegoTokenHandler,
} from 'fastify-zego-token';
import fastify4 from 'fastify4';
import fastify5 from 'fastify5';
import { listen } from '../../support/index.js';
import * as host from './common.js';

type FastifyFactory = (options?: FastifyTypes.FastifyServerOptions) => FastifyTypes.FastifyInstance;

/** The app, checked to be that major, with the host's error and 404 handlers. */
function createHostApp(
  name: string,
  major: string,
  createApp: FastifyFactory,
  options?: FastifyTypes.FastifyServerOptions,
): FastifyTypes.FastifyInstance {
  const app = createApp(options);
  if (!app.version.startsWith(`${major}.`)) throw new Error(`${name} runs Fastify ${app.version}`);
  // As Fastify's own handler does, a client error keeps its 4xx (a body that never arrives, say).
  app.setErrorHandler((error, _request, reply) => {
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    reply.code(status >= 400 && status < 500 ? status : 500).send(host.HOST_ERROR_BODY);
  });
  app.setNotFoundHandler((_request, reply) => {
    reply.code(404).send(host.HOST_NOT_FOUND_BODY);
  });
  return app;
}

function fastifyImpl(name: string, major: string, createApp: FastifyFactory): host.ServerImpl {
  return {
    name,
    middleware: true,
    async start({ route, mountPath, handlerRoute, guard }) {
      const { caseSensitive, ignoreTrailingSlash, ...routeOptions } = route;
      const matching = {
        ...(caseSensitive === undefined ? {} : { caseSensitive }),
        ...(ignoreTrailingSlash === undefined ? {} : { ignoreTrailingSlash }),
      };
      // Fastify 5 reads them from routerOptions (top-level is deprecated there); Fastify 4 has no routerOptions.
      const app = createHostApp(name, major, createApp, major === '4' ? matching : { routerOptions: matching });
      if (guard !== undefined) {
        app.addHook('onRequest', async (request, reply) => {
          if (request.url.split('?')[0] === guard) return reply.code(429).send(host.HOST_GUARD_BODY);
        });
      }
      const options = host.toOptions<[FastifyTypes.FastifyRequest, FastifyTypes.FastifyReply]>(
        routeOptions,
        (request) => host.flatten(request.headers),
      );
      if (handlerRoute) {
        app[handlerRoute.method](handlerRoute.path, fastifyZegoTokenHandler(host.handlerOptionsOf(options)));
      } else {
        app.register(fastifyZegoToken, mountPath ? { ...options, prefix: mountPath } : options);
      }
      app.options('*', (_request, reply) => {
        reply.code(204).headers(host.HOST_PREFLIGHT_HEADERS).send();
      });
      app.get('/host/route', async () => host.HOST_ROUTE_BODY);
      await app.ready();
      return listen(app.server);
    },
  };
}

export const fastifyImpls: readonly host.ServerImpl[] = [
  fastifyImpl('Fastify 4', '4', fastify4 as unknown as FastifyFactory),
  fastifyImpl('Fastify 5', '5', fastify5 as unknown as FastifyFactory),
];

/**
 * The callback plugin (under `register`'s prefix for a mount path) or the handler on a route of the
 * host's own. The host's parsers: Fastify's JSON one always, a form one (as @fastify/formbody) if asked.
 */
function fastifyCallbackImpl(name: string, major: string, createApp: FastifyFactory): host.CallbackServerImpl {
  return {
    name,
    middleware: true,
    platformParser: false,
    callbackArgs: 2,
    async start({ callback, mountPath, handlerRoute, hostParser }) {
      const app = createHostApp(name, major, createApp);
      if (hostParser) {
        app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
          done(null, Object.fromEntries(new URLSearchParams(body as string)));
        });
      }
      const options = host.toCallbackOptions<[FastifyTypes.FastifyRequest, FastifyTypes.FastifyReply]>(
        callback,
        (request) => host.flatten(request.headers),
      );
      if (handlerRoute) app.post(handlerRoute, fastifyZegoCallbackHandler(host.callbackHandlerOptionsOf(options)));
      else app.register(fastifyZegoCallback, mountPath ? { ...options, prefix: mountPath } : options);
      app.get('/host/route', async () => host.HOST_ROUTE_BODY);
      await app.ready();
      return listen(app.server);
    },
  };
}

export const fastifyCallbackImpls: readonly host.CallbackServerImpl[] = [
  fastifyCallbackImpl('Fastify 4', '4', fastify4 as unknown as FastifyFactory),
  fastifyCallbackImpl('Fastify 5', '5', fastify5 as unknown as FastifyFactory),
];
