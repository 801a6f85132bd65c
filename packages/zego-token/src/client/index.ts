// `zego-token/client`: browser-safe (also React Native and Node). Of the core it imports only the
// wire format (wire.ts) and types: never a module that uses `node:crypto` or `Buffer`, and no
// cipher code; a test checks the built file.
export {
  isTokenRequestError,
  TokenRequestError,
  type TokenRequestErrorCode,
  type TokenRequestErrorOptions,
} from './errors.js';
export { readTokenExpiry } from './expiry.js';
export {
  createTokenProvider,
  type TokenFetch,
  type TokenFetchResponse,
  type TokenProvider,
  type TokenProviderOptions,
  type TokenResponse,
} from './provider.js';
