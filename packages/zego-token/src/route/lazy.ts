// The routes built at their first request rather than when they are created, for adapters whose apps
// are built when a module loads (Hono on Workers, Vercel, Deno Deploy, Bun; Hono inside a Next.js
// route): a production build or deploy imports that module without the runtime's secrets. What the
// first request built is kept, or the `OPTION_INVALID` error that names every problem: a bad
// configuration answers 500 with the error's code at the route's own path (and hands the error to
// `onError`) on every request, never mints, and passes every other path on.
import {
  type CallbackHandler,
  type CallbackHandlerOptions,
  type CallbackRoute,
  type CallbackRouteOptions,
  createCallbackHandler,
  createCallbackRoute,
  DEFAULT_CALLBACK_PATH,
} from '../callback/route.js';
import { isZegoTokenError } from '../errors.js';
import type { Runtime, RuntimeName } from '../runtime.js';
import { givenOnError, report } from './common.js';
import { DEFAULT_TOKEN_PATH, type TokenHandlerOptions, type TokenRouteOptions } from './options.js';
import { type RouteResult, zegoErrorResult } from './responses.js';
import { createTokenHandler, createTokenRoute, type TokenHandler, type TokenRoute } from './route.js';

/**
 * `build()` at the first call, its result kept; a `ZegoTokenError` it throws is kept too, and thrown
 * again at every call, without building again.
 */
function once<T>(build: () => T): () => T {
  let built: { value: T } | undefined;
  let failure: unknown;
  return () => {
    if (built !== undefined) return built.value;
    if (failure !== undefined) throw failure;
    try {
      built = { value: build() };
      return built.value;
    } catch (error) {
      if (isZegoTokenError(error)) failure = error;
      throw error;
    }
  };
}

/** The path a route whose options are bad still answers (500) at: its `path` as given, or the default. */
function pathOf(options: unknown, fallback: string): string {
  const path = typeof options === 'object' && options !== null ? (options as { path?: unknown }).path : undefined;
  return typeof path === 'string' ? path : fallback;
}

/**
 * `answer(built)` for one request, once the route is built; while its options are bad, the error to
 * `onError` and a 500 with its code, or `undefined` (pass on) when `atPath` is false.
 */
function answerWith<T, TArgs extends readonly unknown[]>(
  get: () => T,
  options: unknown,
): (
  atPath: boolean,
  args: TArgs,
  answer: (built: T) => Promise<RouteResult> | undefined,
) => Promise<RouteResult> | undefined {
  const onError = givenOnError<TArgs>(options);
  return (atPath, args, answer) => {
    let built: T;
    try {
      built = get();
    } catch (error) {
      if (!isZegoTokenError(error)) return Promise.reject(error);
      if (!atPath) return undefined;
      report(onError, error, args);
      return Promise.resolve(zegoErrorResult(error));
    }
    return answer(built);
  };
}

// Each returns the eager constructor's type. `config` builds the route when read (throwing the
// `OPTION_INVALID` error while the options are bad): read it inside a request, not at creation.

export function createLazyTokenRoute<R extends RuntimeName, TArgs extends readonly unknown[]>(
  runtime: Runtime<R>,
  options: TokenRouteOptions<TArgs>,
): TokenRoute<TArgs> {
  const get = once(() => createTokenRoute(runtime, options));
  const ownPath = pathOf(options, DEFAULT_TOKEN_PATH);
  const answer = answerWith<TokenRoute<TArgs>, TArgs>(get, options);
  return Object.freeze({
    handle: (method: string, path: string, ...args: TArgs) =>
      answer(path === ownPath, args, (route) => route.handle(method, path, ...args)),
    get config() {
      return get().config;
    },
  });
}

export function createLazyTokenHandler<R extends RuntimeName, TArgs extends readonly unknown[]>(
  runtime: Runtime<R>,
  options: TokenHandlerOptions<TArgs>,
): TokenHandler<TArgs> {
  const get = once(() => createTokenHandler(runtime, options));
  const answer = answerWith<TokenHandler<TArgs>, TArgs>(get, options);
  return Object.freeze({
    handle: (...args: TArgs) => answer(true, args, (handler) => handler.handle(...args)) as Promise<RouteResult>,
    get config() {
      return get().config;
    },
  });
}

export function createLazyCallbackRoute<R extends RuntimeName, TArgs extends readonly unknown[]>(
  runtime: Runtime<R>,
  options: CallbackRouteOptions<TArgs>,
): CallbackRoute<TArgs> {
  const get = once(() => createCallbackRoute(runtime, options));
  const ownPath = pathOf(options, DEFAULT_CALLBACK_PATH);
  const answer = answerWith<CallbackRoute<TArgs>, TArgs>(get, options);
  return Object.freeze({
    handle: (method: string, path: string, read: Parameters<CallbackRoute<TArgs>['handle']>[2], ...args: TArgs) =>
      answer(path === ownPath, args, (route) => route.handle(method, path, read, ...args)),
    get config() {
      return get().config;
    },
  });
}

export function createLazyCallbackHandler<R extends RuntimeName, TArgs extends readonly unknown[]>(
  runtime: Runtime<R>,
  options: CallbackHandlerOptions<TArgs>,
): CallbackHandler<TArgs> {
  const get = once(() => createCallbackHandler(runtime, options));
  const answer = answerWith<CallbackHandler<TArgs>, TArgs>(get, options);
  return Object.freeze({
    handle: (read: Parameters<CallbackHandler<TArgs>['handle']>[0], ...args: TArgs) =>
      answer(true, args, (handler) => handler.handle(read, ...args)) as Promise<RouteResult>,
    get config() {
      return get().config;
    },
  });
}

/** The lazy constructors on one runtime, for `zego-token/adapter`. */
export interface LazyRouteFunctions {
  /** `createTokenRoute`, reading its options at its first request (see route/lazy.ts). */
  createLazyTokenRoute<TArgs extends readonly unknown[]>(options: TokenRouteOptions<TArgs>): TokenRoute<TArgs>;
  /** `createTokenHandler`, reading its options at its first request. */
  createLazyTokenHandler<TArgs extends readonly unknown[]>(options: TokenHandlerOptions<TArgs>): TokenHandler<TArgs>;
  /** `createCallbackRoute`, reading its options at its first request. */
  createLazyCallbackRoute<TArgs extends readonly unknown[]>(options: CallbackRouteOptions<TArgs>): CallbackRoute<TArgs>;
  /** `createCallbackHandler`, reading its options at its first request. */
  createLazyCallbackHandler<TArgs extends readonly unknown[]>(
    options: CallbackHandlerOptions<TArgs>,
  ): CallbackHandler<TArgs>;
}

export function lazyRouteFunctions<R extends RuntimeName>(runtime: Runtime<R>): LazyRouteFunctions {
  return {
    createLazyTokenRoute: (options) => createLazyTokenRoute(runtime, options),
    createLazyTokenHandler: (options) => createLazyTokenHandler(runtime, options),
    createLazyCallbackRoute: (options) => createLazyCallbackRoute(runtime, options),
    createLazyCallbackHandler: (options) => createLazyCallbackHandler(runtime, options),
  };
}
