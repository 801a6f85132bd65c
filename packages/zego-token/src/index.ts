export { type VerifyZegoCallbackOptions, verifyZegoCallback } from './callback.js';
export {
  type CallbackFetchHandlerOptions,
  createCallbackFetchHandler,
  createCallbackReceiver,
  DEFAULT_CALLBACK_MAX_BODY_BYTES,
  DEFAULT_CALLBACK_PATH,
  type NodeRequestLike,
  parseCallbackBody,
  readNodeCallbackBody,
  readRequestCallbackBody,
  type ZegoCallbackBody,
  type ZegoCallbackConfig,
  type ZegoCallbackHandlerOptions,
  type ZegoCallbackHandlerReceiver,
  type ZegoCallbackInput,
  type ZegoCallbackOptions,
  type ZegoCallbackReceiver,
} from './callback-route.js';
export {
  getHttpStatus,
  isZegoTokenError,
  ZEGO_TOKEN_ERROR_STATUS,
  ZegoTokenError,
  type ZegoTokenErrorCode,
  type ZegoTokenErrorOptions,
} from './errors.js';
export { createFetchHandler, type FetchHandlerOptions } from './fetch.js';
export type { IssuedToken } from './issued-token.js';
export {
  type CreateTokenIssuerSettings,
  createTokenIssuer,
  DEFAULT_EFFECTIVE_TIME_IN_SECONDS,
  DEFAULT_METHODS,
  DEFAULT_PATH,
  type ResolvedUser,
  type TokenErrorBody,
  type TokenHandlerIssuer,
  type TokenHandlerOptions,
  type TokenIssuedEvent,
  type TokenIssuer,
  type TokenIssuerConfig,
  type TokenIssuerOptions,
  type TokenIssuerResult,
  type TokenPayloadFunction,
  type TokenResponseBody,
  type TokenUser,
} from './issuer.js';
export { type NodeResponseLike, writeNodeResponse } from './node-response.js';
export { type RoomPayloadOptions, roomPayload } from './payload.js';
export {
  type CreateZegoServerApiOptions,
  createZegoServerApi,
  type SignZegoApiRequestOptions,
  signZegoApiRequest,
  type ZegoApiCallOptions,
  type ZegoApiParams,
  type ZegoApiParamValue,
  type ZegoApiSignature,
  type ZegoServerApi,
  ZegoServerApiError,
  type ZegoServerApiProduct,
  type ZegoServerApiRegion,
} from './server-api.js';
export {
  type CreatedToken04,
  type CreateToken04Options,
  createToken04,
  type DecodedToken04,
  decodeToken04,
  type EncodeToken04Options,
  encodeToken04,
  generateToken04,
  type InspectedToken04,
  inspectToken04,
  MAX_TOKEN_LENGTH,
  type Token04Mode,
  type Token04Payload,
  type VerifyToken04Options,
  verifyToken04,
} from './token04.js';
export { ZEGO_USER_ID_PATTERN } from './validate.js';
