import { afterEach, expect, it } from 'vitest';
import { createRtcApi, type ZegoRtcApi, ZegoServerApiBatchError } from 'zego-token/server-api';
import { startZegoStandIn, type ZegoStandIn } from 'zego-token/testing';

// The code under test: yours.
async function banFromRoom(rtc: ZegoRtcApi, roomId: string, userIds: string[]) {
  await rtc.kickoutUser({ roomId, userIds, customReason: 'banned' });
  for (const userId of userIds) {
    await rtc.setForbidUserRule({ ruleType: 4, roomId, userId, disabledPrivileges: [1], effectiveTimeInSeconds: 3600 });
  }
}

const appId = 1234567890;
const serverSecret = 'fa94dd0f974cf2e293728a526b028271'; // any 32 characters: a test secret
let zego: ZegoStandIn;
afterEach(() => zego.close());

it('kicks the users out and keeps them out', async () => {
  zego = await startZegoStandIn({ appId, serverSecret });
  const rtc = createRtcApi({ appId, serverSecret, baseUrl: zego.rtcUrl });
  for (const userId of ['u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'host']) zego.rtc.login('room1', userId);

  await banFromRoom(rtc, 'room1', ['u1', 'u2', 'u3', 'u4', 'u5', 'u6']);

  expect(zego.rtc.users('room1')).toEqual(['host']);
  expect(zego.requests.filter((request) => request.action === 'KickoutUser')).toHaveLength(2); // 5, then 1
  expect(zego.rtc.login('room1', 'u1')).toMatchObject({ loggedIn: false });
});

it('says who was not kicked when ZEGO refuses a call', async () => {
  zego = await startZegoStandIn({ appId, serverSecret });
  const rtc = createRtcApi({ appId, serverSecret, baseUrl: zego.rtcUrl });
  zego.failNext('KickoutUser', { code: 206, skip: 1 }); // the second call: ZEGO's "QPS too high"

  const error = await banFromRoom(rtc, 'room1', ['u1', 'u2', 'u3', 'u4', 'u5', 'u6']).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ZegoServerApiBatchError);
  expect((error as ZegoServerApiBatchError).remainingUserIds).toEqual(['u6']);
});
