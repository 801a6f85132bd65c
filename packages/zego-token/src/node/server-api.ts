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
  type ZegoApiCallOptions,
  type ZegoApiParams,
  type ZegoApiParamValue,
  type ZegoApiSignature,
  type ZegoServerApi,
  ZegoServerApiError,
  type ZegoServerApiProduct,
  type ZegoServerApiRegion,
} from '../server-api/server-api.js';
export const { createMiniGameApi, createZegoServerApi, signZegoApiRequest } = serverApiFunctions({
  md5Hex,
  randomBytes: runtime.randomBytes,
});
