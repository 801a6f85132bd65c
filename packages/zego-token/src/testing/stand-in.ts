// A loopback HTTP server that answers ZEGO's Server API the way ZEGO does, for tests: the gateway's
// checks (signature version 2.0, md5(AppId + SignatureNonce + ServerSecret + Timestamp), 10 minutes of
// clock skew) with ZEGO's public return codes, then RTC's and ZIM's room moderation actions against
// model.ts. It never writes to the console, and no answer or error holds the ServerSecret.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readCallbackSecret } from '../callback/signature.js';
import type { FieldValue } from '../cli/callback-text.js';
import { assertAppId, assertKnownKeys, assertOptionsObject, assertSecret, describe, fail } from '../validate.js';
import {
  postCallback,
  roomChangeFields,
  type StandInCallbackEvent,
  type StandInCallbackResult,
  signedCallback,
} from './callbacks.js';
import {
  RtcModel,
  type StandInForbidRule,
  type StandInLoginResult,
  type StandInRoomChange,
  type StandInRtcRoom,
  type StandInRuleType,
  ZimModel,
} from './model.js';

export interface ZegoStandInOptions {
  /** The AppID the stand-in answers for; a request signed with another gets ZEGO's 100000010. */
  appId: number;
  /** The 32-byte ServerSecret requests must be signed with. */
  serverSecret: string;
  /** The CallbackSecret `sendCallback` and the automatic room callbacks sign with. Needed for either. */
  callbackSecret?: string | undefined;
  /**
   * Where to POST `room_login` and `room_logout`, signed, each time an RTC room changes (`rtc.login`,
   * `rtc.logout`, `KickoutUser` and `CloseRoom`, the last two with reason 3), one after the other.
   * Defaults to none. Needs `callbackSecret`.
   */
  callbackUrl?: string | undefined;
  /**
   * The clock, in milliseconds like `Date.now` (its default): login times, rules' expiry, and the age of
   * each request's signature, which ZEGO refuses (100000004) more than 10 minutes from its clock. Move it
   * forward and back within that, or the clients' calls fail as they would against ZEGO.
   */
  now?: (() => number) | undefined;
  /** The loopback port to listen on. Defaults to `0`, a free one. */
  port?: number | undefined;
}

/** One request the stand-in received, in the order received. */
export interface StandInRequest {
  /** `'rtc'` or `'zim'`: the host it came to (`rtcUrl`, `zimUrl`; at `url`, the one with the action), else `undefined`. */
  readonly product: 'rtc' | 'zim' | undefined;
  readonly action: string;
  readonly method: string;
  /** The whole query string, signature included. */
  readonly query: URLSearchParams;
  /** The parsed JSON body of a POST, else `undefined`. */
  readonly body: unknown;
  /** Whether the signature was right (and fresh); false also when the AppId is unknown or a field is missing. */
  readonly signed: boolean;
  /** The `Code` answered; `undefined` when an injected failure answered an HTTP error instead. */
  readonly code: number | undefined;
  /** The HTTP status answered. */
  readonly status: number;
}

/** An injected failure: the next `times` signed calls of one action (after `skip` of them) answer this. */
export interface StandInFailure {
  /** A ZEGO `Code` to answer (with HTTP 200, as ZEGO does). Defaults to `1` ("request failed") unless `status` is given. */
  code?: number | undefined;
  /** ZEGO's `Message` with `code`. Defaults to `'injected failure'`. */
  message?: string | undefined;
  /** An HTTP status to answer instead, with a body that is not ZEGO's JSON (a proxy's 502, a 503). */
  status?: number | undefined;
  /** How many calls fail. Defaults to `1`. */
  times?: number | undefined;
  /** How many calls of the action succeed first. Defaults to `0`. */
  skip?: number | undefined;
}

/** A room-change callback the stand-in sent to `callbackUrl`. */
export interface StandInSentCallback {
  readonly event: 'room_login' | 'room_logout';
  readonly roomId: string;
  readonly userId: string;
  /** The route's status, or `undefined` when it did not answer (then `error` says why). */
  readonly status: number | undefined;
  readonly error?: string;
}

export interface ZegoStandIn {
  /**
   * The server's root, `http://127.0.0.1:<port>/`: both hosts, each action answered by the one that has
   * it, for an app that takes a single Server API base URL.
   */
  readonly url: string;
  /** The RTC host (`rtc-api.zego.im`): pass it as `createRtcApi`'s `baseUrl`. */
  readonly rtcUrl: string;
  /** The ZIM host (`zim-api.zego.im`): pass it as `createZimApi`'s `baseUrl`. */
  readonly zimUrl: string;
  /** Every request received, in order. */
  readonly requests: readonly StandInRequest[];
  /** The room callbacks sent to `callbackUrl` so far, in order (`settled()` waits for those on their way). */
  readonly callbacks: readonly StandInSentCallback[];
  /** Drives and reads the RTC rooms and forbid rules, as clients logging in would. */
  readonly rtc: {
    /** A client logs in; refused (`loggedIn: false`) by a forbid rule on logging in (privilege 1) in force. */
    login(roomId: string, userId: string, options?: { userName?: string; ip?: string }): StandInLoginResult;
    /** A client leaves: reason 0 normal (the default), 1 heartbeat timeout, 2 connection lost, 4 token expired. */
    logout(roomId: string, userId: string, reason?: number): boolean;
    /** The room, or `undefined` once its last user left. */
    room(roomId: string): StandInRtcRoom | undefined;
    /** The user IDs in the room, in login order. */
    users(roomId: string): string[];
    /** The forbid rules set and not deleted, expired ones too; `ExpireTime` says which. */
    rules(ruleType?: StandInRuleType): StandInForbidRule[];
  };
  /** Drives and reads ZIM's users and rooms. */
  readonly zim: {
    login(userId: string): void;
    /** Offline, and out of every room. */
    logout(userId: string): void;
    /** Enters the room, logging in first. */
    enter(roomId: string, userId: string): void;
    leave(roomId: string, userId: string): boolean;
    members(roomId: string): string[];
    /** `true` online, `false` offline, `undefined` never logged in. */
    isOnline(userId: string): boolean | undefined;
  };
  /** Makes calls of `action` fail (see `StandInFailure`); later calls of it fail after the earlier ones are used up. */
  failNext(action: string, failure?: StandInFailure): void;
  /** POSTs ZEGO's documented example of `event`, with `fields` set, signed with `callbackSecret`, as ZEGO would. */
  sendCallback(
    url: string,
    event: StandInCallbackEvent,
    fields?: Readonly<Record<string, FieldValue>>,
  ): Promise<StandInCallbackResult>;
  /** Resolves once every room callback on its way to `callbackUrl` was answered (or failed). */
  settled(): Promise<void>;
  /**
   * Waits for the room callbacks, then stops the server. (No `Symbol.asyncDispose`: its type needs
   * TypeScript's esnext lib or recent Node types, which not every project has; call `close` in an `afterEach`.)
   */
  close(): Promise<void>;
}

interface StandInConfig {
  appId: number;
  serverSecret: string;
  callbackSecret: string | undefined;
  callbackUrl: string | undefined;
  now: () => number;
  port: number;
}

const KEYS = {
  appId: true,
  serverSecret: true,
  callbackSecret: true,
  callbackUrl: true,
  now: true,
  port: true,
} as const satisfies Record<keyof ZegoStandInOptions, true>;

function parseOptions(options: ZegoStandInOptions): StandInConfig {
  assertOptionsObject(options, 'startZegoStandIn options');
  assertKnownKeys(options as unknown as Record<string, unknown>, KEYS, 'startZegoStandIn', {
    secret: 'serverSecret',
    appID: 'appId',
  });
  const { appId, serverSecret, callbackUrl, now, port = 0 } = options;
  assertAppId(appId);
  assertSecret(serverSecret);
  const callbackSecret =
    options.callbackSecret === undefined
      ? undefined
      : readCallbackSecret(options.callbackSecret, 'callbackSecret', 'SECRET_INVALID');
  if (callbackUrl !== undefined) {
    if (
      typeof callbackUrl !== 'string' ||
      !URL.canParse(callbackUrl) ||
      !/^https?:$/.test(new URL(callbackUrl).protocol)
    ) {
      fail('OPTION_INVALID', `callbackUrl must be an http: or https: URL, got ${describe(callbackUrl)}`);
    }
    if (callbackSecret === undefined)
      fail('OPTION_INVALID', 'callbackUrl needs callbackSecret: ZEGO signs its callbacks');
  }
  if (now !== undefined && typeof now !== 'function') {
    fail('OPTION_INVALID', `now must be a function returning milliseconds, got ${describe(now)}`);
  }
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 0 || port > 65_535) {
    fail('OPTION_INVALID', `port must be an integer from 0 to 65535, got ${describe(port)}`);
  }
  return Object.freeze({ appId, serverSecret, callbackSecret, callbackUrl, now: now ?? Date.now, port });
}

/** What one action answers: ZEGO's `Code`, `Message` and the fields beyond them. */
interface Answer {
  Code: number;
  Message: string;
  [field: string]: unknown;
}

const ok = (fields: Record<string, unknown> = {}): Answer => ({ Code: 0, Message: 'success', ...fields });
const error = (Code: number, Message: string): Answer => ({ Code, Message });

/** The gateway's codes (the RTC Server API's "Global Return codes", "Common Return codes"). */
const GATEWAY = {
  host: error(100000000, 'Host error in request header.'),
  appIdFormat: error(100000001, 'AppId field format error.'),
  noTimestamp: error(100000002, 'Timestamp field is empty.'),
  timestampFormat: error(100000003, 'Timestamp field format error.'),
  expired: error(100000004, 'Signature expired.'),
  signature: error(100000005, 'Signature error.'),
  noAction: error(100000006, 'Action is empty.'),
  unsupportedAction: error(100000007, 'Unsupported Action.'),
  noNonce: error(100000008, 'SignatureNonce field is empty.'),
  noSignature: error(100000009, 'Signature field is empty.'),
  unknownApp: error(100000010, 'Failed to get ServerSecret.'),
  noVersion: error(100000013, 'SignatureVersion field is empty.'),
  version: error(100000014, 'Unsupported SignatureVersion.'),
} as const;

/** ZEGO refuses a Timestamp more than 10 minutes from its clock. */
const MAX_SKEW_SECONDS = 600;

/** The gateway's verdict on the public parameters: `undefined` when the request is signed right. */
function checkSignature(query: URLSearchParams, config: StandInConfig): Answer | undefined {
  const appId = query.get('AppId');
  const timestamp = query.get('Timestamp');
  const nonce = query.get('SignatureNonce');
  const signature = query.get('Signature');
  const version = query.get('SignatureVersion');
  if (appId === null || !/^\d{1,10}$/.test(appId)) return GATEWAY.appIdFormat;
  if (Number(appId) !== config.appId) return GATEWAY.unknownApp;
  if (timestamp === null || timestamp === '') return GATEWAY.noTimestamp;
  if (!/^\d{1,12}$/.test(timestamp)) return GATEWAY.timestampFormat;
  if (nonce === null || nonce === '') return GATEWAY.noNonce;
  if (signature === null || signature === '') return GATEWAY.noSignature;
  if (version === null || version === '') return GATEWAY.noVersion;
  if (version !== '2.0') return GATEWAY.version;
  if (Math.abs(Math.floor(config.now() / 1000) - Number(timestamp)) > MAX_SKEW_SECONDS) return GATEWAY.expired;
  const expected = createHash('md5').update(`${appId}${nonce}${config.serverSecret}${timestamp}`).digest('hex');
  return signature === expected ? undefined : GATEWAY.signature;
}

/** A list parameter, as the client sends it (`UserId[]=a&UserId[]=b`) or repeated without brackets. */
const list = (query: URLSearchParams, name: string) => [...query.getAll(`${name}[]`), ...query.getAll(name)];
const text = (query: URLSearchParams, name: string) => query.get(name) ?? '';

const INPUT_ERROR = error(2, 'Input parameter error.');
const RTC_USERS_TOO_MANY = error(50011, 'User list length too long.');
const RTC_ROOM_GONE = error(50001, 'Room does not exist.');
const RULE_TYPES: readonly number[] = [1, 2, 3, 4];
const MAX_EFFECTIVE_TIME = 86_400;

/** The forbid rule's target from the query, or `undefined` when the rule type lacks what it needs. */
function ruleTarget(
  query: URLSearchParams,
): Omit<StandInForbidRule, 'ExpireTime' | 'DisabledPrivilegeList'> | undefined {
  const ruleType = Number(query.get('RuleType'));
  if (!RULE_TYPES.includes(ruleType)) return undefined;
  const needs = { 1: ['IP'], 2: ['RoomId'], 3: ['UserId'], 4: ['RoomId', 'UserId'] }[ruleType as StandInRuleType];
  const value = (name: string) => (needs.includes(name) ? text(query, name) : '');
  if (needs.some((name) => text(query, name) === '')) return undefined;
  return { RuleType: ruleType as StandInRuleType, IP: value('IP'), RoomId: value('RoomId'), UserId: value('UserId') };
}

type Handler = (query: URLSearchParams) => Answer;

function rtcActions(rtc: RtcModel): Record<string, Handler> {
  return {
    KickoutUser(query) {
      const userIds = list(query, 'UserId');
      if (text(query, 'RoomId') === '' || userIds.length === 0) return INPUT_ERROR;
      if (userIds.length > 5) return RTC_USERS_TOO_MANY;
      rtc.kickout(text(query, 'RoomId'), userIds);
      return ok();
    },
    CloseRoom(query) {
      if (text(query, 'RoomId') === '') return INPUT_ERROR;
      return rtc.close(text(query, 'RoomId')) ? ok() : RTC_ROOM_GONE;
    },
    DescribeUsers(query) {
      const userIds = list(query, 'UserId');
      if (text(query, 'RoomId') === '' || userIds.length === 0) return INPUT_ERROR;
      if (userIds.length > 10) return RTC_USERS_TOO_MANY;
      const room = rtc.room(text(query, 'RoomId'));
      if (room === undefined) return RTC_ROOM_GONE;
      const UserStatusList = userIds.map((UserId) => {
        const user = room.users.find((inRoom) => inRoom.userId === UserId);
        return {
          UserId,
          Status: user === undefined ? 0 : 1,
          LoginTime: user?.loginTime ?? 0,
          UserRole: user === undefined ? 0 : 2,
        };
      });
      return ok({ Data: { UserStatusList } });
    },
    SetForbidUserRule(query) {
      const target = ruleTarget(query);
      const privileges = [...new Set(list(query, 'DisabledPrivilege').map(Number))];
      const seconds = Number(query.get('EffectiveTime'));
      if (
        target === undefined ||
        privileges.length === 0 ||
        !privileges.every((privilege) => privilege === 1 || privilege === 2) ||
        !Number.isInteger(seconds) ||
        seconds < 1 ||
        seconds > MAX_EFFECTIVE_TIME
      ) {
        return INPUT_ERROR;
      }
      const rule = rtc.setRule({ ...target, DisabledPrivilegeList: privileges as (1 | 2)[] }, seconds);
      return ok({ Data: { ExpireTime: rule.ExpireTime } });
    },
    DelForbidUserRule(query) {
      const target = ruleTarget(query);
      if (target === undefined) return INPUT_ERROR;
      // ZEGO's page documents no code for a rule that does not exist: deleting is answered as done.
      rtc.deleteRule(target);
      return ok();
    },
    DescribeForbidUserRules(query) {
      const ruleType = Number(query.get('RuleType'));
      if (!RULE_TYPES.includes(ruleType)) return INPUT_ERROR;
      return ok({ Data: { RuleList: rtc.rules(ruleType as StandInRuleType) } });
    },
  };
}

const ZIM_TOO_MANY = error(660000011, 'Number of users exceeds the limit.');

function zimActions(zim: ZimModel): Record<string, Handler> {
  return {
    KickoutRoomUser(query) {
      const roomId = text(query, 'RoomId');
      const userIds = list(query, 'UserId');
      if (roomId === '' || userIds.length === 0) return INPUT_ERROR;
      if (userIds.length > 50) return ZIM_TOO_MANY;
      if (!zim.hasRoom(roomId)) return error(660300001, 'Room does not exist.');
      const removed = userIds.filter((userId) => zim.leave(roomId, userId));
      return removed.length > 0 ? ok() : error(660300002, 'User is not in this room.');
    },
    QueryUserOnlineState(query) {
      const userIds = list(query, 'UserId');
      if (userIds.length === 0) return INPUT_ERROR;
      if (userIds.length > 100) return ZIM_TOO_MANY;
      const known = userIds.filter((userId) => zim.isOnline(userId) !== undefined);
      return ok({
        Result: known.map((UserId) => ({ UserId, Status: zim.isOnline(UserId) ? 'Online' : 'Offline' })),
        ErrorList: userIds
          .filter((userId) => zim.isOnline(userId) === undefined)
          .map((UserId) => ({ UserId, SubCode: 660200001 })),
      });
    },
  };
}

interface PendingFailure {
  readonly answer: Answer | undefined;
  readonly status: number | undefined;
  skip: number;
  times: number;
}

function readFailure(action: unknown, failure: unknown): PendingFailure {
  if (typeof action !== 'string' || action === '')
    fail('OPTION_INVALID', `failNext: action must be an Action name, got ${describe(action)}`);
  assertOptionsObject(failure, 'failNext options');
  assertKnownKeys(failure, { code: true, message: true, status: true, times: true, skip: true }, 'failNext');
  const { code, message = 'injected failure', status, times = 1, skip = 0 } = failure as StandInFailure;
  const count = (value: unknown, name: string, min: number) => {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
      fail('OPTION_INVALID', `failNext: ${name} must be an integer of at least ${min}, got ${describe(value)}`);
    }
  };
  count(times, 'times', 1);
  count(skip, 'skip', 0);
  if (code !== undefined && (typeof code !== 'number' || !Number.isInteger(code) || code === 0)) {
    fail('OPTION_INVALID', `failNext: code must be a non-zero integer, got ${describe(code)}`);
  }
  if (
    status !== undefined &&
    (typeof status !== 'number' || !Number.isInteger(status) || status < 400 || status > 599)
  ) {
    fail('OPTION_INVALID', `failNext: status must be an HTTP error status (400 to 599), got ${describe(status)}`);
  }
  if (code !== undefined && status !== undefined) fail('OPTION_INVALID', 'failNext: pass code or status, not both');
  return {
    answer: status === undefined ? error(code ?? 1, String(message)) : undefined,
    status,
    skip,
    times,
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * Starts a local stand-in for ZEGO's RTC and ZIM Server APIs on 127.0.0.1, with rooms, users and
 * forbid rules in memory, and resolves once it listens. Validates its options first: throws
 * `APP_ID_INVALID`, `SECRET_INVALID` or `OPTION_INVALID`.
 */
export async function startZegoStandIn(options: ZegoStandInOptions): Promise<ZegoStandIn> {
  const config = parseOptions(options);
  const requests: StandInRequest[] = [];
  const sent: StandInSentCallback[] = [];
  const failures = new Map<string, PendingFailure[]>();
  // The room callbacks go one after the other, in the order the rooms changed, as a presence tracker expects.
  let queue: Promise<void> = Promise.resolve();

  const onChange = (change: StandInRoomChange) => {
    const { callbackUrl, callbackSecret } = config;
    if (callbackUrl === undefined || callbackSecret === undefined) return;
    const event = change.kind === 'login' ? 'room_login' : 'room_logout';
    const fields = roomChangeFields(config.appId, change);
    queue = queue.then(async () => {
      const record = { event, roomId: change.room.roomId, userId: change.user.userId } as const;
      try {
        const { status } = await postCallback(callbackUrl, signedCallback(event, fields, callbackSecret, config.now()));
        sent.push(Object.freeze({ ...record, status }));
      } catch (cause) {
        const reason = cause instanceof Error ? cause.name : typeof cause;
        sent.push(Object.freeze({ ...record, status: undefined, error: `no answer (${reason})` }));
      }
    });
  };
  const rtc = new RtcModel(config.now, onChange);
  const zim = new ZimModel();
  const actions = { rtc: rtcActions(rtc), zim: zimActions(zim) };
  /**
   * Which host a request came to: `/rtc/` and `/zim/` are one each; the root is both (for an app with
   * one base URL setting), by the action; `undefined` for an action neither has, `null` for another path.
   */
  const productOf = (pathname: string, action: string): 'rtc' | 'zim' | undefined | null => {
    if (pathname === '/rtc/') return 'rtc';
    if (pathname === '/zim/') return 'zim';
    if (pathname !== '/') return null;
    return Object.hasOwn(actions.rtc, action) ? 'rtc' : Object.hasOwn(actions.zim, action) ? 'zim' : undefined;
  };
  let requestCount = 0;

  function injected(action: string): PendingFailure | undefined {
    const pending = failures.get(action);
    const first = pending?.[0];
    if (pending === undefined || first === undefined) return undefined;
    if (first.skip > 0) {
      first.skip -= 1;
      return undefined;
    }
    first.times -= 1;
    if (first.times === 0) pending.shift();
    return first;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const query = url.searchParams;
    const action = query.get('Action') ?? '';
    const product = productOf(url.pathname, action);
    let body: unknown;
    try {
      body = raw === '' ? undefined : JSON.parse(raw);
    } catch {
      body = raw;
    }
    const refused = checkSignature(query, config);
    let answer: Answer | undefined = product === null ? GATEWAY.host : action === '' ? GATEWAY.noAction : refused;
    let status = 200;
    if (answer === undefined) {
      const handler =
        product === null || product === undefined || !Object.hasOwn(actions[product], action)
          ? undefined
          : actions[product][action];
      const failure = handler === undefined ? undefined : injected(action);
      if (handler === undefined) answer = GATEWAY.unsupportedAction;
      else if (failure?.status !== undefined) status = failure.status;
      else answer = failure?.answer ?? handler(query);
    }
    requests.push(
      Object.freeze({
        product: product ?? undefined,
        action,
        method: req.method ?? '',
        query,
        body,
        signed: refused === undefined,
        code: answer?.Code,
        status,
      }),
    );
    requestCount += 1;
    res.statusCode = status;
    if (answer === undefined) {
      res.setHeader('content-type', 'text/plain; charset=utf-8');
      res.end(`HTTP ${status} from the stand-in (an injected failure)`);
      return;
    }
    res.setHeader('content-type', 'application/json; charset=utf-8');
    // RTC's and ZIM's RequestIds are decimal strings.
    res.end(JSON.stringify({ ...answer, RequestId: String(1_000_000 + requestCount) }));
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.statusCode = 500;
      res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const root = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const settled = async () => {
    let current: Promise<void>;
    do {
      current = queue;
      await current;
    } while (current !== queue);
  };
  const close = async () => {
    await settled();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  };

  return Object.freeze({
    url: root,
    rtcUrl: `${root}rtc/`,
    zimUrl: `${root}zim/`,
    requests,
    callbacks: sent,
    rtc: Object.freeze({
      login: (roomId: string, userId: string, loginOptions?: { userName?: string; ip?: string }) =>
        rtc.login(roomId, userId, loginOptions),
      logout: (roomId: string, userId: string, reason?: number) => rtc.logout(roomId, userId, reason),
      room: (roomId: string) => rtc.room(roomId),
      users: (roomId: string) => rtc.room(roomId)?.users.map((user) => user.userId) ?? [],
      rules: (ruleType?: StandInRuleType) => rtc.rules(ruleType),
    }),
    zim: Object.freeze({
      login: (userId: string) => zim.login(userId),
      logout: (userId: string) => zim.logout(userId),
      enter: (roomId: string, userId: string) => zim.enter(roomId, userId),
      leave: (roomId: string, userId: string) => zim.leave(roomId, userId),
      members: (roomId: string) => zim.members(roomId),
      isOnline: (userId: string) => zim.isOnline(userId),
    }),
    failNext(action: string, failure: StandInFailure = {}) {
      const pending = readFailure(action, failure);
      failures.set(action, [...(failures.get(action) ?? []), pending]);
    },
    async sendCallback(url: string, event: StandInCallbackEvent, fields: Readonly<Record<string, FieldValue>> = {}) {
      if (config.callbackSecret === undefined) {
        fail('OPTION_INVALID', 'sendCallback needs the callbackSecret option: ZEGO signs its callbacks');
      }
      return postCallback(url, signedCallback(event, fields, config.callbackSecret, config.now()));
    },
    settled,
    close,
  });
}
