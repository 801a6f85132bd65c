// Typed methods for Express RTC's room moderation actions (`rtc-api.zego.im`), on top of
// `createZegoServerApi`'s generic `call`. Inputs are camelCase and mapped to ZEGO's parameter names;
// answers are ZEGO's, as its pages spell them. Each type names the page it was read from
// (ZEGOCLOUD/docs_all, core_products/real-time-voice-video/en/server/api-reference/room/).

import { describe, fail, ZEGO_USER_ID_PATTERN } from '../validate.js';
import {
  assertId,
  assertInput,
  assertNoProduct,
  assertOneOf,
  assertOptionalText,
  type CreateProductApiOptions,
  type IdRule,
  idList,
  sendInChunks,
  ZEGO_CALLS_PER_SECOND,
  type ZegoBatchResult,
} from './inputs.js';
import {
  createZegoServerApi,
  type SigningPrimitives,
  type ZegoServerApi,
  type ZegoServerApiAnswer,
  type ZegoServerApiParams,
} from './server-api.js';

/** `createZegoServerApi`'s options without `product`: the client always calls `rtc-api.zego.im`. */
export type CreateRtcApiOptions = CreateProductApiOptions;

/** Source: https://www.zegocloud.com/docs/real-time-video-server/api-reference/room/kick-out-user */
export interface KickoutUserInput {
  /** The room: at most 127 bytes of digits, English letters and ``~!@#$%^&*()_+=-`;',.<>/\``. */
  roomId: string;
  /** The users to kick out, at least one; more than 5 (ZEGO's limit per call) are sent over several calls. */
  userIds: readonly string[];
  /** Why, at most 256 bytes: the kicked clients receive it. */
  customReason?: string | undefined;
}

/** Source: https://www.zegocloud.com/docs/real-time-video-server/api-reference/room/close */
export interface CloseRoomInput {
  roomId: string;
  /** Why, at most 256 bytes. */
  customReason?: string | undefined;
  /** Whether ZEGO also sends the room-closed callback (`RoomCloseCallback`). ZEGO's default is `false`. */
  roomCloseCallback?: boolean | undefined;
}

/** Source: https://www.zegocloud.com/docs/real-time-video-server/api-reference/room/describe-users */
export interface DescribeUsersInput {
  roomId: string;
  /** 1 to 10 users (ZEGO's limit per call). */
  userIds: readonly string[];
}

/** One user's state in `DescribeUsers`'s `Data.UserStatusList`. */
export interface ZegoRtcUserStatus {
  UserId: string;
  /** 0: not in the room; 1: in the room. */
  Status: 0 | 1;
  /** When the user logged into the room: Unix time in milliseconds. */
  LoginTime: number;
  /** 1 host, 2 audience, 4 administrator; meaningful for LiveRoom only, not Express. */
  UserRole: number;
}

/** `DescribeUsers`'s `Data`. */
export interface DescribeUsersData {
  UserStatusList: ZegoRtcUserStatus[];
}

/** What a forbid rule keys on: 1 an IP address, 2 a room, 3 a user, 4 a user in one room. */
export type ZegoForbidUserRuleType = 1 | 2 | 3 | 4;
/** What a forbid rule takes away: 1 logging in, 2 publishing streams. */
export type ZegoForbiddenPrivilege = 1 | 2;

/**
 * Whom a forbid rule is about, by `ruleType`: an `ip` (1), a `roomId` (2), a `userId` (3), or a `userId`
 * in a `roomId` (4). Source:
 * https://www.zegocloud.com/docs/real-time-video-server/api-reference/room/forbid-user-rule/set-forbid-user-rule
 */
export type ZegoForbidUserRuleTarget =
  | { ruleType: 1; ip: string }
  | { ruleType: 2; roomId: string }
  | { ruleType: 3; userId: string }
  | { ruleType: 4; roomId: string; userId: string };

/** Source: https://www.zegocloud.com/docs/real-time-video-server/api-reference/room/forbid-user-rule/set-forbid-user-rule */
export type SetForbidUserRuleInput = ZegoForbidUserRuleTarget & {
  /** What the rule takes away, at least one: 1 logging in, 2 publishing. */
  disabledPrivileges: readonly ZegoForbiddenPrivilege[];
  /** How long the rule lasts, in seconds: 1 to 86,400 (one day). Renew it for longer. */
  effectiveTimeInSeconds: number;
};

/** `SetForbidUserRule`'s `Data`. */
export interface SetForbidUserRuleData {
  /** When the rule expires: Unix time in seconds. */
  ExpireTime: number;
}

/** Source: https://www.zegocloud.com/docs/real-time-video-server/api-reference/room/forbid-user-rule/del-forbid-user-rule */
export type DelForbidUserRuleInput = ZegoForbidUserRuleTarget;

/** Source: https://www.zegocloud.com/docs/real-time-video-server/api-reference/room/forbid-user-rule/describe-forbid-user-rules */
export interface DescribeForbidUserRulesInput {
  ruleType: ZegoForbidUserRuleType;
}

/** One rule in `DescribeForbidUserRules`'s `Data.RuleList`; the fields its type does not use are `""`. */
export interface ZegoForbidUserRule {
  RuleType: ZegoForbidUserRuleType;
  IP: string;
  RoomId: string;
  UserId: string;
  DisabledPrivilegeList: ZegoForbiddenPrivilege[];
  /** When the rule expires: Unix time in seconds. */
  ExpireTime: number;
}

/** `DescribeForbidUserRules`'s `Data`. */
export interface DescribeForbidUserRulesData {
  RuleList: ZegoForbidUserRule[];
}

/**
 * A client for Express RTC's Server API (`rtc-api.zego.im`): the generic `call` and `baseUrl` of a
 * `ZegoServerApi`, plus typed room moderation methods. Each checks its input against ZEGO's documented
 * limits (rejecting with `OPTION_INVALID` before any request) and resolves with ZEGO's whole answer,
 * typed; a non-zero `Code` rejects with a `ZegoServerApiError`, as `call` does. None retries.
 */
export interface ZegoRtcApi extends ZegoServerApi {
  /**
   * `KickoutUser`: ends these users' sessions in the room (their streams stop; the clients get a
   * kicked-out room state). ZEGO takes 5 users per call: more are sent 5 at a time, one call after the
   * other, spaced to stay under ZEGO's 50 calls per second per AppID. When a call fails, no further
   * call is made and the promise rejects with a `ZegoServerApiBatchError` (`SERVER_API_BATCH_FAILED`)
   * whose `completedUserIds` were kicked and whose `remainingUserIds` were not.
   * @see https://www.zegocloud.com/docs/real-time-video-server/api-reference/room/kick-out-user
   */
  kickoutUser(input: KickoutUserInput): Promise<ZegoBatchResult>;
  /**
   * `CloseRoom`: removes every user and closes the room. ZEGO allows 1 call per second per AppID.
   * @see https://www.zegocloud.com/docs/real-time-video-server/api-reference/room/close
   */
  closeRoom(input: CloseRoomInput): Promise<ZegoServerApiAnswer>;
  /**
   * `DescribeUsers`: whether these users (at most 10) are in the room, and since when. ZEGO answers
   * Code 50001 for a room that no longer exists (it closes when its last user leaves).
   * @see https://www.zegocloud.com/docs/real-time-video-server/api-reference/room/describe-users
   */
  describeUsers(input: DescribeUsersInput): Promise<ZegoServerApiAnswer<{ Data: DescribeUsersData }>>;
  /**
   * `SetForbidUserRule`: forbids an IP, a room, a user or a user in a room to log in (1) or publish (2),
   * for up to 86,400 s. It does not remove a user already in a room: kick them out as well. ZEGO
   * support must enable it (Code 9 otherwise); 10 calls per second per AppID.
   * @see https://www.zegocloud.com/docs/real-time-video-server/api-reference/room/forbid-user-rule/set-forbid-user-rule
   */
  setForbidUserRule(input: SetForbidUserRuleInput): Promise<ZegoServerApiAnswer<{ Data: SetForbidUserRuleData }>>;
  /**
   * `DelForbidUserRule`: deletes the rule of this type for this target.
   * @see https://www.zegocloud.com/docs/real-time-video-server/api-reference/room/forbid-user-rule/del-forbid-user-rule
   */
  delForbidUserRule(input: DelForbidUserRuleInput): Promise<ZegoServerApiAnswer>;
  /**
   * `DescribeForbidUserRules`: the rules of this type that are in force.
   * @see https://www.zegocloud.com/docs/real-time-video-server/api-reference/room/forbid-user-rule/describe-forbid-user-rules
   */
  describeForbidUserRules(
    input: DescribeForbidUserRulesInput,
  ): Promise<ZegoServerApiAnswer<{ Data: DescribeForbidUserRulesData }>>;
}

// --- ZEGO's limits (zego-facts.md: Express's userID and roomID rules; the actions' pages) -------------

const RTC_CHARACTERS = "digits, English letters and ~!@#$%^&*()_+=-`;',.<>/\\";
const USER_ID: IdRule = { maxBytes: 64, pattern: ZEGO_USER_ID_PATTERN, characters: RTC_CHARACTERS };
/** Express's roomID: under 128 bytes, the userID's character set. */
const ROOM_ID: IdRule = {
  maxBytes: 127,
  pattern: /^[0-9A-Za-z~!@#$%^&*()_+=\-`;',.<>/\\]+$/,
  characters: RTC_CHARACTERS,
};
/** An IPv4 or IPv6 address, loosely: what ZEGO's `IP` parameter could hold. */
const IP: IdRule = { maxBytes: 45, pattern: /^[0-9A-Fa-f:.]+$/, characters: 'an IPv4 or IPv6 address' };
const MAX_REASON_BYTES = 256;
const KICKOUT_USERS_PER_CALL = 5;
const MAX_DESCRIBE_USERS = 10;
const MAX_EFFECTIVE_TIME = 86_400;
const RULE_TYPES: readonly ZegoForbidUserRuleType[] = [1, 2, 3, 4];
const PRIVILEGES: readonly ZegoForbiddenPrivilege[] = [1, 2];

const KICKOUT_SHAPE = { roomId: true, userIds: true, customReason: true } as const satisfies Record<
  keyof KickoutUserInput,
  true
>;
const CLOSE_SHAPE = { roomId: true, customReason: true, roomCloseCallback: true } as const satisfies Record<
  keyof CloseRoomInput,
  true
>;
const DESCRIBE_USERS_SHAPE = { roomId: true, userIds: true } as const satisfies Record<keyof DescribeUsersInput, true>;
/** Every key of every target, with the rule's own; which ones a rule type needs is checked after. */
const TARGET_SHAPE = { ruleType: true, ip: true, roomId: true, userId: true } as const;
const SET_RULE_SHAPE = { ...TARGET_SHAPE, disabledPrivileges: true, effectiveTimeInSeconds: true } as const;
const TARGET_KEYS: Readonly<Record<ZegoForbidUserRuleType, readonly ('ip' | 'roomId' | 'userId')[]>> = {
  1: ['ip'],
  2: ['roomId'],
  3: ['userId'],
  4: ['roomId', 'userId'],
};

/** The target's parameters: `RuleType` and the IDs its type needs (the others refused). */
function targetParams(input: Record<string, unknown>, name: string): ZegoServerApiParams {
  assertOneOf(input.ruleType, `${name}.ruleType`, RULE_TYPES);
  const needed = TARGET_KEYS[input.ruleType];
  for (const key of ['ip', 'roomId', 'userId'] as const) {
    if (!needed.includes(key) && input[key] !== undefined) {
      fail('OPTION_INVALID', `${name}: ruleType ${input.ruleType} takes ${needed.join(' and ')}, not ${key}`);
    }
  }
  if (needed.includes('ip')) assertId(input.ip, `${name}.ip`, IP);
  if (needed.includes('roomId')) assertId(input.roomId, `${name}.roomId`, ROOM_ID);
  if (needed.includes('userId')) assertId(input.userId, `${name}.userId`, USER_ID);
  return {
    RuleType: input.ruleType,
    IP: input.ip as string | undefined,
    RoomId: input.roomId as string | undefined,
    UserId: input.userId as string | undefined,
  };
}

function closeRoomParams(input: unknown, name: string): ZegoServerApiParams {
  assertInput(input, name, CLOSE_SHAPE);
  assertId(input.roomId, `${name}.roomId`, ROOM_ID);
  assertOptionalText(input.customReason, `${name}.customReason`, MAX_REASON_BYTES);
  if (input.roomCloseCallback !== undefined)
    assertOneOf(input.roomCloseCallback, `${name}.roomCloseCallback`, [true, false]);
  return {
    RoomId: input.roomId,
    CustomReason: input.customReason as string | undefined,
    RoomCloseCallback: input.roomCloseCallback as boolean | undefined,
  };
}

function describeUsersParams(input: unknown, name: string): ZegoServerApiParams {
  assertInput(input, name, DESCRIBE_USERS_SHAPE);
  assertId(input.roomId, `${name}.roomId`, ROOM_ID);
  return { RoomId: input.roomId, UserId: idList(input.userIds, `${name}.userIds`, USER_ID, MAX_DESCRIBE_USERS) };
}

function setRuleParams(input: unknown, name: string): ZegoServerApiParams {
  assertInput(input, name, SET_RULE_SHAPE);
  const target = targetParams(input, name);
  const privileges = input.disabledPrivileges;
  if (!Array.isArray(privileges) || privileges.length === 0) {
    fail(
      'OPTION_INVALID',
      `${name}.disabledPrivileges must be a non-empty array of 1 (login) and 2 (publish), got ${describe(privileges)}`,
    );
  }
  privileges.forEach((privilege, index) => {
    assertOneOf(privilege, `${name}.disabledPrivileges[${index}]`, PRIVILEGES);
  });
  const seconds = input.effectiveTimeInSeconds;
  if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 1 || seconds > MAX_EFFECTIVE_TIME) {
    fail(
      'OPTION_INVALID',
      `${name}.effectiveTimeInSeconds must be an integer from 1 to ${MAX_EFFECTIVE_TIME} (one day), got ${describe(seconds)}`,
    );
  }
  return { ...target, DisabledPrivilege: [...new Set(privileges as ZegoForbiddenPrivilege[])], EffectiveTime: seconds };
}

function delRuleParams(input: unknown, name: string): ZegoServerApiParams {
  assertInput(input, name, TARGET_SHAPE);
  return targetParams(input, name);
}

function describeRulesParams(input: unknown, name: string): ZegoServerApiParams {
  assertInput(input, name, { ruleType: true });
  assertOneOf(input.ruleType, `${name}.ruleType`, RULE_TYPES);
  return { RuleType: input.ruleType };
}

// --- The client -----------------------------------------------------------------------------------

/** A typed GET of `action`: its input checked and mapped by `params`, ZEGO's whole answer resolved. */
function action<T extends object>(
  api: ZegoServerApi,
  name: string,
  params: (input: unknown, name: string) => ZegoServerApiParams,
): (input: unknown) => Promise<ZegoServerApiAnswer<T>> {
  return async (input) => api.call<T>(name, params(input, name));
}

/** See `ServerApiFunctions.createRtcApi`. */
export function createRtcApi(primitives: SigningPrimitives, options: CreateRtcApiOptions): ZegoRtcApi {
  assertNoProduct(options, 'createRtcApi', 'rtc');
  const api = createZegoServerApi(primitives, { ...options, product: 'rtc' });
  return Object.freeze({
    baseUrl: api.baseUrl,
    call: api.call,
    kickoutUser: async function kickoutUser(input: unknown): Promise<ZegoBatchResult> {
      const name = 'KickoutUser';
      assertInput(input, name, KICKOUT_SHAPE);
      assertId(input.roomId, `${name}.roomId`, ROOM_ID);
      const userIds = idList(input.userIds, `${name}.userIds`, USER_ID);
      assertOptionalText(input.customReason, `${name}.customReason`, MAX_REASON_BYTES);
      const { roomId, customReason } = input as unknown as KickoutUserInput;
      return sendInChunks(api, userIds, {
        action: name,
        size: KICKOUT_USERS_PER_CALL,
        intervalMs: 1000 / ZEGO_CALLS_PER_SECOND.KickoutUser,
        params: (chunk) => ({ RoomId: roomId, UserId: chunk, CustomReason: customReason }),
      });
    },
    closeRoom: action(api, 'CloseRoom', closeRoomParams),
    describeUsers: action(api, 'DescribeUsers', describeUsersParams),
    setForbidUserRule: action(api, 'SetForbidUserRule', setRuleParams),
    delForbidUserRule: action(api, 'DelForbidUserRule', delRuleParams),
    describeForbidUserRules: action(api, 'DescribeForbidUserRules', describeRulesParams),
  }) as ZegoRtcApi;
}
