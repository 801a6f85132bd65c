// The host apps the conformance suite runs against: Express 4 and 5, Koa 2 and 3, and the fetch
// handler, each a real server on a loopback port (`listen` from test/support, so each is closed after
// the test that started it). Every behaviour test runs against each of them.
import type { IncomingHttpHeaders } from 'node:http';
import Router from '@koa/router';
import type * as ExpressTypes from 'express';
import { zegoToken as expressZegoToken, zegoTokenHandler as expressZegoTokenHandler } from 'express-zego-token';
import express4 from 'express4';
import express5 from 'express5';
import type KoaType from 'koa';
import mount from 'koa-mount';
import { zegoToken as koaZegoToken, zegoTokenHandler as koaZegoTokenHandler } from 'koa-zego-token';
import koa2 from 'koa2';
import koa3 from 'koa3';
import {
  createFetchHandler,
  DEFAULT_PATH,
  type ResolvedUser,
  type Token04Payload,
  type TokenIssuerOptions,
} from 'zego-token';
import { type Listening, listen } from '../support/index.js';

/** What a test's resolver sees, whatever the framework: the request's headers. */
export type Headers = Readonly<Record<string, string | undefined>>;

/** Framework-neutral route options: the resolver and payload function read headers only. */
export interface RouteSetup extends Omit<TokenIssuerOptions<[]>, 'resolveUser' | 'payload' | 'onError'> {
  resolveUser: (headers: Headers) => ResolvedUser | Promise<ResolvedUser>;
  payload?: Token04Payload | ((user: { userId: string }, headers: Headers) => unknown) | undefined;
  onError?: ((error: unknown) => void) | undefined;
}

export interface HostSetup {
  route: RouteSetup;
  /** Mount the middleware under this prefix (`app.use(prefix, …)`, `koa-mount`). */
  mountPath?: string;
  /** Use the plain handler on the host's own route instead of the middleware. */
  handlerRoute?: { method: 'get' | 'post'; path: string };
  /**
   * A guard the host puts before the route, written as hosts write them (`req.path === path`):
   * it answers 429 for exactly this path, as a rate limiter would.
   */
  guard?: string;
  /** Fetch handler only: create it without `path`, so it answers whatever the host routes to it. */
  anyPath?: boolean;
}

export interface ServerImpl {
  name: string;
  /** Whether the impl can pass a request on to the host (middleware) and be mounted under a prefix. */
  middleware: boolean;
  /** Starts the host; it is closed after the current test (or sooner by `close()`). */
  start(setup: HostSetup): Promise<Listening>;
}

/** The host app's own error handler answers with this, so tests can tell it answered. */
export const HOST_ERROR_BODY = { hostError: true } as const;
/** The host app's own 404 answers with this. */
export const HOST_NOT_FOUND_BODY = { hostNotFound: true } as const;
export const HOST_ROUTE_BODY = { hostRoute: true } as const;
/** The host's guard (a rate limiter, say) answers with this. */
export const HOST_GUARD_BODY = { hostGuard: true } as const;
/**
 * The host app's CORS preflight handling, mounted after the token route as a host's own OPTIONS
 * handler would be: it answers any OPTIONS request that reaches it with 204 and these headers.
 */
export const HOST_PREFLIGHT_HEADERS = {
  'access-control-allow-origin': 'https://app.example',
  'access-control-allow-methods': 'GET',
  'access-control-allow-headers': 'x-user',
} as const;

function flatten(headers: IncomingHttpHeaders): Headers {
  const out: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(headers)) out[name] = Array.isArray(value) ? value.join(', ') : value;
  return out;
}

function toOptions<TArgs extends readonly unknown[]>(
  route: RouteSetup,
  headersOf: (...args: TArgs) => Headers,
): TokenIssuerOptions<TArgs> {
  const { resolveUser, payload, onError, ...rest } = route;
  return {
    ...rest,
    resolveUser: (...args: TArgs) => resolveUser(headersOf(...args)),
    ...(payload === undefined
      ? {}
      : {
          payload:
            typeof payload === 'function'
              ? (user, ...args: TArgs) => payload(user, headersOf(...args)) as Token04Payload | undefined
              : payload,
        }),
    ...(onError === undefined ? {} : { onError: (error: unknown, ..._args: TArgs) => onError(error) }),
  };
}

/** A plain handler's options: the host's router decides its path and methods. */
function handlerOptionsOf<TArgs extends readonly unknown[]>(
  options: TokenIssuerOptions<TArgs>,
): TokenIssuerOptions<TArgs> {
  const {
    path: _path,
    methods: _methods,
    caseSensitive: _case,
    ignoreTrailingSlash: _slash,
    ...handlerOptions
  } = options;
  return handlerOptions;
}

type ExpressFactory = () => ExpressTypes.Express;

function expressImpl(name: string, createApp: ExpressFactory): ServerImpl {
  return {
    name,
    middleware: true,
    start({ route, mountPath, handlerRoute, guard }) {
      const app = createApp();
      if (guard !== undefined) {
        app.use((req: ExpressTypes.Request, res: ExpressTypes.Response, next: ExpressTypes.NextFunction) => {
          if (req.path === guard) res.status(429).json(HOST_GUARD_BODY);
          else next();
        });
      }
      const options = toOptions<[ExpressTypes.Request, ExpressTypes.Response]>(route, (req) => flatten(req.headers));
      if (handlerRoute) app[handlerRoute.method](handlerRoute.path, expressZegoTokenHandler(handlerOptionsOf(options)));
      else if (mountPath) app.use(mountPath, expressZegoToken(options));
      else app.use(expressZegoToken(options));
      app.use((req: ExpressTypes.Request, res: ExpressTypes.Response, next: ExpressTypes.NextFunction) => {
        if (req.method === 'OPTIONS') res.status(204).set(HOST_PREFLIGHT_HEADERS).end();
        else next();
      });
      app.get('/host/route', (_req, res) => {
        res.json(HOST_ROUTE_BODY);
      });
      app.use((_req: ExpressTypes.Request, res: ExpressTypes.Response) => {
        res.status(404).json(HOST_NOT_FOUND_BODY);
      });
      app.use(
        (_error: unknown, _req: ExpressTypes.Request, res: ExpressTypes.Response, _next: ExpressTypes.NextFunction) => {
          res.status(500).json(HOST_ERROR_BODY);
        },
      );
      return listen(app);
    },
  };
}

type KoaFactory = () => KoaType;

function koaImpl(name: string, createApp: KoaFactory): ServerImpl {
  return {
    name,
    middleware: true,
    start({ route, mountPath, handlerRoute, guard }) {
      const app = createApp();
      app.silent = true;
      // The host's error middleware: first in the chain, as Koa apps have it.
      app.use(async (ctx, next) => {
        try {
          await next();
        } catch {
          ctx.status = 500;
          ctx.body = HOST_ERROR_BODY;
        }
      });
      if (guard !== undefined) {
        app.use(async (ctx, next) => {
          if (ctx.path === guard) {
            ctx.status = 429;
            ctx.body = HOST_GUARD_BODY;
          } else await next();
        });
      }
      const options = toOptions<[KoaType.Context]>(route, (ctx) => flatten(ctx.headers));
      if (handlerRoute) {
        const router = new Router();
        router[handlerRoute.method](handlerRoute.path, koaZegoTokenHandler(handlerOptionsOf(options)));
        app.use(router.routes());
      } else if (mountPath) app.use(mount(mountPath, koaZegoToken(options)));
      else app.use(koaZegoToken(options));
      app.use(async (ctx, next) => {
        if (ctx.method === 'OPTIONS') {
          ctx.status = 204;
          ctx.set(HOST_PREFLIGHT_HEADERS);
        } else await next();
      });
      app.use(async (ctx, next) => {
        if (ctx.path === '/host/route' && ctx.method === 'GET') ctx.body = HOST_ROUTE_BODY;
        else await next();
      });
      app.use(async (ctx) => {
        ctx.status = 404;
        ctx.body = HOST_NOT_FOUND_BODY;
      });
      return listen(app.callback());
    },
  };
}

/**
 * A minimal Node server for a fetch handler, as Hono's or Next's would be. Like them it answers a
 * rejected handler with its own error handling (here `HOST_ERROR_BODY`). The handler is created with
 * the route's `path` (default `/zego/token`) unless `anyPath` is set.
 */
const fetchImpl: ServerImpl = {
  name: 'fetch handler',
  middleware: false,
  start({ route, mountPath, handlerRoute, guard, anyPath }) {
    if (mountPath || handlerRoute) throw new Error('the fetch handler has no mounting or host routes');
    const options = toOptions<[Request]>(route, (request) => Object.fromEntries(request.headers));
    const handler = createFetchHandler(anyPath ? options : { ...options, path: options.path ?? DEFAULT_PATH });
    return listen(async (req, res) => {
      if (guard !== undefined && new URL(req.url ?? '/', 'http://host').pathname === guard) {
        res.writeHead(429, { 'content-type': 'application/json' }).end(JSON.stringify(HOST_GUARD_BODY));
        return;
      }
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const headers = new globalThis.Headers();
      for (const [key, value] of Object.entries(flatten(req.headers))) if (value !== undefined) headers.set(key, value);
      const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
      let response: Response;
      try {
        response = await handler(
          new Request(`http://${req.headers.host}${req.url}`, {
            method: req.method ?? 'GET',
            headers,
            ...(hasBody ? { body: Buffer.concat(chunks) } : {}),
          }),
        );
      } catch {
        response = Response.json(HOST_ERROR_BODY, { status: 500 });
      }
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(req.method === 'HEAD' ? undefined : Buffer.from(await response.arrayBuffer()));
    });
  },
};

export const serverImpls: readonly ServerImpl[] = [
  expressImpl('Express 4', express4 as unknown as ExpressFactory),
  expressImpl('Express 5', express5 as unknown as ExpressFactory),
  koaImpl('Koa 2', () => new (koa2 as unknown as new () => KoaType)()),
  koaImpl('Koa 3', () => new (koa3 as unknown as new () => KoaType)()),
  fetchImpl,
];
