import { describe, expect, it, onTestFinished } from 'vitest';
import { APP_ID, expectCodedError, expectCodedRejection, SECRET } from '../../../../test/support/index.js';
import { type Received, serverApiStandIn } from '../../test/support/server-api-stand-in.js';
import * as nodeEntry from '../node/server-api.js';
import { startZegoStandIn } from '../testing/index.js';
import * as webEntry from '../web/server-api.js';

const ok = (fields: object = {}) => ({ Code: 0, Message: 'success', RequestId: 'req-1', ...fields });
const usersOf = (request: Received | undefined) => request?.query.getAll('UserId[]') ?? [];

describe.each([
  ['zego-token/server-api', nodeEntry],
  ['zego-token/web/server-api', webEntry],
] as const)('createZimApi (%s)', (_entry, { createZimApi, ZegoServerApiBatchError }) => {
  async function zim(reply: (request: Received) => object = () => ok()) {
    const zego = await serverApiStandIn(reply);
    return { zego, api: createZimApi({ appId: APP_ID, serverSecret: SECRET, baseUrl: zego.url }) };
  }

  it('calls zim-api.zego.im', () => {
    expect(createZimApi({ appId: APP_ID, serverSecret: SECRET }).baseUrl).toBe('https://zim-api.zego.im/');
  });

  it('kickoutRoomUser sends one signed GET of KickoutRoomUser with ZEGO names', async () => {
    const { zego, api } = await zim();
    const result = await api.kickoutRoomUser({
      roomId: 'room 1',
      userIds: ['a', 'b'],
      customReason: 'rules',
      fromUserId: 'moderator',
    });
    expect(zego.received).toHaveLength(1);
    const [request] = zego.received;
    expect(request).toMatchObject({ method: 'GET', signed: true });
    expect(request?.query.get('Action')).toBe('KickoutRoomUser');
    expect(request?.query.get('RoomId')).toBe('room 1');
    expect(usersOf(request)).toEqual(['a', 'b']);
    expect(request?.query.get('CustomReason')).toBe('rules');
    expect(request?.query.get('FromUserId')).toBe('moderator');
    expect(result).toEqual({ userIds: ['a', 'b'], answers: [ok()] });
  });

  it('kickoutRoomUser sends 120 users as 50, 50 and 20, and reports a failed call with who was and was not removed', async () => {
    const userIds = Array.from({ length: 120 }, (_, index) => `u${index}`);
    const { zego, api } = await zim();
    await api.kickoutRoomUser({ roomId: 'r', userIds });
    expect(zego.received.map((request) => usersOf(request))).toEqual([
      userIds.slice(0, 50),
      userIds.slice(50, 100),
      userIds.slice(100),
    ]);

    // zego-token/testing's stand-in, where u50 to u99 are not in the room: ZEGO's 660300002 for the second call.
    const standIn = await startZegoStandIn({ appId: APP_ID, serverSecret: SECRET });
    onTestFinished(() => standIn.close());
    for (const userId of [...userIds.slice(0, 50), ...userIds.slice(100)]) standIn.zim.enter('r', userId);
    const failing = createZimApi({ appId: APP_ID, serverSecret: SECRET, baseUrl: standIn.zimUrl });
    const error = await expectCodedRejection<InstanceType<typeof ZegoServerApiBatchError>>(
      failing.kickoutRoomUser({ roomId: 'r', userIds }),
      'SERVER_API_BATCH_FAILED',
    );
    expect(error.completedUserIds).toEqual(userIds.slice(0, 50));
    expect(error.remainingUserIds).toEqual(userIds.slice(50));
    expect(error.zegoCode).toBe(660300002);
    expect(standIn.requests).toHaveLength(2);
    expect(standIn.zim.members('r')).toEqual(userIds.slice(100));
  });

  it("queryUserOnlineState resolves ZIM's top-level Result and ErrorList", async () => {
    const { zego, api } = await zim(() =>
      ok({
        Result: [
          { UserId: 'id1', Status: 'Offline' },
          { UserId: 'id2', Status: 'Online' },
        ],
        ErrorList: [{ UserId: 'id4', SubCode: 660200001 }],
      }),
    );
    const answer = await api.queryUserOnlineState({ userIds: ['id1', 'id2', 'id4'] });
    expect(zego.received[0]?.query.get('Action')).toBe('QueryUserOnlineState');
    expect(usersOf(zego.received[0])).toEqual(['id1', 'id2', 'id4']);
    expect(answer.Result?.filter((user) => user.Status === 'Online').map((user) => user.UserId)).toEqual(['id2']);
    expect(answer.ErrorList).toEqual([{ UserId: 'id4', SubCode: 660200001 }]);
  });

  it("a non-zero Code with a whole ErrorList rejects with ZEGO's answer", async () => {
    const { api } = await zim(() => ({
      Code: 660000011,
      Message: 'too many',
      ErrorList: [{ UserId: 'a', SubCode: 1 }],
    }));
    const error = await expectCodedRejection<InstanceType<typeof nodeEntry.ZegoServerApiError>>(
      api.queryUserOnlineState({ userIds: ['a'] }),
      'SERVER_API_ERROR',
    );
    expect(error.answer?.ErrorList).toEqual([{ UserId: 'a', SubCode: 1 }]);
  });

  const long = (bytes: number) => 'a'.repeat(bytes);
  it.each([
    ['kickoutRoomUser', 'a 33-byte roomId', { roomId: long(33), userIds: ['a'] }],
    ['kickoutRoomUser', 'a roomId with a slash', { roomId: 'a/b', userIds: ['a'] }],
    ['kickoutRoomUser', 'a 33-byte userId', { roomId: 'r', userIds: [long(33)] }],
    ['kickoutRoomUser', 'a customReason over 32 bytes', { roomId: 'r', userIds: ['a'], customReason: long(33) }],
    ['kickoutRoomUser', 'an empty fromUserId', { roomId: 'r', userIds: ['a'], fromUserId: '' }],
    ['kickoutRoomUser', 'no users', { roomId: 'r', userIds: [] }],
    ['queryUserOnlineState', '101 users', { userIds: Array.from({ length: 101 }, (_, i) => `u${i}`) }],
    ['queryUserOnlineState', 'a 65-byte userId', { userIds: [long(65)] }],
    ['queryUserOnlineState', "ZEGO's UserId", { UserId: ['a'] }],
  ] as const)('%s refuses %s with OPTION_INVALID before any request', async (method, _name, input) => {
    const { zego, api } = await zim();
    await expectCodedRejection((api[method] as (input: unknown) => Promise<unknown>)(input), 'OPTION_INVALID');
    expect(zego.received).toHaveLength(0);
  });

  it('accepts a 64-byte userId in a query, and refuses a product when created', async () => {
    const { zego, api } = await zim(() => ok({ Result: [] }));
    await api.queryUserOnlineState({ userIds: [long(64)] });
    expect(zego.received).toHaveLength(1);
    expectCodedError(
      () => createZimApi({ appId: APP_ID, serverSecret: SECRET, product: 'rtc' } as never),
      'OPTION_INVALID',
    );
  });
});
