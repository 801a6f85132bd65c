// `zego-token/server-api`: ZEGO's Server API on node:crypto (its signature is MD5, which Web Crypto lacks).
import { serverApiFunctions } from '../server-api/index.js';
import { md5Hex, runtime } from './runtime.js';

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
} from '../server-api/mini-game-api.js';
export {
  type CreateZegoServerApiOptions,
  type SignZegoApiRequestOptions,
  type ZegoServerApi,
  type ZegoServerApiAnswer,
  type ZegoServerApiCallOptions,
  type ZegoServerApiEnvelope,
  ZegoServerApiError,
  type ZegoServerApiErrorCode,
  type ZegoServerApiParams,
  type ZegoServerApiParamValue,
  type ZegoServerApiProduct,
  type ZegoServerApiRegion,
  type ZegoServerApiSignature,
} from '../server-api/server-api.js';
export const { createMiniGameApi, createZegoServerApi, signZegoApiRequest } = serverApiFunctions({
  md5Hex,
  randomBytes: runtime.randomBytes,
});
