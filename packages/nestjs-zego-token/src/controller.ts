// What the token and callback modules share: declaring a controller without decorator syntax (the
// build emits no decorator metadata, so injection tokens are explicit), and the dynamic module around
// it, whose options come as a value (forRoot) or from a factory (forRootAsync).
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
} from '@nestjs/common';
import { ZegoTokenError } from 'zego-token/adapter';
import type { ZegoTokenGuard } from './index.js';

/**
 * Declares `controller` as `@Controller()` would, with `method(req, res)` routed at `path` for every
 * HTTP method, its guards, and `provide` injected into its constructor.
 */
export function declareController(
  controller: Type<unknown>,
  method: string,
  path: string,
  guards: readonly ZegoTokenGuard[],
  provide: symbol,
): Type<unknown> {
  const handler = Object.getOwnPropertyDescriptor(controller.prototype, method) as PropertyDescriptor;
  Inject(provide)(controller, undefined, 0);
  Req()(controller.prototype, method, 0);
  Res()(controller.prototype, method, 1);
  RequestMapping({ path, method: RequestMethod.ALL })(controller.prototype, method, handler);
  if (guards.length > 0) UseGuards(...guards)(controller);
  Controller()(controller);
  return controller;
}

/** `path` and `guards` declare the route, before any factory runs: in what a factory returns, they are a mistake. */
function refuseRouteOptions(options: unknown): void {
  for (const key of ['path', 'guards'] as const) {
    if (typeof options === 'object' && options !== null && key in options) {
      throw new ZegoTokenError(
        'OPTION_INVALID',
        `nestjs-zego-token option \`${key}\` goes beside useFactory in forRootAsync({ ${key} }), not in what it returns: the route is declared before the factory runs`,
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
