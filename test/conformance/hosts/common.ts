// What every host of the conformance suite shares: the framework-neutral route set-up, the host's
// own recognisable answers, and the translation of a set-up into the adapter's options.
import type { IncomingHttpHeaders } from 'node:http';
import type { CallbackBody, ResolvedUser, Token04Payload } from 'zego-token';
import type {
  CallbackHandlerOptions,
  CallbackRouteOptions,
  TokenHandlerOptions,
  TokenRouteOptions,
} from 'zego-token/adapter';
import type { Listening } from '../../support/index.js';

/** What a test's resolver sees, whatever the framework: the request's headers. */
export type Headers = Readonly<Record<string, string | undefined>>;

/** Framework-neutral route options: the resolver and payload function read headers only. */
export interface RouteSetup extends Omit<TokenRouteOptions<[]>, 'resolveUser' | 'payload' | 'onError'> {
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

export function flatten(headers: IncomingHttpHeaders): Headers {
  const out: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(headers)) out[name] = Array.isArray(value) ? value.join(', ') : value;
  return out;
}

export function toOptions<TArgs extends readonly unknown[]>(
  route: RouteSetup,
  headersOf: (...args: TArgs) => Headers,
): TokenRouteOptions<TArgs> {
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
export function handlerOptionsOf<TArgs extends readonly unknown[]>(
  options: TokenRouteOptions<TArgs>,
): TokenHandlerOptions<TArgs> {
  const {
    path: _path,
    methods: _methods,
    caseSensitive: _case,
    ignoreTrailingSlash: _slash,
    ...handlerOptions
  } = options;
  return handlerOptions;
}

// The callback route's hosts (test/conformance/callback.test.ts).

/** What a test's `onCallback` sees of the framework's own arguments: the request's headers, and how many there were. */
export interface CallbackRequestView {
  headers: Headers;
  /** How many arguments the framework handed over after the body (`[req, res]`: 2; `[ctx]`: 1). */
  args: number;
}

/** Framework-neutral callback options: `onCallback` and `onError` see the request as a `CallbackRequestView`. */
export interface CallbackRouteSetup extends Omit<CallbackRouteOptions<[]>, 'onCallback' | 'onError' | 'events'> {
  onCallback: (body: CallbackBody, request: CallbackRequestView) => unknown;
  onError?: ((error: unknown, request: CallbackRequestView) => void) | undefined;
}

export interface CallbackHostSetup {
  callback: CallbackRouteSetup;
  /** Mount the middleware under this prefix. */
  mountPath?: string;
  /** Use the plain handler on a POST route of the host's own, at this path, instead of the middleware. */
  handlerRoute?: string;
  /** Put the framework's usual body parsers (JSON and form) before the route. */
  hostParser?: boolean;
}

export interface CallbackServerImpl {
  name: string;
  /** Whether the route passes other requests on to the host and can be mounted under a prefix. */
  middleware: boolean;
  /**
   * Whether a body parser of the host's always reads the body before the route (NestJS's platforms):
   * then bodies that parser refuses are answered by the host, not by the route (see docs/nestjs.md).
   */
  platformParser: boolean;
  /** How many arguments the framework hands `onCallback` after the body: `[req, res]` is 2, `[ctx]` 1. */
  callbackArgs: number;
  /** Starts the host; it is closed after the current test. */
  start(setup: CallbackHostSetup): Promise<Listening>;
}

export function toCallbackOptions<TArgs extends readonly unknown[]>(
  callback: CallbackRouteSetup,
  headersOf: (...args: TArgs) => Headers,
): Extract<CallbackRouteOptions<TArgs>, { events?: false | undefined }> {
  const { onCallback, onError, ...rest } = callback;
  const view = (args: TArgs): CallbackRequestView => ({ headers: headersOf(...args), args: args.length });
  return {
    ...rest,
    onCallback: (body, ...args: TArgs) => onCallback(body, view(args)),
    ...(onError === undefined ? {} : { onError: (error: unknown, ...args: TArgs) => onError(error, view(args)) }),
  };
}

/** A plain handler's options: the host's router decides its path. */
export function callbackHandlerOptionsOf<TArgs extends readonly unknown[]>(
  options: CallbackRouteOptions<TArgs>,
): CallbackHandlerOptions<TArgs> {
  const { path: _path, ...handlerOptions } = options;
  return handlerOptions;
}
