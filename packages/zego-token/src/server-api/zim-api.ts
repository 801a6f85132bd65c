// Typed methods for ZIM's room and presence actions (`zim-api.zego.im`), on top of
// `createZegoServerApi`'s generic `call`. Inputs are camelCase and mapped to ZEGO's parameter names;
// ZIM answers at the top level (`Result`, `ErrorList`), typed as its pages spell them. Each type names
// the page it was read from (ZEGOCLOUD/docs_all, core_products/zim/en/docs_zim_server/).

import {
  assertId,
  assertInput,
  assertNoProduct,
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
} from './server-api.js';

/** `createZegoServerApi`'s options without `product`: the client always calls `zim-api.zego.im`. */
export type CreateZimApiOptions = CreateProductApiOptions;

/** Source: https://www.zegocloud.com/docs/zim-server/room/remove-user-from-the-room */
export interface KickoutRoomUserInput {
  /** The room: at most 32 bytes of digits, English letters and ``!#$%&()+-:;<=.>?@[]^_{}|~,`` or space. */
  roomId: string;
  /** The users to remove, at least one, each at most 32 bytes; more than 50 (ZEGO's limit per call) are sent over several calls. */
  userIds: readonly string[];
  /** Why, at most 32 bytes. */
  customReason?: string | undefined;
  /** Who removes them: a registered user, who does not join the room. */
  fromUserId?: string | undefined;
}

/** Source: https://www.zegocloud.com/docs/zim-server/user/query-users-online-status */
export interface QueryUserOnlineStateInput {
  /** 1 to 100 users (ZEGO's limit per call), each at most 64 bytes. */
  userIds: readonly string[];
}

/** One user's state in `QueryUserOnlineState`'s `Result`. */
export interface ZegoZimUserOnlineState {
  UserId: string;
  Status: 'Online' | 'Offline';
}

/** One user ZIM could not answer for, in a top-level `ErrorList`. */
export interface ZegoZimUserError {
  UserId: string;
  /** Why: 660200001 for a user who does not exist, logged out, or never logged in. */
  SubCode: number;
}

/**
 * `QueryUserOnlineState`'s top-level fields. With `Code` 0, `Result` holds the users it knows and
 * `ErrorList` the others (empty or absent when it knew every one).
 */
export interface QueryUserOnlineStateResult {
  Result?: ZegoZimUserOnlineState[] | undefined;
  ErrorList?: ZegoZimUserError[] | undefined;
}

/**
 * A client for ZIM's Server API (`zim-api.zego.im`): the generic `call` and `baseUrl` of a
 * `ZegoServerApi`, plus typed methods. Each checks its input against ZEGO's documented limits
 * (rejecting with `OPTION_INVALID` before any request) and resolves with ZEGO's whole answer, typed; a
 * non-zero `Code` rejects with a `ZegoServerApiError`, as `call` does. None retries.
 */
export interface ZegoZimApi extends ZegoServerApi {
  /**
   * `KickoutRoomUser`: removes these users from the ZIM room (their clients get a room state change;
   * they stay logged in to ZIM). ZEGO takes 50 users per call: more are sent 50 at a time, one call
   * after the other, spaced to stay under ZEGO's 20 calls per second. When a call fails, no further
   * call is made and the promise rejects with a `ZegoServerApiBatchError` (`SERVER_API_BATCH_FAILED`)
   * whose `completedUserIds` were removed and whose `remainingUserIds` were not. ZEGO answers Code
   * 660300001 for a room that does not exist, 660300002 for users not in it.
   * @see https://www.zegocloud.com/docs/zim-server/room/remove-user-from-the-room
   */
  kickoutRoomUser(input: KickoutRoomUserInput): Promise<ZegoBatchResult>;
  /**
   * `QueryUserOnlineState`: whether each of these users (at most 100) is online. ZEGO answers at the
   * top level: `Result` for the users it knows, `ErrorList` (each with a `SubCode`) for the others.
   * @see https://www.zegocloud.com/docs/zim-server/user/query-users-online-status
   */
  queryUserOnlineState(input: QueryUserOnlineStateInput): Promise<ZegoServerApiAnswer<QueryUserOnlineStateResult>>;
}

// --- ZEGO's limits (the actions' pages) -------------------------------------------------------------

const ZIM_PATTERN = /^[0-9A-Za-z!#$%&()+\-:;<=.>?@[\]^_{}|~, ]+$/;
const ZIM_CHARACTERS = 'digits, English letters, space and !#$%&()+-:;<=.>?@[]^_{}|~,';
const ROOM_ID: IdRule = { maxBytes: 32, pattern: ZIM_PATTERN, characters: ZIM_CHARACTERS };
/** `KickoutRoomUser`'s `UserId[]` and `FromUserId`: at most 32 bytes. */
const KICKOUT_USER_ID: IdRule = { maxBytes: 32, pattern: ZIM_PATTERN, characters: ZIM_CHARACTERS };
/** `QueryUserOnlineState`'s `UserId[]`: at most 64 bytes. */
const QUERY_USER_ID: IdRule = { maxBytes: 64, pattern: ZIM_PATTERN, characters: ZIM_CHARACTERS };
const MAX_REASON_BYTES = 32;
const KICKOUT_USERS_PER_CALL = 50;
const MAX_QUERY_USERS = 100;

const KICKOUT_SHAPE = { roomId: true, userIds: true, customReason: true, fromUserId: true } as const satisfies Record<
  keyof KickoutRoomUserInput,
  true
>;
const QUERY_SHAPE = { userIds: true } as const satisfies Record<keyof QueryUserOnlineStateInput, true>;

/** See `ServerApiFunctions.createZimApi`. */
export function createZimApi(primitives: SigningPrimitives, options: CreateZimApiOptions): ZegoZimApi {
  assertNoProduct(options, 'createZimApi', 'zim');
  const api = createZegoServerApi(primitives, { ...options, product: 'zim' });
  return Object.freeze({
    baseUrl: api.baseUrl,
    call: api.call,
    kickoutRoomUser: async function kickoutRoomUser(input: unknown): Promise<ZegoBatchResult> {
      const name = 'KickoutRoomUser';
      assertInput(input, name, KICKOUT_SHAPE);
      assertId(input.roomId, `${name}.roomId`, ROOM_ID);
      const userIds = idList(input.userIds, `${name}.userIds`, KICKOUT_USER_ID);
      assertOptionalText(input.customReason, `${name}.customReason`, MAX_REASON_BYTES);
      if (input.fromUserId !== undefined) assertId(input.fromUserId, `${name}.fromUserId`, KICKOUT_USER_ID);
      const { roomId, customReason, fromUserId } = input as unknown as KickoutRoomUserInput;
      return sendInChunks(api, userIds, {
        action: name,
        size: KICKOUT_USERS_PER_CALL,
        intervalMs: 1000 / ZEGO_CALLS_PER_SECOND.KickoutRoomUser,
        params: (chunk) => ({ RoomId: roomId, UserId: chunk, CustomReason: customReason, FromUserId: fromUserId }),
      });
    },
    queryUserOnlineState: async function queryUserOnlineState(input: unknown) {
      const name = 'QueryUserOnlineState';
      assertInput(input, name, QUERY_SHAPE);
      const userIds = idList(input.userIds, `${name}.userIds`, QUERY_USER_ID, MAX_QUERY_USERS);
      return api.call<QueryUserOnlineStateResult>(name, { UserId: userIds });
    },
  }) as ZegoZimApi;
}
