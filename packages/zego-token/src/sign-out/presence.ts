// Room presence: which rooms a user is in, and who is in a room, kept from ZEGO's callbacks. RTC has no
// "which rooms is this user in" call, and ZEGO may deliver `room_login`/`room_logout` (and
// `room_create`/`room_close`) out of order. ZEGO's answer, in ZEGOCLOUD/docs_all
// core_products/real-time-voice-video/en/server/callback/solution/maintain-the-room-user-list.mdx and
// maintain-the-room-list.mdx beside it, is a flowchart that parks early callbacks in a queue. The store
// reaches the same state without a queue, by making the state a function of the SET of delivered
// events, whatever their order:
// - RTC, per room: the room's lifetime (`room_seq` = `room_session_id`) with the latest time wins (ZEGO
//   compares login and close times with the room's create time); an event of an older lifetime is stale,
//   and a newer one drops every session of the older. `room_close` ends every session of its lifetime.
// - RTC, per room and user: the session with the latest `login_time` wins (then the larger
//   `session_id`), as in ZEGO's "Is zego.LoginTime > local.UserLoginTime?"; both callbacks carry
//   `login_time`, so a logout that arrives before its login still names its session: it is kept as a
//   tombstone, and the late login is stale.
// - ZIM (`room_enter`/`room_exit`/`room_destroy`, which carry no session): per room and user, the event
//   with the latest `timestamp` wins; `room_destroy` ends everyone who entered before it. ZIM sends
//   seconds, so ties are common: at equal timestamps an enter wins, because presence feeds moderation,
//   where kicking someone already gone costs a call but missing someone leaves them in.
// Like ZEGO's, this cannot recover a callback that never arrived; `retentionMs` bounds how long anything
// (a tombstone, a closed room, a presence whose logout was lost) is kept.

import type { ZegoCallbackEvent } from '../callback/events/parse.js';
import { ZegoTokenError } from '../errors.js';
import { describe, fail } from '../validate.js';

/** The rooms a user is in now, per product, each list sorted. */
export interface UserRooms {
  readonly rtc: readonly string[];
  readonly zim: readonly string[];
}

/**
 * What `apply` did with an event: `'applied'` when it counts (a repeat of one that counted included),
 * `'stale'` when something later supersedes it (an earlier session, a room lifetime since replaced or
 * closed, a login whose logout already came), `'ignored'` when it is not a presence event.
 */
export type RoomPresenceUpdate = 'applied' | 'stale' | 'ignored';

/**
 * Where room presence is kept: in this process's memory (`createMemoryRoomPresenceStore`), or in Redis,
 * shared by every instance (`createRedisRoomPresenceStore`). The state depends only on which events
 * were applied, not on their order, so callbacks can be applied as they arrive.
 */
export interface RoomPresenceStore {
  /** Applies one typed callback event (any ZegoCallbackEvent; non-presence events are 'ignored'). */
  apply(event: ZegoCallbackEvent): Promise<RoomPresenceUpdate>;
  /** The rooms the user is in now, per product, sorted. */
  roomsOf(userId: string): Promise<UserRooms>;
  /** Who is in a room now, sorted. */
  usersIn(product: 'rtc' | 'zim', roomId: string): Promise<readonly string[]>;
}

/** Options of both presence stores. */
export interface RoomPresenceStoreOptions {
  /**
   * How long a record is kept after its last update, in ms: a logout's tombstone (a later-arriving
   * login of that session must still find it), a closed room, and a presence whose logout never came.
   * Set it above your users' longest stay in a room, or they drop out of `roomsOf` while still in.
   * Defaults to 24 hours.
   */
  retentionMs?: number | undefined;
  /** The clock, in ms. Defaults to `Date.now`. */
  now?: (() => number) | undefined;
}

export const DEFAULT_PRESENCE_RETENTION_MS = 24 * 60 * 60 * 1000;

/** Checks the presence stores' options once. */
export function readPresenceOptions(options: RoomPresenceStoreOptions, name: string) {
  if (typeof options !== 'object' || options === null) {
    fail('OPTION_INVALID', `${name}: options must be an object, got ${describe(options)}`);
  }
  const retention = options.retentionMs ?? DEFAULT_PRESENCE_RETENTION_MS;
  if (typeof retention !== 'number' || !Number.isSafeInteger(retention) || retention < 1000) {
    fail('OPTION_INVALID', `${name}: retentionMs must be an integer of at least 1000 (ms), got ${describe(retention)}`);
  }
  const now = options.now ?? Date.now;
  if (typeof now !== 'function') fail('OPTION_INVALID', `${name}: now must be a function, got ${describe(now)}`);
  return { retentionMs: retention, now };
}

interface RtcRoomChange<K extends 'create' | 'close'> {
  readonly product: 'rtc';
  readonly kind: K;
  readonly roomId: string;
  /** `room_seq` / `room_session_id` as canonical decimal text. */
  readonly seq: string;
  readonly time: number;
}

interface RtcUserChange<K extends 'login' | 'logout'> extends Omit<RtcRoomChange<never>, 'kind'> {
  readonly kind: K;
  readonly userId: string;
  readonly sessionId: string;
  readonly loginTime: number;
}

interface ZimChange<K extends 'enter' | 'exit' | 'destroy'> {
  readonly product: 'zim';
  readonly kind: K;
  readonly roomId: string;
  readonly time: number;
  /** Who entered or left (empty for `destroy`). */
  readonly userIds: readonly string[];
}

/** A presence event, reduced to what the rules read; `time` is the event's own time in ms. */
export type PresenceChange =
  | RtcRoomChange<'create'>
  | RtcRoomChange<'close'>
  | RtcUserChange<'login'>
  | RtcUserChange<'logout'>
  | ZimChange<'enter'>
  | ZimChange<'exit'>
  | ZimChange<'destroy'>;

/** A hand-built event with a field parseZegoCallback would not give: the same code as the parser's. */
function invalid(event: ZegoCallbackEvent, field: string, expected: string, value: unknown): never {
  throw new ZegoTokenError(
    'CALLBACK_EVENT_INVALID',
    `room presence: ${event.product} ${event.event}'s ${field} must be ${expected}, got ${describe(value)}`,
  );
}

/** A 64-bit ID as canonical decimal text (no leading zeros), so that IDs compare by length, then text. */
function decimal(event: ZegoCallbackEvent, field: string, value: unknown): string {
  if (typeof value !== 'string' || !/^\d{1,20}$/.test(value))
    invalid(event, field, 'a 64-bit ID as decimal text', value);
  return value.replace(/^0+(?=\d)/, '');
}

function time(event: ZegoCallbackEvent, field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    invalid(event, field, 'a time in ms since the epoch', value);
  }
  return value;
}

function text(event: ZegoCallbackEvent, field: string, value: unknown): string {
  if (typeof value !== 'string') invalid(event, field, 'a string', value);
  return value;
}

/** The presence change an event makes, or `undefined` for an event that is not about presence. */
export function presenceChange(event: ZegoCallbackEvent): PresenceChange | undefined {
  if (event.product === 'rtc') {
    switch (event.event) {
      case 'room_create':
      case 'room_close': {
        const at = event.event === 'room_create' ? event.roomCreateTime : event.roomCloseTime;
        return {
          product: 'rtc',
          kind: event.event === 'room_create' ? 'create' : 'close',
          roomId: text(event, 'roomId', event.roomId),
          seq: decimal(event, 'roomSessionId', event.roomSessionId),
          time: time(event, event.event === 'room_create' ? 'roomCreateTime' : 'roomCloseTime', at),
        };
      }
      case 'room_login':
      case 'room_logout': {
        const loginTime = time(event, 'loginTime', event.loginTime);
        return {
          product: 'rtc',
          kind: event.event === 'room_login' ? 'login' : 'logout',
          roomId: text(event, 'roomId', event.roomId),
          seq: decimal(event, 'roomSeq', event.roomSeq),
          time: event.event === 'room_login' ? loginTime : time(event, 'logoutTime', event.logoutTime),
          userId: text(event, 'userAccount', event.userAccount),
          sessionId: decimal(event, 'sessionId', event.sessionId),
          loginTime,
        };
      }
      default:
        return undefined;
    }
  }
  if (event.product === 'zim') {
    switch (event.event) {
      case 'room_destroy':
        return {
          product: 'zim',
          kind: 'destroy',
          roomId: text(event, 'roomId', event.roomId),
          time: time(event, 'timestamp', event.timestamp),
          userIds: [],
        };
      case 'room_enter':
      case 'room_exit': {
        const userIds =
          event.event === 'room_enter'
            ? [text(event, 'operatorAccount', event.operatorAccount)]
            : Array.isArray(event.exitUserIds)
              ? event.exitUserIds.map((userId) => text(event, 'exitUserIds', userId))
              : invalid(event, 'exitUserIds', 'an array of user IDs', event.exitUserIds);
        return {
          product: 'zim',
          kind: event.event === 'room_enter' ? 'enter' : 'exit',
          roomId: text(event, 'roomId', event.roomId),
          time: time(event, 'timestamp', event.timestamp),
          userIds,
        };
      }
      default:
        return undefined;
    }
  }
  return undefined;
}

/** True when 64-bit ID `a` (canonical decimal) is larger than `b`. */
export function laterId(a: string, b: string): boolean {
  return a.length === b.length ? a > b : a.length > b.length;
}

/** Checks `usersIn`'s product. */
export function readProduct(product: unknown): 'rtc' | 'zim' {
  if (product !== 'rtc' && product !== 'zim') {
    fail('OPTION_INVALID', `usersIn: product must be 'rtc' or 'zim', got ${describe(product)}`);
  }
  return product;
}

/** Sorted, as both stores answer (UTF-16 code unit order, `Array.prototype.sort`'s). */
export const sorted = (values: Iterable<string>): readonly string[] => Object.freeze([...values].sort());

interface RtcSession {
  loginTime: number;
  sessionId: string;
  /** `false` once its logout came: a tombstone. */
  live: boolean;
  expiresAt: number;
}

interface RtcRoom {
  seq: string;
  /** The latest time seen of this lifetime. */
  time: number;
  closed: boolean;
  users: Map<string, RtcSession>;
  expiresAt: number;
}

interface ZimMember {
  time: number;
  entered: boolean;
  expiresAt: number;
}

interface ZimRoom {
  destroyedAt: number | undefined;
  users: Map<string, ZimMember>;
  expiresAt: number;
}

/**
 * A presence store in this process's memory: one instance only (several instances share
 * `createRedisRoomPresenceStore`), lost on restart. Records are dropped `retentionMs` after their
 * last update.
 *
 * ```ts
 * const presence = createMemoryRoomPresenceStore();
 * await presence.apply(event); // from the callback route's onCallback, with events: true
 * ```
 */
export function createMemoryRoomPresenceStore(
  options: RoomPresenceStoreOptions = {},
): RoomPresenceStore & { readonly size: number } {
  const { retentionMs, now } = readPresenceOptions(options, 'createMemoryRoomPresenceStore');
  const rtcRooms = new Map<string, RtcRoom>();
  const zimRooms = new Map<string, ZimRoom>();
  /** userId → `rtc:<room>`/`zim:<room>` the user entered; checked against the rooms when read. */
  const indexes = new Map<string, { rooms: Set<string>; expiresAt: number }>();
  let sweptAt = 0;

  function clock(): number {
    const time = now();
    if (time - sweptAt > 60_000) {
      sweptAt = time;
      for (const rooms of [rtcRooms, zimRooms] as Map<string, RtcRoom | ZimRoom>[]) {
        for (const [roomId, room] of rooms) {
          if (room.expiresAt <= time) rooms.delete(roomId);
          else for (const [userId, record] of room.users) if (record.expiresAt <= time) room.users.delete(userId);
        }
      }
      for (const [userId, index] of indexes) if (index.expiresAt <= time) indexes.delete(userId);
    }
    return time;
  }

  function live<T extends { expiresAt: number }>(map: Map<string, T>, key: string, time: number): T | undefined {
    const value = map.get(key);
    if (value === undefined || value.expiresAt > time) return value;
    map.delete(key);
    return undefined;
  }

  /** The live value under `key`, or a new one (expired until its first update sets `expiresAt`). */
  function obtain<T extends { expiresAt: number }>(map: Map<string, T>, key: string, time: number, make: () => T): T {
    let value = live(map, key, time);
    if (value === undefined) {
      value = make();
      map.set(key, value);
    }
    return value;
  }

  function enter(userId: string, room: string, time: number): void {
    const index = obtain(indexes, userId, time, () => ({ rooms: new Set<string>(), expiresAt: 0 }));
    index.rooms.add(room);
    index.expiresAt = time + retentionMs;
  }

  function applyRtc(change: Extract<PresenceChange, { product: 'rtc' }>, time: number): RoomPresenceUpdate {
    let room = live(rtcRooms, change.roomId, time);
    if (
      room === undefined ||
      (room.seq !== change.seq &&
        (change.time > room.time || (change.time === room.time && laterId(change.seq, room.seq))))
    ) {
      room = { seq: change.seq, time: change.time, closed: false, users: new Map(), expiresAt: 0 };
      rtcRooms.set(change.roomId, room);
    } else if (room.seq !== change.seq) {
      return 'stale';
    }
    if (change.time > room.time) room.time = change.time;
    room.expiresAt = time + retentionMs;
    if (change.kind === 'create') return 'applied';
    if (change.kind === 'close') {
      room.closed = true;
      room.users.clear();
      return 'applied';
    }
    if (room.closed) return 'stale';
    const session = live(room.users, change.userId, time);
    const login = change.kind === 'login';
    if (
      session === undefined ||
      change.loginTime > session.loginTime ||
      (change.loginTime === session.loginTime && laterId(change.sessionId, session.sessionId))
    ) {
      room.users.set(change.userId, {
        loginTime: change.loginTime,
        sessionId: change.sessionId,
        live: login,
        expiresAt: time + retentionMs,
      });
    } else if (session.sessionId !== change.sessionId || (login && !session.live)) {
      return 'stale';
    } else {
      session.live = login;
      session.expiresAt = time + retentionMs;
    }
    if (login) enter(change.userId, `rtc:${change.roomId}`, time);
    return 'applied';
  }

  function applyZim(change: Extract<PresenceChange, { product: 'zim' }>, time: number): RoomPresenceUpdate {
    const room = obtain(zimRooms, change.roomId, time, () => ({
      destroyedAt: undefined as number | undefined,
      users: new Map<string, ZimMember>(),
      expiresAt: 0,
    }));
    if (change.kind === 'destroy') {
      if (room.destroyedAt !== undefined && change.time < room.destroyedAt) return 'stale';
      room.destroyedAt = change.time;
      room.expiresAt = time + retentionMs;
      for (const [userId, member] of room.users) {
        if (member.time < change.time || (member.time === change.time && !member.entered)) room.users.delete(userId);
      }
      return 'applied';
    }
    const entered = change.kind === 'enter';
    if (
      room.destroyedAt !== undefined &&
      (change.time < room.destroyedAt || (change.time === room.destroyedAt && !entered))
    ) {
      return 'stale';
    }
    let result: RoomPresenceUpdate = 'stale';
    for (const userId of change.userIds) {
      const member = live(room.users, userId, time);
      if (
        member !== undefined &&
        (change.time < member.time || (change.time === member.time && member.entered && !entered))
      ) {
        continue;
      }
      room.users.set(userId, { time: change.time, entered, expiresAt: time + retentionMs });
      room.expiresAt = time + retentionMs;
      if (entered) enter(userId, `zim:${change.roomId}`, time);
      result = 'applied';
    }
    return result;
  }

  function present(product: 'rtc' | 'zim', roomId: string, userId: string, time: number): boolean {
    if (product === 'rtc') {
      const room = live(rtcRooms, roomId, time);
      return room !== undefined && live(room.users, userId, time)?.live === true;
    }
    const room = live(zimRooms, roomId, time);
    return room !== undefined && live(room.users, userId, time)?.entered === true;
  }

  return {
    /** The records held: rooms of both products, and users' lists of rooms. */
    get size() {
      return rtcRooms.size + zimRooms.size + indexes.size;
    },
    async apply(event) {
      const change = presenceChange(event);
      if (change === undefined) return 'ignored';
      return change.product === 'rtc' ? applyRtc(change, clock()) : applyZim(change, clock());
    },
    async roomsOf(userId) {
      const time = clock();
      const rooms = { rtc: [] as string[], zim: [] as string[] };
      const index = live(indexes, userId, time);
      for (const entry of index?.rooms ?? []) {
        const product = entry.startsWith('rtc:') ? 'rtc' : 'zim';
        const roomId = entry.slice(4);
        if (present(product, roomId, userId, time)) rooms[product].push(roomId);
        else index?.rooms.delete(entry);
      }
      return Object.freeze({ rtc: sorted(rooms.rtc), zim: sorted(rooms.zim) });
    },
    async usersIn(product, roomId) {
      readProduct(product);
      const time = clock();
      const room = product === 'rtc' ? live(rtcRooms, roomId, time) : live(zimRooms, roomId, time);
      const users: string[] = [];
      for (const userId of [...(room?.users.keys() ?? [])])
        if (present(product, roomId, userId, time)) users.push(userId);
      return sorted(users);
    },
  };
}
