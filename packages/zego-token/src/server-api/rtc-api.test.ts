import { describe, expect, it, onTestFinished } from 'vitest';
import { APP_ID, expectCodedError, expectCodedRejection, SECRET } from '../../../../test/support/index.js';
import { type Received, serverApiStandIn } from '../../test/support/server-api-stand-in.js';
import * as nodeEntry from '../node/server-api.js';
import { startZegoStandIn } from '../testing/index.js';
import * as webEntry from '../web/server-api.js';

const ok = (fields: object = {}) => ({ Code: 0, Message: 'success', RequestId: 'req-1', ...fields });

/** The action's own parameters of a request: its query without Action and the signed public ones. */
function ownParams(request: Received | undefined): Record<string, string | string[]> {
  const params: Record<string, string | string[]> = {};
  for (const key of new Set(request?.query.keys())) {
    if (['Action', 'AppId', 'SignatureNonce', 'Timestamp', 'SignatureVersion', 'Signature'].includes(key)) continue;
    const values = request?.query.getAll(key) ?? [];
    params[key] = key.endsWith('[]') ? values : (values[0] ?? '');
  }
  return params;
}

// Both entries: node:crypto's MD5 and @noble/hashes' must both sign as the stand-in checks.
describe.each([
  ['zego-token/server-api', nodeEntry],
  ['zego-token/web/server-api', webEntry],
] as const)('createRtcApi (%s)', (_entry, { createRtcApi, ZegoServerApiBatchError, ZegoServerApiError }) => {
  async function rtc(reply: (request: Received) => object = () => ok()) {
    const zego = await serverApiStandIn(reply);
    return { zego, api: createRtcApi({ appId: APP_ID, serverSecret: SECRET, baseUrl: zego.url }) };
  }

  it('calls rtc-api.zego.im (or its regional host)', () => {
    expect(createRtcApi({ appId: APP_ID, serverSecret: SECRET }).baseUrl).toBe('https://rtc-api.zego.im/');
    expect(createRtcApi({ appId: APP_ID, serverSecret: SECRET, region: 'fra' }).baseUrl).toBe(
      'https://rtc-api-fra.zego.im/',
    );
  });

  it('kickoutUser sends up to 5 users as one signed GET, mapped to RoomId, UserId[] and CustomReason', async () => {
    const { zego, api } = await rtc();
    const result = await api.kickoutUser({ roomId: 'room-1', userIds: ['a', 'b'], customReason: 'banned & gone' });
    expect(zego.received).toHaveLength(1);
    expect(zego.received[0]).toMatchObject({ method: 'GET', signed: true, body: undefined });
    expect(zego.received[0]?.query.get('Action')).toBe('KickoutUser');
    expect(ownParams(zego.received[0])).toEqual({
      RoomId: 'room-1',
      'UserId[]': ['a', 'b'],
      CustomReason: 'banned & gone',
    });
    expect(result.userIds).toEqual(['a', 'b']);
    expect(result.answers.map((answer) => answer.RequestId)).toEqual(['req-1']);
  });

  it('kickoutUser splits 12 users into calls of 5, 5 and 2, in order, one at a time, duplicates dropped', async () => {
    let inFlight = 0;
    let most = 0;
    const zego = await serverApiStandIn(() => ok({ RequestId: `req-${zego.received.length}` }));
    const api = createRtcApi({
      appId: APP_ID,
      serverSecret: SECRET,
      baseUrl: zego.url,
      fetch: async (...args) => {
        inFlight += 1;
        most = Math.max(most, inFlight);
        try {
          return await fetch(...args);
        } finally {
          inFlight -= 1;
        }
      },
    });
    const userIds = Array.from({ length: 12 }, (_, index) => `user${index}`);
    const result = await api.kickoutUser({ roomId: 'room-1', userIds: [...userIds, 'user3'] });
    expect(zego.received.map((request) => ownParams(request)['UserId[]'])).toEqual([
      userIds.slice(0, 5),
      userIds.slice(5, 10),
      userIds.slice(10),
    ]);
    expect(zego.received.every((request) => request.signed && request.query.get('RoomId') === 'room-1')).toBe(true);
    expect(most).toBe(1);
    expect(result.userIds).toEqual(userIds);
    expect(result.answers.map((answer) => answer.RequestId)).toEqual(['req-1', 'req-2', 'req-3']);
  });

  it('kickoutUser stops at the call that fails and says who was kicked and who was not', async () => {
    // zego-token/testing's stand-in: its rooms show who was really kicked.
    const zego = await startZegoStandIn({ appId: APP_ID, serverSecret: SECRET });
    onTestFinished(() => zego.close());
    const api = createRtcApi({ appId: APP_ID, serverSecret: SECRET, baseUrl: zego.rtcUrl });
    const userIds = Array.from({ length: 13 }, (_, index) => `user${index}`);
    for (const userId of userIds) zego.rtc.login('room-1', userId);
    zego.failNext('KickoutUser', { code: 206, message: 'qps limited', skip: 1 });
    const error = await expectCodedRejection<InstanceType<typeof ZegoServerApiBatchError>>(
      api.kickoutUser({ roomId: 'room-1', userIds }),
      'SERVER_API_BATCH_FAILED',
    );
    expect(error).toBeInstanceOf(ZegoServerApiBatchError);
    expect(error).toBeInstanceOf(ZegoServerApiError);
    expect(error.completedUserIds).toEqual(userIds.slice(0, 5));
    expect(error.failedUserIds).toEqual(userIds.slice(5, 10));
    expect(error.remainingUserIds).toEqual(userIds.slice(5));
    expect(zego.rtc.users('room-1')).toEqual(error.remainingUserIds);
    expect(error).toMatchObject({
      zegoCode: 206,
      zegoMessage: 'qps limited',
      requestId: expect.any(String),
      status: 502,
    });
    expect((error.cause as { code?: string }).code).toBe('SERVER_API_ERROR');
    expect(error.message).toContain('KickoutUser');
    expect(error.message).not.toContain(SECRET);
    // The third call was never made.
    expect(zego.requests).toHaveLength(2);
  });

  it('kickoutUser reports a call that got no answer the same way (nothing kicked when it is the first)', async () => {
    const api = createRtcApi({ appId: APP_ID, serverSecret: SECRET, baseUrl: 'http://127.0.0.1:9/', timeoutMs: 2000 });
    const error = await expectCodedRejection<InstanceType<typeof ZegoServerApiBatchError>>(
      api.kickoutUser({ roomId: 'room-1', userIds: ['a'] }),
      'SERVER_API_BATCH_FAILED',
    );
    expect(error.completedUserIds).toEqual([]);
    expect(error.remainingUserIds).toEqual(['a']);
    expect((error.cause as { code?: string }).code).toBe('SERVER_API_UNREACHABLE');
  });

  it.each([
    [
      'closeRoom',
      { roomId: 'room-1', customReason: 'end', roomCloseCallback: true },
      'CloseRoom',
      {
        RoomId: 'room-1',
        CustomReason: 'end',
        RoomCloseCallback: 'true',
      },
    ],
    [
      'describeUsers',
      { roomId: 'room-1', userIds: ['a', 'b'] },
      'DescribeUsers',
      {
        RoomId: 'room-1',
        'UserId[]': ['a', 'b'],
      },
    ],
    [
      'setForbidUserRule',
      { ruleType: 3, userId: 'alice', disabledPrivileges: [1], effectiveTimeInSeconds: 86_400 },
      'SetForbidUserRule',
      { RuleType: '3', UserId: 'alice', 'DisabledPrivilege[]': ['1'], EffectiveTime: '86400' },
    ],
    [
      'setForbidUserRule',
      { ruleType: 4, roomId: 'room-1', userId: 'alice', disabledPrivileges: [1, 2, 2], effectiveTimeInSeconds: 60 },
      'SetForbidUserRule',
      { RuleType: '4', RoomId: 'room-1', UserId: 'alice', 'DisabledPrivilege[]': ['1', '2'], EffectiveTime: '60' },
    ],
    [
      'delForbidUserRule',
      { ruleType: 1, ip: '203.0.113.7' },
      'DelForbidUserRule',
      { RuleType: '1', IP: '203.0.113.7' },
    ],
    ['describeForbidUserRules', { ruleType: 3 }, 'DescribeForbidUserRules', { RuleType: '3' }],
  ] as const)('%s sends one signed GET of %s with ZEGO names', async (method, input, action, params) => {
    const { zego, api } = await rtc();
    await (api[method] as (input: unknown) => Promise<unknown>)(input);
    expect(zego.received).toHaveLength(1);
    expect(zego.received[0]).toMatchObject({ method: 'GET', signed: true });
    expect(zego.received[0]?.query.get('Action')).toBe(action);
    expect(ownParams(zego.received[0])).toEqual(params);
  });

  it("resolves with ZEGO's typed answers (the examples on the actions' pages)", async () => {
    const UserStatusList = [
      { UserId: 'a', Status: 1, LoginTime: 1675674019365, UserRole: 1 },
      { UserId: 'b', Status: 0, LoginTime: 0, UserRole: 2 },
    ];
    const RuleList = [
      { RuleType: 3, IP: '', RoomId: '', UserId: 'alice', DisabledPrivilegeList: [1], ExpireTime: 1704282648 },
    ];
    const { api } = await rtc((request) => {
      switch (request.query.get('Action')) {
        case 'DescribeUsers':
          return ok({ Data: { UserStatusList } });
        case 'SetForbidUserRule':
          return ok({ Data: { ExpireTime: 1704282648 } });
        default:
          return ok({ Data: { RuleList } });
      }
    });
    const users = await api.describeUsers({ roomId: 'room-1', userIds: ['a', 'b'] });
    expect(users.Data.UserStatusList.filter((user) => user.Status === 1).map((user) => user.UserId)).toEqual(['a']);
    const rule = await api.setForbidUserRule({
      ruleType: 3,
      userId: 'alice',
      disabledPrivileges: [1],
      effectiveTimeInSeconds: 3600,
    });
    expect(rule.Data.ExpireTime).toBe(1704282648);
    expect(rule.RequestId).toBe('req-1');
    const rules = await api.describeForbidUserRules({ ruleType: 3 });
    expect(rules.Data.RuleList[0]?.UserId).toBe('alice');
  });

  const long = (bytes: number) => 'a'.repeat(bytes);
  it.each([
    ['kickoutUser', 'no input', undefined],
    ['kickoutUser', 'no users', { roomId: 'r', userIds: [] }],
    ['kickoutUser', 'a 65-byte userId', { roomId: 'r', userIds: [long(65)] }],
    ['kickoutUser', 'a userId with a space', { roomId: 'r', userIds: ['a b'] }],
    ['kickoutUser', 'a userId that is a number', { roomId: 'r', userIds: [7] }],
    ['kickoutUser', 'a 128-byte roomId', { roomId: long(128), userIds: ['a'] }],
    ['kickoutUser', 'a customReason over 256 bytes', { roomId: 'r', userIds: ['a'], customReason: 'é'.repeat(129) }],
    ['kickoutUser', "ZEGO's PascalCase", { RoomId: 'r', UserId: ['a'] }],
    ['closeRoom', 'no roomId', {}],
    ['closeRoom', 'a string roomCloseCallback', { roomId: 'r', roomCloseCallback: 'true' }],
    ['describeUsers', '11 users', { roomId: 'r', userIds: Array.from({ length: 11 }, (_, i) => `u${i}`) }],
    [
      'setForbidUserRule',
      'an EffectiveTime over a day',
      { ruleType: 3, userId: 'a', disabledPrivileges: [1], effectiveTimeInSeconds: 86_401 },
    ],
    [
      'setForbidUserRule',
      'an EffectiveTime of 0',
      { ruleType: 3, userId: 'a', disabledPrivileges: [1], effectiveTimeInSeconds: 0 },
    ],
    [
      'setForbidUserRule',
      'milliseconds',
      { ruleType: 3, userId: 'a', disabledPrivileges: [1], effectiveTimeInSeconds: 1.5 },
    ],
    [
      'setForbidUserRule',
      'privilege 3',
      { ruleType: 3, userId: 'a', disabledPrivileges: [3], effectiveTimeInSeconds: 60 },
    ],
    [
      'setForbidUserRule',
      'no privileges',
      { ruleType: 3, userId: 'a', disabledPrivileges: [], effectiveTimeInSeconds: 60 },
    ],
    [
      'setForbidUserRule',
      'rule type 3 without a userId',
      { ruleType: 3, disabledPrivileges: [1], effectiveTimeInSeconds: 60 },
    ],
    [
      'setForbidUserRule',
      'rule type 3 with a roomId',
      { ruleType: 3, userId: 'a', roomId: 'r', disabledPrivileges: [1], effectiveTimeInSeconds: 60 },
    ],
    ['delForbidUserRule', 'rule type 5', { ruleType: 5, userId: 'a' }],
    ['delForbidUserRule', 'rule type 1 with a host name', { ruleType: 1, ip: 'example.com' }],
    ['describeForbidUserRules', 'rule type "3"', { ruleType: '3' }],
  ] as const)('%s refuses %s with OPTION_INVALID before any request', async (method, _name, input) => {
    const { zego, api } = await rtc();
    await expectCodedRejection((api[method] as (input: unknown) => Promise<unknown>)(input), 'OPTION_INVALID');
    expect(zego.received).toHaveLength(0);
  });

  it("suggests the camelCase name for ZEGO's PascalCase one", async () => {
    const { api } = await rtc();
    const error = await expectCodedRejection(api.closeRoom({ RoomId: 'r' } as never), 'OPTION_INVALID');
    expect(error.message).toContain('did you mean `roomId`');
  });

  it.each([
    ['a product', { product: 'zim' }, 'OPTION_INVALID'],
    ['a short secret', { serverSecret: 'short' }, 'SECRET_INVALID'],
    ['AppID 0', { appId: 0 }, 'APP_ID_INVALID'],
    ['a plain http: host', { baseUrl: 'http://example.com/' }, 'OPTION_INVALID'],
    ['a timeout of 0', { timeoutMs: 0 }, 'OPTION_INVALID'],
  ])('refuses %s when created', (_name, change, code) => {
    const error = expectCodedError(
      () => createRtcApi({ appId: APP_ID, serverSecret: SECRET, ...change } as never),
      code,
    );
    expect(error.message).not.toContain(SECRET);
  });
});
