// `zego-token/client`: browser-safe (also React Native and Node). Of the core it imports only the
// wire and kit-token formats (token/wire.ts, token/kit-token.ts), the neutral checks they use
// (validate.ts, errors.ts, describe.ts) and types: never a module that uses `node:crypto` or
// `Buffer`, and no cipher code; a test checks the built file.

export type { IssuedToken } from '../token/issued-token.js';
export { type KitToken, type KitTokenOptions, parseKitToken, toKitToken } from '../token/kit-token.js';
export {
  isTokenRequestError,
  TokenRequestError,
  type TokenRequestErrorCode,
  type TokenRequestErrorOptions,
} from './errors.js';
export { readTokenExpiry } from './expiry.js';
export type { TokenFetch, TokenProviderOptions } from './options.js';
export { createTokenProvider, type KitTokenRoom, type TokenProvider } from './provider.js';
export type { TokenFetchResponse } from './response.js';
