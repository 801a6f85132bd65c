// The stand-in's memory: RTC rooms and their users, RTC forbid rules, ZIM users and rooms. It knows
// nothing of HTTP; stand-in.ts reads requests into calls of these methods, and each change is reported
// to `onChange` (for the room_login / room_logout callbacks ZEGO would send).

/** What a forbid rule keys on: 1 an IP address, 2 a room, 3 a user, 4 a user in one room. */
export type StandInRuleType = 1 | 2 | 3 | 4;

/** A forbid rule as `DescribeForbidUserRules` lists it. */
export interface StandInForbidRule {
  RuleType: StandInRuleType;
  IP: string;
  RoomId: string;
  UserId: string;
  /** 1 logging in, 2 publishing. */
  DisabledPrivilegeList: (1 | 2)[];
  /** Unix seconds. */
  ExpireTime: number;
}

/** A user in an RTC room. */
export interface StandInRtcUser {
  readonly userId: string;
  readonly userName: string;
  /** The session's ID, a 64-bit integer as decimal text (ZEGO's `session_id`). */
  readonly sessionId: string;
  /** Unix milliseconds. */
  readonly loginTime: number;
  readonly ip: string | undefined;
}

/** An RTC room: its lifetime ID and its users, in login order. */
export interface StandInRtcRoom {
  readonly roomId: string;
  /** ZEGO's `room_seq` (= `room_session_id`): a 64-bit integer as decimal text, new each time the room is created. */
  readonly roomSeq: string;
  /** ZEGO's `user_update_seq`: 1 more at each login or logout. */
  readonly userUpdateSeq: number;
  readonly users: readonly StandInRtcUser[];
}

/** What `rtc.login` did: logged the user in, or refused them by a rule that forbids logging in (privilege 1). */
export type StandInLoginResult =
  | { readonly loggedIn: true; readonly relogin: boolean; readonly sessionId: string }
  | { readonly loggedIn: false; readonly rule: StandInForbidRule };

/** A change to an RTC room, as ZEGO reports it in a `room_login` or `room_logout` callback. */
export type StandInRoomChange =
  | { readonly kind: 'login'; readonly room: StandInRtcRoom; readonly user: StandInRtcUser; readonly relogin: boolean }
  | {
      readonly kind: 'logout';
      readonly room: StandInRtcRoom;
      readonly user: StandInRtcUser;
      /** 0 normal, 1 heartbeat timeout, 2 connection lost, 3 re-login or `KickoutUser`, 4 token expired. */
      readonly reason: number;
      /** Unix milliseconds. */
      readonly logoutTime: number;
    };

interface MutableRoom {
  roomId: string;
  roomSeq: string;
  userUpdateSeq: number;
  users: Map<string, StandInRtcUser>;
}

// Start the 64-bit IDs where ZEGO's documented examples have them, so they look (and parse) like ZEGO's.
const FIRST_ROOM_SEQ = 6085791336856668982n;
const FIRST_SESSION_ID = 792148503087288320n;

const ruleKey = (rule: Pick<StandInForbidRule, 'RuleType' | 'IP' | 'RoomId' | 'UserId'>) =>
  JSON.stringify([rule.RuleType, rule.IP, rule.RoomId, rule.UserId]);

const snapshot = (room: MutableRoom): StandInRtcRoom =>
  Object.freeze({
    roomId: room.roomId,
    roomSeq: room.roomSeq,
    userUpdateSeq: room.userUpdateSeq,
    users: Object.freeze([...room.users.values()]),
  });

/** The RTC side: rooms (created at their first login, gone with their last user) and forbid rules. */
export class RtcModel {
  readonly #rooms = new Map<string, MutableRoom>();
  readonly #rules = new Map<string, StandInForbidRule>();
  #roomSeq = FIRST_ROOM_SEQ;
  #sessionId = FIRST_SESSION_ID;

  constructor(
    private readonly nowMs: () => number,
    private readonly onChange: (change: StandInRoomChange) => void,
  ) {}

  room(roomId: string): StandInRtcRoom | undefined {
    const room = this.#rooms.get(roomId);
    return room === undefined ? undefined : snapshot(room);
  }

  rooms(): StandInRtcRoom[] {
    return [...this.#rooms.values()].map(snapshot);
  }

  /** The rule of `ruleType` that stops this login, if one is in force. */
  #forbidding(roomId: string, userId: string, ip: string | undefined): StandInForbidRule | undefined {
    const nowSeconds = Math.floor(this.nowMs() / 1000);
    const targets: Pick<StandInForbidRule, 'RuleType' | 'IP' | 'RoomId' | 'UserId'>[] = [
      { RuleType: 2, IP: '', RoomId: roomId, UserId: '' },
      { RuleType: 3, IP: '', RoomId: '', UserId: userId },
      { RuleType: 4, IP: '', RoomId: roomId, UserId: userId },
    ];
    if (ip !== undefined) targets.push({ RuleType: 1, IP: ip, RoomId: '', UserId: '' });
    return targets
      .map((target) => this.#rules.get(ruleKey(target)))
      .find((rule) => rule !== undefined && rule.ExpireTime > nowSeconds && rule.DisabledPrivilegeList.includes(1));
  }

  login(roomId: string, userId: string, options: { userName?: string; ip?: string } = {}): StandInLoginResult {
    const rule = this.#forbidding(roomId, userId, options.ip);
    if (rule !== undefined) return Object.freeze({ loggedIn: false, rule: { ...rule } });
    let room = this.#rooms.get(roomId);
    if (room === undefined) {
      room = { roomId, roomSeq: String(this.#roomSeq++), userUpdateSeq: 0, users: new Map() };
      this.#rooms.set(roomId, room);
    }
    const relogin = room.users.has(userId);
    const user: StandInRtcUser = Object.freeze({
      userId,
      userName: options.userName ?? userId,
      sessionId: String(this.#sessionId++),
      loginTime: this.nowMs(),
      ip: options.ip,
    });
    room.users.set(userId, user);
    room.userUpdateSeq += 1;
    this.onChange({ kind: 'login', room: snapshot(room), user, relogin });
    return Object.freeze({ loggedIn: true, relogin, sessionId: user.sessionId });
  }

  /** Removes the user; `false` if they were not in the room. The room goes with its last user, as ZEGO's does. */
  logout(roomId: string, userId: string, reason = 0): boolean {
    const room = this.#rooms.get(roomId);
    const user = room?.users.get(userId);
    if (room === undefined || user === undefined) return false;
    room.users.delete(userId);
    room.userUpdateSeq += 1;
    this.onChange({ kind: 'logout', room: snapshot(room), user, reason, logoutTime: this.nowMs() });
    if (room.users.size === 0) this.#rooms.delete(roomId);
    return true;
  }

  /** `KickoutUser`: the users in the room leave with reason 3; the others are ignored. */
  kickout(roomId: string, userIds: readonly string[]): void {
    for (const userId of userIds) this.logout(roomId, userId, 3);
  }

  /** `CloseRoom`: every user leaves (reason 3); `false` if there was no such room. */
  close(roomId: string): boolean {
    const room = this.#rooms.get(roomId);
    if (room === undefined) return false;
    for (const userId of [...room.users.keys()]) this.logout(roomId, userId, 3);
    return true;
  }

  setRule(target: Omit<StandInForbidRule, 'ExpireTime'>, effectiveSeconds: number): StandInForbidRule {
    const rule = { ...target, ExpireTime: Math.floor(this.nowMs() / 1000) + effectiveSeconds };
    this.#rules.set(ruleKey(rule), rule);
    return { ...rule };
  }

  /** `false` if there was no such rule. */
  deleteRule(target: Pick<StandInForbidRule, 'RuleType' | 'IP' | 'RoomId' | 'UserId'>): boolean {
    return this.#rules.delete(ruleKey(target));
  }

  /** Every rule set and not deleted, expired ones too (ZEGO's `DescribeForbidUserRules` lists those as well). */
  rules(ruleType?: StandInRuleType): StandInForbidRule[] {
    return [...this.#rules.values()]
      .filter((rule) => ruleType === undefined || rule.RuleType === ruleType)
      .map((rule) => ({ ...rule, DisabledPrivilegeList: [...rule.DisabledPrivilegeList] }));
  }
}

/** The ZIM side: users logged in or not (a user once seen stays known, offline), and room members. */
export class ZimModel {
  readonly #online = new Map<string, boolean>();
  readonly #rooms = new Map<string, Set<string>>();

  /** Logs the user in to ZIM (online). */
  login(userId: string): void {
    this.#online.set(userId, true);
  }

  /** Logs the user out of ZIM (offline) and out of every room. */
  logout(userId: string): void {
    if (this.#online.has(userId)) this.#online.set(userId, false);
    for (const roomId of [...this.#rooms.keys()]) this.leave(roomId, userId);
  }

  /** The user enters the room, logging in first if they were not online. */
  enter(roomId: string, userId: string): void {
    this.login(userId);
    const members = this.#rooms.get(roomId) ?? new Set<string>();
    members.add(userId);
    this.#rooms.set(roomId, members);
  }

  /** `false` if the user was not in the room. The room goes with its last member. */
  leave(roomId: string, userId: string): boolean {
    const members = this.#rooms.get(roomId);
    if (members === undefined || !members.delete(userId)) return false;
    if (members.size === 0) this.#rooms.delete(roomId);
    return true;
  }

  members(roomId: string): string[] {
    return [...(this.#rooms.get(roomId) ?? [])];
  }

  hasRoom(roomId: string): boolean {
    return this.#rooms.has(roomId);
  }

  /** `true` online, `false` offline, `undefined` never logged in (ZEGO's SubCode 660200001). */
  isOnline(userId: string): boolean | undefined {
    return this.#online.get(userId);
  }
}
