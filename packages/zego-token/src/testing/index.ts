// `zego-token/testing`: a local stand-in for ZEGO's RTC and ZIM Server APIs and its callbacks, for an
// app's tests. Node only: it listens on 127.0.0.1 (node:http) and hashes with node:crypto.
export type { StandInCallbackEvent, StandInCallbackResult } from './callbacks.js';
export type {
  StandInForbidRule,
  StandInLoginResult,
  StandInRtcRoom,
  StandInRtcUser,
  StandInRuleType,
} from './model.js';
export {
  type StandInFailure,
  type StandInRequest,
  type StandInSentCallback,
  startZegoStandIn,
  type ZegoStandIn,
  type ZegoStandInOptions,
} from './stand-in.js';
