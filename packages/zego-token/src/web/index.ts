// `zego-token/web`: the core on Web Crypto only (`crypto.subtle`, `crypto.getRandomValues`), for
// runtimes without `node:crypto`. The same functions and options as `zego-token`, asynchronous
// where Web Crypto is; docs/web.md says when to pick which.
export {
  parseCallbackBody,
  readRequestCallbackBody,
  type ZegoCallbackInput,
} from '../callback-body.js';
export type { VerifyZegoCallbackOptions } from '../callback-core.js';
export {
  type CallbackFetchHandlerOptions,
  DEFAULT_CALLBACK_MAX_BODY_BYTES,
  DEFAULT_CALLBACK_PATH,
  type ZegoCallbackBody,
  type ZegoCallbackConfig,
  type ZegoCallbackHandlerOptions,
  type ZegoCallbackHandlerReceiver,
  type ZegoCallbackOptions,
  type ZegoCallbackReceiver,
} from '../callback-route-core.js';
export {
  getHttpStatus,
  isZegoTokenError,
  ZEGO_TOKEN_ERROR_STATUS,
  ZegoTokenError,
  type ZegoTokenErrorCode,
  type ZegoTokenErrorOptions,
} from '../errors.js';
export type { FetchHandlerOptions } from '../fetch-core.js';
export type { IssuedToken } from '../issued-token.js';
export type {
  CreateTokenIssuerSettings,
  TokenHandlerIssuer,
  TokenIssuer,
} from '../issuer-core.js';
export {
  DEFAULT_EFFECTIVE_TIME_IN_SECONDS,
  DEFAULT_METHODS,
  DEFAULT_PATH,
  type ResolvedUser,
  type TokenHandlerOptions,
  type TokenIssuedEvent,
  type TokenIssuerConfig,
  type TokenIssuerOptions,
  type TokenPayloadFunction,
  type TokenUser,
} from '../issuer-options.js';
export { type RoomPayloadOptions, roomPayload } from '../payload.js';
export type { TokenErrorBody, TokenIssuerResult, TokenResponseBody } from '../responses.js';
export { ZEGO_USER_ID_PATTERN } from '../validate.js';
export { createCallbackFetchHandler, createCallbackReceiver, verifyZegoCallback } from './callback.js';
export { createFetchHandler, createTokenIssuer } from './issuer.js';
export {
  type CreatedToken04,
  type CreateToken04Options,
  createToken04,
  type DecodedToken04,
  decodeToken04,
  type EncodeToken04Options,
  encodeToken04,
  type InspectedToken04,
  inspectToken04,
  MAX_TOKEN_LENGTH,
  type Token04Mode,
  type Token04Payload,
  type VerifyToken04Options,
  verifyToken04,
} from './token04.js';
