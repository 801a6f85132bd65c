// The routes as Web-standard handlers: a route's result as a `Response`, what both fetch handlers share
// (reading their options at the first request, taking a `Request` or a framework's event that holds
// one), and the token route's `createFetchHandler` (the callback route's is in ../callback/route.ts).
import { isZegoTokenError, ZegoTokenError } from '../errors.js';
import type { Runtime, RuntimeName } from '../runtime.js';
import { describe } from '../validate.js';
import { givenOnError, report } from './common.js';
import type { TokenRouteOptions } from './options.js';
import { codeResult, type RouteResult, zegoErrorResult } from './responses.js';
import { createTokenRoute } from './route.js';

/**
 * What frameworks that hand a route handler an event object pass: SvelteKit's `RequestEvent`
 * (`{ request, locals, params, url, … }`), or any other object that holds the `Request` as `request`.
 */
export interface FetchEvent {
  readonly request: Request;
}

/** What a fetch handler is called with: a `Request` (Next.js, Hono, Bun, Deno, Workers) or a `FetchEvent`. */
export type FetchInput = Request | FetchEvent;

/**
 * The arguments the host's functions (`resolveUser`, `payload`, `onError`, `onCallback` after the
 * body) get from a fetch handler called with `TInput`: the request, and the event when there is one.
 */
export type FetchHandlerArgs<TInput extends FetchInput> = [TInput] extends [Request]
  ? [request: Request]
  : [request: Request, event: TInput];

/**
 * Options of `createFetchHandler`: the token route's, with `resolveUser(request)`, or
 * `resolveUser(request, event)` for a handler that is called with an event (SvelteKit's `RequestEvent`).
 */
export type FetchHandlerOptions<TInput extends FetchInput = Request> = TokenRouteOptions<FetchHandlerArgs<TInput>>;

/** What a fetch handler's routes are built with, whatever `TInput` is: the event is there when one was passed. */
export type AnyFetchArgs = [request: Request] | [request: Request, event: FetchEvent];

// Only a fetch handler answers this itself: middleware passes such requests on to its host.
export const NOT_FOUND_RESULT = codeResult('NOT_FOUND', 'Not Found');

/** A route's result as a `Response`; an empty body stays empty (no `text/plain` Content-Type added). */
export function toResponse(result: RouteResult): Response {
  return new Response(result.body === '' ? null : result.body, { status: result.status, headers: result.headers });
}

/**
 * The path a fetch handler matches: the request's own with `path` given; without it the route's own
 * path, so that it answers wherever the host mounted it (the host's router chose the path).
 */
export function fetchPathReader(options: unknown, ownPath: string): (request: Request) => string {
  const anyPath = options !== null && typeof options === 'object' && (options as { path?: unknown }).path === undefined;
  return anyPath ? () => ownPath : (request) => new URL(request.url).pathname;
}

function isRequest(value: unknown): value is Request {
  if (value instanceof Request) return true;
  if (typeof value !== 'object' || value === null) return false;
  const { method, url, headers } = value as Partial<Request>;
  return typeof method === 'string' && typeof url === 'string' && typeof headers === 'object' && headers !== null;
}

/** The request a fetch handler was given: the input itself, or the event's `request`; `undefined` for neither. */
function requestOf(input: unknown): Request | undefined {
  if (isRequest(input)) return input;
  if (typeof input !== 'object' || input === null) return undefined;
  const { request } = input as { request?: unknown };
  return isRequest(request) ? request : undefined;
}

function notARequest(input: unknown): ZegoTokenError {
  return new ZegoTokenError(
    'OPTION_INVALID',
    `zego-token: a fetch handler was called with ${describe(input)}: it takes a Request, or an event object that holds one as \`request\` (SvelteKit's RequestEvent). Export it as the route's handler (\`export const GET = createFetchHandler(…)\`) or call it as \`handler(request)\``,
  );
}

/** Answers one request: the route's arguments are `[request]`, or `[request, event]` for an event. */
type Answer = (args: AnyFetchArgs) => Promise<Response>;

/** Every request to a handler whose options are bad: the error to `onError`, a 500 with its code; no route. */
function failingAnswer(error: ZegoTokenError, options: unknown): Answer {
  const onError = givenOnError<AnyFetchArgs>(options);
  const result = zegoErrorResult(error);
  return (args) => {
    report(onError, error, args);
    return Promise.resolve(toResponse(result));
  };
}

/**
 * A fetch handler that builds its route at its first request, not when the module that creates it
 * loads: a production build (`next build`, `vite build`) imports route modules without the runtime's
 * secrets. The route built, or the `OPTION_INVALID` error that names every problem, is kept: each later
 * request is answered by it without reading the options again. A bad configuration answers every
 * request 500 with the error's code, and hands the error to `onError`; it never mints.
 */
export function lazyFetchHandler(options: unknown, build: () => Answer): (input: unknown) => Promise<Response> {
  let answer: Answer | undefined;
  function prepare(): Answer {
    try {
      answer = build();
    } catch (error) {
      if (!isZegoTokenError(error)) throw error;
      answer = failingAnswer(error, options);
    }
    return answer;
  }
  return function zegoFetchHandler(input: unknown): Promise<Response> {
    const request = requestOf(input);
    if (request === undefined) return Promise.reject(notARequest(input));
    const args: AnyFetchArgs = request === input ? [request] : [request, input as FetchEvent];
    if (answer !== undefined) return answer(args);
    try {
      return prepare()(args);
    } catch (error) {
      return Promise.reject(error);
    }
  };
}

/** See `TokenRouteFunctions.createFetchHandler`. */
export function createFetchHandler<R extends RuntimeName, TInput extends FetchInput = Request>(
  runtime: Runtime<R>,
  options: FetchHandlerOptions<TInput>,
): (input: TInput) => Promise<Response> {
  return lazyFetchHandler(options, () => {
    const route = createTokenRoute<R, AnyFetchArgs>(runtime, options as TokenRouteOptions<AnyFetchArgs>);
    const pathOf = fetchPathReader(options, route.config.path);
    return (args) => {
      const request = args[0];
      const pending = route.handle(request.method, pathOf(request), ...args);
      if (pending === undefined) return Promise.resolve(toResponse(NOT_FOUND_RESULT));
      return pending.then(toResponse);
    };
  });
}
