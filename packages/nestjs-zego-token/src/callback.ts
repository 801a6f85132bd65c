// ZegoCallbackModule: ZEGO's callback route as a real Nest controller, declared as ZegoTokenModule's
// is. Nest's platforms read the body before any controller (Express: JSON and forms with body-parser;
// Fastify: JSON and forms with its own parsers), so the route takes what they parsed, and reads the
// stream itself only when they did not (another content type on Express, an empty body).
import {
  type DynamicModule,
  type FactoryProvider,
  Module,
  type ModuleMetadata,
  NotFoundException,
  SetMetadata,
} from '@nestjs/common';
import {
  type CallbackHandlerOptions,
  type CallbackInput,
  type CallbackRoute,
  createCallbackRoute,
  DEFAULT_CALLBACK_PATH,
  type NodeRequestLike,
  readNodeCallbackBody,
} from 'zego-token/adapter';
import type { Declaration, OptionsSource, ZegoVersionOption } from './controller.js';
import { declareController, routeModule } from './controller.js';
import type { ZegoTokenGuard, ZegoTokenRequest } from './index.js';
import { type PlatformRequest, pathBelowPrefix, send } from './respond.js';

/** How the callback route is registered: fixed when the module is declared, so `forRootAsync` takes them beside `useFactory`. */
export interface ZegoCallbackRouteOptions extends ZegoVersionOption {
  /** Where the route answers, below the app's global prefix and any `RouterModule` path. Defaults to `'/zego/callback'`. */
  path?: string | undefined;
  /** Guards for the route, after the app's global ones (an IP allow-list, say). Defaults to none. */
  guards?: readonly ZegoTokenGuard[] | undefined;
  /**
   * Decorators for the route's handler, as if written above it; they replace the default. ZEGO signs
   * its callbacks and sends no credentials of your app, so an auth guard of yours must let the route
   * through: the default, `[SetMetadata('isPublic', true)]`, is the `@Public()` of Nest's
   * authentication docs. Name your own (`[Public()]`, `[AllowAnonymous(), SkipThrottle()]`) when your
   * guard reads another key, or `[]` for none.
   */
  decorators?: readonly MethodDecorator[] | undefined;
}

/** What `@Public()` sets in Nest's authentication docs (`IS_PUBLIC_KEY = 'isPublic'`): the callback route's default decorator. */
const PUBLIC = SetMetadata('isPublic', true);

/**
 * The callback route's options ([the options table](https://github.com/zego-token/zego-token/blob/main/docs/callbacks.md#the-callback-route));
 * `onCallback(body, req)` is required (with `events: true`, `onCallback(event, req)`, the typed event).
 * `req` is the platform's request.
 */
export type ZegoCallbackOptions<TRequest = ZegoTokenRequest> = CallbackHandlerOptions<[req: TRequest]>;

/** Options of `ZegoCallbackModule.forRoot`. */
export type ZegoCallbackModuleOptions<TRequest = ZegoTokenRequest> = ZegoCallbackOptions<TRequest> &
  ZegoCallbackRouteOptions;

/** Options of `ZegoCallbackModule.forRootAsync`: the route's options come from `useFactory` (a `ConfigService`, your event store). */
export interface ZegoCallbackModuleAsyncOptions<TRequest = ZegoTokenRequest> extends ZegoCallbackRouteOptions {
  /** Modules whose providers `useFactory` injects, and which guards in `guards` may need. */
  imports?: ModuleMetadata['imports'];
  /** What `useFactory` receives, in order. */
  inject?: FactoryProvider['inject'];
  /** Returns the route's options (everything but `path`, `guards`, `version` and `decorators`), sync or async. */
  useFactory: (...args: never[]) => ZegoCallbackOptions<TRequest> | Promise<ZegoCallbackOptions<TRequest>>;
}

const ROUTE = Symbol('nestjs-zego-token callback route');

type Route = CallbackRoute<[req: never]>;

interface CallbackRequest extends PlatformRequest {
  headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  body?: unknown;
  /** Fastify: Node's request. Express's request is Node's. */
  raw?: NodeRequestLike;
}

/** The body the platform parsed once it has read the stream; else the stream, read here. */
function readBody(req: CallbackRequest, maxBodyBytes: number): CallbackInput | Promise<CallbackInput> {
  return readNodeCallbackBody((req.raw ?? req) as NodeRequestLike, maxBodyBytes, req.body);
}

/** Answers one request routed to the controller; what the route rejects with goes to Nest's exception filters. */
async function respondToCallback(route: Route, ownPath: string, req: unknown, res: unknown): Promise<void> {
  const request = req as CallbackRequest;
  const read = () => readBody(request, route.config.maxBodyBytes);
  const pending = route.handle(request.method, pathBelowPrefix(request, ownPath), read, req as never);
  if (pending === undefined) throw new NotFoundException(`Cannot ${request.method} ${request.url}`);
  send(res, await pending);
}

function createCallbackController(route: Declaration) {
  class ZegoCallbackController {
    readonly #route: Route;
    constructor(route: Route) {
      this.#route = route;
    }
    callback(req: unknown, res: unknown): Promise<void> {
      return respondToCallback(this.#route, route.path, req, res);
    }
  }
  return declareController(ZegoCallbackController, 'callback', route, ROUTE);
}

/** The module for one route: its controller declared from `route` (public by default), its route built from the options at start-up. */
function callbackModule(route: ZegoCallbackRouteOptions, source: OptionsSource): DynamicModule {
  const path = route.path ?? DEFAULT_CALLBACK_PATH;
  const controller = createCallbackController({ ...route, path, decorators: route.decorators ?? [PUBLIC] });
  const create = (options: ZegoCallbackOptions<never>) => createCallbackRoute<[req: never]>({ ...options, path });
  return routeModule(ZegoCallbackModule, controller, ROUTE, create, source);
}

/** ZEGO's callback route as a Nest module: `imports: [ZegoCallbackModule.forRoot({ onCallback: (body, req) => … })]`. */
// biome-ignore lint/complexity/noStaticOnlyClass: Nest modules are classes, forRoot() a static method on one.
export class ZegoCallbackModule {
  /** The route with options known up front (`ZEGO_CALLBACK_SECRET` is read when the app is created). */
  static forRoot<TRequest = ZegoTokenRequest>(options: ZegoCallbackModuleOptions<TRequest>): DynamicModule {
    const { path: _path, guards: _guards, version: _version, decorators: _decorators, ...routeOptions } = options;
    return callbackModule(options, { useValue: routeOptions });
  }

  /** The route with `onCallback` built from other providers: `inject: [EventsService], useFactory: (events) => ({ … })`. */
  static forRootAsync<TRequest = ZegoTokenRequest>(options: ZegoCallbackModuleAsyncOptions<TRequest>): DynamicModule {
    return callbackModule(options, options);
  }
}
Module({})(ZegoCallbackModule);
