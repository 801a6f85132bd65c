// ZIM's documented callbacks as typed events (core_products/zim/en/docs_zim_server/Callbacks/*).
import { ZegoTokenError } from '../../errors.js';
import { FieldReader } from './reader.js';
import type { CallbackExample, ProductCallbacks, ZegoCallbackEventBase } from './types.js';

const PAGES = 'core_products/zim/en/docs_zim_server/Callbacks';

/**
 * The fields every ZIM callback carries. `timestamp` is milliseconds since the epoch: ZEGO sends seconds
 * (the signature's unit; the room and group pages say "Unit: ms" but their examples show seconds), so a
 * value below 10^11 is read as seconds and a larger one as milliseconds.
 */
export interface ZimCallbackEventBase<E extends string> extends ZegoCallbackEventBase<'zim', E> {
  /** The app's ID (`appid`), as the decimal text ZEGO sends. */
  readonly appId: string;
  /** When ZEGO's server sent the callback (`timestamp`), ms since the epoch (sent in seconds). */
  readonly timestamp: number;
  /** The random `nonce` of the signature. */
  readonly nonce: string;
  /** The `signature` (verify it with `verifyZegoCallback` before parsing). */
  readonly signature: string;
}

/** A user's ZIM connection state (`user_action.action`). */
export type ZimUserAction = 'online' | 'logout' | 'offline';

/** `user_action`: a user logged in, logged out or went offline (page "Login and logout"). */
export interface ZimUserActionEvent extends ZimCallbackEventBase<'user_action'> {
  /** The user's ID (`user_id`). */
  readonly userId: string;
  /** The user's name (`user_name`). */
  readonly userName: string;
  /**
   * The operating system given at login (`os`): `PC`, `IOS_PHONE`, `ANDROID`, `MAC`, `LINUX`, `WEB`,
   * `MINIPROGRAM`, `ANDROID_TV` (as sent; ZEGO's example has `"PC "`).
   */
  readonly os: string;
  /**
   * `action`: 0 `online` (connected to ZIM by `login`), 1 `logout` (disconnected by `logout`), 2 `offline`;
   * another code is `'unknown'`.
   */
  readonly action: ZimUserAction | 'unknown';
  /** `action`'s number. */
  readonly actionCode: number;
  /** The session's ID (`session_id`, 64-bit, exact): one per terminal the user is online on. */
  readonly sessionId: string;
  /** When the user logged in (`login_time`), ms since the epoch (sent in seconds). */
  readonly loginTime?: number;
  /** `relogin`: `false` for a first login ("0"), `true` for a re-login ("1"). */
  readonly relogin?: boolean;
  /** When the user logged out (`logout_time`), ms since the epoch (sent in seconds). */
  readonly logoutTime?: number;
  /** Why the user logged out (`logout_reason`), as ZEGO words it. */
  readonly logoutReason?: string;
  /** When the user went offline (`offline_time`), ms since the epoch (sent in seconds). */
  readonly offlineTime?: number;
}

/** The conversation a message goes to (`conv_type`): 0 one-on-one, 1 room, 2 group. */
export type ZimConversationType = 'peer' | 'room' | 'group';

/**
 * A message's type (`msg_type`): 1 text, 10 multiple (multi-item), 11 image, 12 file, 13 audio,
 * 14 video, 100 combined, 200 custom.
 */
export type ZimMessageType = 'text' | 'multiple' | 'image' | 'file' | 'audio' | 'video' | 'combined' | 'custom';

/** The message fields `before_send_msg`, `send_msg` and `bot_msg` share. */
export interface ZimMessageFields {
  /** The sender's user ID (`from_user_id`). */
  readonly fromUserId: string;
  /** The target conversation's ID (`conv_id`; empty when the server sent a one-on-one message in batches). */
  readonly convId: string;
  /** `conv_type`: 0 `peer` (one-on-one), 1 `room`, 2 `group`; another code is `'unknown'`. */
  readonly convType: ZimConversationType | 'unknown';
  /** `conv_type`'s number. */
  readonly convTypeCode: number;
  /** `msg_type` (see {@link ZimMessageType}); another code is `'unknown'`. */
  readonly msgType: ZimMessageType | 'unknown';
  /** `msg_type`'s number. */
  readonly msgTypeCode: number;
  /** A custom message's own type, 0–200 (`sub_msg_type`); meaningful only when `msgType` is `custom`. */
  readonly subMsgType: number;
  /**
   * The message content (`msg_body`): the text for text and custom messages, a URL-encoded JSON text for
   * media, multi-item and combined messages.
   */
  readonly msgBody: string;
  /** The message's extra field (`payload`). */
  readonly payload?: string;
}

/**
 * `before_send_msg`: a user is sending a message; ZEGO waits for your answer (build it with
 * {@link zimBeforeSendMessageAnswer}) before it delivers it (page "Message not sent yet").
 */
export interface ZimBeforeSendMessageEvent extends ZimCallbackEventBase<'before_send_msg'>, ZimMessageFields {
  /** The request's ID (`request_id`). */
  readonly requestId: string;
  /** The message's ID (`msg_id`, 64-bit, exact). */
  readonly msgId: string;
}

/** Where a sent message came from (`source`): 0 the client SDK (ZEGO leaves the field out), 1 the server API. */
export type ZimMessageSource = 'sdk' | 'server';

/** One receiver of a one-on-one message the server sent in batches (`user_list[]`). */
export interface ZimMessageReceiver {
  /** The receiver's user ID (`UserId`). */
  readonly userId: string;
  /** The message's ID for this receiver (`MsgId`, 64-bit, exact; empty when sending to them failed). */
  readonly msgId: string;
  /** The message's sequence number for this receiver (`MsgSeq`), to recall it. */
  readonly msgSeq?: number;
}

/** The fields `send_msg` and `bot_msg` share. */
export interface ZimSentMessageFields extends ZimMessageFields {
  /** `source`: 0 `sdk` (also when the field is absent), 1 `server`; another code is `'unknown'`. */
  readonly source: ZimMessageSource | 'unknown';
  /** `source`'s number (0 when absent). */
  readonly sourceCode: number;
  /** The message's ID (`msg_id`, 64-bit, exact; empty for a batch sent by the server: see `userList`). */
  readonly msgId: string;
  /** The message's sequence number (`msg_seq`), to recall it (absent for a batch sent by the server). */
  readonly msgSeq?: number;
  /** When ZEGO's server received the message (`msg_time`), ms since the epoch (sent in ms). */
  readonly msgTime: number;
  /** `send_result`: 0 sent; another number is ZIM's error code (the send failed). */
  readonly sendResult: number;
  /** The receivers of a one-on-one message the server sent in batches (`user_list`; then `convId` is empty). */
  readonly userList?: readonly ZimMessageReceiver[];
}

/** `send_msg`: a message was sent to a one-on-one chat, a group or a room, or failed (page "Message sent"). */
export interface ZimSendMessageEvent extends ZimCallbackEventBase<'send_msg'>, ZimSentMessageFields {}

/** `bot_msg`: a one-on-one message to a bot was sent (page "One to one conversation bot message sent"). */
export interface ZimBotMessageEvent extends ZimCallbackEventBase<'bot_msg'>, ZimSentMessageFields {}

/** A room's or group's attribute (`attributes[]`). */
export interface ZimAttribute {
  /** The attribute's key. */
  readonly key: string;
  /** The attribute's value. */
  readonly value: string;
}

/** A room attribute set at creation (`room_create`'s `attributes[]`). */
export interface ZimRoomAttribute extends ZimAttribute {
  /** `auto_delete`: whether the attribute is deleted when `operator_account` leaves the room (0 no, 1 yes). */
  readonly autoDelete: boolean;
}

/** `room_create`: a room was created (page "room/room-created"). */
export interface ZimRoomCreateEvent extends ZimCallbackEventBase<'room_create'> {
  /** The room's ID (`room_id`). */
  readonly roomId: string;
  /** The creator's user ID (`operator_account`). */
  readonly operatorAccount: string;
  /** The room's name (`room_name`). */
  readonly roomName: string;
  /** The attributes set at creation (`attributes`). */
  readonly attributes: readonly ZimRoomAttribute[];
}

/** `room_destroy`: a room was destroyed (page "room/room-destroyed"). */
export interface ZimRoomDestroyEvent extends ZimCallbackEventBase<'room_destroy'> {
  /** The room's ID (`room_id`). */
  readonly roomId: string;
  /** Every member's user ID when the room was destroyed (`user_ids`). */
  readonly userIds: readonly string[];
  /** The destroyer's user ID (`operator_account`). */
  readonly operatorAccount: string;
}

/** `room_enter`: a user entered a room (page "room/room-entered"). */
export interface ZimRoomEnterEvent extends ZimCallbackEventBase<'room_enter'> {
  /** The room's ID (`room_id`). */
  readonly roomId: string;
  /** The user who entered (`operator_account`). */
  readonly operatorAccount: string;
}

/** How users left a room or a group (`exit_type`): `Quit` of their own accord, `Kickout` kicked out. */
export type ZimExitType = 'quit' | 'kickout';

const EXIT_TYPES: Readonly<Record<string, ZimExitType>> = { Quit: 'quit', Kickout: 'kickout' };

/** `room_exit`: users left a room (page "room/room-left"). */
export interface ZimRoomExitEvent extends ZimCallbackEventBase<'room_exit'> {
  /** The room's ID (`room_id`). */
  readonly roomId: string;
  /** `exit_type`: `Quit` → `quit`, `Kickout` → `kickout`; another value is `'unknown'` (the text is in `raw`). */
  readonly exitType: ZimExitType | 'unknown';
  /** `operator_account`: the leaver when `quit`, the user who kicked them out when `kickout`. */
  readonly operatorAccount: string;
  /** The users who left (`exit_user_ids`). */
  readonly exitUserIds: readonly string[];
}

/** `group_create`: a group was created (page "group/group-created"). */
export interface ZimGroupCreateEvent extends ZimCallbackEventBase<'group_create'> {
  /** The group's ID (`group_id`). */
  readonly groupId: string;
  /** The creator's user ID (`operator_account`). */
  readonly operatorAccount: string;
  /** The owner's user ID (`owner_account`). */
  readonly ownerAccount: string;
  /** The group's name (`group_name`). */
  readonly groupName: string;
  /** The attributes set at creation (`attributes`). */
  readonly attributes: readonly ZimAttribute[];
  /** Every member's user ID at creation (`user_ids`). */
  readonly userIds: readonly string[];
}

/** `group_destroy`: a group was dismissed (page "group/group-destroyed"). */
export interface ZimGroupDestroyEvent extends ZimCallbackEventBase<'group_destroy'> {
  /** The group's ID (`group_id`). */
  readonly groupId: string;
  /** The destroyer's user ID (`operator_account`). */
  readonly operatorAccount: string;
  /** The owner's user ID (`owner_account`). */
  readonly ownerAccount: string;
  /** Every member's user ID when the group was destroyed (`user_ids`). */
  readonly userIds: readonly string[];
}

/** How users joined a group (`join_type`): `Apply` by applying, `Invited` by invitation. */
export type ZimJoinType = 'apply' | 'invited';

const JOIN_TYPES: Readonly<Record<string, ZimJoinType>> = { Apply: 'apply', Invited: 'invited' };

/**
 * `group_join`: users joined a group (page "group/group-joined"; its English example names the event
 * `Apply_join_group`, the Chinese page's `group_join`: both are read as `group_join`).
 */
export interface ZimGroupJoinEvent extends ZimCallbackEventBase<'group_join'> {
  /** The group's ID (`group_id`). */
  readonly groupId: string;
  /** `operator_account`: the inviter when `invited`; meaningless when `apply`. */
  readonly operatorAccount: string;
  /** `join_type`: `Apply` → `apply`, `Invited` → `invited`; another value is `'unknown'`. */
  readonly joinType: ZimJoinType | 'unknown';
  /** The users who joined (`new_user_ids`). */
  readonly newUserIds: readonly string[];
}

/** `group_exit`: users left a group (page "group/group-left"). */
export interface ZimGroupExitEvent extends ZimCallbackEventBase<'group_exit'> {
  /** The group's ID (`group_id`). */
  readonly groupId: string;
  /** `exit_type`: `Quit` → `quit`, `Kickout` → `kickout`; another value is `'unknown'`. */
  readonly exitType: ZimExitType | 'unknown';
  /** `operator_account`: the user who kicked them out when `kickout`; meaningless when `quit`. */
  readonly operatorAccount: string;
  /** The users who left (`exit_user_ids`). */
  readonly exitUserIds: readonly string[];
}

/** `call_create`: a call invitation was sent (page "Call invitation sent"). */
export interface ZimCallCreateEvent extends ZimCallbackEventBase<'call_create'> {
  /** The call's ID (`call_id`, 64-bit, exact). */
  readonly callId: string;
  /** The invitees' user IDs (`user_ids`). */
  readonly userIds: readonly string[];
  /** When the invitation was created (`create_time`), ms since the epoch (ZEGO's example sends seconds). */
  readonly createTime: number;
  /** The invitation's extra field (`payload`). */
  readonly payload: string;
  /** The caller's user ID (`caller`). */
  readonly caller: string;
  /** How long invitees have to answer (`timeout`), in seconds. */
  readonly timeout: number;
}

/** `call_accept` and `call_reject`'s fields. */
export interface ZimCallAnswerFields {
  /** The call's ID (`call_id`, 64-bit, exact). */
  readonly callId: string;
  /** The user who answered (`user_id`). */
  readonly userId: string;
  /** Extra information (`extend_data`). */
  readonly extendData: string;
}

/** `call_accept`: an invitee accepted (page "Call invitation accepted"). */
export interface ZimCallAcceptEvent extends ZimCallbackEventBase<'call_accept'>, ZimCallAnswerFields {}

/** `call_reject`: an invitee rejected (page "Call invitation rejected"). */
export interface ZimCallRejectEvent extends ZimCallbackEventBase<'call_reject'>, ZimCallAnswerFields {}

/** Why a call was cancelled (`reason`): `caller_cancel` by the caller, `timeout_cancel` on timeout. */
export type ZimCallCancelReason = 'caller-cancel' | 'timeout-cancel';

const CANCEL_REASONS: Readonly<Record<string, ZimCallCancelReason>> = {
  caller_cancel: 'caller-cancel',
  timeout_cancel: 'timeout-cancel',
};

/** `call_cancel`: the invitation was cancelled (page "Call invitation canceled"). */
export interface ZimCallCancelEvent extends ZimCallbackEventBase<'call_cancel'> {
  /** The call's ID (`call_id`, 64-bit, exact). */
  readonly callId: string;
  /** The invitees' user IDs (`user_ids`; still lists an invitee who has logged out). */
  readonly userIds: readonly string[];
  /** `reason`: `caller_cancel` → `caller-cancel`, `timeout_cancel` → `timeout-cancel`; else `'unknown'`. */
  readonly reason: ZimCallCancelReason | 'unknown';
  /** The cancellation's extra field (`payload`). */
  readonly payload: string;
}

/** `call_timeout`: invitees did not answer in time (page "Call invitation timed out"). */
export interface ZimCallTimeoutEvent extends ZimCallbackEventBase<'call_timeout'> {
  /** The call's ID (`call_id`, 64-bit, exact). */
  readonly callId: string;
  /** The users who did not answer (`user_ids`). */
  readonly userIds: readonly string[];
}

/** `call_invite`: users were invited into a call in progress (page "call-invitation-during-a-call"). */
export interface ZimCallInviteEvent extends ZimCallbackEventBase<'call_invite'> {
  /** The call's ID (`call_id`, 64-bit, exact). */
  readonly callId: string;
  /** The users invited successfully (`user_ids`; not those invited who have not accepted). */
  readonly userIds: readonly string[];
  /** The inviter's user ID (`inviter`). */
  readonly inviter: string;
  /** When the invitation was sent (`invite_time`), ms since the epoch (sent in ms). */
  readonly inviteTime: number;
}

/** ZIM's typed callback events. */
export type ZimCallbackEvent =
  | ZimUserActionEvent
  | ZimBeforeSendMessageEvent
  | ZimSendMessageEvent
  | ZimBotMessageEvent
  | ZimRoomCreateEvent
  | ZimRoomDestroyEvent
  | ZimRoomEnterEvent
  | ZimRoomExitEvent
  | ZimGroupCreateEvent
  | ZimGroupDestroyEvent
  | ZimGroupJoinEvent
  | ZimGroupExitEvent
  | ZimCallCreateEvent
  | ZimCallAcceptEvent
  | ZimCallRejectEvent
  | ZimCallCancelEvent
  | ZimCallTimeoutEvent
  | ZimCallInviteEvent;

// A time ZEGO documents in one unit and sends in another (see ZimCallbackEventBase): ms from either.
const SECONDS_BELOW = 1e11;

function time(r: FieldReader, name: string): number {
  const value = r.integer(name);
  return value < SECONDS_BELOW ? value * 1000 : value;
}

function optionalTime(r: FieldReader, name: string): number | undefined {
  return r.has(name) ? time(r, name) : undefined;
}

function strings(r: FieldReader, name: string): string[] {
  return r.array(name, (element, index) =>
    typeof element === 'string' ? element : r.fail(`${name}[${index}]`, 'a string'),
  );
}

function objects<T>(r: FieldReader, name: string, read: (element: FieldReader) => T): T[] {
  return r.array(name, (element, index) => {
    if (typeof element !== 'object' || element === null || Array.isArray(element)) {
      return r.fail(`${name}[${index}]`, 'an object');
    }
    return read(new FieldReader(element as Record<string, unknown>, r.product, `${r.event}'s ${name}[${index}]`));
  });
}

/** A string code's documented name, or `'unknown'`. */
function namedText<N extends string>(r: FieldReader, name: string, names: Readonly<Record<string, N>>): N | 'unknown' {
  const value = r.string(name);
  return Object.hasOwn(names, value) ? (names[value] as N) : 'unknown';
}

/** A 64-bit ID that ZEGO leaves empty in some bodies (`msg_id` of a server batch). */
function idOrEmpty(r: FieldReader, name: string): string {
  return r.raw[name] === '' ? '' : r.id(name);
}

function common<E extends string>(r: FieldReader, event: E): ZimCallbackEventBase<E> {
  return {
    product: 'zim',
    event,
    raw: r.raw,
    appId: r.string('appid'),
    timestamp: time(r, 'timestamp'),
    nonce: r.string('nonce'),
    signature: r.string('signature'),
  };
}

const CONVERSATION_TYPES: Readonly<Record<number, ZimConversationType>> = { 0: 'peer', 1: 'room', 2: 'group' };

const MESSAGE_TYPES: Readonly<Record<number, ZimMessageType>> = {
  1: 'text',
  10: 'multiple',
  11: 'image',
  12: 'file',
  13: 'audio',
  14: 'video',
  100: 'combined',
  200: 'custom',
};

const SOURCES: Readonly<Record<number, ZimMessageSource>> = { 0: 'sdk', 1: 'server' };

const USER_ACTIONS: Readonly<Record<number, ZimUserAction>> = { 0: 'online', 1: 'logout', 2: 'offline' };

function message(r: FieldReader): ZimMessageFields {
  const payload = r.optionalString('payload');
  return {
    fromUserId: r.string('from_user_id'),
    convId: r.string('conv_id'),
    convType: r.named('conv_type', CONVERSATION_TYPES),
    convTypeCode: r.integer('conv_type'),
    msgType: r.named('msg_type', MESSAGE_TYPES),
    msgTypeCode: r.integer('msg_type'),
    subMsgType: r.integer('sub_msg_type'),
    msgBody: r.string('msg_body'),
    ...(payload === undefined ? {} : { payload }),
  };
}

function sentMessage(r: FieldReader): ZimSentMessageFields {
  const sourceCode = r.optionalInteger('source') ?? 0;
  const msgSeq = r.optionalInteger('msg_seq');
  const userList = r.has('user_list')
    ? objects(r, 'user_list', (u): ZimMessageReceiver => {
        const seq = u.optionalInteger('MsgSeq');
        return {
          userId: u.string('UserId'),
          msgId: idOrEmpty(u, 'MsgId'),
          ...(seq === undefined ? {} : { msgSeq: seq }),
        };
      })
    : undefined;
  return {
    ...message(r),
    source: SOURCES[sourceCode] ?? 'unknown',
    sourceCode,
    msgId: idOrEmpty(r, 'msg_id'),
    ...(msgSeq === undefined ? {} : { msgSeq }),
    msgTime: r.millis('msg_time'),
    sendResult: r.integer('send_result'),
    ...(userList === undefined ? {} : { userList }),
  };
}

/** Drops the keys whose value is `undefined` (optional fields ZEGO left out). */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

const READERS: {
  readonly [E in ZimCallbackEvent['event']]: (r: FieldReader) => Extract<ZimCallbackEvent, { event: E }>;
} = {
  user_action: (r) =>
    defined({
      ...common(r, 'user_action'),
      userId: r.string('user_id'),
      userName: r.string('user_name'),
      os: r.string('os'),
      action: r.named('action', USER_ACTIONS),
      actionCode: r.integer('action'),
      sessionId: r.id('session_id'),
      loginTime: optionalTime(r, 'login_time'),
      relogin: r.optionalFlag('relogin'),
      logoutTime: optionalTime(r, 'logout_time'),
      logoutReason: r.optionalString('logout_reason'),
      offlineTime: optionalTime(r, 'offline_time'),
    }),
  before_send_msg: (r) => ({
    ...common(r, 'before_send_msg'),
    ...message(r),
    requestId: r.string('request_id'),
    msgId: r.id('msg_id'),
  }),
  send_msg: (r) => ({ ...common(r, 'send_msg'), ...sentMessage(r) }),
  bot_msg: (r) => ({ ...common(r, 'bot_msg'), ...sentMessage(r) }),
  room_create: (r) => ({
    ...common(r, 'room_create'),
    roomId: r.string('room_id'),
    operatorAccount: r.string('operator_account'),
    roomName: r.string('room_name'),
    attributes: objects(r, 'attributes', (a) => ({
      key: a.string('key'),
      value: a.string('value'),
      autoDelete: a.flag('auto_delete'),
    })),
  }),
  room_destroy: (r) => ({
    ...common(r, 'room_destroy'),
    roomId: r.string('room_id'),
    userIds: strings(r, 'user_ids'),
    operatorAccount: r.string('operator_account'),
  }),
  room_enter: (r) => ({
    ...common(r, 'room_enter'),
    roomId: r.string('room_id'),
    operatorAccount: r.string('operator_account'),
  }),
  room_exit: (r) => ({
    ...common(r, 'room_exit'),
    roomId: r.string('room_id'),
    exitType: namedText(r, 'exit_type', EXIT_TYPES),
    operatorAccount: r.string('operator_account'),
    exitUserIds: strings(r, 'exit_user_ids'),
  }),
  group_create: (r) => ({
    ...common(r, 'group_create'),
    groupId: r.string('group_id'),
    operatorAccount: r.string('operator_account'),
    ownerAccount: r.string('owner_account'),
    groupName: r.string('group_name'),
    attributes: objects(r, 'attributes', (a) => ({ key: a.string('key'), value: a.string('value') })),
    userIds: strings(r, 'user_ids'),
  }),
  group_destroy: (r) => ({
    ...common(r, 'group_destroy'),
    groupId: r.string('group_id'),
    operatorAccount: r.string('operator_account'),
    ownerAccount: r.string('owner_account'),
    userIds: strings(r, 'user_ids'),
  }),
  group_join: (r) => ({
    ...common(r, 'group_join'),
    groupId: r.string('group_id'),
    operatorAccount: r.string('operator_account'),
    joinType: namedText(r, 'join_type', JOIN_TYPES),
    newUserIds: strings(r, 'new_user_ids'),
  }),
  group_exit: (r) => ({
    ...common(r, 'group_exit'),
    groupId: r.string('group_id'),
    exitType: namedText(r, 'exit_type', EXIT_TYPES),
    operatorAccount: r.string('operator_account'),
    exitUserIds: strings(r, 'exit_user_ids'),
  }),
  call_create: (r) => ({
    ...common(r, 'call_create'),
    callId: r.id('call_id'),
    userIds: strings(r, 'user_ids'),
    createTime: time(r, 'create_time'),
    payload: r.string('payload'),
    caller: r.string('caller'),
    timeout: r.integer('timeout'),
  }),
  call_accept: (r) => ({
    ...common(r, 'call_accept'),
    callId: r.id('call_id'),
    userId: r.string('user_id'),
    extendData: r.string('extend_data'),
  }),
  call_reject: (r) => ({
    ...common(r, 'call_reject'),
    callId: r.id('call_id'),
    userId: r.string('user_id'),
    extendData: r.string('extend_data'),
  }),
  call_cancel: (r) => ({
    ...common(r, 'call_cancel'),
    callId: r.id('call_id'),
    userIds: strings(r, 'user_ids'),
    reason: namedText(r, 'reason', CANCEL_REASONS),
    payload: r.string('payload'),
  }),
  call_timeout: (r) => ({
    ...common(r, 'call_timeout'),
    callId: r.id('call_id'),
    userIds: strings(r, 'user_ids'),
  }),
  call_invite: (r) => ({
    ...common(r, 'call_invite'),
    callId: r.id('call_id'),
    userIds: strings(r, 'user_ids'),
    inviter: r.string('inviter'),
    inviteTime: r.millis('invite_time'),
  }),
};

// The group_join page's English example names its event `Apply_join_group`.
const ALIASES: Readonly<Record<string, ZimCallbackEvent['event']>> = { Apply_join_group: 'group_join' };

/**
 * ZIM's bodies: a lowercase `event` naming one of ZIM's documented callbacks, with `appid`. RTC also names
 * an event `room_create` (with `appid`): ZIM's carries `operator_account`, which no RTC callback has, and
 * RTC's `room_session_id`, which ZIM's has not.
 */
function detect(raw: Readonly<Record<string, unknown>>): string | undefined {
  const event = raw.event;
  if (typeof event !== 'string' || !('appid' in raw)) return undefined;
  const name = Object.hasOwn(ALIASES, event) ? ALIASES[event] : event;
  if (name === undefined || !Object.hasOwn(READERS, name)) return undefined;
  if (name === 'room_create' && !('operator_account' in raw)) return undefined;
  return name;
}

export const zimCallbacks: ProductCallbacks<ZimCallbackEvent> = {
  product: 'zim',
  detect,
  events: READERS,
};

/** Your answer to `before_send_msg`: whether ZIM delivers the message (`result`). */
export type ZimBeforeSendMessageResult = 'neutral' | 'send' | 'send-silently' | 'reject';

const RESULTS: Readonly<Record<ZimBeforeSendMessageResult, 0 | 1 | 2 | 3>> = {
  neutral: 0,
  send: 1,
  'send-silently': 2,
  reject: 3,
};

/** What {@link zimBeforeSendMessageAnswer} takes. */
export interface ZimBeforeSendMessageAnswerOptions {
  /**
   * `neutral` (0: ZIM sends it), `send` (1: sent and delivered), `send-silently` (2: the sender sees it
   * sent, receivers do not get it), `reject` (3: not sent; the sender's SDK reports it).
   */
  readonly result: ZimBeforeSendMessageResult;
  /** Why the message is refused (only with `reject`): the sender's SDK shows it. */
  readonly reason?: string;
  /** A payload replacing the message's (`new_payload`). */
  readonly newPayload?: string;
  /** A body replacing the message's (`new_msg_body`). */
  readonly newMsgBody?: string;
}

/** The JSON body ZEGO reads from your answer to `before_send_msg` (answer it with HTTP 200). */
export interface ZimBeforeSendMessageAnswer {
  readonly result: 0 | 1 | 2 | 3;
  readonly reason?: string;
  readonly new_payload?: string;
  readonly new_msg_body?: string;
}

function answerText(name: string, value: unknown): string | undefined {
  if (value === undefined || typeof value === 'string') return value;
  throw new ZegoTokenError('OPTION_INVALID', `zimBeforeSendMessageAnswer's ${name} must be a string`);
}

/**
 * The answer to a `before_send_msg` callback, as the JSON object ZEGO expects (`result` 0–3, `reason`,
 * `new_payload`, `new_msg_body`), e.g. `res.json(zimBeforeSendMessageAnswer({ result: 'reject', reason }))`.
 * Throws `OPTION_INVALID` for an unknown `result`, a non-string field, or a `reason` without `reject`.
 */
export function zimBeforeSendMessageAnswer(options: ZimBeforeSendMessageAnswerOptions): ZimBeforeSendMessageAnswer {
  const result = Object.hasOwn(RESULTS, options.result) ? RESULTS[options.result] : undefined;
  if (result === undefined) {
    throw new ZegoTokenError(
      'OPTION_INVALID',
      "zimBeforeSendMessageAnswer's result must be 'neutral', 'send', 'send-silently' or 'reject'",
    );
  }
  const reason = answerText('reason', options.reason);
  if (reason !== undefined && result !== 3) {
    throw new ZegoTokenError('OPTION_INVALID', "zimBeforeSendMessageAnswer's reason goes only with result 'reject'");
  }
  const newPayload = answerText('newPayload', options.newPayload);
  const newMsgBody = answerText('newMsgBody', options.newMsgBody);
  return {
    result,
    ...(reason === undefined ? {} : { reason }),
    ...(newPayload === undefined ? {} : { new_payload: newPayload }),
    ...(newMsgBody === undefined ? {} : { new_msg_body: newMsgBody }),
  };
}

function example(event: string, page: string, text: string): CallbackExample {
  return { product: 'zim', event, source: `${PAGES}/${page}`, text, contentType: 'application/json' };
}

/**
 * ZIM's documented example bodies (tests, `zego-token callback send`), as the pages show them. Three pages'
 * examples are not valid JSON; they are kept with the least mend, said beside them.
 */
export const zimExamples: readonly CallbackExample[] = [
  example(
    'user_action',
    'Login and logout.mdx',
    `{
    "appid": "1",
    "event": "user_action",
    "timestamp": 1679553625,
    "nonce": "350176",
    "signature": "signature",
    "user_id": "123456",
    "user_name": "user_name",
    "os": "PC ",
    "action": 1,
    "session_id": "930821637828251648",
    "login_time": 1679553625,
    "relogin": "1",
    "logout_time": 1679553625,
    "logout_reason": "logout_reason"
}`,
  ),
  example(
    'before_send_msg',
    'Message not sent yet.mdx',
    `{
    "appid": "1",
    "event": "before_send_msg",
    "from_user_id": "sender",
    "conv_id": "receiver",
    "request_id": "3501907290370176",
    "msg_id": "1234232421343",
    "conv_type": 0,
    "timestamp": 1499676968,
    "msg_body": "msg_body",
    "msg_type": 1,
    "signature": "abc",
    "nonce": "321",
    "sub_msg_type": 0,
    "payload": "payload"
}`,
  ),
  example(
    'send_msg',
    'Message sent.mdx',
    `{
    "appid": "1",
    "event": "send_msg",
    "nonce": "350176",
    "signature": "signature",
    "timestamp": 1679553625,
    "from_user_id": "350176117361",
    "conv_type": 2,
    "conv_id": "",
    "msg_type": 1,
    "msg_body": "msg_body",
    "msg_id": "857639062792568832",
    "payload": "payload",
    "msg_time": 1679554146000,
    "send_result": 0,
    "sub_msg_type": 0
}`,
  ),
  // Mended: the page has a comma after each user_list entry's last field.
  example(
    'bot_msg',
    'One to one conversation bot message sent.mdx',
    `{
    "appid": "1",
    "event": "bot_msg",
    "nonce": "350176",
    "signature": "signature",
    "timestamp": 1679553625,
    "from_user_id": "350176117361",
    "conv_type": 0,
    "conv_id": "",
    "msg_type": 1,
    "msg_body": "msg_body",
    "msg_id": "857639062792568832",
    "payload": "payload",
    "msg_time": 1679554146000,
    "send_result": 0,
    "sub_msg_type": 0,
    "user_list":[
        {"UserId":"userid1","MsgId": "857639062792568822"},
        {"UserId":"userid2","MsgId": "857639062792568833"}
    ]
}`,
  ),
  // Mended: the page omits the comma between the two attributes.
  example(
    'room_create',
    'room/room-created.mdx',
    `{
    "appid" : "1",
    "event" : "room_create",
    "room_id" : "1",
    "nonce": "350176",
    "signature": "signature",
    "operator_account" : "userA",
    "room_name" : "room_name",
    "attributes" : [
        {
            "key" : "UserSet1",
            "value" : "UserGet1",
            "auto_delete" : 0
        },
        {
            "key" : "UserSet2",
            "value" : "UserGet2",
            "auto_delete" : 0
        }
    ],
    "timestamp" : 1499676978
}`,
  ),
  example(
    'room_destroy',
    'room/room-destroyed.mdx',
    `{
    "appid" : "1",
    "event" : "room_destroy",
    "room_id" : "1",
    "nonce": "350176",
    "signature": "signature",
    "user_ids" : ["Tony","Jenny"],
    "operator_account" : "userA",
    "timestamp" : 1499676978
}`,
  ),
  example(
    'room_enter',
    'room/room-entered.mdx',
    `{
    "appid" : "1",
    "event" : "room_enter",
    "room_id" : "1",
    "nonce": "350176",
    "signature": "signature",
    "operator_account" : "userA",
    "timestamp" : 1499676978
}`,
  ),
  example(
    'room_exit',
    'room/room-left.mdx',
    `{
    "appid" : "1",
    "event" : "room_exit",
    "room_id" : "1",
    "nonce": "350176",
    "signature": "signature",
    "exit_type" : "Kickout",
    "operator_account" : "userA",
    "exit_user_ids" : ["Tony","Jenny"],
    "timestamp" : 1499676978
}`,
  ),
  // Mended: the page omits the comma between the two attributes.
  example(
    'group_create',
    'group/group-created.mdx',
    `{
    "appid" : "1",
    "event" : "group_create",
    "group_id" : "1",
    "nonce": "350176",
    "signature": "signature",
    "operator_account" : "userA",
    "owner_account" : "operator_account",
    "group_name" : "group_name",
    "attributes" : [
        {
            "key" : "UserSet1",
            "value" : "UserGet1"
        },
        {
            "key" : "UserSet2",
            "value" : "UserGet2"
        }
    ],
    "timestamp" : 1499676978,
    "user_ids" : ["Tony","Jenny"]
}`,
  ),
  example(
    'group_destroy',
    'group/group-destroyed.mdx',
    `{
    "appid" : "1",
    "event" : "group_destroy",
    "group_id" : "1",
    "nonce": "350176",
    "signature": "signature",
    "owner_account" : "userA",
    "user_ids" : ["Tony","Jenny"],
    "operator_account" : "userA",
    "timestamp" : "1499676978"
}`,
  ),
  example(
    'group_join',
    'group/group-joined.mdx',
    `{
    "appid" : "1",
    "event" : "Apply_join_group",
    "group_id" : "1",
    "nonce": "350176",
    "signature": "signature",
    "operator_account" : "userA",
    "join_type" : "Apply",
    "new_user_ids" : ["Tony","Jenny"],
    "timestamp" : "1499676978"
}`,
  ),
  example(
    'group_exit',
    'group/group-left.mdx',
    `{
    "appid" : "1",
    "event" : "group_exit",
    "group_id" : "1",
    "nonce": "350176",
    "signature": "signature",
    "exit_type" : "Kickout",
    "operator_account" : "userA",
    "exit_user_ids" : ["Tony","Jenny"],
    "timestamp" : 1499676978
}`,
  ),
  example(
    'call_create',
    'Call invitation sent.mdx',
    `{
    "appid": "1",
    "event": "call_create",
    "nonce": "350176",
    "signature": "signature",
    "timestamp": 1499676978,
    "call_id": "3501761173612493269",
    "user_ids": ["abc","def"],
    "create_time": 1499676968,
    "payload": "payload",
    "caller": "caller",
    "timeout": 90
}`,
  ),
  example(
    'call_accept',
    'Call invitation accepted.mdx',
    `{
    "appid": "1",
    "event": "call_accept",
    "nonce": "350176",
    "signature": "signature",
    "timestamp": 1499676978,
    "call_id": "3501761173612493269",
    "user_id": "abc",
    "extend_data": "extendData"
}`,
  ),
  example(
    'call_reject',
    'Call invitation rejected.mdx',
    `{
    "appid": "1",
    "event": "call_reject",
    "nonce": "350176",
    "signature": "signature",
    "timestamp": 1499676978,
    "call_id": "3501761173612493269",
    "user_id": "abc",
    "extend_data": "extendData"
}`,
  ),
  // Mended: the page has a comma after the last field.
  example(
    'call_cancel',
    'Call invitation canceled.mdx',
    `{
    "appid": "1",
    "event": "call_cancel",
    "nonce": "350176",
    "signature": "signature",
    "timestamp": 1499676978,
    "call_id": "3501761173612493269",
    "user_ids": ["abc","def"],
    "reason": "caller_cancel",
    "payload": "payload"
}`,
  ),
  example(
    'call_timeout',
    'Call invitation timed out.mdx',
    `{
    "appid": "1",
    "event": "call_timeout",
    "nonce": "350176",
    "signature": "signature",
    "timestamp": 1499676978,
    "call_id": "3501761173612493269",
    "user_ids": ["abc","def"]
}`,
  ),
  example(
    'call_invite',
    'call-invitation-during-a-call.mdx',
    `{
    "appid": "1",
    "event": "call_invite",
    "nonce": "350176",
    "signature": "signature",
    "timestamp": 1499676978,
    "call_id": "3501761173612493269",
    "user_ids": ["abc","def"],
    "inviter": "aaa",
    "invite_time": 1499676978000
}
`,
  ),
];
