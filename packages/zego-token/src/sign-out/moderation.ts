// Signing a user out everywhere, and banning one: the pieces composed in the one order that leaves no
// gap. The revocation store first (the token route stops minting), then, for a ban, a login forbid
// rule at ZEGO for as long as a token already handed out stays valid, then a kick from every room
// presence knows of. Each ZEGO call is paced by its documented rate limit, shared by every call this
// object makes; a step that fails is reported, never skipped in silence. Runtime-neutral: the Server
// API clients are passed in (`zego-token/server-api` on Node, `zego-token/web/server-api` elsewhere).
import { ZegoTokenError } from '../errors.js';
import { createPacer, ZEGO_CALLS_PER_SECOND } from '../server-api/inputs.js';
import type { ZegoRtcApi } from '../server-api/rtc-api.js';
import type { ZegoZimApi } from '../server-api/zim-api.js';
import { utf8ByteLength } from '../utf8.js';
import { assertKnownKeys, assertOptionsObject, assertZegoUserId, describe, fail } from '../validate.js';
import type { RoomPresenceStore } from './presence.js';
import { readTime, type TokenRevocationRecord, type TokenRevocationStore } from './revocation.js';

/** What `createSignOut` composes. Only `revocation` is required; each other piece adds a step. */
export interface SignOutOptions {
  /** Where sign-outs and bans are kept: the same store the token route's `revocation` option uses. */
  revocation: TokenRevocationStore;
  /** Which rooms the user is in (fed by `room_login`/`room_logout` and ZIM room callbacks). Without it, nobody is kicked. */
  presence?: RoomPresenceStore | undefined;
  /** Express RTC's Server API (`createRtcApi`): kicks from RTC rooms and, for bans, login forbid rules. */
  rtc?: Pick<ZegoRtcApi, 'kickoutUser' | 'setForbidUserRule' | 'delForbidUserRule'> | undefined;
  /** ZIM's Server API (`createZimApi`): kicks from ZIM rooms. ZIM has no server-side log-out. */
  zim?: Pick<ZegoZimApi, 'kickoutRoomUser'> | undefined;
  /**
   * Whether a ban sets an RTC login forbid rule (`SetForbidUserRule`, rule type 3). ZEGO support must
   * enable forbid rules for your AppID (ZEGO answers Code 9 otherwise). Defaults to `true` when `rtc` is given.
   */
  forbidRules?: boolean | undefined;
  /** The clock, in ms. Defaults to `Date.now`. */
  now?: (() => number) | undefined;
}

/** Options of one `signOutEverywhere` or `banUser` call. */
export interface SignOutCallOptions {
  /** Why, at most 256 bytes: RTC's kicked clients receive it (`CustomReason`). ZIM's kick carries none. */
  customReason?: string | undefined;
}

/** `banUser`'s options. */
export interface BanUserOptions extends SignOutCallOptions {
  /** When the ban ends, in ms since the epoch (or a `Date`). */
  until: number | Date;
}

/** A piece `createSignOut` composes besides the revocation store. */
export type SignOutPiece = 'presence' | 'rtc' | 'zim' | 'forbidRules';

/** Which step of a sign-out failed. */
export type SignOutStep = 'presence' | 'rtc-kickout' | 'zim-kickout' | 'forbid-rule';

/** One step that failed; the others went ahead. */
export interface SignOutFailure {
  readonly step: SignOutStep;
  /** The room, for a kick. */
  readonly roomId?: string;
  /** What failed: a `ZegoServerApiError` for a ZEGO call, the store's own error for `presence`. */
  readonly error: unknown;
}

/** A login forbid rule set at ZEGO by a ban. */
export interface ForbidRuleReport {
  /** When the rule set now ends, in ms (ZEGO's `ExpireTime`, which is in seconds, times 1000). */
  readonly expiresAt: number;
  /** Until when the ban needs a rule, in ms: the earlier of the ban's end and the last token's expiry. */
  readonly neededUntil: number;
  /** When to call `refreshBan` to set the next rule (a rule lasts at most 86,400 s); `undefined` when this one suffices. */
  readonly renewAt: number | undefined;
}

/** What a sign-out, a ban or a refresh did. */
export interface SignOutReport {
  readonly userId: string;
  /** The revocation store's record after the step. */
  readonly record: TokenRevocationRecord;
  /**
   * Until when a token the route handed out before can still be used at ZEGO (ms), `undefined` when
   * none can. A Token04 cannot be revoked: only a forbid rule (bans) keeps it from logging in.
   */
  readonly tokensValidUntil: number | undefined;
  /** The rooms the user was kicked from. */
  readonly kicked: { readonly rtc: readonly string[]; readonly zim: readonly string[] };
  /** The forbid rule a ban set; `undefined` when none was set (or needed). */
  readonly forbidRule: ForbidRuleReport | undefined;
  /** What this object could not do because a piece was not given (`presence`, `rtc`, `zim`, `forbidRules`). */
  readonly notConfigured: readonly SignOutPiece[];
  /** The steps that failed. Empty when the call resolved; the promise rejects otherwise. */
  readonly failures: readonly SignOutFailure[];
}

/**
 * A sign-out, ban or refresh that was recorded (the token route refuses the user) but where a step at
 * ZEGO or presence failed. Code `SIGN_OUT_INCOMPLETE` (502); `report` says what was done and what failed.
 * Calling again is safe: each step is idempotent.
 */
export class ZegoSignOutIncompleteError extends ZegoTokenError {
  readonly report: SignOutReport;

  constructor(action: string, report: SignOutReport) {
    const steps = report.failures.map((failure) =>
      failure.roomId === undefined ? failure.step : `${failure.step} ${failure.roomId}`,
    );
    super(
      'SIGN_OUT_INCOMPLETE',
      `${action}: recorded, but ${report.failures.length} step(s) failed: ${steps.join(', ')} (see report.failures); calling again is safe`,
    );
    this.report = report;
  }
}

/** Ending a user's access, composed (see `createSignOut`). */
export interface ZegoSignOut {
  /**
   * Ends every session of the user that began before now: the token route refuses them (401
   * `SESSION_REVOKED`), and the user is kicked from every RTC and ZIM room presence knows of. A
   * token already handed out stays valid at ZEGO until it expires (`report.tokensValidUntil`). Rejects
   * with `REVOCATION_UNAVAILABLE` (503) when the store fails, before anything else is done, and with
   * `ZegoSignOutIncompleteError` when a later step fails.
   */
  signOutEverywhere(userId: string, options?: SignOutCallOptions): Promise<SignOutReport>;
  /**
   * Refuses the user every token until `until` (403 `USER_BANNED`), sets a login forbid rule at ZEGO
   * for as long as a token already handed out stays valid (blocking the user's own new logins too),
   * then kicks them from every room presence knows of. Rejects as `signOutEverywhere` does.
   */
  banUser(userId: string, options: BanUserOptions): Promise<SignOutReport>;
  /**
   * Sets the next forbid rule of a ban that needs more than one (ZEGO's rules last at most 86,400 s):
   * call it at `report.forbidRule.renewAt` (a daily job will do). Does nothing when the user is no
   * longer banned or no token outlives the rule. Kicks nobody.
   */
  refreshBan(userId: string): Promise<SignOutReport>;
  /** Lifts the ban (sign-outs stay) and deletes the user's login forbid rule at ZEGO. */
  unbanUser(userId: string): Promise<SignOutReport>;
}

/** A forbid rule lasts at most this long (`EffectiveTime` 1–86,400 s). */
const MAX_RULE_SECONDS = 86_400;
/** A rule that must be followed by another is renewed this long before it ends. */
const RENEW_AHEAD_MS = 10 * 60 * 1000;
const MAX_REASON_BYTES = 256;

const OPTION_KEYS = { revocation: true, presence: true, rtc: true, zim: true, forbidRules: true, now: true } as const;
const CALL_KEYS = { customReason: true } as const;
const BAN_KEYS = { customReason: true, until: true } as const;

function assertMethods(value: unknown, name: string, methods: readonly string[]): void {
  if (value === undefined) return;
  const target = value as Record<string, unknown> | null;
  for (const method of methods) {
    if (typeof value !== 'object' || target === null || typeof target[method] !== 'function') {
      fail('OPTION_INVALID', `createSignOut: ${name} must have a ${method}() method, got ${describe(value)}`);
    }
  }
}

function readReason(options: SignOutCallOptions, action: string): string | undefined {
  const reason = options.customReason;
  if (reason === undefined) return undefined;
  if (typeof reason !== 'string' || utf8ByteLength(reason) > MAX_REASON_BYTES) {
    fail('OPTION_INVALID', `${action}: customReason must be a string of at most ${MAX_REASON_BYTES} bytes`);
  }
  return reason;
}

/**
 * Composes the revocation store, room presence and ZEGO's Server API into `signOutEverywhere`,
 * `banUser`, `refreshBan` and `unbanUser`. Validates its options once, here (`OPTION_INVALID`).
 * Calls to ZEGO are paced by its rate limits (KickoutUser 50/s, ZIM KickoutRoomUser 20/s,
 * SetForbidUserRule 10/s) across every call of this object; several instances each pace their own.
 */
export function createSignOut(options: SignOutOptions): ZegoSignOut {
  assertOptionsObject(options, 'createSignOut');
  assertKnownKeys(options as unknown as Record<string, unknown>, OPTION_KEYS, 'createSignOut');
  const { revocation, presence, rtc, zim } = options;
  assertMethods(revocation ?? null, 'revocation', ['signOutEverywhere', 'ban', 'unban', 'get']);
  assertMethods(presence, 'presence', ['roomsOf']);
  assertMethods(rtc, 'rtc', ['kickoutUser', 'setForbidUserRule', 'delForbidUserRule']);
  assertMethods(zim, 'zim', ['kickoutRoomUser']);
  if (options.forbidRules !== undefined && typeof options.forbidRules !== 'boolean') {
    fail('OPTION_INVALID', `createSignOut: forbidRules must be a boolean, got ${describe(options.forbidRules)}`);
  }
  const forbidRules = rtc !== undefined && options.forbidRules !== false;
  const now = options.now ?? Date.now;
  if (typeof now !== 'function') fail('OPTION_INVALID', `createSignOut: now must be a function, got ${describe(now)}`);
  const notConfigured = Object.freeze(
    [
      presence === undefined ? 'presence' : undefined,
      rtc === undefined ? 'rtc' : undefined,
      zim === undefined ? 'zim' : undefined,
      rtc !== undefined && !forbidRules ? 'forbidRules' : undefined,
    ].filter((piece): piece is SignOutPiece => piece !== undefined),
  );
  const pace = {
    kickout: createPacer(1000 / ZEGO_CALLS_PER_SECOND.KickoutUser),
    zimKickout: createPacer(1000 / ZEGO_CALLS_PER_SECOND.KickoutRoomUser),
    forbid: createPacer(1000 / ZEGO_CALLS_PER_SECOND.SetForbidUserRule),
  };

  /** The store's step: when it fails, nothing else is done. */
  async function record(step: () => Promise<TokenRevocationRecord>, action: string): Promise<TokenRevocationRecord> {
    try {
      return await step();
    } catch (error) {
      if (error instanceof ZegoTokenError && error.code === 'OPTION_INVALID') throw error;
      throw new ZegoTokenError('REVOCATION_UNAVAILABLE', `${action}: the revocation store failed; nothing was done`, {
        cause: error,
      });
    }
  }

  async function kick(userId: string, customReason: string | undefined, failures: SignOutFailure[]) {
    const kicked = { rtc: [] as string[], zim: [] as string[] };
    if (presence === undefined) return kicked;
    let rooms: Awaited<ReturnType<RoomPresenceStore['roomsOf']>>;
    try {
      rooms = await presence.roomsOf(userId);
    } catch (error) {
      failures.push({ step: 'presence', error });
      return kicked;
    }
    for (const roomId of rtc === undefined ? [] : rooms.rtc) {
      await pace.kickout();
      try {
        await rtc?.kickoutUser({ roomId, userIds: [userId], customReason });
        kicked.rtc.push(roomId);
      } catch (error) {
        failures.push({ step: 'rtc-kickout', roomId, error });
      }
    }
    for (const roomId of zim === undefined ? [] : rooms.zim) {
      await pace.zimKickout();
      try {
        await zim?.kickoutRoomUser({ roomId, userIds: [userId] });
        kicked.zim.push(roomId);
      } catch (error) {
        failures.push({ step: 'zim-kickout', roomId, error });
      }
    }
    return kicked;
  }

  /** A login forbid rule for as long as the ban needs one, capped at ZEGO's 86,400 s. */
  async function forbid(
    userId: string,
    state: TokenRevocationRecord,
    failures: SignOutFailure[],
  ): Promise<ForbidRuleReport | undefined> {
    const time = now();
    const { bannedUntil, latestExpiry } = state;
    if (!forbidRules || bannedUntil === undefined || latestExpiry === undefined) return undefined;
    const neededUntil = Math.min(bannedUntil, latestExpiry);
    if (neededUntil <= time) return undefined;
    const seconds = Math.min(MAX_RULE_SECONDS, Math.ceil((neededUntil - time) / 1000));
    await pace.forbid();
    try {
      const answer = await rtc?.setForbidUserRule({
        ruleType: 3,
        userId,
        disabledPrivileges: [1],
        effectiveTimeInSeconds: seconds,
      });
      const expireTime = answer?.Data?.ExpireTime;
      const expiresAt = typeof expireTime === 'number' && expireTime > 0 ? expireTime * 1000 : time + seconds * 1000;
      // ZEGO's ExpireTime is in whole seconds: compare what was asked for, not its rounding.
      const renewAt = neededUntil - time > seconds * 1000 ? Math.max(time, expiresAt - RENEW_AHEAD_MS) : undefined;
      return Object.freeze({ expiresAt, neededUntil, renewAt });
    } catch (error) {
      failures.push({ step: 'forbid-rule', error });
      return undefined;
    }
  }

  function report(
    action: string,
    userId: string,
    state: TokenRevocationRecord,
    kicked: { rtc: string[]; zim: string[] },
    forbidRule: ForbidRuleReport | undefined,
    failures: SignOutFailure[],
  ): SignOutReport {
    const result: SignOutReport = Object.freeze({
      userId,
      record: state,
      tokensValidUntil: state.latestExpiry !== undefined && state.latestExpiry > now() ? state.latestExpiry : undefined,
      kicked: Object.freeze({ rtc: Object.freeze(kicked.rtc), zim: Object.freeze(kicked.zim) }),
      forbidRule,
      notConfigured,
      failures: Object.freeze(failures.map((failure) => Object.freeze(failure))),
    });
    if (failures.length > 0) throw new ZegoSignOutIncompleteError(action, result);
    return result;
  }

  return Object.freeze({
    async signOutEverywhere(userId: string, callOptions: SignOutCallOptions = {}) {
      const action = 'signOutEverywhere';
      assertZegoUserId(userId, `${action}: userId`, 'OPTION_INVALID');
      assertOptionsObject(callOptions, `${action}'s options`);
      assertKnownKeys(callOptions as Record<string, unknown>, CALL_KEYS, action);
      const reason = readReason(callOptions, action);
      const state = await record(() => revocation.signOutEverywhere(userId, now()), action);
      const failures: SignOutFailure[] = [];
      const kicked = await kick(userId, reason, failures);
      return report(action, userId, state, kicked, undefined, failures);
    },
    async banUser(userId: string, callOptions: BanUserOptions) {
      const action = 'banUser';
      assertZegoUserId(userId, `${action}: userId`, 'OPTION_INVALID');
      assertOptionsObject(callOptions, `${action}'s options`);
      assertKnownKeys(callOptions as unknown as Record<string, unknown>, BAN_KEYS, action);
      const reason = readReason(callOptions, action);
      const until = readTime(callOptions.until, `${action}: until`, 'OPTION_INVALID');
      const state = await record(() => revocation.ban(userId, until), action);
      const failures: SignOutFailure[] = [];
      // The rule before the kick: a kicked client holding a valid token could otherwise log in again.
      const forbidRule = await forbid(userId, state, failures);
      const kicked = await kick(userId, reason, failures);
      return report(action, userId, state, kicked, forbidRule, failures);
    },
    async refreshBan(userId: string) {
      const action = 'refreshBan';
      assertZegoUserId(userId, `${action}: userId`, 'OPTION_INVALID');
      const state = await record(() => revocation.get(userId), action);
      const failures: SignOutFailure[] = [];
      const forbidRule = await forbid(userId, state, failures);
      return report(action, userId, state, { rtc: [], zim: [] }, forbidRule, failures);
    },
    async unbanUser(userId: string) {
      const action = 'unbanUser';
      assertZegoUserId(userId, `${action}: userId`, 'OPTION_INVALID');
      const state = await record(() => revocation.unban(userId), action);
      const failures: SignOutFailure[] = [];
      if (forbidRules) {
        await pace.forbid();
        try {
          await rtc?.delForbidUserRule({ ruleType: 3, userId });
        } catch (error) {
          failures.push({ step: 'forbid-rule', error });
        }
      }
      return report(action, userId, state, { rtc: [], zim: [] }, undefined, failures);
    },
  });
}
