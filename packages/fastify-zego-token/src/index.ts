import type { FastifyInstance, FastifyReply, FastifyRequest, RouteShorthandOptions } from 'fastify';
import fastifyPlugin from 'fastify-plugin';
import {
  type CallbackHandlerOptions,
  type CallbackInput,
  type CallbackRouteOptions,
  createCallbackHandler,
  createCallbackRoute,
  createTokenHandler,
  createTokenRoute,
  type NodeRequestLike,
  type RouteResult,
  readNodeCallbackBody,
  type TokenHandlerOptions,
  type TokenRouteOptions,
  ZegoTokenError,
} from 'zego-token/adapter';

/**
 * Fastify route options for the token route (everything but its method, URL and handler): per-route
 * `config` such as `@fastify/rate-limit`'s `rateLimit`, hooks such as `onRequest: [app.authenticate]`,
 * a `schema` for `@fastify/swagger`, an `errorHandler`.
 */
export type ZegoTokenRouteOptions = RouteShorthandOptions;

/**
 * Options of the `zegoToken` plugin: see the options table in the README. `resolveUser(request, reply)`
 * is required. Path matching (case, trailing slash) is Fastify's router's, so `caseSensitive` and
 * `ignoreTrailingSlash` are set on Fastify itself; a prefix comes from `register`'s own `prefix`.
 */
export type ZegoTokenOptions = Omit<
  TokenRouteOptions<[request: FastifyRequest, reply: FastifyReply]>,
  'caseSensitive' | 'ignoreTrailingSlash'
> & {
  /** Added to the token route's definition. Defaults to none. */
  routeOptions?: ZegoTokenRouteOptions | undefined;
};
/** Options of `zegoTokenHandler`: the same, without `path`, `methods` and `routeOptions` (the app's route decides). */
export type ZegoTokenHandlerOptions = TokenHandlerOptions<[request: FastifyRequest, reply: FastifyReply]>;

/** Fastify's own `register` options, which reach the plugin with ours, and the route's options. */
const PLUGIN_OPTIONS = ['prefix', 'logLevel', 'logSerializers', 'routeOptions'] as const;
const ROUTER_OPTIONS = ['caseSensitive', 'ignoreTrailingSlash'] as const;
/**
 * The route takes these too, so that other methods on its path get 405 with `Allow`, not a 404. HEAD
 * being one of them, Fastify adds no HEAD route of its own: HEAD is answered only when listed.
 */
const ANSWERED_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH'] as const;

/** The core's options: `dropped` (the plugin's own) left out. */
function withoutPluginOptions<T>(options: T, dropped: readonly string[]): T {
  if (options === null || typeof options !== 'object') return options;
  const coreOptions: Record<string, unknown> = { ...(options as Record<string, unknown>) };
  for (const name of dropped) delete coreOptions[name];
  return coreOptions as T;
}

/** The issuer's options: `dropped` (the plugin's own) left out, the router's refused. */
function readOptions<T extends ZegoTokenHandlerOptions>(options: T, dropped: readonly string[]): T {
  if (options === null || typeof options !== 'object') return options;
  const issuerOptions = withoutPluginOptions(options as unknown as Record<string, unknown>, dropped);
  const misplaced = ROUTER_OPTIONS.filter((name) => issuerOptions[name] !== undefined);
  if (misplaced.length > 0) {
    const names = misplaced.map((name) => `\`${name}\``).join(' and ');
    throw new ZegoTokenError(
      'OPTION_INVALID',
      `fastify-zego-token: ${names} belong to Fastify's router, which matches the route: set them on ` +
        'Fastify itself (`Fastify({ routerOptions: { caseSensitive: false, ignoreTrailingSlash: true } })`, ' +
        'top-level options in Fastify 4), so that your hooks and other routes match the same way',
    );
  }
  return issuerOptions as unknown as T;
}

function readRouteOptions(value: unknown): ZegoTokenRouteOptions {
  if (value === undefined) return {};
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ZegoTokenError(
      'OPTION_INVALID',
      'fastify-zego-token option `routeOptions` must be an object of Fastify route options ({ config, onRequest, schema, … })',
    );
  }
  return value;
}

/** Status and headers on the reply; the body (JSON text, its content type set) is what the handler returns. */
function write(reply: FastifyReply, result: RouteResult): string {
  reply.code(result.status).headers(result.headers);
  return result.body;
}

/**
 * Registers the token route at `path` (default `/zego/token`, under `register`'s `prefix`) for
 * `methods`, and 405 with `Allow` for other methods there. OPTIONS is left to the app's CORS handling,
 * and HEAD is answered only when listed. Errors other than the route's own answers reject, for the
 * app's error handler (`setErrorHandler`).
 */
async function zegoTokenPlugin(fastify: FastifyInstance, options: ZegoTokenOptions): Promise<void> {
  const route = createTokenRoute(readOptions(options, PLUGIN_OPTIONS));
  const routeOptions = readRouteOptions(options.routeOptions);
  const path = route.config.path;
  const methods = new Set<string>([...ANSWERED_METHODS, ...route.config.methods]);
  fastify.route({
    ...routeOptions,
    method: [...methods],
    url: path,
    handler: function zegoTokenRoute(request: FastifyRequest, reply: FastifyReply) {
      // Fastify's router has matched the path, so the issuer only checks the method.
      const pending = route.handle(request.method, path, request, reply);
      return pending === undefined ? reply.callNotFound() : pending.then((result) => write(reply, result));
    },
  });
}

/**
 * The plugin: `app.register(zegoToken, { resolveUser, ...options })`. It keeps its own encapsulation
 * context (as route plugins do), so `register`'s `prefix` applies and the app's hooks and error
 * handler, registered in or above that context, apply to the route.
 */
export const zegoToken = fastifyPlugin(zegoTokenPlugin, {
  name: 'fastify-zego-token',
  fastify: '4.x || 5.x',
  encapsulate: true,
});

export default zegoToken;

/** A handler for a route of the app's own: `app.post('/me/zego-token', zegoTokenHandler({ resolveUser }))`. */
export function zegoTokenHandler(
  options: ZegoTokenHandlerOptions,
): (request: FastifyRequest, reply: FastifyReply) => Promise<string> {
  const handler = createTokenHandler(readOptions(options, []));
  return function zegoTokenRouteHandler(request: FastifyRequest, reply: FastifyReply): Promise<string> {
    return handler.handle(request, reply).then((result) => write(reply, result));
  };
}

/**
 * Options of the `zegoCallback` plugin: see docs/callbacks.md. `onCallback(body, request, reply)` is
 * required; a prefix comes from `register`'s own `prefix`. Without `events` only: `register`'s options
 * type (an object or a function) keeps TypeScript from telling the two kinds of `onCallback` apart by a
 * missing `events`; for the typed event, call `parseZegoCallback(body)` (the body is read exactly here),
 * or use `zegoCallbackHandler({ events: true, … })`.
 */
export type ZegoCallbackOptions = Extract<
  CallbackRouteOptions<[request: FastifyRequest, reply: FastifyReply]>,
  { events?: false | undefined }
> & {
  /** Added to the callback route's definition (hooks, `config`). Defaults to none. */
  routeOptions?: ZegoTokenRouteOptions | undefined;
};
/** Options of `zegoCallbackHandler`: the same, without `path` and `routeOptions` (the app's route decides). */
export type ZegoCallbackHandlerOptions = CallbackHandlerOptions<[request: FastifyRequest, reply: FastifyReply]>;

/** What the plugin's content-type parser hands the route as `request.body`: the read body, or why not. */
class ReadCallbackBody {
  constructor(readonly read: () => CallbackInput) {}
}

/** Sends the result; an empty 200 goes without a body, so Fastify gives it no `text/plain`. */
function sendCallback(reply: FastifyReply, result: RouteResult): FastifyReply {
  return reply
    .code(result.status)
    .headers(result.headers)
    .send(result.body === '' ? undefined : result.body);
}

/**
 * The body as the route gets it: from the plugin's own parser, or (a route of the app's own) the body
 * the app's parsers read, or the stream when none did (no body, or a method Fastify does not parse).
 */
function callbackBodyOf(request: FastifyRequest, maxBodyBytes: number): CallbackInput | Promise<CallbackInput> {
  const { body } = request;
  if (body instanceof ReadCallbackBody) return body.read();
  return readNodeCallbackBody(request.raw, maxBodyBytes, body);
}

/**
 * Receives ZEGO's callbacks at `path` (default `/zego/callback`, under `register`'s `prefix`), 405
 * with `Allow: POST` for other methods there. In its own context, it replaces the app's content-type
 * parsers with one that reads any body (JSON, forms, anything else, to be refused with our 400) up to
 * `maxBodyBytes` (our 413), so the app's parsers and `bodyLimit` do not apply to it and nothing else
 * in the app sees its parser. When `onCallback` fails, the error goes to the app's error handler.
 */
async function zegoCallbackPlugin(fastify: FastifyInstance, options: ZegoCallbackOptions): Promise<void> {
  const route = createCallbackRoute(withoutPluginOptions(options, PLUGIN_OPTIONS));
  const routeOptions = readRouteOptions(options.routeOptions);
  const { maxBodyBytes } = route.config;
  const path = route.config.path;
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('*', (request, payload, done) => {
    // A preParsing hook may have replaced the stream: the request's headers still describe the body.
    const stream = (
      payload === request.raw ? payload : Object.assign(payload, { headers: request.headers })
    ) as NodeRequestLike;
    readNodeCallbackBody(stream, maxBodyBytes).then(
      (input) => done(null, new ReadCallbackBody(() => input)),
      (error: unknown) =>
        done(
          null,
          new ReadCallbackBody(() => {
            throw error;
          }),
        ),
    );
  });
  fastify.route({
    ...routeOptions,
    method: [...ANSWERED_METHODS],
    url: path,
    handler: function zegoCallbackRoute(request: FastifyRequest, reply: FastifyReply) {
      // Fastify's router has matched the path, so the route only checks the method.
      const read = () => callbackBodyOf(request, maxBodyBytes);
      const pending = route.handle(request.method, path, read, request, reply);
      return pending === undefined ? reply.callNotFound() : pending.then((result) => sendCallback(reply, result));
    },
  });
}

/**
 * The callback plugin: `app.register(zegoCallback, { onCallback, ...options })`, encapsulated like
 * `zegoToken`, so `register`'s `prefix` applies and the app's hooks and error handler apply to its route.
 */
export const zegoCallback = fastifyPlugin(zegoCallbackPlugin, {
  name: 'fastify-zego-token-callback',
  fastify: '4.x || 5.x',
  encapsulate: true,
});

/**
 * A handler for a route of the app's own: `app.post('/hooks/zego', zegoCallbackHandler({ onCallback }))`.
 * The app's content-type parsers read the body there (JSON built in; forms with `@fastify/formbody`),
 * with their limits and errors: the plugin reads every body itself.
 */
export function zegoCallbackHandler(
  options: ZegoCallbackHandlerOptions,
): (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply> {
  const handler = createCallbackHandler(options);
  const { maxBodyBytes } = handler.config;
  return function zegoCallbackRouteHandler(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    return handler
      .handle(() => callbackBodyOf(request, maxBodyBytes), request, reply)
      .then((result) => sendCallback(reply, result));
  };
}
