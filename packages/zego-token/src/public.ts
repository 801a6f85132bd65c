// What an app developer calls, runtime-neutral: the names both main entries (`zego-token`,
// `zego-token/web`) export. Each entry adds the functions it binds to its runtime (node/index.ts,
// web/index.ts). Adapter plumbing is in ./adapter.ts; the Server API in server-api/.

export type { AiAgentCallbackEvent } from './callback/events/ai-agent.js';
export type { CloudRecordingCallbackEvent } from './callback/events/cloud-recording.js';
export type { MiniGameCallbackEvent } from './callback/events/mini-game.js';
export { parseZegoCallback, type ZegoCallbackEvent } from './callback/events/parse.js';
export type { RtcCallbackEvent } from './callback/events/rtc.js';
export type { UnknownZegoCallbackEvent } from './callback/events/types.js';
export type { ZimCallbackEvent } from './callback/events/zim.js';
export type { CallbackIdempotencyOptions, CallbackIdempotencyStore } from './callback/idempotency.js';
export type { CallbackFetchHandlerOptions } from './callback/route.js';
export type {
  CallbackBody,
  VerifiedZegoCallback,
  VerifyZegoCallbackOptions,
  ZegoCallbackSignature,
} from './callback/signature.js';
export { isZegoTokenError, ZegoTokenError, type ZegoTokenErrorCode, type ZegoTokenErrorOptions } from './errors.js';
export type { FetchEvent, FetchHandlerArgs, FetchHandlerOptions, FetchInput } from './route/fetch.js';
export type { ResolvedUser, TokenPayloadFunction, TokenUser } from './route/options.js';
export type { RuntimeName, RuntimeValue } from './runtime.js';
export type { IssuedToken } from './token/issued-token.js';
// Their types (`KitTokenOptions`, `KitToken`) are exported by zego-token/client, where kit tokens are built.
export { parseKitToken, toKitToken } from './token/kit-token.js';
export { type RoomPayloadOptions, roomPayload } from './token/payload.js';
export {
  type CreateToken04Options,
  type DecodedToken04,
  type EncodeToken04Options,
  type InspectedToken04,
  inspectToken04,
  MAX_TOKEN_LENGTH,
  type Token04Mode,
  type Token04Payload,
  type VerifyToken04Options,
} from './token/token04.js';
export { ZEGO_USER_ID_PATTERN } from './validate.js';
