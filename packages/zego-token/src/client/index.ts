// `zego-token/client`: browser-safe (also React Native and Node). Self-contained: it must never
// import the core's modules, which use `node:crypto` and `Buffer`; a test checks the built file.
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
