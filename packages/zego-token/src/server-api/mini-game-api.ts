// Typed methods for the MiniGameEngine's documented Server APIs, on top of `createZegoServerApi`'s
// generic `call` (one HTTP implementation). Parameters keep ZEGO's PascalCase names, so a body copied
// from ZEGO's documentation is a valid input and the docs' tables read as the types. Each type names the
// page it was read from; what is not typed here (the `Data` of most actions) the caller types, as with
// `call<T>`.

import { utf8ByteLength } from '../utf8.js';
import { assertKnownKeys, assertOptionsObject, describe, fail } from '../validate.js';
import {
  type CreateZegoServerApiOptions,
  createZegoServerApi,
  type SigningPrimitives,
  type ZegoServerApi,
} from './server-api.js';

/** `createZegoServerApi`'s options without `product`: the client always calls `mini-game-api.zego.im`. */
export type CreateMiniGameApiOptions = Omit<CreateZegoServerApiOptions, 'product'>;

/**
 * A viewer of a live comment-based game, as `SendDanmakuLikes` and `SendDanmakuGifts` take it.
 * Sources: https://www.zegocloud.com/docs/mini-game-server/bullet-comments-games-related/like (English:
 * `Sex` a String) and doc-zh.zego.im/mini-game-server/bullet-comments-games-related/send-gifts (Chinese:
 * `Sex` a Number); either is accepted and sent as given.
 */
export interface ZegoMiniGameUserInfo {
  /** 1 to 48 digits and English letters, defined by you. */
  UserId: string;
  /** 1 to 32 characters. */
  Nickname: string;
  /** The avatar's `http:` or `https:` URL, at most 1024 bytes. */
  Avatar: string;
  /** 1: male, 2: female. */
  Sex?: 1 | 2 | '1' | '2' | undefined;
}

/** Source: https://www.zegocloud.com/docs/mini-game-server/bullet-comments-games-related/get-activation-code */
export interface DescribeGameLaunchCodeInput {
  /** The room, 1 to 64 characters, defined by you. */
  RoomId: string;
  /** The game's ID, from ZEGO's technical support. */
  MiniGameId: string;
  /** The anchor (host): 1 to 48 digits and English letters. */
  AnchorId: string;
  /** The anchor's nickname, 1 to 32 characters. */
  Nickname: string;
  /** The anchor's avatar: an `http:` or `https:` URL of at most 1024 bytes. */
  Avatar: string;
  /** The anchor's gender (an int): 1 male, 2 female. */
  Sex?: 1 | 2 | undefined;
}

/** One viewer's likes. Source: https://www.zegocloud.com/docs/mini-game-server/bullet-comments-games-related/like */
export interface ZegoMiniGameLike {
  UserInfo: ZegoMiniGameUserInfo;
  /** How many likes this viewer gave; ZEGO's default is 1. A positive integer. */
  Amount?: number | undefined;
}

/** Source: https://www.zegocloud.com/docs/mini-game-server/bullet-comments-games-related/like */
export interface SendDanmakuLikesInput {
  RoomId: string;
  MiniGameId: string;
  /** The likes merged over 50–200 ms in this room (ZEGO's advice), at least one. */
  LikeList: readonly ZegoMiniGameLike[];
}

/**
 * One gift event. Source: doc-zh.zego.im/mini-game-server/bullet-comments-games-related/send-gifts (the
 * Chinese page's GiftList table; the English page describes the same action:
 * https://www.zegocloud.com/docs/mini-game-server/bullet-comments-games-related/send-gifts).
 */
export interface ZegoMiniGameGift {
  UserInfo: ZegoMiniGameUserInfo;
  GiftInfo: {
    /** The gift's ID, agreed with ZEGO's technical support. */
    GiftId: string;
    /** How many gifts one effect takes, when the game distinguishes amounts (a positive integer). */
    Value?: number | undefined;
    /** How many effects to trigger (a positive integer). */
    Num: number;
  };
  /** The receiving anchor, when several anchors compete in one room. */
  ReceiverId?: string | undefined;
  /** When the gift was given: Unix time in milliseconds. */
  Timestamp: number;
  /**
   * Your ID for this gift message: 1 to 64 digits, letters, `_` or `-`, unique for at least 24 hours.
   * ZEGO answers a repeated MsgId with the first result and gives nothing twice: retry with the same one.
   */
  MsgId: string;
}

/** Source: doc-zh.zego.im/mini-game-server/bullet-comments-games-related/send-gifts */
export interface SendDanmakuGiftsInput {
  RoomId: string;
  MiniGameId: string;
  /** The gifts merged over 50–200 ms in this room (ZEGO's advice), at least one. */
  GiftList: readonly ZegoMiniGameGift[];
}

/** Source: https://www.zegocloud.com/docs/mini-game-server/bullet-comments-games-related/check-gift-sending-results */
export interface DescribeDanmakuMsgResultsInput {
  RoomId: string;
  MiniGameId: string;
  /** The gift messages' `MsgId`s, at least one. */
  MsgIdList: readonly string[];
  /** How many days back to look: ZEGO's default is 30, at most 90. */
  Duration?: number | undefined;
}

/**
 * `DescribeDanmakuMsgResults`'s `Data`: one entry per gift message ZEGO processed (none for the others).
 * Source: https://www.zegocloud.com/docs/mini-game-server/bullet-comments-games-related/check-gift-sending-results
 */
export interface DescribeDanmakuMsgResultsData {
  Results: {
    /** 0: the gift took effect; anything else: it failed. */
    Result: number;
    /** Why it failed. */
    Msg: string;
    MsgId: string;
    /** The `Timestamp` sent with the gift. */
    Timestamp: number;
  }[];
}

/**
 * A client for the MiniGameEngine's Server APIs: the generic `call` and `baseUrl` of a `ZegoServerApi`,
 * plus one method per documented action. Each method checks its input against ZEGO's documented limits
 * (rejecting with `OPTION_INVALID` before any request), POSTs it as the JSON body, and resolves with the
 * answer's `Data` (where the MiniGameEngine answers; the generic `call` resolves the whole answer); a
 * non-zero `Code` rejects with a `ZegoServerApiError`, as `call` does. None retries.
 */
export interface ZegoMiniGameApi extends ZegoServerApi {
  /**
   * `DescribeGameLaunchCode`: a live comment-based game's launch code for this anchor, room and game.
   * Do not call it again while the game runs: ZEGO may end the game. `Data` is not typed here: pass
   * its type as `T`.
   */
  describeGameLaunchCode<T = unknown>(input: DescribeGameLaunchCodeInput): Promise<T>;
  /** `SendDanmakuLikes`: viewers' likes, to the game in this room. `Data` is not typed here: `T`. */
  sendDanmakuLikes<T = unknown>(input: SendDanmakuLikesInput): Promise<T>;
  /**
   * `SendDanmakuGifts`: viewers' gifts, to the game in this room. Safe to retry with the same `MsgId`s;
   * check the outcome with `describeDanmakuMsgResults`. `Data` is not typed here: `T`.
   */
  sendDanmakuGifts<T = unknown>(input: SendDanmakuGiftsInput): Promise<T>;
  /** `DescribeDanmakuMsgResults`: whether the gifts with these `MsgId`s took effect. */
  describeDanmakuMsgResults(input: DescribeDanmakuMsgResultsInput): Promise<DescribeDanmakuMsgResultsData>;
}

// --- Validation: ZEGO's documented limits, checked before anything is sent ---------------------------

const ALPHANUMERIC_48 = /^[0-9A-Za-z]{1,48}$/;
const MSG_ID = /^[0-9A-Za-z_-]{1,64}$/;
const MAX_AVATAR_BYTES = 1024;
const MAX_DURATION_DAYS = 90;

type Shape = Readonly<Record<string, true>>;

/** Checks an input object's keys, suggesting ZEGO's PascalCase for a camelCase key (`roomId` → `RoomId`). */
function assertShape(value: unknown, name: string, shape: Shape): asserts value is Record<string, unknown> {
  assertOptionsObject(value, name);
  const hints = Object.fromEntries(Object.keys(shape).map((key) => [key[0]?.toLowerCase() + key.slice(1), key]));
  assertKnownKeys(value, shape, name, hints);
}

function assertText(value: unknown, name: string, maxCharacters?: number): asserts value is string {
  if (typeof value !== 'string' || value.length === 0)
    fail('OPTION_INVALID', `${name} must be a non-empty string, got ${describe(value)}`);
  const characters = [...value].length;
  if (maxCharacters !== undefined && characters > maxCharacters) {
    fail('OPTION_INVALID', `${name} must be at most ${maxCharacters} characters, got ${characters}`);
  }
}

function assertMatches(value: unknown, name: string, pattern: RegExp, what: string): void {
  if (typeof value !== 'string' || !pattern.test(value))
    fail('OPTION_INVALID', `${name} must be ${what}, got ${describe(value)}`);
}

function assertAvatar(value: unknown, name: string): void {
  const url = typeof value === 'string' && URL.canParse(value) ? new URL(value) : undefined;
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    fail('OPTION_INVALID', `${name} must be an http: or https: URL, got ${describe(value)}`);
  }
  const bytes = utf8ByteLength(value as string);
  if (bytes > MAX_AVATAR_BYTES)
    fail('OPTION_INVALID', `${name} must be at most ${MAX_AVATAR_BYTES} bytes, got ${bytes}`);
}

function assertCount(value: unknown, name: string, optional: boolean, max = Number.MAX_SAFE_INTEGER): void {
  if (optional && value === undefined) return;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1 || value > max) {
    fail('OPTION_INVALID', `${name} must be an integer from 1 to ${max}, got ${describe(value)}`);
  }
}

function assertList(value: unknown, name: string): asserts value is readonly unknown[] {
  if (!Array.isArray(value) || value.length === 0)
    fail('OPTION_INVALID', `${name} must be a non-empty array, got ${describe(value)}`);
}

/** RoomId and MiniGameId, which every action takes. */
function assertRoomAndGame(input: Record<string, unknown>, name: string): void {
  assertText(input.RoomId, `${name}.RoomId`, 64);
  assertText(input.MiniGameId, `${name}.MiniGameId`);
}

const USER_INFO_SHAPE = { UserId: true, Nickname: true, Avatar: true, Sex: true } as const satisfies Record<
  keyof ZegoMiniGameUserInfo,
  true
>;

function assertUserInfo(value: unknown, name: string): void {
  assertShape(value, name, USER_INFO_SHAPE);
  assertMatches(value.UserId, `${name}.UserId`, ALPHANUMERIC_48, '1 to 48 digits and English letters');
  assertText(value.Nickname, `${name}.Nickname`, 32);
  assertAvatar(value.Avatar, `${name}.Avatar`);
  if (value.Sex !== undefined && ![1, 2, '1', '2'].includes(value.Sex as never)) {
    fail('OPTION_INVALID', `${name}.Sex must be 1 or 2 (or '1' or '2'), got ${describe(value.Sex)}`);
  }
}

const LAUNCH_CODE_SHAPE = {
  RoomId: true,
  MiniGameId: true,
  AnchorId: true,
  Nickname: true,
  Avatar: true,
  Sex: true,
} as const satisfies Record<keyof DescribeGameLaunchCodeInput, true>;

function checkLaunchCode(input: unknown, name: string): void {
  assertShape(input, name, LAUNCH_CODE_SHAPE);
  assertRoomAndGame(input, name);
  assertMatches(input.AnchorId, `${name}.AnchorId`, ALPHANUMERIC_48, '1 to 48 digits and English letters');
  assertText(input.Nickname, `${name}.Nickname`, 32);
  assertAvatar(input.Avatar, `${name}.Avatar`);
  if (input.Sex !== undefined && input.Sex !== 1 && input.Sex !== 2) {
    fail('OPTION_INVALID', `${name}.Sex must be 1 or 2, got ${describe(input.Sex)}`);
  }
}

const LIKES_SHAPE = { RoomId: true, MiniGameId: true, LikeList: true } as const satisfies Record<
  keyof SendDanmakuLikesInput,
  true
>;
const LIKE_SHAPE = { UserInfo: true, Amount: true } as const satisfies Record<keyof ZegoMiniGameLike, true>;

/** An action whose body is RoomId, MiniGameId and a non-empty list of viewers' events (likes, gifts). */
function checkViewerEvents(
  input: unknown,
  name: string,
  shapes: { body: Shape; list: string; item: Shape },
  checkItem: (item: Record<string, unknown>, at: string) => void,
): void {
  assertShape(input, name, shapes.body);
  assertRoomAndGame(input, name);
  const list = input[shapes.list];
  assertList(list, `${name}.${shapes.list}`);
  list.forEach((item, index) => {
    const at = `${name}.${shapes.list}[${index}]`;
    assertShape(item, at, shapes.item);
    assertUserInfo(item.UserInfo, `${at}.UserInfo`);
    checkItem(item, at);
  });
}

function checkLikes(input: unknown, name: string): void {
  checkViewerEvents(input, name, { body: LIKES_SHAPE, list: 'LikeList', item: LIKE_SHAPE }, (like, at) => {
    assertCount(like.Amount, `${at}.Amount`, true);
  });
}

const GIFTS_SHAPE = { RoomId: true, MiniGameId: true, GiftList: true } as const satisfies Record<
  keyof SendDanmakuGiftsInput,
  true
>;
const GIFT_SHAPE = {
  UserInfo: true,
  GiftInfo: true,
  ReceiverId: true,
  Timestamp: true,
  MsgId: true,
} as const satisfies Record<keyof ZegoMiniGameGift, true>;
const GIFT_INFO_SHAPE = { GiftId: true, Value: true, Num: true } as const satisfies Record<
  keyof ZegoMiniGameGift['GiftInfo'],
  true
>;

function checkGifts(input: unknown, name: string): void {
  checkViewerEvents(input, name, { body: GIFTS_SHAPE, list: 'GiftList', item: GIFT_SHAPE }, (gift, at) => {
    assertShape(gift.GiftInfo, `${at}.GiftInfo`, GIFT_INFO_SHAPE);
    assertText(gift.GiftInfo.GiftId, `${at}.GiftInfo.GiftId`);
    assertCount(gift.GiftInfo.Value, `${at}.GiftInfo.Value`, true);
    assertCount(gift.GiftInfo.Num, `${at}.GiftInfo.Num`, false);
    if (gift.ReceiverId !== undefined) assertText(gift.ReceiverId, `${at}.ReceiverId`);
    if (typeof gift.Timestamp !== 'number' || !Number.isSafeInteger(gift.Timestamp) || gift.Timestamp < 0) {
      fail('OPTION_INVALID', `${at}.Timestamp must be Unix time in milliseconds, got ${describe(gift.Timestamp)}`);
    }
    assertMatches(gift.MsgId, `${at}.MsgId`, MSG_ID, '1 to 64 digits, letters, _ or -');
  });
}

const RESULTS_SHAPE = { RoomId: true, MiniGameId: true, MsgIdList: true, Duration: true } as const satisfies Record<
  keyof DescribeDanmakuMsgResultsInput,
  true
>;

function checkResults(input: unknown, name: string): void {
  assertShape(input, name, RESULTS_SHAPE);
  assertRoomAndGame(input, name);
  assertList(input.MsgIdList, `${name}.MsgIdList`);
  input.MsgIdList.forEach((msgId, index) => {
    assertText(msgId, `${name}.MsgIdList[${index}]`);
  });
  assertCount(input.Duration, `${name}.Duration`, true, MAX_DURATION_DAYS);
}

// --- The client -----------------------------------------------------------------------------------

/**
 * Validates `input` with `check`, then POSTs it as `action`'s JSON body through the generic `call`, and
 * resolves with the answer's `Data`: the MiniGameEngine answers each of these actions there.
 */
function action<T>(api: ZegoServerApi, name: string, check: (input: unknown, name: string) => void) {
  return async (input: unknown): Promise<T> => {
    check(input, name);
    return (await api.call<{ Data: T }>(name, undefined, { method: 'POST', body: input })).Data;
  };
}

/** See `ServerApiFunctions.createMiniGameApi`. */
export function createMiniGameApi(primitives: SigningPrimitives, options: CreateMiniGameApiOptions): ZegoMiniGameApi {
  assertOptionsObject(options, 'createMiniGameApi options');
  if (Object.hasOwn(options, 'product')) {
    fail('OPTION_INVALID', 'createMiniGameApi: `product` is always mini-game; use createZegoServerApi for another');
  }
  const api = createZegoServerApi(primitives, { ...options, product: 'mini-game' });
  return Object.freeze({
    baseUrl: api.baseUrl,
    call: api.call,
    describeGameLaunchCode: action(api, 'DescribeGameLaunchCode', checkLaunchCode),
    sendDanmakuLikes: action(api, 'SendDanmakuLikes', checkLikes),
    sendDanmakuGifts: action(api, 'SendDanmakuGifts', checkGifts),
    describeDanmakuMsgResults: action<DescribeDanmakuMsgResultsData>(api, 'DescribeDanmakuMsgResults', checkResults),
  }) as ZegoMiniGameApi;
}
