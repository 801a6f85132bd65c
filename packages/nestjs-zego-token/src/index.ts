// ZegoTokenModule: the token route as a real Nest controller, so global guards, `guards`, interceptors
// and exception filters apply to it. Decorators are applied as calls with explicit injection tokens:
// the build (esbuild) emits no decorator metadata, so nothing relies on reflected constructor types.
import {
  type CanActivate,
  type DynamicModule,
  type FactoryProvider,
  Module,
  type ModuleMetadata,
  type Type,
} from '@nestjs/common';
import { createTokenRoute, DEFAULT_TOKEN_PATH, type TokenRoute, type TokenRouteOptions } from 'zego-token/adapter';
import {
  type Declaration,
  declareController,
  type OptionsSource,
  routeModule,
  type ZegoVersionOption,
} from './controller.js';
import { respond } from './respond.js';

/**
 * What `resolveUser` receives unless you name your own type: the platform's request (Express's or
 * Fastify's), with whatever your auth guard put on `user` (Passport: what your strategy's `validate()` returned).
 */
export interface ZegoTokenRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly user?: unknown;
}

/** A guard for `guards`: a class Nest creates in this module (as `@UseGuards(AuthGuard('jwt'))`) or an instance. */
export type ZegoTokenGuard = Type<CanActivate> | CanActivate;

/** How the route is registered: fixed when the module is declared, so `forRootAsync` takes them beside `useFactory`. */
export interface ZegoTokenRouteOptions extends ZegoVersionOption {
  /**
   * Where the route answers, below the app's global prefix and any `RouterModule` path. Defaults to
   * `'/zego/token'`. Matched exactly by default (`caseSensitive`, `ignoreTrailingSlash`).
   */
  path?: string | undefined;
  /** Guards for the route, after the app's global ones, as `@UseGuards(...)` on a controller. Defaults to none. */
  guards?: readonly ZegoTokenGuard[] | undefined;
  /**
   * Decorators for the route's handler, as if written above it: `[SkipThrottle()]`, say. Defaults to
   * none: the token route needs your auth to resolve the user.
   */
  decorators?: readonly MethodDecorator[] | undefined;
}

/** The route's options ([the options table](https://github.com/zego-token/zego-token/blob/main/docs/route.md#options)); `resolveUser(req)` is required. */
export type ZegoTokenOptions<TRequest = ZegoTokenRequest> = Omit<TokenRouteOptions<[req: TRequest]>, 'path'>;

/** Options of `ZegoTokenModule.forRoot`. */
export interface ZegoTokenModuleOptions<TRequest = ZegoTokenRequest>
  extends ZegoTokenOptions<TRequest>,
    ZegoTokenRouteOptions {}

/** Options of `ZegoTokenModule.forRootAsync`: the route's options come from `useFactory` (a `ConfigService`, say). */
export interface ZegoTokenModuleAsyncOptions<TRequest = ZegoTokenRequest> extends ZegoTokenRouteOptions {
  /** Modules whose providers `useFactory` injects, and which guards in `guards` may need. */
  imports?: ModuleMetadata['imports'];
  /** What `useFactory` receives, in order. */
  inject?: FactoryProvider['inject'];
  /** Returns the route's options (everything but `path`, `guards`, `version` and `decorators`), sync or async. */
  useFactory: (...args: never[]) => ZegoTokenOptions<TRequest> | Promise<ZegoTokenOptions<TRequest>>;
}

const ROUTE = Symbol('nestjs-zego-token token route');

/** A controller class per module, declared as `route` says. */
function createController(route: Declaration): Type<unknown> {
  class ZegoTokenController {
    readonly #route: TokenRoute<[req: never]>;
    constructor(route: TokenRoute<[req: never]>) {
      this.#route = route;
    }
    token(req: unknown, res: unknown): Promise<void> {
      return respond(this.#route, route.path, req, res);
    }
  }
  return declareController(ZegoTokenController, 'token', route, ROUTE);
}

/** The module for one route: its controller declared from `route`, its route built from the options at start-up. */
function tokenModule(route: ZegoTokenRouteOptions, source: OptionsSource): DynamicModule {
  const path = route.path ?? DEFAULT_TOKEN_PATH;
  const controller = createController({ ...route, path });
  const create = (options: ZegoTokenOptions<never>) => createTokenRoute<[req: never]>({ ...options, path });
  return routeModule(ZegoTokenModule, controller, ROUTE, create, source);
}

/** The token route as a Nest module: `imports: [ZegoTokenModule.forRoot({ resolveUser: (req) => … })]`. */
// biome-ignore lint/complexity/noStaticOnlyClass: Nest modules are classes, forRoot() a static method on one.
export class ZegoTokenModule {
  /** The route with options known up front (environment variables are read when the app is created). */
  static forRoot<TRequest = ZegoTokenRequest>(options: ZegoTokenModuleOptions<TRequest>): DynamicModule {
    const { path: _path, guards: _guards, version: _version, decorators: _decorators, ...routeOptions } = options;
    return tokenModule(options, { useValue: routeOptions });
  }

  /** The route with options from other providers: `inject: [ConfigService], useFactory: (config) => ({ … })`. */
  static forRootAsync<TRequest = ZegoTokenRequest>(options: ZegoTokenModuleAsyncOptions<TRequest>): DynamicModule {
    return tokenModule(options, options);
  }
}
Module({})(ZegoTokenModule);

export {
  ZegoCallbackModule,
  type ZegoCallbackModuleAsyncOptions,
  type ZegoCallbackModuleOptions,
  type ZegoCallbackOptions,
  type ZegoCallbackRouteOptions,
} from './callback.js';
export type { ZegoRouteVersion, ZegoVersionOption } from './controller.js';
