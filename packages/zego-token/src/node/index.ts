// `zego-token`: what an app developer calls, on node:crypto. Synchronous where node:crypto is
// (`createToken04`, `verifyZegoCallback`, …); `zego-token/web` (../web/index.ts) has the same names
// on Web Crypto, asynchronous, all but `generateToken04`. Each binding is typed by its interface's
// member, so that editors show that member's documentation.
import { type CallbackFunctions, callbackFunctions } from '../callback/index.js';
import { type TokenRouteFunctions, tokenRouteFunctions } from '../route/index.js';
import {
  mintToken04,
  readMintInputs,
  type Token04Functions,
  type Token04Payload,
  token04Functions,
} from '../token/token04.js';
import { runtime } from './runtime.js';

export * from '../public.js';

const token04 = token04Functions(runtime);
export const createToken04: Token04Functions<'node'>['createToken04'] = token04.createToken04;
export const decodeToken04: Token04Functions<'node'>['decodeToken04'] = token04.decodeToken04;
export const verifyToken04: Token04Functions<'node'>['verifyToken04'] = token04.verifyToken04;
export const encodeToken04: Token04Functions<'node'>['encodeToken04'] = token04.encodeToken04;

/**
 * A drop-in for ZEGO's `generateToken04` helper: same positional arguments, returns the token
 * (AES-GCM). Unlike the helper it does not log, draws its IV and nonce from `node:crypto`, and
 * throws `ZegoTokenError` (which still carries the helper's `errorCode` and `errorMessage`).
 */
export function generateToken04(
  appId: number,
  userId: string,
  secret: string,
  effectiveTimeInSeconds: number,
  payload?: Token04Payload,
): string {
  const options = { appId, userId, serverSecret: secret, effectiveTimeInSeconds, payload };
  return mintToken04(runtime, readMintInputs(options, 'generateToken04', undefined, 'secret')).token;
}

const callbacks = callbackFunctions(runtime);
export const verifyZegoCallback: CallbackFunctions<'node'>['verifyZegoCallback'] = callbacks.verifyZegoCallback;
export const createCallbackFetchHandler: CallbackFunctions<'node'>['createCallbackFetchHandler'] =
  callbacks.createCallbackFetchHandler;
export const createFetchHandler: TokenRouteFunctions['createFetchHandler'] =
  tokenRouteFunctions(runtime).createFetchHandler;
