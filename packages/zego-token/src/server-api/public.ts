// What `zego-token/server-api` and `zego-token/web/server-api` both export besides the functions each
// binds to its runtime (node/server-api.ts, web/server-api.ts): the types and the error classes, once.
export type { ZegoBatchResult } from './inputs.js';
export type {
  CreateMiniGameApiOptions,
  DescribeDanmakuMsgResultsData,
  DescribeDanmakuMsgResultsInput,
  DescribeGameLaunchCodeInput,
  SendDanmakuGiftsInput,
  SendDanmakuLikesInput,
  ZegoMiniGameApi,
  ZegoMiniGameGift,
  ZegoMiniGameLike,
  ZegoMiniGameUserInfo,
} from './mini-game-api.js';
export type {
  CloseRoomInput,
  CreateRtcApiOptions,
  DelForbidUserRuleInput,
  DescribeForbidUserRulesData,
  DescribeForbidUserRulesInput,
  DescribeUsersData,
  DescribeUsersInput,
  KickoutUserInput,
  SetForbidUserRuleData,
  SetForbidUserRuleInput,
  ZegoForbiddenPrivilege,
  ZegoForbidUserRule,
  ZegoForbidUserRuleTarget,
  ZegoForbidUserRuleType,
  ZegoRtcApi,
  ZegoRtcUserStatus,
} from './rtc-api.js';
export {
  type CreateZegoServerApiOptions,
  type SignZegoApiRequestOptions,
  type ZegoServerApi,
  type ZegoServerApiAnswer,
  ZegoServerApiBatchError,
  type ZegoServerApiCallOptions,
  type ZegoServerApiEnvelope,
  ZegoServerApiError,
  type ZegoServerApiErrorCode,
  type ZegoServerApiParams,
  type ZegoServerApiParamValue,
  type ZegoServerApiProduct,
  type ZegoServerApiRegion,
  type ZegoServerApiSignature,
} from './server-api.js';
export type {
  CreateZimApiOptions,
  KickoutRoomUserInput,
  QueryUserOnlineStateInput,
  QueryUserOnlineStateResult,
  ZegoZimApi,
  ZegoZimUserError,
  ZegoZimUserOnlineState,
} from './zim-api.js';
