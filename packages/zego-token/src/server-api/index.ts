// ZEGO's Server API, bound to a runtime's signing primitives by the entries (node/server-api.ts on
// node:crypto, web/server-api.ts on @noble/hashes' MD5).
import { type CreateMiniGameApiOptions, createMiniGameApi, type ZegoMiniGameApi } from './mini-game-api.js';
import { type CreateRtcApiOptions, createRtcApi, type ZegoRtcApi } from './rtc-api.js';
import {
  type CreateZegoServerApiOptions,
  createZegoServerApi,
  type SigningPrimitives,
  type SignZegoApiRequestOptions,
  signZegoApiRequest,
  type ZegoServerApi,
  type ZegoServerApiSignature,
} from './server-api.js';
import { type CreateZimApiOptions, createZimApi, type ZegoZimApi } from './zim-api.js';

/** The Server API's functions on one runtime. */
export interface ServerApiFunctions {
  /**
   * Signs one ZEGO Server API request (signature version 2.0): returns the public parameters to put in
   * its query string. Sign each request afresh: ZEGO refuses a timestamp more than 10 minutes off its clock.
   * Throws `APP_ID_INVALID`, `SECRET_INVALID` or `OPTION_INVALID`; no message holds the secret.
   */
  signZegoApiRequest(options: SignZegoApiRequestOptions): ZegoServerApiSignature;
  /**
   * A small client for ZEGO's Server APIs: `call(action, params?, { method?, body? })` signs each request
   * afresh (`signZegoApiRequest`) and resolves with the response's `Data`. Validates its options once,
   * here; throws `APP_ID_INVALID`, `SECRET_INVALID` or `OPTION_INVALID`.
   */
  createZegoServerApi(options: CreateZegoServerApiOptions): ZegoServerApi;
  /**
   * A client for the MiniGameEngine's Server APIs (`mini-game-api.zego.im`): typed methods for its
   * documented actions, and `call` for any other. Takes `createZegoServerApi`'s options without `product`,
   * validated once, here; throws `APP_ID_INVALID`, `SECRET_INVALID` or `OPTION_INVALID`.
   */
  createMiniGameApi(options: CreateMiniGameApiOptions): ZegoMiniGameApi;
  /**
   * A client for Express RTC's Server API (`rtc-api.zego.im`): typed room moderation methods
   * (`kickoutUser`, `closeRoom`, `describeUsers`, the forbid-user rules), and `call` for any other
   * action. Takes `createZegoServerApi`'s options without `product`, validated once, here; throws
   * `APP_ID_INVALID`, `SECRET_INVALID` or `OPTION_INVALID`.
   */
  createRtcApi(options: CreateRtcApiOptions): ZegoRtcApi;
  /**
   * A client for ZIM's Server API (`zim-api.zego.im`): typed `kickoutRoomUser` and
   * `queryUserOnlineState`, and `call` for any other action. Takes `createZegoServerApi`'s options
   * without `product`, validated once, here; throws `APP_ID_INVALID`, `SECRET_INVALID` or `OPTION_INVALID`.
   */
  createZimApi(options: CreateZimApiOptions): ZegoZimApi;
}

/** The Server API's functions on `primitives`. */
export function serverApiFunctions(primitives: SigningPrimitives): ServerApiFunctions {
  return {
    signZegoApiRequest: (options) => signZegoApiRequest(primitives, options),
    createZegoServerApi: (options) => createZegoServerApi(primitives, options),
    createMiniGameApi: (options) => createMiniGameApi(primitives, options),
    createRtcApi: (options) => createRtcApi(primitives, options),
    createZimApi: (options) => createZimApi(primitives, options),
  };
}
