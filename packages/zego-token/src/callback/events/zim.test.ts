// ZIM's documented callbacks parse to their typed events; ZIM's detection leaves RTC's bodies alone.
import { describe, expect, it } from 'vitest';
import { ZegoTokenError } from '../../errors.js';
import { parseZegoCallback } from './parse.js';
import { zimBeforeSendMessageAnswer, zimCallbacks, zimExamples } from './zim.js';

const ZIM = 'core_products/zim/en/docs_zim_server/Callbacks';

const GROUP_JOIN = {
  product: 'zim',
  event: 'group_join',
  appId: '1',
  timestamp: 1499676978000,
  nonce: '350176',
  signature: 'signature',
  groupId: '1',
  operatorAccount: 'userA',
  joinType: 'apply',
  newUserIds: ['Tony', 'Jenny'],
};

/** Each documented example's typed value, written out by hand from the page (times in ms, IDs exact). */
const EXPECTED: Record<string, Record<string, unknown>> = {
  [`${ZIM}/Login and logout.mdx`]: {
    product: 'zim',
    event: 'user_action',
    appId: '1',
    timestamp: 1679553625000,
    nonce: '350176',
    signature: 'signature',
    userId: '123456',
    userName: 'user_name',
    os: 'PC ',
    action: 'logout',
    actionCode: 1,
    sessionId: '930821637828251648',
    loginTime: 1679553625000,
    relogin: true,
    logoutTime: 1679553625000,
    logoutReason: 'logout_reason',
  },
  [`${ZIM}/Message not sent yet.mdx`]: {
    product: 'zim',
    event: 'before_send_msg',
    appId: '1',
    timestamp: 1499676968000,
    nonce: '321',
    signature: 'abc',
    requestId: '3501907290370176',
    fromUserId: 'sender',
    convId: 'receiver',
    convType: 'peer',
    convTypeCode: 0,
    msgId: '1234232421343',
    msgType: 'text',
    msgTypeCode: 1,
    subMsgType: 0,
    msgBody: 'msg_body',
    payload: 'payload',
  },
  [`${ZIM}/Message sent.mdx`]: {
    product: 'zim',
    event: 'send_msg',
    appId: '1',
    timestamp: 1679553625000,
    nonce: '350176',
    signature: 'signature',
    fromUserId: '350176117361',
    convType: 'group',
    convTypeCode: 2,
    convId: '',
    msgType: 'text',
    msgTypeCode: 1,
    subMsgType: 0,
    msgBody: 'msg_body',
    msgId: '857639062792568832',
    payload: 'payload',
    msgTime: 1679554146000,
    sendResult: 0,
    source: 'sdk',
    sourceCode: 0,
  },
  [`${ZIM}/One to one conversation bot message sent.mdx`]: {
    product: 'zim',
    event: 'bot_msg',
    appId: '1',
    timestamp: 1679553625000,
    nonce: '350176',
    signature: 'signature',
    fromUserId: '350176117361',
    convType: 'peer',
    convTypeCode: 0,
    convId: '',
    msgType: 'text',
    msgTypeCode: 1,
    subMsgType: 0,
    msgBody: 'msg_body',
    msgId: '857639062792568832',
    payload: 'payload',
    msgTime: 1679554146000,
    sendResult: 0,
    source: 'sdk',
    sourceCode: 0,
    userList: [
      { userId: 'userid1', msgId: '857639062792568822' },
      { userId: 'userid2', msgId: '857639062792568833' },
    ],
  },
  [`${ZIM}/room/room-created.mdx`]: {
    product: 'zim',
    event: 'room_create',
    appId: '1',
    timestamp: 1499676978000,
    nonce: '350176',
    signature: 'signature',
    roomId: '1',
    operatorAccount: 'userA',
    roomName: 'room_name',
    attributes: [
      { key: 'UserSet1', value: 'UserGet1', autoDelete: false },
      { key: 'UserSet2', value: 'UserGet2', autoDelete: false },
    ],
  },
  [`${ZIM}/room/room-destroyed.mdx`]: {
    product: 'zim',
    event: 'room_destroy',
    appId: '1',
    timestamp: 1499676978000,
    nonce: '350176',
    signature: 'signature',
    roomId: '1',
    userIds: ['Tony', 'Jenny'],
    operatorAccount: 'userA',
  },
  [`${ZIM}/room/room-entered.mdx`]: {
    product: 'zim',
    event: 'room_enter',
    appId: '1',
    timestamp: 1499676978000,
    nonce: '350176',
    signature: 'signature',
    roomId: '1',
    operatorAccount: 'userA',
  },
  [`${ZIM}/room/room-left.mdx`]: {
    product: 'zim',
    event: 'room_exit',
    appId: '1',
    timestamp: 1499676978000,
    nonce: '350176',
    signature: 'signature',
    roomId: '1',
    exitType: 'kickout',
    operatorAccount: 'userA',
    exitUserIds: ['Tony', 'Jenny'],
  },
  [`${ZIM}/group/group-created.mdx`]: {
    product: 'zim',
    event: 'group_create',
    appId: '1',
    timestamp: 1499676978000,
    nonce: '350176',
    signature: 'signature',
    groupId: '1',
    operatorAccount: 'userA',
    ownerAccount: 'operator_account',
    groupName: 'group_name',
    attributes: [
      { key: 'UserSet1', value: 'UserGet1' },
      { key: 'UserSet2', value: 'UserGet2' },
    ],
    userIds: ['Tony', 'Jenny'],
  },
  [`${ZIM}/group/group-destroyed.mdx`]: {
    product: 'zim',
    event: 'group_destroy',
    appId: '1',
    timestamp: 1499676978000,
    nonce: '350176',
    signature: 'signature',
    groupId: '1',
    ownerAccount: 'userA',
    userIds: ['Tony', 'Jenny'],
    operatorAccount: 'userA',
  },
  // The Chinese page's example, and the English one (its event `Apply_join_group`, read as group_join).
  'core_products/zim/zh/docs_zim_server_zh/Callbacks/group/group-joined.mdx': GROUP_JOIN,
  [`${ZIM}/group/group-joined.mdx`]: GROUP_JOIN,
  [`${ZIM}/group/group-left.mdx`]: {
    product: 'zim',
    event: 'group_exit',
    appId: '1',
    timestamp: 1499676978000,
    nonce: '350176',
    signature: 'signature',
    groupId: '1',
    exitType: 'kickout',
    operatorAccount: 'userA',
    exitUserIds: ['Tony', 'Jenny'],
  },
  [`${ZIM}/Call invitation sent.mdx`]: {
    product: 'zim',
    event: 'call_create',
    appId: '1',
    timestamp: 1499676978000,
    nonce: '350176',
    signature: 'signature',
    callId: '3501761173612493269',
    userIds: ['abc', 'def'],
    createTime: 1499676968000,
    payload: 'payload',
    caller: 'caller',
    timeout: 90,
  },
  [`${ZIM}/Call invitation accepted.mdx`]: {
    product: 'zim',
    event: 'call_accept',
    appId: '1',
    timestamp: 1499676978000,
    nonce: '350176',
    signature: 'signature',
    callId: '3501761173612493269',
    userId: 'abc',
    extendData: 'extendData',
  },
  [`${ZIM}/Call invitation rejected.mdx`]: {
    product: 'zim',
    event: 'call_reject',
    appId: '1',
    timestamp: 1499676978000,
    nonce: '350176',
    signature: 'signature',
    callId: '3501761173612493269',
    userId: 'abc',
    extendData: 'extendData',
  },
  [`${ZIM}/Call invitation canceled.mdx`]: {
    product: 'zim',
    event: 'call_cancel',
    appId: '1',
    timestamp: 1499676978000,
    nonce: '350176',
    signature: 'signature',
    callId: '3501761173612493269',
    userIds: ['abc', 'def'],
    reason: 'caller-cancel',
    payload: 'payload',
  },
  [`${ZIM}/Call invitation timed out.mdx`]: {
    product: 'zim',
    event: 'call_timeout',
    appId: '1',
    timestamp: 1499676978000,
    nonce: '350176',
    signature: 'signature',
    callId: '3501761173612493269',
    userIds: ['abc', 'def'],
  },
  [`${ZIM}/call-invitation-during-a-call.mdx`]: {
    product: 'zim',
    event: 'call_invite',
    appId: '1',
    timestamp: 1499676978000,
    nonce: '350176',
    signature: 'signature',
    callId: '3501761173612493269',
    userIds: ['abc', 'def'],
    inviter: 'aaa',
    inviteTime: 1499676978000,
  },
};

/** RTC's documented room_create (core_products/real-time-voice-video/en/server/callback/room/created.mdx). */
const RTC_ROOM_CREATE = `{
    "event": "room_create",
    "appid": 1,
    "timestamp": 1499676978,
    "nonce": "350176",
    "signature": "signature",
    "room_id": "rid_1242649",
    "room_session_id": 858012925204410400,
    "room_create_time": "1499676978027",
    "id_name": "id123"
}`;

function example(source: string): string {
  const found = zimExamples.find((e) => e.source === source);
  if (found === undefined) throw new Error(`no ZIM example from ${source}`);
  return found.text;
}

function invalid(body: Record<string, unknown>): unknown {
  try {
    parseZegoCallback(body);
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('ZIM callbacks', () => {
  it('holds one example per documented page, each named by its event and path', () => {
    expect(zimExamples.map((e) => e.source).sort()).toEqual(Object.keys(EXPECTED).sort());
    for (const e of zimExamples) {
      expect(e).toMatchObject({ product: 'zim', contentType: 'application/json', event: EXPECTED[e.source]?.event });
    }
  });

  it.each(Object.entries(EXPECTED))('parses the example of %s to its typed value', (source, expected) => {
    const text = example(source);
    const { raw, ...typed } = parseZegoCallback(text);
    expect(typed).toStrictEqual(expected);
    expect(raw).toEqual(JSON.parse(text));
  });

  it('keeps a 64-bit ID sent as a bare number exact, from the body text', () => {
    const text = example(`${ZIM}/Call invitation accepted.mdx`).replace(
      '"call_id": "3501761173612493269"',
      '"call_id": 3501761173612493269',
    );
    expect(parseZegoCallback(text)).toMatchObject({ event: 'call_accept', callId: '3501761173612493269' });
  });

  it('refuses a 64-bit ID that JSON.parse already rounded, naming it', () => {
    const body = { ...JSON.parse(example(`${ZIM}/Call invitation sent.mdx`)), call_id: Number('3501761173612493269') };
    expect(invalid(body)).toMatchObject({
      code: 'CALLBACK_EVENT_INVALID',
      message: expect.stringContaining("call_create's call_id must be an exact ID"),
    });
  });

  it('reads the codes ZEGO documents: action, conv_type, msg_type, source, exit_type, join_type, reason', () => {
    const action = JSON.parse(example(`${ZIM}/Login and logout.mdx`));
    expect(parseZegoCallback({ ...action, action: 0 })).toMatchObject({ action: 'online', actionCode: 0 });
    expect(parseZegoCallback({ ...action, action: 2, offline_time: 1679553626 })).toMatchObject({
      action: 'offline',
      offlineTime: 1679553626000,
    });
    expect(parseZegoCallback({ ...action, action: 7 })).toMatchObject({ action: 'unknown', actionCode: 7 });
    const sent = JSON.parse(example(`${ZIM}/Message sent.mdx`));
    expect(
      parseZegoCallback({ ...sent, conv_type: 1, msg_type: 200, sub_msg_type: 7, source: 1, msg_seq: 12 }),
    ).toMatchObject({
      convType: 'room',
      msgType: 'custom',
      subMsgType: 7,
      source: 'server',
      sourceCode: 1,
      msgSeq: 12,
    });
    for (const [code, name] of [
      [10, 'multiple'],
      [11, 'image'],
      [12, 'file'],
      [13, 'audio'],
      [14, 'video'],
      [100, 'combined'],
      [99, 'unknown'],
    ] as const) {
      expect(parseZegoCallback({ ...sent, msg_type: code })).toMatchObject({ msgType: name, msgTypeCode: code });
    }
    const left = JSON.parse(example(`${ZIM}/group/group-left.mdx`));
    expect(parseZegoCallback({ ...left, exit_type: 'Quit' })).toMatchObject({ exitType: 'quit' });
    expect(parseZegoCallback({ ...left, exit_type: 'Left' })).toMatchObject({ exitType: 'unknown' });
    const joined = JSON.parse(example(`${ZIM}/group/group-joined.mdx`));
    expect(parseZegoCallback({ ...joined, join_type: 'Invited' })).toMatchObject({ joinType: 'invited' });
    const cancel = JSON.parse(example(`${ZIM}/Call invitation canceled.mdx`));
    expect(parseZegoCallback({ ...cancel, reason: 'timeout_cancel' })).toMatchObject({ reason: 'timeout-cancel' });
  });

  it.each([
    ['user_action', `${ZIM}/Login and logout.mdx`, 'action', 'online'],
    ['user_action', `${ZIM}/Login and logout.mdx`, 'session_id', 9.3e17],
    ['user_action', `${ZIM}/Login and logout.mdx`, 'relogin', '2'],
    ['before_send_msg', `${ZIM}/Message not sent yet.mdx`, 'conv_type', 'peer'],
    ['send_msg', `${ZIM}/Message sent.mdx`, 'msg_time', 'yesterday'],
    ['send_msg', `${ZIM}/Message sent.mdx`, 'user_list', { UserId: 'u' }],
    ['room_create', `${ZIM}/room/room-created.mdx`, 'attributes', 'UserSet1'],
    ['room_exit', `${ZIM}/room/room-left.mdx`, 'exit_user_ids', 'Tony'],
    ['group_create', `${ZIM}/group/group-created.mdx`, 'group_name', null],
    ['call_create', `${ZIM}/Call invitation sent.mdx`, 'timeout', '90s'],
    ['call_invite', `${ZIM}/call-invitation-during-a-call.mdx`, 'invite_time', 1.5],
    ['call_timeout', `${ZIM}/Call invitation timed out.mdx`, 'timestamp', '1499676978x'],
  ])('%s with a wrong-typed %s (%s) throws CALLBACK_EVENT_INVALID naming the field', (event, source, field, value) => {
    const body = { ...JSON.parse(example(source)), [field]: value };
    const error = invalid(body);
    expect(error).toBeInstanceOf(ZegoTokenError);
    expect(error).toMatchObject({ code: 'CALLBACK_EVENT_INVALID' });
    expect((error as Error).message).toContain(`zim callback ${event}'s ${field} must be`);
  });

  it('names the element of an array that has the wrong type', () => {
    const body = JSON.parse(example(`${ZIM}/room/room-destroyed.mdx`));
    expect(invalid({ ...body, user_ids: ['Tony', 7] })).toMatchObject({
      code: 'CALLBACK_EVENT_INVALID',
      message: expect.stringContaining("room_destroy's user_ids[1] must be a string"),
    });
    const room = JSON.parse(example(`${ZIM}/room/room-created.mdx`));
    expect(invalid({ ...room, attributes: [{ key: 'k', value: 'v', auto_delete: 5 }] })).toMatchObject({
      code: 'CALLBACK_EVENT_INVALID',
      message: expect.stringContaining("room_create's attributes[0]'s auto_delete must be 0 or 1"),
    });
  });

  it('passes an undocumented ZIM event through as unknown', () => {
    const body = {
      appid: '1',
      event: 'group_member_info_update',
      nonce: '350176',
      signature: 'signature',
      timestamp: 1499676978,
      group_id: '1',
    };
    expect(parseZegoCallback(body)).toStrictEqual({ product: 'unknown', event: 'group_member_info_update', raw: body });
  });

  it("does not claim RTC's documented room_create (no operator_account; room_session_id instead)", () => {
    const rtc = JSON.parse(RTC_ROOM_CREATE);
    expect(zimCallbacks.detect(rtc)).toBeUndefined();
    expect(parseZegoCallback(RTC_ROOM_CREATE).product).not.toBe('zim');
    expect(zimCallbacks.detect(JSON.parse(example(`${ZIM}/room/room-created.mdx`)))).toBe('room_create');
  });

  it('claims no body without appid or a ZIM event name', () => {
    const enter = JSON.parse(example(`${ZIM}/room/room-entered.mdx`));
    const { appid: _, ...withoutAppId } = enter;
    expect(zimCallbacks.detect(withoutAppId)).toBeUndefined();
    expect(zimCallbacks.detect({ ...enter, event: 'room_login' })).toBeUndefined();
    expect(zimCallbacks.detect({ ...enter, event: 'constructor' })).toBeUndefined();
  });
});

describe('zimBeforeSendMessageAnswer', () => {
  it("is ZEGO's documented sample response for neutral", () => {
    // core_products/zim/en/docs_zim_server/Callbacks/Message not sent yet.mdx, "Sample response".
    expect(zimBeforeSendMessageAnswer({ result: 'neutral' })).toStrictEqual(JSON.parse('{\n    "result": 0\n}'));
  });

  it.each([
    [{ result: 'send' }, '{"result":1}'],
    [{ result: 'send-silently' }, '{"result":2}'],
    [{ result: 'reject', reason: 'spam' }, '{"result":3,"reason":"spam"}'],
    [
      { result: 'send', newPayload: 'p2', newMsgBody: 'hello ***' },
      '{"result":1,"new_payload":"p2","new_msg_body":"hello ***"}',
    ],
  ] as const)('%o answers %s', (options, json) => {
    expect(JSON.stringify(zimBeforeSendMessageAnswer(options))).toBe(json);
  });

  it('refuses a result it does not know, a reason without reject, and a non-string field', () => {
    const refused = (options: unknown) => {
      try {
        zimBeforeSendMessageAnswer(options as Parameters<typeof zimBeforeSendMessageAnswer>[0]);
      } catch (error) {
        return error;
      }
      return undefined;
    };
    expect(refused({ result: 'block' })).toMatchObject({
      code: 'OPTION_INVALID',
      message: expect.stringContaining('result'),
    });
    expect(refused({ result: 'toString' })).toMatchObject({ code: 'OPTION_INVALID' });
    expect(refused({ result: 'send', reason: 'why' })).toMatchObject({
      code: 'OPTION_INVALID',
      message: expect.stringContaining('reason'),
    });
    expect(refused({ result: 'send', newMsgBody: 42 })).toMatchObject({
      code: 'OPTION_INVALID',
      message: expect.stringContaining('newMsgBody'),
    });
  });
});
