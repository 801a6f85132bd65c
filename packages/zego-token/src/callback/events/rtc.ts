// RTC (Express)'s documented callbacks as typed events. Source pages (ZEGOCLOUD/docs_all):
// core_products/real-time-voice-video/en/server/callback/{room,stream,cdn}/*.mdx (Chinese: …/zh/…).
import type { FieldReader } from './reader.js';
import type { CallbackExample, ProductCallbacks, ZegoCallbackEventBase } from './types.js';

/** The fields every RTC callback carries (the signature is checked by `verifyZegoCallback`). */
export interface RtcCallbackCommon {
  /** `appid`: the project's AppID (sent as a number by `room_create`/`room_close`, as a string by the others). */
  readonly appId: number;
  /** `timestamp`: when ZEGO's server sent the callback, in ms since the epoch (ZEGO sends Unix seconds). */
  readonly timestamp: number;
  /** `nonce`: the random string the signature covers. */
  readonly nonce: string;
  /** `signature`: SHA-1 over the sorted CallbackSecret, timestamp and nonce. */
  readonly signature: string;
}

/** Why a room was destroyed (`room_close`'s `close_reason`). */
export type RtcRoomCloseReason =
  /** 0: destroyed normally. */
  | 'normal'
  /** 1: the last user's heartbeat timed out and the room was empty. */
  | 'heartbeat-timeout'
  /** 2: the last user went offline and the room was empty. */
  | 'offline'
  /** 3: the last user was kicked out (`KickoutUser`) and the room was empty. */
  | 'kicked-out';

/** The LiveRoom user role (`user_role`); ZEGO says to ignore it with the Express SDK. */
export type RtcUserRole = 'host' | 'audience' | 'admin';

/** How the user authenticated (`room_login`'s `auth_level`). */
export type RtcAuthLevel = 'no-token' | 'token01' | 'token02' | 'token03' | 'token04';

/** The user's terminal (`room_login`'s `term_type`: `TT_PC`, `TT_IOS`…). */
export type RtcTerminalType = 'none' | 'pc' | 'ios' | 'android' | 'mac' | 'linux' | 'web' | 'mini-program';

/** Why a user left a room (`room_logout`'s `reason`). */
export type RtcLogoutReason =
  /** 0: logged out normally. */
  | 'normal'
  /** 1: the business layer's heartbeat timed out. */
  | 'heartbeat-timeout'
  /** 2: the access layer's connection dropped or its heartbeat timed out. */
  | 'connection-lost'
  /** 3: the user logged in to the room again, or was kicked out by the `KickoutUser` Server API. */
  | 'relogin-or-kicked-out'
  /** 4: the user's token expired. */
  | 'token-expired';

/** Why a stream was closed (`stream_close`'s `type`). */
export type RtcStreamCloseType =
  /** 0: the user stopped publishing (`stopPublishingStream`). */
  | 'normal'
  /** 1: the user's heartbeat timed out. */
  | 'heartbeat-timeout'
  /** 2: the user logged in to the same room again; the previous session's stream was closed. */
  | 'relogin'
  /** 3: the server kicked the user out (`KickoutUser`), closing the user's streams. */
  | 'kicked-out'
  /** 4: the TCP connection dropped. */
  | 'tcp-disconnected'
  /** 5: the room was cleared. */
  | 'room-cleared'
  /** 100: the `DeleteStream` Server API closed it. */
  | 'deleted-by-server-api';

/** `room_create`: a room was created (`room/created.mdx`). */
export interface RtcRoomCreateEvent extends ZegoCallbackEventBase<'rtc', 'room_create'>, RtcCallbackCommon {
  /** `room_id`. */
  readonly roomId: string;
  /**
   * `room_session_id`: the room's lifetime ID, a 64-bit integer as exact decimal text (ZEGO sends a bare
   * JSON number beyond 2^53); equals `room_seq` in `room_login`/`room_logout`.
   */
  readonly roomSessionId: string;
  /** `room_create_time`: when the room was created, in ms since the epoch (ZEGO sends ms, as a string). */
  readonly roomCreateTime: number;
  /** `id_name`: the user ID of the room's creator. */
  readonly idName: string;
}

/** `room_close`: a room was destroyed (`room/destroyed.mdx`). */
export interface RtcRoomCloseEvent extends ZegoCallbackEventBase<'rtc', 'room_close'>, RtcCallbackCommon {
  /** `room_id`. */
  readonly roomId: string;
  /** `room_session_id`: the room's lifetime ID (64-bit, exact decimal text); equals `room_seq`. */
  readonly roomSessionId: string;
  /** `close_reason`'s meaning: 0 normal, 1 heartbeat timeout, 2 offline, 3 kicked out (the room then empty). */
  readonly closeReason: RtcRoomCloseReason | 'unknown';
  /** `close_reason` as sent. */
  readonly closeReasonCode: number;
  /** `room_close_time`: when the room was destroyed, in ms since the epoch (ZEGO sends ms, as a string). */
  readonly roomCloseTime: number;
}

/** The fields `room_login` and `room_logout` share. */
export interface RtcRoomUserFields {
  /** `room_id`. */
  readonly roomId: string;
  /** `room_seq`: the room's lifetime ID (64-bit, exact decimal text); equals `room_session_id`. */
  readonly roomSeq: string;
  /** `user_account`: the userID the client logged in with. */
  readonly userAccount: string;
  /** `user_nickname`: the userName the client logged in with. */
  readonly userNickname: string;
  /** `session_id`: the user's session ID (64-bit, exact decimal text). */
  readonly sessionId: string;
  /** `login_time`: when the user logged in, in ms since the epoch (ZEGO sends ms). */
  readonly loginTime: number;
  /** `user_role`'s meaning: 1 host, 2 audience, 4 admin (LiveRoom SDK only; ignore with Express). */
  readonly userRole: RtcUserRole | 'unknown';
  /** `user_role` as sent. */
  readonly userRoleCode: number;
  /** `user_update_seq`: the room's user list version, 1 more at each login or logout. */
  readonly userUpdateSeq: number;
}

/** `room_login`: a user logged in to a room (`room/logged-in.mdx`). */
export interface RtcRoomLoginEvent
  extends ZegoCallbackEventBase<'rtc', 'room_login'>,
    RtcCallbackCommon,
    RtcRoomUserFields {
  /** `room_name`. */
  readonly roomName: string;
  /** `auth_level`'s meaning: 0 authenticated without a token, 1–4 the token's version (4 = Token04). */
  readonly authLevel: RtcAuthLevel | 'unknown';
  /** `auth_level` as sent. */
  readonly authLevelCode: number;
  /** `relogin`: `true` (1) when the user was already in the room and logged in again, `false` (0) at first login. */
  readonly relogin: boolean;
  /** `callback_data`: the custom data the client gave at login (`''` by default). */
  readonly callbackData: string;
  /** `term_type`'s meaning (absent from ZEGO's example): 0 none, 1 PC, 2 iOS, 3 Android, 4 Mac, 5 Linux, 6 Web, 7 mini program, 32 unknown. */
  readonly termType?: RtcTerminalType | 'unknown';
  /** `term_type` as sent. */
  readonly termTypeCode?: number;
}

/** `room_logout`: a user left a room (`room/logged-out.mdx`). */
export interface RtcRoomLogoutEvent
  extends ZegoCallbackEventBase<'rtc', 'room_logout'>,
    RtcCallbackCommon,
    RtcRoomUserFields {
  /** `logout_time`: when the user left, in ms since the epoch (ZEGO sends ms). */
  readonly logoutTime: number;
  /** `reason`'s meaning: 0 normal, 1 heartbeat timeout, 2 connection lost, 3 re-login or `KickoutUser`, 4 token expired. */
  readonly reason: RtcLogoutReason | 'unknown';
  /** `reason` as sent. */
  readonly reasonCode: number;
}

/** The fields `stream_create` and `stream_close` share. */
export interface RtcStreamFields {
  /** `room_id`: the client's roomID (same as `channel_id`). */
  readonly roomId: string;
  /** `room_session_id`: the room's lifetime ID (64-bit, exact decimal text). */
  readonly roomSessionId: string;
  /** `user_id`: the publisher's userID. */
  readonly userId: string;
  /** `user_name`: the publisher's userName. */
  readonly userName: string;
  /** `channel_id`: the client's roomID. */
  readonly channelId: string;
  /** `stream_id`: the client's streamID (same as `stream_alias`). */
  readonly streamId: string;
  /** `stream_sid`: ZEGO's server-side stream ID. */
  readonly streamSid: string;
  /** `stream_alias`: the client's streamID. */
  readonly streamAlias: string;
  /** `stream_seq`: the server's stream list version, 1 more at each change (exact decimal text as sent). */
  readonly streamSeq: string;
  /** `create_time_ms`: when the stream was created, in ms since the epoch (ZEGO sends ms). */
  readonly createTimeMs: number;
}

/** `stream_create`: a stream was published (`stream/created.mdx`; stream mixing does not send it). */
export interface RtcStreamCreateEvent
  extends ZegoCallbackEventBase<'rtc', 'stream_create'>,
    RtcCallbackCommon,
    RtcStreamFields {
  /** `title`. */
  readonly title: string;
  /** `stream_attr`: the stream's information as JSON text, e.g. `{"cid":0}` (codec: 0 H.264, 1 H.264 SVC, 2 VP8, 3 H.265). */
  readonly streamAttr: string;
  /** `create_time`: when the stream was created, in ms since the epoch (ZEGO sends seconds). */
  readonly createTime: number;
  /** `extra_info`: the stream's extra information. */
  readonly extraInfo: string;
  /** `recreate`: `true` (1) when the client re-published a stream the server still had (within 90 s), `false` (0) for a new stream. */
  readonly recreate: boolean;
  /** `publish_id`: the publisher's userID (same as `user_id`). */
  readonly publishId: string;
  /** `publish_name`: the publisher's userName (same as `user_name`). */
  readonly publishName: string;
  /** `rtmp_url`: RTMP playback URLs. */
  readonly rtmpUrl: readonly string[];
  /** `hls_url`: HLS playback URLs. */
  readonly hlsUrl: readonly string[];
  /** `hdl_url`: HDL (HTTP-FLV) playback URLs. */
  readonly hdlUrl: readonly string[];
  /** `pic_url`: CDN snapshot URLs. */
  readonly picUrl: readonly string[];
}

/** `stream_close`: a stream was closed (`stream/destroyed.mdx`; stream mixing does not send it). */
export interface RtcStreamCloseEvent
  extends ZegoCallbackEventBase<'rtc', 'stream_close'>,
    RtcCallbackCommon,
    RtcStreamFields {
  /**
   * `type`'s meaning: 0 normal (`stopPublishingStream`), 1 heartbeat timeout, 2 re-login, 3 kicked out by
   * the server (`KickoutUser`), 4 TCP disconnected, 5 room cleared, 100 `DeleteStream` Server API.
   */
  readonly type: RtcStreamCloseType | 'unknown';
  /** `type` as sent. */
  readonly typeCode: number;
  /** `third_define_data`: the customer's own data. */
  readonly thirdDefineData: string;
  /** `destroy_timemillis`: when the stream was closed, in ms since the epoch (ZEGO sends ms). */
  readonly destroyTimemillis: number;
}

/** `record`: a CDN recording file was generated (`cdn/cdn-record-completed.mdx`). */
export interface RtcRecordEvent extends ZegoCallbackEventBase<'rtc', 'record'>, RtcCallbackCommon {
  /** `stream_alias`: the client's streamID. */
  readonly streamAlias: string;
  /** `replay_url`: the recording's replay URL. */
  readonly replayUrl: string;
  /** `begin_time`: when the recording began, in ms since the epoch (ZEGO sends Unix seconds). */
  readonly beginTime: number;
  /** `end_time`: when the recording ended, in ms since the epoch (ZEGO sends Unix seconds). */
  readonly endTime: number;
  /** `extra_params`: the CDN vendor's extra fields, as sent (Tencent `TaskId`/`FileID`/`Duration`, Ws `PersistentId`/`Duration`, Huawei `Duration`/`ObsObject`/`FileSize`). */
  readonly extraParams: string;
}

/** The fields `mix_start` and `mix_stop` share. */
export interface RtcMixFields {
  /** `seq`: the stream mixing request's sequence number, increasing and unique (exact decimal text as sent). */
  readonly seq: string;
  /** `task_id`: the stream mixing task's ID (the request's `task_id` prefixed by the AppID, or built from `mix_url`…). */
  readonly taskId: string;
  /** `channel_id`: the client's roomID. */
  readonly channelId: string;
  /** `publish_id`: the client's userID. */
  readonly publishId: string;
  /** `mix_url`: the mixed stream's output URL (RTMP). */
  readonly mixUrl: string;
  /** `mix_stream_alias`: the mixed stream's output stream name. */
  readonly mixStreamAlias: string;
}

/**
 * `mix_start`: stream mixing started (`stream-mixing/started.mdx`). ZEGO's example also carries single
 * `rtmp_url`, `hls_url` and `hdl_url` strings the page's table does not list: they stay in `raw`.
 */
export interface RtcMixStartEvent extends ZegoCallbackEventBase<'rtc', 'mix_start'>, RtcCallbackCommon, RtcMixFields {
  /** `rtmp_urls`: RTMP playback URLs. */
  readonly rtmpUrls: readonly string[];
  /** `hls_urls`: HLS playback URLs. */
  readonly hlsUrls: readonly string[];
  /** `hdl_urls`: HDL (HTTP-FLV) playback URLs. */
  readonly hdlUrls: readonly string[];
  /** `stream_alias`: the client's streamID. */
  readonly streamAlias: string;
}

/** `mix_stop`: stream mixing stopped (`stream-mixing/stopped.mdx`). */
export interface RtcMixStopEvent extends ZegoCallbackEventBase<'rtc', 'mix_stop'>, RtcCallbackCommon, RtcMixFields {}

/** The merge's outcome (`compose`'s `code`; meaningful with Tencent Cloud only). */
export type RtcComposeResult =
  /** 0: merged. */
  | 'success'
  /** 40000: the input parameters are invalid. */
  | 'invalid-input'
  /** 60000: a source file is wrong (its video data corrupted…). */
  | 'source-file-error'
  /** 70000: ZEGO's internal error; retrying is recommended. */
  | 'internal-error';

/**
 * `compose`: a media file merge (Server API `MergeMedia`, Tencent Cloud or Huawei Cloud CDN) completed
 * (`cdn/merge-media-completed.mdx`); ZEGO recommends reading the result 5 s later.
 */
export interface RtcComposeEvent extends ZegoCallbackEventBase<'rtc', 'compose'>, RtcCallbackCommon {
  /** `replay_url`: the merged file's replay URL. */
  readonly replayUrl: string;
  /** `task_id`: the `TaskId` `MergeMedia` answered. */
  readonly taskId: string;
  /** `file_id`: the file's ID (`SearchMedia`'s `FileId`); sent with Tencent Cloud only. */
  readonly fileId?: string;
  /** `code`'s meaning: 0 success, 40000 invalid input, 60000 source file error, 70000 internal error (retry). */
  readonly result: RtcComposeResult | 'unknown';
  /** `code` as sent (meaningful with Tencent Cloud only). */
  readonly code: number;
  /** `message`: the error message (meaningful with Tencent Cloud only). */
  readonly message: string;
}

/** RTC (Express)'s typed callback events. */
export type RtcCallbackEvent =
  | RtcRoomCreateEvent
  | RtcRoomCloseEvent
  | RtcRoomLoginEvent
  | RtcRoomLogoutEvent
  | RtcStreamCreateEvent
  | RtcStreamCloseEvent
  | RtcRecordEvent
  | RtcMixStartEvent
  | RtcMixStopEvent
  | RtcComposeEvent;

const ROOM_CLOSE_REASONS: Readonly<Record<number, RtcRoomCloseReason>> = {
  0: 'normal',
  1: 'heartbeat-timeout',
  2: 'offline',
  3: 'kicked-out',
};
const COMPOSE_RESULTS: Readonly<Record<number, RtcComposeResult>> = {
  0: 'success',
  40000: 'invalid-input',
  60000: 'source-file-error',
  70000: 'internal-error',
};
const USER_ROLES: Readonly<Record<number, RtcUserRole>> = { 1: 'host', 2: 'audience', 4: 'admin' };
const AUTH_LEVELS: Readonly<Record<number, RtcAuthLevel>> = {
  0: 'no-token',
  1: 'token01',
  2: 'token02',
  3: 'token03',
  4: 'token04',
};
const TERMINAL_TYPES: Readonly<Record<number, RtcTerminalType | 'unknown'>> = {
  0: 'none',
  1: 'pc',
  2: 'ios',
  3: 'android',
  4: 'mac',
  5: 'linux',
  6: 'web',
  7: 'mini-program',
  32: 'unknown',
};
const LOGOUT_REASONS: Readonly<Record<number, RtcLogoutReason>> = {
  0: 'normal',
  1: 'heartbeat-timeout',
  2: 'connection-lost',
  3: 'relogin-or-kicked-out',
  4: 'token-expired',
};
const STREAM_CLOSE_TYPES: Readonly<Record<number, RtcStreamCloseType>> = {
  0: 'normal',
  1: 'heartbeat-timeout',
  2: 'relogin',
  3: 'kicked-out',
  4: 'tcp-disconnected',
  5: 'room-cleared',
  100: 'deleted-by-server-api',
};

/** The base and common fields of RTC's `event`. */
function head<E extends RtcCallbackEvent['event']>(r: FieldReader, event: E) {
  return {
    product: 'rtc' as const,
    event,
    raw: r.raw,
    appId: r.integer('appid'),
    timestamp: r.seconds('timestamp'),
    nonce: r.string('nonce'),
    signature: r.string('signature'),
  };
}

function roomUser(r: FieldReader): RtcRoomUserFields {
  return {
    roomId: r.string('room_id'),
    roomSeq: r.id('room_seq'),
    userAccount: r.string('user_account'),
    userNickname: r.string('user_nickname'),
    sessionId: r.id('session_id'),
    loginTime: r.millis('login_time'),
    userRole: r.named('user_role', USER_ROLES),
    userRoleCode: r.integer('user_role'),
    userUpdateSeq: r.integer('user_update_seq'),
  };
}

function stream(r: FieldReader): RtcStreamFields {
  return {
    roomId: r.string('room_id'),
    roomSessionId: r.id('room_session_id'),
    userId: r.string('user_id'),
    userName: r.string('user_name'),
    channelId: r.string('channel_id'),
    streamId: r.string('stream_id'),
    streamSid: r.string('stream_sid'),
    streamAlias: r.string('stream_alias'),
    streamSeq: r.id('stream_seq'),
    createTimeMs: r.millis('create_time_ms'),
  };
}

function mix(r: FieldReader): RtcMixFields {
  return {
    seq: r.id('seq'),
    taskId: r.string('task_id'),
    channelId: r.string('channel_id'),
    publishId: r.string('publish_id'),
    mixUrl: r.string('mix_url'),
    mixStreamAlias: r.string('mix_stream_alias'),
  };
}

/** An array of strings (the stream's playback URLs). */
function strings(r: FieldReader, name: string): string[] {
  return r.array(name, (element) => (typeof element === 'string' ? element : r.fail(name, 'an array of strings')));
}

const events: {
  readonly [E in RtcCallbackEvent['event']]: (r: FieldReader) => Extract<RtcCallbackEvent, { event: E }>;
} = {
  room_create: (r) => ({
    ...head(r, 'room_create'),
    roomId: r.string('room_id'),
    roomSessionId: r.id('room_session_id'),
    roomCreateTime: r.millis('room_create_time'),
    idName: r.string('id_name'),
  }),
  room_close: (r) => ({
    ...head(r, 'room_close'),
    roomId: r.string('room_id'),
    roomSessionId: r.id('room_session_id'),
    closeReason: r.named('close_reason', ROOM_CLOSE_REASONS),
    closeReasonCode: r.integer('close_reason'),
    roomCloseTime: r.millis('room_close_time'),
  }),
  room_login: (r) => {
    const event: RtcRoomLoginEvent = {
      ...head(r, 'room_login'),
      ...roomUser(r),
      roomName: r.string('room_name'),
      authLevel: r.named('auth_level', AUTH_LEVELS),
      authLevelCode: r.integer('auth_level'),
      relogin: r.flag('relogin'),
      callbackData: r.string('callback_data'),
    };
    if (!r.has('term_type')) return event;
    return { ...event, termType: r.named('term_type', TERMINAL_TYPES), termTypeCode: r.integer('term_type') };
  },
  room_logout: (r) => ({
    ...head(r, 'room_logout'),
    ...roomUser(r),
    logoutTime: r.millis('logout_time'),
    reason: r.named('reason', LOGOUT_REASONS),
    reasonCode: r.integer('reason'),
  }),
  stream_create: (r) => ({
    ...head(r, 'stream_create'),
    ...stream(r),
    title: r.string('title'),
    streamAttr: r.string('stream_attr'),
    createTime: r.seconds('create_time'),
    extraInfo: r.string('extra_info'),
    recreate: r.flag('recreate'),
    publishId: r.string('publish_id'),
    publishName: r.string('publish_name'),
    rtmpUrl: strings(r, 'rtmp_url'),
    hlsUrl: strings(r, 'hls_url'),
    hdlUrl: strings(r, 'hdl_url'),
    picUrl: strings(r, 'pic_url'),
  }),
  stream_close: (r) => ({
    ...head(r, 'stream_close'),
    ...stream(r),
    type: r.named('type', STREAM_CLOSE_TYPES),
    typeCode: r.integer('type'),
    thirdDefineData: r.string('third_define_data'),
    destroyTimemillis: r.millis('destroy_timemillis'),
  }),
  record: (r) => ({
    ...head(r, 'record'),
    streamAlias: r.string('stream_alias'),
    replayUrl: r.string('replay_url'),
    beginTime: r.seconds('begin_time'),
    endTime: r.seconds('end_time'),
    extraParams: r.string('extra_params'),
  }),
  mix_start: (r) => ({
    ...head(r, 'mix_start'),
    ...mix(r),
    rtmpUrls: strings(r, 'rtmp_urls'),
    hlsUrls: strings(r, 'hls_urls'),
    hdlUrls: strings(r, 'hdl_urls'),
    streamAlias: r.string('stream_alias'),
  }),
  mix_stop: (r) => ({ ...head(r, 'mix_stop'), ...mix(r) }),
  compose: (r) => {
    const event: RtcComposeEvent = {
      ...head(r, 'compose'),
      replayUrl: r.string('replay_url'),
      taskId: r.string('task_id'),
      result: r.named('code', COMPOSE_RESULTS),
      code: r.integer('code'),
      message: r.string('message'),
    };
    const fileId = r.optionalString('file_id');
    return fileId === undefined ? event : { ...event, fileId };
  },
};

/**
 * An RTC body: a lowercase `event` naming one of the RTC events typed here. ZIM's bodies share the
 * lowercase `event`/`appid`/`nonce`/`signature`/`timestamp` and one event name, `room_create`: RTC's carries
 * `room_session_id` (ZIM's carries `operator_account`, `room_name` and `attributes` instead).
 */
function detect(raw: Readonly<Record<string, unknown>>): string | undefined {
  const event = raw.event;
  if (typeof event !== 'string' || !Object.hasOwn(events, event)) return undefined;
  if (event === 'room_create' && !('room_session_id' in raw)) return undefined;
  return event;
}

export const rtcCallbacks: ProductCallbacks<RtcCallbackEvent> = { product: 'rtc', detect, events };

/** RTC (Express)'s documented example bodies (tests, `zego-token callback send`). */
export const rtcExamples: readonly CallbackExample[] = [
  {
    product: 'rtc',
    event: 'room_create',
    source: 'core_products/real-time-voice-video/en/server/callback/room/created.mdx',
    text: `{
    "event": "room_create",
    "appid": 1,
    "timestamp": 1499676978,
    "nonce": "350176",
    "signature": "signature",
    "room_id": "rid_1242649",
    "room_session_id": 858012925204410400,
    "room_create_time": "1499676978027",
    "id_name": "id123"
}`,
    contentType: 'application/json',
  },
  {
    product: 'rtc',
    event: 'room_close',
    source: 'core_products/real-time-voice-video/en/server/callback/room/destroyed.mdx',
    text: `{
    "event": "room_close",
    "appid": 1,
    "timestamp": 1499676989,
    "nonce": "350176",
    "signature": "signature",
    "room_id": "rid_1242649",
    "room_session_id": 858012925204410400,
    "close_reason": 1,
    "room_close_time": "1499676989909"
}`,
    contentType: 'application/json',
  },
  {
    product: 'rtc',
    event: 'room_login',
    source: 'core_products/real-time-voice-video/en/server/callback/room/logged-in.mdx',
    text: `{
    "event": "room_login",
    "appid": "1",
    "timestamp": "1499676978",
    "nonce": "350176",
    "signature": "signature",
    "room_id": "rid_1242649",
    "room_name": "room#123",
    "room_seq": "6085791336856668982",
    "user_account": "888120154",
    "user_nickname": "888120154",
    "session_id": "792148503087288320",
    "login_time": "1499676978027",
    "user_role": "2",
    "auth_level": "4",
    "relogin": "0",
    "user_update_seq": "1",
    "callback_data": "user login"
}`,
    contentType: 'application/json',
  },
  {
    product: 'rtc',
    event: 'room_logout',
    source: 'core_products/real-time-voice-video/en/server/callback/room/logged-out.mdx',
    text: `{
    "event": "room_logout",
    "appid": "1",
    "timestamp": "1499676978",
    "nonce": "350176",
    "signature": "signature",
    "room_id": "rid_1242649",
    "room_seq": "6085791336856668982",
    "user_account": "888120154",
    "user_nickname": "888120154",
    "session_id": "792462300429684736",
    "login_time": "1663740623660",
    "logout_time": "1663740627986",
    "reason": "0",
    "user_role": "1",
    "user_update_seq": "13"
}`,
    contentType: 'application/json',
  },
  {
    product: 'rtc',
    event: 'stream_create',
    source: 'core_products/real-time-voice-video/en/server/callback/stream/created.mdx',
    text: String.raw`{
    "event": "stream_create",
    "appid": "1",
    "timestamp": "1687981272",
    "nonce": "7254119327986670314",
    "signature": "xxx",
    "room_id": "room1",
    "room_session_id": "1234567",
    "user_id": "user1",
    "user_name": "user1_name",
    "channel_id": "0xb-0x1",
    "stream_id": "stream_id",
    "stream_sid": "s-115205136669740000000000104",
    "title": "title",
    "stream_alias": "aaa",
    "stream_attr": "{\"cid\":0}",
    "stream_seq": "01",
    "create_time": "1687981272",
    "create_time_ms": "1687981272742",
    "extra_info": "extra",
    "recreate": "0",
    "publish_id": "publish",
    "publish_name": "publish_name",
    "rtmp_url": [
        "rtmp://rtmp.wsdemo.zego.im/zegodemo/aaa",
        "rtmp://testplay.aliyun.zego.im/livestream/aaa"
    ],
    "hls_url": [
        "http://hls.wsdemo.zego.im/zegodemo/aaa/playlist.m3u8",
        "http://testplay.aliyun.zego.im/livestream/aaa.m3u8"
    ],
    "hdl_url": [
        "http://hdl.wsdemo.zego.im/zegodemo/aaa.flv",
        "http://testplay.aliyun.zego.im/livestream/aaa.flv"
    ],
    "pic_url": [
        "http://pic.wsdemo.zego.im/zegodemo/aaa.jpg"
    ]
}`,
    contentType: 'application/json',
  },
  {
    product: 'rtc',
    event: 'stream_close',
    source: 'core_products/real-time-voice-video/en/server/callback/stream/destroyed.mdx',
    text: String.raw`{
    "event": "stream_close",
    "appid": "1",
    "timestamp": "1666786067",
    "nonce": "7266888922840654370",
    "signature": "xxx",
    "room_id": "room1",
    "room_session_id": "123456789",
    "user_id": "user1",
    "user_name": "user1_name",
    "channel_id": "0xb-0x1",
    "type": "0",
    "stream_alias": "aaa",
    "stream_id": "stream_id",
    "stream_sid": "s-115205136669740000000000104",
    "stream_seq": "700",
    "third_define_data": "{\"u\":\"S1lxOUxMN2tRZ3lIY0JMSUs3VlMxZz09\"}",
    "create_time_ms": "1666786067353",
    "destroy_timemillis": "1666986067248"
}`,
    contentType: 'application/json',
  },
  {
    product: 'rtc',
    event: 'record',
    source: 'core_products/real-time-voice-video/en/server/callback/cdn/cdn-record-completed.mdx',
    text: `{
    "stream_alias": "aaaa",
    "replay_url": "replay_url",
    "begin_time": "1481597358",
    "end_time": "1481597358",
    "timestamp": "1481597358",
    "nonce": "158273",
    "signature": "signature",
    "appid": "1",
    "event": "record",
    "extra_params": "extra_params"
}`,
    contentType: 'application/json',
  },
  {
    product: 'rtc',
    event: 'mix_start',
    source: 'core_products/real-time-voice-video/en/server/callback/stream-mixing/started.mdx',
    text: `{
    "appid": "111111",
    "channel_id": "2222",
    "event": "mix_start",
    "hdl_url": "http://hdl.wsdemo.zego.im/zegodemo/aaa.flv",
    "hdl_urls": [
        "http://hdl.wsdemo.zego.im/zegodemo/aaa.flv",
        "http://testplay.aliyun.zego.im/livestream/aaa.flv"
    ],
    "hls_url": "http://hls.wsdemo.zego.im/zegodemo/aaa/playlist.m3u8",
    "hls_urls": [
        "http://hls.wsdemo.zego.im/zegodemo/aaa/playlist.m3u8",
        "http://testplay.aliyun.zego.im/livestream/aaa.m3u8"
    ],
    "mix_stream_alias": "aaa",
    "mix_url": "rtmp://rtmp.wsdemo.zego.im/zegodemo/aaa",
    "nonce": "7257784982359218206",
    "publish_id": "abc",
    "rtmp_url": "rtmp://rtmp.wsdemo.zego.im/zegodemo/aaa",
    "rtmp_urls": [
        "rtmp://rtmp.wsdemo.zego.im/zegodemo/aaa",
        "rtmp://testplay.aliyun.zego.im/livestream/aaa"
    ],
    "seq": "123",
    "signature": "aa2f0a33831a35b65f64fdc0520b1758e491eb48",
    "stream_alias": "aaa",
    "task_id": "111111:1111",
    "timestamp": "1689834748"
}`,
    contentType: 'application/json',
  },
  {
    product: 'rtc',
    event: 'mix_stop',
    source: 'core_products/real-time-voice-video/en/server/callback/stream-mixing/stopped.mdx',
    text: `{
    "appid": "111111",
    "channel_id": "2222",
    "event": "mix_stop",
    "mix_stream_alias": "aaa",
    "mix_url": "rtmp://rtmp.wsdemo.zego.im/zegodemo/aaa",
    "nonce": "7257787020413449571",
    "publish_id": "abc",
    "seq": "1234",
    "signature": "fadc2c4abb5714c30a711b3ad6f7783e37531263",
    "task_id": "111111:1111",
    "timestamp": "1689835223"
}`,
    contentType: 'application/json',
  },
  {
    product: 'rtc',
    event: 'compose',
    source: 'core_products/real-time-voice-video/en/server/callback/cdn/merge-media-completed.mdx',
    text: `{
    "appid": "1",
    "event": "compose",
    "replay_url": "replay_url",
    "task_id": "task_id",
    "file_id": "5285890813218549789",
    "code": "0",
    "message": "message",
    "timestamp": "1481597358",
    "nonce": "158273",
    "signature": "signature"
}`,
    contentType: 'application/json',
  },
];
