// zego-token/testing against the package's own clients, over real sockets: what a user's tests rely on
// (the stand-in answers as ZEGO documents, our clients read those answers, and its callbacks pass our
// callback route's signature check).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import {
  APP_ID,
  CALLBACK_SECRET,
  expectCodedRejection,
  listen,
  OTHER_SECRET,
  SECRET,
} from '../../../../test/support/index.js';
import type { ZegoCallbackEvent } from '../callback/events/parse.js';
import { createCallbackFetchHandler } from '../node/index.js';
import {
  createRtcApi,
  createZimApi,
  type ZegoServerApiBatchError,
  type ZegoServerApiError,
} from '../node/server-api.js';
import { startZegoStandIn, type ZegoStandIn, type ZegoStandInOptions } from './index.js';

const started: ZegoStandIn[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((standIn) => standIn.close()));
});

async function standIn(options: Partial<ZegoStandInOptions> = {}) {
  const zego = await startZegoStandIn({ appId: APP_ID, serverSecret: SECRET, ...options });
  started.push(zego);
  return {
    zego,
    rtc: createRtcApi({ appId: APP_ID, serverSecret: SECRET, baseUrl: zego.rtcUrl }),
    zim: createZimApi({ appId: APP_ID, serverSecret: SECRET, baseUrl: zego.zimUrl }),
  };
}

const users = (count: number) => Array.from({ length: count }, (_, index) => `u${index}`);

describe('the stand-in for RTC', () => {
  it('kicks users out of a room, our client sending 7 users as 5 and 2', async () => {
    const { zego, rtc } = await standIn();
    for (const userId of users(8)) zego.rtc.login('room1', userId);
    const result = await rtc.kickoutUser({ roomId: 'room1', userIds: users(7) });
    expect(result.answers).toHaveLength(2);
    expect(result.answers[0]).toMatchObject({ Code: 0, Message: 'success', RequestId: expect.any(String) });
    expect(zego.rtc.users('room1')).toEqual(['u7']);
    expect(zego.requests.map(({ action, signed, code }) => ({ action, signed, code }))).toEqual([
      { action: 'KickoutUser', signed: true, code: 0 },
      { action: 'KickoutUser', signed: true, code: 0 },
    ]);
    expect(zego.requests.map(({ query }) => query.getAll('UserId[]'))).toEqual([users(5), users(7).slice(5)]);
  });

  it("answers ZEGO's 50011 to more than 5 users in one KickoutUser", async () => {
    const { zego, rtc } = await standIn();
    zego.rtc.login('room1', 'u0');
    const error = await expectCodedRejection<ZegoServerApiError>(
      rtc.call('KickoutUser', { RoomId: 'room1', UserId: users(6) }),
      'SERVER_API_ERROR',
    );
    expect(error.zegoCode).toBe(50011);
    expect(zego.rtc.users('room1')).toEqual(['u0']);
  });

  it('describes users in a room, and answers 50001 once the room is gone (closed)', async () => {
    // The clock signatures are checked against too: it stays within ZEGO's 10 minutes of the client's.
    const start = Math.floor(Date.now() / 1000) * 1000;
    let now = start;
    const { zego, rtc } = await standIn({ now: () => now });
    zego.rtc.login('room1', 'alice');
    now += 1000;
    zego.rtc.login('room1', 'bob');
    const answer = await rtc.describeUsers({ roomId: 'room1', userIds: ['alice', 'carol'] });
    expect(answer.Data.UserStatusList).toEqual([
      { UserId: 'alice', Status: 1, LoginTime: start, UserRole: 2 },
      { UserId: 'carol', Status: 0, LoginTime: 0, UserRole: 0 },
    ]);
    await rtc.closeRoom({ roomId: 'room1' });
    expect(zego.rtc.room('room1')).toBeUndefined();
    const error = await expectCodedRejection<ZegoServerApiError>(
      rtc.describeUsers({ roomId: 'room1', userIds: ['alice'] }),
      'SERVER_API_ERROR',
    );
    expect(error.zegoCode).toBe(50001);
  });

  it('keeps forbid rules: a login ban refuses the next login until it is deleted or expires', async () => {
    const start = Math.floor(Date.now() / 1000) * 1000;
    let now = start;
    const { zego, rtc } = await standIn({ now: () => now });
    const set = await rtc.setForbidUserRule({
      ruleType: 3,
      userId: 'mallory',
      disabledPrivileges: [1],
      effectiveTimeInSeconds: 3600,
    });
    expect(set.Data.ExpireTime).toBe(start / 1000 + 3600);
    expect(zego.rtc.login('room1', 'mallory')).toMatchObject({ loggedIn: false, rule: { RuleType: 3 } });
    expect(zego.rtc.login('room1', 'alice')).toMatchObject({ loggedIn: true });

    const listed = await rtc.describeForbidUserRules({ ruleType: 3 });
    expect(listed.Data.RuleList).toEqual([
      {
        RuleType: 3,
        IP: '',
        RoomId: '',
        UserId: 'mallory',
        DisabledPrivilegeList: [1],
        ExpireTime: start / 1000 + 3600,
      },
    ]);
    expect((await rtc.describeForbidUserRules({ ruleType: 4 })).Data.RuleList).toEqual([]);

    now += 3601_000;
    expect(zego.rtc.login('room1', 'mallory')).toMatchObject({ loggedIn: true });
    now = start;
    await rtc.delForbidUserRule({ ruleType: 3, userId: 'mallory' });
    expect(zego.rtc.rules()).toEqual([]);
    // Deleting it again: ZEGO documents no code for a missing rule, so the stand-in answers Code 0.
    expect((await rtc.delForbidUserRule({ ruleType: 3, userId: 'mallory' })).Code).toBe(0);
  });

  it('refuses an EffectiveTime beyond a day with Code 2, as an input error', async () => {
    const { rtc } = await standIn();
    const error = await expectCodedRejection<ZegoServerApiError>(
      rtc.call('SetForbidUserRule', { RuleType: 3, UserId: 'u', DisabledPrivilege: [1], EffectiveTime: 86_401 }),
      'SERVER_API_ERROR',
    );
    expect(error.zegoCode).toBe(2);
  });
});

describe("the stand-in's gateway", () => {
  it("answers 100000005 to a wrong signature, and our client's typed error says so without the secret", async () => {
    const { zego } = await standIn();
    const wrong = createRtcApi({ appId: APP_ID, serverSecret: OTHER_SECRET, baseUrl: zego.rtcUrl });
    const error = await expectCodedRejection<ZegoServerApiError>(
      wrong.describeForbidUserRules({ ruleType: 1 }),
      'SERVER_API_ERROR',
    );
    expect(error).toMatchObject({ zegoCode: 100000005, zegoMessage: 'Signature error.' });
    expect(zego.requests[0]).toMatchObject({ action: 'DescribeForbidUserRules', signed: false, code: 100000005 });
    expect(JSON.stringify(error.answer)).not.toContain(SECRET);
  });

  it('answers 100000004 when the timestamp is more than 10 minutes off, 100000010 to another AppId', async () => {
    const skewed = await standIn({ now: () => Date.now() + 11 * 60_000 });
    const expired = await expectCodedRejection<ZegoServerApiError>(
      skewed.rtc.describeForbidUserRules({ ruleType: 1 }),
      'SERVER_API_ERROR',
    );
    expect(expired.zegoCode).toBe(100000004);
    const nineMinutes = await standIn({ now: () => Date.now() + 9 * 60_000 });
    await expect(nineMinutes.rtc.describeForbidUserRules({ ruleType: 1 })).resolves.toMatchObject({ Code: 0 });

    const other = createRtcApi({ appId: APP_ID + 1, serverSecret: SECRET, baseUrl: nineMinutes.zego.rtcUrl });
    const unknown = await expectCodedRejection<ZegoServerApiError>(other.call('CloseRoom'), 'SERVER_API_ERROR');
    expect(unknown.zegoCode).toBe(100000010);
  });

  it('answers 100000007 to an action the host does not have, 100000000 to a path that is neither host', async () => {
    const { zego, rtc, zim } = await standIn();
    const onRtc = await expectCodedRejection<ZegoServerApiError>(
      rtc.call('KickoutRoomUser', { RoomId: 'r', UserId: ['a'] }),
      'SERVER_API_ERROR',
    );
    expect(onRtc.zegoCode).toBe(100000007);
    const onZim = await expectCodedRejection<ZegoServerApiError>(zim.call('KickoutUser'), 'SERVER_API_ERROR');
    expect(onZim.zegoCode).toBe(100000007);
    const elsewhere = createRtcApi({ appId: APP_ID, serverSecret: SECRET, baseUrl: `${zego.url}other/` });
    const host = await expectCodedRejection<ZegoServerApiError>(elsewhere.call('CloseRoom'), 'SERVER_API_ERROR');
    expect(host.zegoCode).toBe(100000000);
    const atRoot = await expectCodedRejection<ZegoServerApiError>(
      createRtcApi({ appId: APP_ID, serverSecret: SECRET, baseUrl: zego.url }).call('Nothing'),
      'SERVER_API_ERROR',
    );
    expect(atRoot.zegoCode).toBe(100000007);
  });

  it('answers both hosts at its root url, by the action, for an app with one base URL setting', async () => {
    const { zego } = await standIn();
    zego.rtc.login('room1', 'alice');
    zego.zim.enter('room1', 'alice');
    const rtc = createRtcApi({ appId: APP_ID, serverSecret: SECRET, baseUrl: zego.url });
    const zim = createZimApi({ appId: APP_ID, serverSecret: SECRET, baseUrl: zego.url });
    await rtc.kickoutUser({ roomId: 'room1', userIds: ['alice'] });
    await zim.kickoutRoomUser({ roomId: 'room1', userIds: ['alice'] });
    expect(zego.requests.map(({ product, action }) => [product, action])).toEqual([
      ['rtc', 'KickoutUser'],
      ['zim', 'KickoutRoomUser'],
    ]);
    expect(zego.rtc.users('room1')).toEqual([]);
    expect(zego.zim.members('room1')).toEqual([]);
  });

  it('fails the calls it is told to: a batch stops there and says who was not kicked', async () => {
    const { zego, rtc } = await standIn();
    for (const userId of users(12)) zego.rtc.login('room1', userId);
    zego.failNext('KickoutUser', { code: 206, message: 'App request QPS too high', skip: 1 });
    const error = await expectCodedRejection<ZegoServerApiBatchError>(
      rtc.kickoutUser({ roomId: 'room1', userIds: users(12) }),
      'SERVER_API_BATCH_FAILED',
    );
    expect(error.zegoCode).toBe(206);
    expect(error.completedUserIds).toEqual(users(5));
    expect(error.remainingUserIds).toEqual(users(12).slice(5));
    expect(zego.rtc.users('room1')).toEqual(users(12).slice(5));

    zego.failNext('KickoutUser', { status: 503 });
    const unreachable = await expectCodedRejection<ZegoServerApiBatchError>(
      rtc.kickoutUser({ roomId: 'room1', userIds: error.remainingUserIds }),
      'SERVER_API_BATCH_FAILED',
    );
    expect((unreachable.cause as ZegoServerApiError).code).toBe('SERVER_API_UNREACHABLE');
    expect(zego.requests.at(-1)).toMatchObject({ status: 503, code: undefined });
    // Used up: the retry goes through.
    await rtc.kickoutUser({ roomId: 'room1', userIds: unreachable.remainingUserIds });
    expect(zego.rtc.room('room1')).toBeUndefined();
  });
});

describe('the stand-in for ZIM', () => {
  it('removes room members, 50 per call, and answers 660300001 for a room that does not exist', async () => {
    const { zego, zim } = await standIn();
    for (const userId of users(60)) zego.zim.enter('room 1', userId);
    zego.zim.enter('room 1', 'stays');
    await zim.kickoutRoomUser({ roomId: 'room 1', userIds: users(60) });
    expect(zego.requests.map(({ query }) => query.getAll('UserId[]').length)).toEqual([50, 10]);
    expect(zego.zim.members('room 1')).toEqual(['stays']);
    const error = await expectCodedRejection<ZegoServerApiBatchError>(
      zim.kickoutRoomUser({ roomId: 'nowhere', userIds: ['a'] }),
      'SERVER_API_BATCH_FAILED',
    );
    expect(error.zegoCode).toBe(660300001);
  });

  it('answers QueryUserOnlineState at the top level: Result, and ErrorList for users it never saw', async () => {
    const { zego, zim } = await standIn();
    zego.zim.login('alice');
    zego.zim.enter('room', 'bob');
    zego.zim.logout('bob');
    const answer = await zim.queryUserOnlineState({ userIds: ['alice', 'bob', 'nobody'] });
    expect(answer.Result).toEqual([
      { UserId: 'alice', Status: 'Online' },
      { UserId: 'bob', Status: 'Offline' },
    ]);
    expect(answer.ErrorList).toEqual([{ UserId: 'nobody', SubCode: 660200001 }]);
    expect(zego.zim.members('room')).toEqual([]);
  });
});

/** Our callback route (createCallbackFetchHandler, typed events) on a real socket, and what it received. */
async function callbackRoute() {
  const events: ZegoCallbackEvent[] = [];
  const handler = createCallbackFetchHandler({
    callbackSecret: CALLBACK_SECRET,
    events: true,
    onCallback: (event) => void events.push(event),
  });
  const { url } = await listen(async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const response = await handler(
      new Request(`http://127.0.0.1${req.url}`, {
        method: req.method ?? 'POST',
        headers: { 'content-type': req.headers['content-type'] ?? '' },
        body: Buffer.concat(chunks),
      }),
    );
    res.statusCode = response.status;
    res.end(await response.text());
  });
  return { url: `${url}/zego/callback`, events };
}

describe("the stand-in's callbacks", () => {
  it('sendCallback POSTs a signed documented callback our route accepts; signed with another secret, refused', async () => {
    const route = await callbackRoute();
    const { zego } = await standIn({ callbackSecret: CALLBACK_SECRET });
    const result = await zego.sendCallback(route.url, 'room_logout', { room_id: 'room9', reason: '3' });
    expect(result.status).toBe(200);
    expect(route.events).toHaveLength(1);
    expect(route.events[0]).toMatchObject({ product: 'rtc', event: 'room_logout', roomId: 'room9', reasonCode: 3 });
    // The documented example's 64-bit room_seq stays exact.
    expect(route.events[0]).toMatchObject({ roomSeq: '6085791336856668982' });

    const forger = await standIn({ callbackSecret: 'not-the-callback-secret' });
    const refused = await forger.zego.sendCallback(route.url, 'room_login');
    expect(refused.status).toBe(401);
    expect(refused.body).toContain('CALLBACK_SIGNATURE_INVALID');
    expect(route.events).toHaveLength(1);
  });

  it('posts room_login and room_logout (reason 3 on a kick) as its rooms change, in order', async () => {
    const route = await callbackRoute();
    const { zego, rtc } = await standIn({ callbackSecret: CALLBACK_SECRET, callbackUrl: route.url });
    const login = zego.rtc.login('room1', 'alice');
    zego.rtc.login('room1', 'bob');
    await rtc.kickoutUser({ roomId: 'room1', userIds: ['alice'] });
    zego.rtc.logout('room1', 'bob');
    await zego.settled();
    expect(zego.callbacks.map(({ event, userId, status }) => [event, userId, status])).toEqual([
      ['room_login', 'alice', 200],
      ['room_login', 'bob', 200],
      ['room_logout', 'alice', 200],
      ['room_logout', 'bob', 200],
    ]);
    expect(route.events).toMatchObject([
      { event: 'room_login', userAccount: 'alice', userUpdateSeq: 1, relogin: false },
      { event: 'room_login', userAccount: 'bob', userUpdateSeq: 2 },
      { event: 'room_logout', userAccount: 'alice', reasonCode: 3, userUpdateSeq: 3 },
      { event: 'room_logout', userAccount: 'bob', reasonCode: 0, userUpdateSeq: 4 },
    ]);
    const [aliceIn, , aliceOut] = route.events as Extract<ZegoCallbackEvent, { event: 'room_logout' }>[];
    expect(login).toMatchObject({ sessionId: aliceIn?.sessionId });
    expect(aliceOut?.sessionId).toBe(aliceIn?.sessionId);
    expect(aliceOut?.roomSeq).toBe(aliceIn?.roomSeq);
  });

  it('refuses bad options at start, without echoing a secret', async () => {
    await expect(startZegoStandIn({ appId: APP_ID, serverSecret: 'short' })).rejects.toMatchObject({
      code: 'SECRET_INVALID',
    });
    await expect(
      startZegoStandIn({ appId: APP_ID, serverSecret: SECRET, callbackUrl: 'http://127.0.0.1:1/cb' }),
    ).rejects.toMatchObject({ code: 'OPTION_INVALID', message: expect.stringContaining('callbackSecret') });
    const { zego } = await standIn();
    await expect(zego.sendCallback('http://127.0.0.1:1/', 'room_login')).rejects.toMatchObject({
      code: 'OPTION_INVALID',
    });
    expect(() => zego.failNext('KickoutUser', { code: 0 })).toThrow(/non-zero/);
    const signing = await standIn({ callbackSecret: CALLBACK_SECRET });
    await expect(signing.zego.sendCallback('http://127.0.0.1:1/', 'room_create')).rejects.toMatchObject({
      code: 'OPTION_INVALID',
      message: expect.stringContaining('rtc and zim'),
    });
    await expect(signing.zego.sendCallback('http://127.0.0.1:1/', 'no_such_event')).rejects.toMatchObject({
      code: 'OPTION_INVALID',
    });
  });
});
