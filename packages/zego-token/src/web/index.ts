// `zego-token/web`: what an app developer calls, on Web Crypto only (`crypto.subtle`,
// `crypto.getRandomValues`), for runtimes without `node:crypto`. The names of `zego-token`
// (../node/index.ts) but `generateToken04`, returning promises where Web Crypto does. Each binding
// is typed by its interface's member, so that editors show that member's documentation.
import { type CallbackFunctions, callbackFunctions } from '../callback/index.js';
import { type TokenRouteFunctions, tokenRouteFunctions } from '../route/index.js';
import { type Token04Functions, token04Functions } from '../token/token04.js';
import { runtime } from './runtime.js';

export * from '../public.js';

export const createFetchHandler: TokenRouteFunctions['createFetchHandler'] =
  tokenRouteFunctions(runtime).createFetchHandler;
const callbacks = callbackFunctions(runtime);
export const createCallbackFetchHandler: CallbackFunctions<'web'>['createCallbackFetchHandler'] =
  callbacks.createCallbackFetchHandler;
export const verifyZegoCallback: CallbackFunctions<'web'>['verifyZegoCallback'] = callbacks.verifyZegoCallback;

const token04 = token04Functions(runtime);
export const createToken04: Token04Functions<'web'>['createToken04'] = token04.createToken04;
export const decodeToken04: Token04Functions<'web'>['decodeToken04'] = token04.decodeToken04;
export const verifyToken04: Token04Functions<'web'>['verifyToken04'] = token04.verifyToken04;
export const encodeToken04: Token04Functions<'web'>['encodeToken04'] = token04.encodeToken04;
