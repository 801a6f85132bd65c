// What the token and callback modules share: declaring a controller without decorator syntax (the
// build emits no decorator metadata, so injection tokens are explicit) from the options that declare
// it (`path`, `guards`, `version`, `decorators`, checked here), and the dynamic module around it,
// whose options come as a value (forRoot) or from a factory (forRootAsync).
import {
  Controller,
  type DynamicModule,
  type FactoryProvider,
  Inject,
  type ModuleMetadata,
  Req,
  RequestMapping,
  RequestMethod,
  Res,
  type Type,
  UseGuards,
  VERSION_NEUTRAL,
} from '@nestjs/common';
import { ZegoTokenError } from 'zego-token/adapter';
import type { ZegoTokenGuard } from './index.js';

/**
 * A route's version under `app.enableVersioning()`, as `@Controller({ version })` takes it: `'2'`,
 * `['1', '2']`, or `VERSION_NEUTRAL` from @nestjs/common (every version, and requests without one).
 */
export type ZegoRouteVersion = string | typeof VERSION_NEUTRAL | readonly (string | typeof VERSION_NEUTRAL)[];

/** The `version` option of both modules. */
export interface ZegoVersionOption {
  /**
   * The route's version under `app.enableVersioning()` (URI, header or media type), as
   * `@Controller({ version })`: `'2'`, `['1', '2']` or `VERSION_NEUTRAL`. Defaults to none: the route
   * follows the app's `defaultVersion`, as any controller without a version does.
   */
  version?: ZegoRouteVersion | undefined;
}

/** How a module's controller is declared: the options that go beside `useFactory` in forRootAsync. */
export interface Declaration extends ZegoVersionOption {
  path: string;
  guards?: readonly ZegoTokenGuard[] | undefined;
  decorators?: readonly MethodDecorator[] | undefined;
}

/** The options that declare the route: in what a factory returns, they are a mistake. */
const DECLARING = ['path', 'guards', 'version', 'decorators'] as const;

function invalid(option: string, message: string): ZegoTokenError {
  return new ZegoTokenError('OPTION_INVALID', `nestjs-zego-token option \`${option}\` ${message}`);
}

/** One version as Nest's versioning matches it: in a URI segment (`/v2/`), a header or a media type parameter. */
const VERSION = /^[\w.-]+$/;

/** `version`, checked: a version, VERSION_NEUTRAL, or a list of them without repeats. */
function checkVersion(version: unknown): ZegoRouteVersion | undefined {
  if (version === undefined) return undefined;
  const list: unknown[] = Array.isArray(version) ? version : [version];
  const valid = (one: unknown) => one === VERSION_NEUTRAL || (typeof one === 'string' && VERSION.test(one));
  if (list.length === 0 || !list.every(valid) || new Set(list).size !== list.length) {
    throw invalid(
      'version',
      "must be a version such as '2' (letters, digits, '.', '_' and '-'), VERSION_NEUTRAL from @nestjs/common, or a non-empty list of them without repeats",
    );
  }
  return version as ZegoRouteVersion;
}

/** `decorators`, checked: a list of decorators (`[Public()]`), each applied to the route's handler. */
function checkDecorators(decorators: unknown): readonly MethodDecorator[] {
  if (!Array.isArray(decorators) || !decorators.every((decorator) => typeof decorator === 'function')) {
    throw invalid('decorators', 'must be a list of decorators for the route handler, such as [Public()]');
  }
  return decorators;
}

/**
 * Declares `controller` as `@Controller({ version })` would, with `method(req, res)` routed at `path`
 * for every HTTP method, `decorators` on it as if written above it, its guards, and `provide`
 * injected into its constructor. A bad `version` or `decorators` throws `OPTION_INVALID` here, when the
 * module is declared.
 */
export function declareController(
  controller: Type<unknown>,
  method: string,
  declaration: Declaration,
  provide: symbol,
): Type<unknown> {
  const version = checkVersion(declaration.version);
  const decorators = checkDecorators(declaration.decorators ?? []);
  let handler = Object.getOwnPropertyDescriptor(controller.prototype, method) as PropertyDescriptor;
  // As TypeScript applies method decorators: the nearest first, each may return a new descriptor.
  for (const decorator of [...decorators].reverse()) {
    handler = (decorator(controller.prototype, method, handler) as PropertyDescriptor | undefined) ?? handler;
  }
  Object.defineProperty(controller.prototype, method, handler);
  Inject(provide)(controller, undefined, 0);
  Req()(controller.prototype, method, 0);
  Res()(controller.prototype, method, 1);
  RequestMapping({ path: declaration.path, method: RequestMethod.ALL })(controller.prototype, method, handler);
  const guards = declaration.guards ?? [];
  if (guards.length > 0) UseGuards(...guards)(controller);
  const declare =
    version === undefined
      ? Controller()
      : Controller({ version: typeof version === 'object' ? [...version] : version });
  declare(controller);
  return controller;
}

/** The declaring options belong beside `useFactory`: the route is declared before any factory runs. */
function refuseRouteOptions(options: unknown): void {
  for (const key of DECLARING) {
    if (typeof options === 'object' && options !== null && key in options) {
      throw invalid(
        key,
        `goes beside useFactory in forRootAsync({ ${key} }), not in what it returns: the route is declared before the factory runs`,
      );
    }
  }
}
/** Where a module's options come from: forRoot's value, or forRootAsync's factory. */
export type OptionsSource =
  | { useValue: unknown }
  | {
      imports?: ModuleMetadata['imports'];
      inject?: FactoryProvider['inject'];
      useFactory: (...args: never[]) => unknown;
    };

/**
 * The dynamic module: `controller`, and `provide` built by `create` from the options when Nest creates
 * the module, so that a bad option fails start-up.
 */
export function routeModule(
  module: Type<unknown>,
  controller: Type<unknown>,
  provide: symbol,
  create: (options: never) => unknown,
  source: OptionsSource,
): DynamicModule {
  const optionsToken = Symbol(`${module.name} options`);
  const options =
    'useValue' in source
      ? { provide: optionsToken, useValue: source.useValue }
      : {
          provide: optionsToken,
          inject: source.inject ?? [],
          useFactory: source.useFactory as (...args: unknown[]) => unknown,
        };
  const built: FactoryProvider = {
    provide,
    inject: [optionsToken],
    useFactory: (value: never) => {
      refuseRouteOptions(value);
      return create(value);
    },
  };
  return {
    module,
    imports: 'useValue' in source ? [] : (source.imports ?? []),
    controllers: [controller],
    providers: [options, built],
  };
}
