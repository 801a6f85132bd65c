import { describe, expect, it } from 'vitest';
import { APP_ID, expectCodedError, expectCodedRejection, SECRET } from '../../../../test/support/index.js';
import { type Received, serverApiStandIn } from '../../test/support/server-api-stand-in.js';
import type { ZegoTokenError } from '../errors.js';
import { createRtcApi, createZimApi, ZegoServerApiError } from '../node/server-api.js';
import { createSignOut, type SignOutOptions, ZegoSignOutIncompleteError } from './moderation.js';
import type { RoomPresenceStore, UserRooms } from './presence.js';
import { createMemoryRevocationStore } from './revocation.js';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const ok = (fields: object = {}) => ({ Code: 0, Message: 'success', RequestId: 'req', ...fields });

/** ZEGO's answers: forbid rules end `EffectiveTime` seconds from now; `refuse` answers an error for some calls. */
function zegoAnswers(refuse: (request: Received) => object | undefined = () => undefined) {
  return (request: Received) => {
    const refusal = refuse(request);
    if (refusal !== undefined) return refusal;
    if (request.query.get('Action') === 'SetForbidUserRule') {
      const seconds = Number(request.query.get('EffectiveTime'));
      return ok({ Data: { ExpireTime: Math.floor(Date.now() / 1000) + seconds } });
    }
    return ok();
  };
}

/** Rooms as presence reports them (the presence stores have their own suite). */
const presenceOf = (rooms: Record<string, UserRooms>): RoomPresenceStore => ({
  apply: async () => 'ignored',
  roomsOf: async (userId) => rooms[userId] ?? { rtc: [], zim: [] },
  usersIn: async () => [],
});

async function setUp(
  options: Partial<SignOutOptions> = {},
  refuse?: (request: Received) => object | undefined,
  rooms: UserRooms = { rtc: ['room-1', 'room-2'], zim: ['chat-1'] },
) {
  const zego = await serverApiStandIn(zegoAnswers(refuse));
  const api = { appId: APP_ID, serverSecret: SECRET, baseUrl: zego.url };
  const revocation = createMemoryRevocationStore();
  const signOut = createSignOut({
    revocation,
    presence: presenceOf({ alice: rooms }),
    rtc: createRtcApi(api),
    zim: createZimApi(api),
    ...options,
  });
  const actions = () =>
    zego.received.map((request) => `${request.query.get('Action')} ${request.query.get('RoomId') ?? ''}`.trim());
  return { zego, revocation, signOut, actions };
}

/** The route handing alice a token that expires in `ms`, as it records it in the store. */
async function handOutToken(revocation: ReturnType<typeof createMemoryRevocationStore>, ms: number) {
  const now = Date.now();
  expect(await revocation.admit('alice', { sessionIssuedAt: now - 1000, expiresAt: now + ms, now })).toEqual({
    admitted: true,
  });
  return now + ms;
}

describe('createSignOut: signOutEverywhere', () => {
  it('records the sign-out, then kicks the user from every RTC and ZIM room presence knows, signed', async () => {
    const { zego, revocation, signOut, actions } = await setUp();
    const expiry = await handOutToken(revocation, HOUR);
    const report = await signOut.signOutEverywhere('alice', { customReason: 'signed out everywhere' });

    // The route now refuses every session that began before the sign-out, and admits a new sign-in.
    const now = Date.now();
    const signedOutAt = report.record.signedOutAt ?? Number.NaN;
    expect(signedOutAt).toBeGreaterThan(now - 5000);
    const admit = (sessionIssuedAt: number) =>
      revocation.admit('alice', { sessionIssuedAt, expiresAt: now + HOUR, now });
    expect(await admit(signedOutAt - 1)).toMatchObject({ admitted: false, reason: 'signed-out' });
    expect(await admit(signedOutAt)).toEqual({ admitted: true });
    expect(actions()).toEqual(['KickoutUser room-1', 'KickoutUser room-2', 'KickoutRoomUser chat-1']);
    expect(zego.received.every((request) => request.signed)).toBe(true);
    expect(zego.received[0]?.query.getAll('UserId[]')).toEqual(['alice']);
    expect(zego.received[0]?.query.get('CustomReason')).toBe('signed out everywhere');
    expect(report).toMatchObject({
      userId: 'alice',
      kicked: { rtc: ['room-1', 'room-2'], zim: ['chat-1'] },
      tokensValidUntil: expiry,
      forbidRule: undefined,
      notConfigured: [],
      failures: [],
    });
  });

  it('sets no forbid rule: a stolen token stays usable at ZEGO until tokensValidUntil', async () => {
    const { signOut, revocation, actions } = await setUp();
    await handOutToken(revocation, HOUR);
    await signOut.signOutEverywhere('alice');
    expect(actions().some((action) => action.startsWith('SetForbidUserRule'))).toBe(false);
  });

  it('when the revocation store fails, rejects 503 REVOCATION_UNAVAILABLE and calls ZEGO not at all', async () => {
    const revocation = createMemoryRevocationStore();
    const { zego, signOut } = await setUp({
      revocation: { ...revocation, signOutEverywhere: () => Promise.reject(new Error('ECONNREFUSED 127.0.0.1:6379')) },
    });
    const error = await expectCodedRejection<ZegoTokenError>(
      signOut.signOutEverywhere('alice'),
      'REVOCATION_UNAVAILABLE',
    );
    expect(error.status).toBe(503);
    expect(error.cause).toBeInstanceOf(Error);
    expect(zego.received).toEqual([]);
  });

  it('a kick ZEGO refuses is reported (SIGN_OUT_INCOMPLETE, 502) with what was done; the other rooms are still kicked', async () => {
    const { signOut, revocation, actions } = await setUp({}, (request) =>
      request.query.get('RoomId') === 'room-1'
        ? { Code: 50001, Message: 'room not exist', RequestId: 'r1' }
        : undefined,
    );
    const error = await expectCodedRejection<ZegoSignOutIncompleteError>(
      signOut.signOutEverywhere('alice'),
      'SIGN_OUT_INCOMPLETE',
    );
    expect(error).toBeInstanceOf(ZegoSignOutIncompleteError);
    expect(error.status).toBe(502);
    const { report } = error;
    expect(report.kicked).toEqual({ rtc: ['room-2'], zim: ['chat-1'] });
    expect(report.failures).toHaveLength(1);
    expect(report.failures[0]).toMatchObject({ step: 'rtc-kickout', roomId: 'room-1' });
    expect(report.failures[0]?.error).toBeInstanceOf(ZegoServerApiError);
    expect(report.failures[0]?.error).toMatchObject({ zegoCode: 50001 });
    expect(error.message).toContain('rtc-kickout room-1');
    expect(actions()).toEqual(['KickoutUser room-1', 'KickoutUser room-2', 'KickoutRoomUser chat-1']);
    // The sign-out itself held.
    expect((await revocation.get('alice')).signedOutAt).toBeDefined();
    // Nothing of the secret in what a host would log.
    expect(`${error.message} ${JSON.stringify(report)}`).not.toContain(SECRET);
  });

  it('a presence store that fails is reported; the sign-out holds and nobody is kicked', async () => {
    const revocation = createMemoryRevocationStore();
    const { zego, signOut } = await setUp({
      revocation,
      presence: { ...presenceOf({}), roomsOf: () => Promise.reject(new Error('presence down')) },
    });
    const error = await expectCodedRejection(signOut.signOutEverywhere('alice'), 'SIGN_OUT_INCOMPLETE');
    expect((error as ZegoSignOutIncompleteError).report.failures.map((failure) => failure.step)).toEqual(['presence']);
    expect(zego.received).toEqual([]);
    expect((await revocation.get('alice')).signedOutAt).toBeDefined();
  });

  it('says which pieces it was not given, and kicks nobody without presence', async () => {
    const { zego, signOut } = await setUp({ presence: undefined, zim: undefined });
    const report = await signOut.signOutEverywhere('alice');
    expect(report.notConfigured).toEqual(['presence', 'zim']);
    expect(report.kicked).toEqual({ rtc: [], zim: [] });
    expect(zego.received).toEqual([]);
    const bare = createSignOut({ revocation: createMemoryRevocationStore() });
    expect((await bare.signOutEverywhere('alice')).notConfigured).toEqual(['presence', 'rtc', 'zim']);
  });

  it('paces kicks by ZEGO rate limits, one call at a time, across concurrent sign-outs', async () => {
    const rooms = Array.from({ length: 6 }, (_, index) => `room-${index}`);
    const zego = await serverApiStandIn(zegoAnswers());
    const starts: number[] = [];
    const rtc = createRtcApi({ appId: APP_ID, serverSecret: SECRET, baseUrl: zego.url });
    const signOut = createSignOut({
      revocation: createMemoryRevocationStore(),
      presence: presenceOf({ alice: { rtc: rooms.slice(0, 3), zim: [] }, bob: { rtc: rooms.slice(3), zim: [] } }),
      rtc: {
        ...rtc,
        kickoutUser: (input) => {
          starts.push(performance.now());
          return rtc.kickoutUser(input);
        },
      },
    });
    await Promise.all([signOut.signOutEverywhere('alice'), signOut.signOutEverywhere('bob')]);
    expect(zego.received).toHaveLength(6);
    // 50 calls per second per AppID: the calls start on a 20 ms grid, so the n-th starts at least n × 20 ms
    // after the first (less a millisecond of clock rounding), whatever each timer's own lateness.
    const first = starts[0] ?? 0;
    starts.forEach((start, index) => {
      expect(start - first).toBeGreaterThanOrEqual(index * 20 - 1);
    });
  });
});

describe('createSignOut: banUser', () => {
  it('bans, sets a login forbid rule for the rest of the last token, then kicks', async () => {
    const { zego, revocation, signOut, actions } = await setUp();
    const expiry = await handOutToken(revocation, 2 * HOUR);
    const report = await signOut.banUser('alice', { until: Date.now() + 7 * DAY });

    expect(actions()).toEqual([
      'SetForbidUserRule',
      'KickoutUser room-1',
      'KickoutUser room-2',
      'KickoutRoomUser chat-1',
    ]);
    const rule = zego.received[0]?.query;
    expect(rule?.get('RuleType')).toBe('3');
    expect(rule?.get('UserId')).toBe('alice');
    expect(rule?.getAll('DisabledPrivilege[]')).toEqual(['1']);
    const seconds = Number(rule?.get('EffectiveTime'));
    expect(seconds).toBeGreaterThan(2 * 3600 - 10);
    expect(seconds).toBeLessThanOrEqual(2 * 3600);
    expect(report.forbidRule).toMatchObject({ neededUntil: expiry, renewAt: undefined });
    const now = Date.now();
    expect(await revocation.admit('alice', { sessionIssuedAt: now, expiresAt: now + HOUR, now })).toMatchObject({
      admitted: false,
      reason: 'banned',
    });
  });

  it('a rule lasts at most 86,400 s: a longer-lived token gets renewAt, and refreshBan sets the next rule', async () => {
    let clock = Date.now();
    const { zego, revocation, signOut } = await setUp({ now: () => clock });
    const expiry = await handOutToken(revocation, 3 * DAY);
    const report = await signOut.banUser('alice', { until: clock + 30 * DAY });
    expect(zego.received[0]?.query.get('EffectiveTime')).toBe('86400');
    const { renewAt, expiresAt } = report.forbidRule ?? {};
    expect(renewAt).toBeDefined();
    expect(renewAt).toBeLessThan(expiresAt ?? 0);
    expect(renewAt).toBeGreaterThan(clock + DAY - HOUR);

    // A day later, the job calls refreshBan: the next rule, no kick.
    clock += DAY;
    const count = zego.received.length;
    const next = await signOut.refreshBan('alice');
    expect(zego.received.slice(count).map((request) => request.query.get('Action'))).toEqual(['SetForbidUserRule']);
    expect(next.kicked).toEqual({ rtc: [], zim: [] });
    expect(next.forbidRule?.neededUntil).toBe(expiry);
  });

  it('sets no rule when no token outlives the ban or none was handed out', async () => {
    const { signOut, actions, revocation } = await setUp();
    expect((await signOut.banUser('alice', { until: Date.now() + DAY })).forbidRule).toBeUndefined();
    expect(actions()).not.toContain('SetForbidUserRule');
    await revocation.unban('alice');
    await handOutToken(revocation, DAY);
    const short = await signOut.banUser('alice', { until: Date.now() + 60_000 });
    expect(short.forbidRule?.neededUntil).toBeLessThanOrEqual(Date.now() + 60_000);
  });

  it('forbid rules not enabled for the AppID (ZEGO Code 9) is reported; the ban and the kicks still happen', async () => {
    const { signOut, revocation } = await setUp({}, (request) =>
      request.query.get('Action') === 'SetForbidUserRule'
        ? { Code: 9, Message: 'no permission', RequestId: 'r' }
        : undefined,
    );
    await handOutToken(revocation, HOUR);
    const error = await expectCodedRejection(
      signOut.banUser('alice', { until: Date.now() + DAY }),
      'SIGN_OUT_INCOMPLETE',
    );
    const { report } = error as ZegoSignOutIncompleteError;
    expect(report.failures.map((failure) => failure.step)).toEqual(['forbid-rule']);
    expect(report.kicked.rtc).toEqual(['room-1', 'room-2']);
    expect((await revocation.get('alice')).bannedUntil).toBeDefined();
  });

  it('forbidRules: false leaves rules alone and says so', async () => {
    const { signOut, revocation, actions } = await setUp({ forbidRules: false });
    await handOutToken(revocation, HOUR);
    const report = await signOut.banUser('alice', { until: Date.now() + DAY });
    expect(report.notConfigured).toEqual(['forbidRules']);
    expect(actions()).not.toContain('SetForbidUserRule');
  });

  it('unbanUser lifts the ban and deletes the rule; the route hands out tokens again', async () => {
    const { signOut, revocation, actions } = await setUp();
    await handOutToken(revocation, HOUR);
    await signOut.banUser('alice', { until: Date.now() + DAY });
    await signOut.unbanUser('alice');
    expect(actions().at(-1)).toBe('DelForbidUserRule');
    const now = Date.now();
    expect(await revocation.admit('alice', { sessionIssuedAt: now, expiresAt: now + HOUR, now })).toEqual({
      admitted: true,
    });
  });
});

describe('createSignOut: configuration and input', () => {
  const revocation = createMemoryRevocationStore();

  it.each([
    ['no options', undefined],
    ['no revocation store', {}],
    ['a store without its methods', { revocation: {} }],
    ['an rtc client without kickoutUser', { revocation, rtc: {} }],
    ['a zim client without kickoutRoomUser', { revocation, zim: { call: () => undefined } }],
    ['presence without roomsOf', { revocation, presence: {} }],
    ['forbidRules not a boolean', { revocation, forbidRules: 'yes' }],
    ['an unknown option', { revocation, revocationStore: revocation }],
  ])('fails at construction with OPTION_INVALID: %s', (_name, options) => {
    expectCodedError(() => createSignOut(options as SignOutOptions), 'OPTION_INVALID');
  });

  it('refuses bad input before doing anything', async () => {
    const { zego, signOut } = await setUp();
    await expectCodedRejection(signOut.signOutEverywhere('not a zego id'), 'OPTION_INVALID');
    await expectCodedRejection(signOut.signOutEverywhere('alice', { customReason: 'x'.repeat(257) }), 'OPTION_INVALID');
    await expectCodedRejection(
      signOut.banUser('alice', { until: Math.floor(Date.now() / 1000) + 60 }),
      'OPTION_INVALID',
    );
    await expectCodedRejection(signOut.banUser('alice', {} as { until: number }), 'OPTION_INVALID');
    expect(zego.received).toEqual([]);
  });
});
