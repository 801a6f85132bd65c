// `zego-token/adapter` under the `node` condition: the route constructors on node:crypto.
import { callbackFunctions } from '../callback/index.js';
import { tokenRouteFunctions } from '../route/index.js';
import { lazyRouteFunctions } from '../route/lazy.js';
import { runtime } from './runtime.js';

export * from '../adapter.js';
export const { createTokenRoute, createTokenHandler } = tokenRouteFunctions(runtime);
export const { createCallbackRoute, createCallbackHandler } = callbackFunctions(runtime);
export const { createLazyTokenRoute, createLazyTokenHandler, createLazyCallbackRoute, createLazyCallbackHandler } =
  lazyRouteFunctions(runtime);
