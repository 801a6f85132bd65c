// RTC (Express)'s documented callbacks: each of ZEGO's example bodies (rtcExamples, copied from
// ZEGOCLOUD/docs_all core_products/real-time-voice-video/en/server/callback/…) parses to the typed value
// written out below by hand from the pages' tables; wrong-typed fields name themselves; other bodies pass.
import { describe, expect, it } from 'vitest';
import { expectCodedError } from '../../../../../test/support/index.js';
import { parseZegoCallback } from './parse.js';
import { rtcCallbacks, rtcExamples } from './rtc.js';

function example(event: string): string {
  const found = rtcExamples.find((candidate) => candidate.event === event);
  if (found === undefined) throw new Error(`no RTC example for ${event}`);
  return found.text;
}

/** The example's body as a parsed object, with some fields replaced. */
function body(event: string, changes: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...(JSON.parse(example(event)) as Record<string, unknown>), ...changes };
}

/** The typed fields, without `raw` (checked on its own). */
function typed(value: object): Record<string, unknown> {
  const { raw: _raw, ...rest } = value as Record<string, unknown>;
  return rest;
}

// room_create's and room_close's room_session_id is a bare JSON number beyond 2^53 in ZEGO's examples
// (858012925204410400): these objects are what a lossless parse of the text gives, the ID as its text.
const EXACT_ROOM_SESSION_ID = { room_session_id: '858012925204410400' };

describe("RTC callbacks: ZEGO's documented examples", () => {
  it('lists one example per typed event, each with its docs_all page', () => {
    expect(rtcExamples.map((entry) => [entry.event, entry.source, entry.contentType])).toEqual([
      ['room_create', 'core_products/real-time-voice-video/en/server/callback/room/created.mdx', 'application/json'],
      ['room_close', 'core_products/real-time-voice-video/en/server/callback/room/destroyed.mdx', 'application/json'],
      ['room_login', 'core_products/real-time-voice-video/en/server/callback/room/logged-in.mdx', 'application/json'],
      ['room_logout', 'core_products/real-time-voice-video/en/server/callback/room/logged-out.mdx', 'application/json'],
      [
        'stream_create',
        'core_products/real-time-voice-video/en/server/callback/stream/created.mdx',
        'application/json',
      ],
      [
        'stream_close',
        'core_products/real-time-voice-video/en/server/callback/stream/destroyed.mdx',
        'application/json',
      ],
      [
        'record',
        'core_products/real-time-voice-video/en/server/callback/cdn/cdn-record-completed.mdx',
        'application/json',
      ],
      [
        'mix_start',
        'core_products/real-time-voice-video/en/server/callback/stream-mixing/started.mdx',
        'application/json',
      ],
      [
        'mix_stop',
        'core_products/real-time-voice-video/en/server/callback/stream-mixing/stopped.mdx',
        'application/json',
      ],
      [
        'compose',
        'core_products/real-time-voice-video/en/server/callback/cdn/merge-media-completed.mdx',
        'application/json',
      ],
    ]);
    expect(new Set(rtcExamples.map((entry) => entry.product))).toEqual(new Set(['rtc']));
  });

  it("keeps room_create's and room_close's room_session_id as the bare number ZEGO shows", () => {
    expect(example('room_create')).toContain('"room_session_id": 858012925204410400,');
    expect(example('room_close')).toContain('"room_session_id": 858012925204410400,');
    expect(example('stream_create')).toContain(String.raw`"stream_attr": "{\"cid\":0}",`);
  });

  it('room_create', () => {
    const event = parseZegoCallback(body('room_create', EXACT_ROOM_SESSION_ID));
    expect(typed(event)).toStrictEqual({
      product: 'rtc',
      event: 'room_create',
      appId: 1,
      timestamp: 1_499_676_978_000,
      nonce: '350176',
      signature: 'signature',
      roomId: 'rid_1242649',
      roomSessionId: '858012925204410400',
      roomCreateTime: 1_499_676_978_027,
      idName: 'id123',
    });
    expect(event.raw).toEqual(body('room_create', EXACT_ROOM_SESSION_ID));
  });

  it('room_close', () => {
    const event = parseZegoCallback(body('room_close', EXACT_ROOM_SESSION_ID));
    expect(typed(event)).toStrictEqual({
      product: 'rtc',
      event: 'room_close',
      appId: 1,
      timestamp: 1_499_676_989_000,
      nonce: '350176',
      signature: 'signature',
      roomId: 'rid_1242649',
      roomSessionId: '858012925204410400',
      closeReason: 'heartbeat-timeout',
      closeReasonCode: 1,
      roomCloseTime: 1_499_676_989_909,
    });
  });

  it('room_login', () => {
    const event = parseZegoCallback(example('room_login'));
    expect(typed(event)).toStrictEqual({
      product: 'rtc',
      event: 'room_login',
      appId: 1,
      timestamp: 1_499_676_978_000,
      nonce: '350176',
      signature: 'signature',
      roomId: 'rid_1242649',
      roomName: 'room#123',
      roomSeq: '6085791336856668982',
      userAccount: '888120154',
      userNickname: '888120154',
      sessionId: '792148503087288320',
      loginTime: 1_499_676_978_027,
      userRole: 'audience',
      userRoleCode: 2,
      authLevel: 'token04',
      authLevelCode: 4,
      relogin: false,
      userUpdateSeq: 1,
      callbackData: 'user login',
    });
    expect(event.raw).toEqual(JSON.parse(example('room_login')));
  });

  it('room_logout', () => {
    expect(typed(parseZegoCallback(example('room_logout')))).toStrictEqual({
      product: 'rtc',
      event: 'room_logout',
      appId: 1,
      timestamp: 1_499_676_978_000,
      nonce: '350176',
      signature: 'signature',
      roomId: 'rid_1242649',
      roomSeq: '6085791336856668982',
      userAccount: '888120154',
      userNickname: '888120154',
      sessionId: '792462300429684736',
      loginTime: 1_663_740_623_660,
      logoutTime: 1_663_740_627_986,
      reason: 'normal',
      reasonCode: 0,
      userRole: 'host',
      userRoleCode: 1,
      userUpdateSeq: 13,
    });
  });

  it('stream_create', () => {
    expect(typed(parseZegoCallback(example('stream_create')))).toStrictEqual({
      product: 'rtc',
      event: 'stream_create',
      appId: 1,
      timestamp: 1_687_981_272_000,
      nonce: '7254119327986670314',
      signature: 'xxx',
      roomId: 'room1',
      roomSessionId: '1234567',
      userId: 'user1',
      userName: 'user1_name',
      channelId: '0xb-0x1',
      streamId: 'stream_id',
      streamSid: 's-115205136669740000000000104',
      title: 'title',
      streamAlias: 'aaa',
      streamAttr: '{"cid":0}',
      streamSeq: '01',
      createTime: 1_687_981_272_000,
      createTimeMs: 1_687_981_272_742,
      extraInfo: 'extra',
      recreate: false,
      publishId: 'publish',
      publishName: 'publish_name',
      rtmpUrl: ['rtmp://rtmp.wsdemo.zego.im/zegodemo/aaa', 'rtmp://testplay.aliyun.zego.im/livestream/aaa'],
      hlsUrl: [
        'http://hls.wsdemo.zego.im/zegodemo/aaa/playlist.m3u8',
        'http://testplay.aliyun.zego.im/livestream/aaa.m3u8',
      ],
      hdlUrl: ['http://hdl.wsdemo.zego.im/zegodemo/aaa.flv', 'http://testplay.aliyun.zego.im/livestream/aaa.flv'],
      picUrl: ['http://pic.wsdemo.zego.im/zegodemo/aaa.jpg'],
    });
  });

  it('stream_close', () => {
    expect(typed(parseZegoCallback(example('stream_close')))).toStrictEqual({
      product: 'rtc',
      event: 'stream_close',
      appId: 1,
      timestamp: 1_666_786_067_000,
      nonce: '7266888922840654370',
      signature: 'xxx',
      roomId: 'room1',
      roomSessionId: '123456789',
      userId: 'user1',
      userName: 'user1_name',
      channelId: '0xb-0x1',
      type: 'normal',
      typeCode: 0,
      streamAlias: 'aaa',
      streamId: 'stream_id',
      streamSid: 's-115205136669740000000000104',
      streamSeq: '700',
      thirdDefineData: '{"u":"S1lxOUxMN2tRZ3lIY0JMSUs3VlMxZz09"}',
      createTimeMs: 1_666_786_067_353,
      destroyTimemillis: 1_666_986_067_248,
    });
  });

  it('record', () => {
    expect(typed(parseZegoCallback(example('record')))).toStrictEqual({
      product: 'rtc',
      event: 'record',
      appId: 1,
      timestamp: 1_481_597_358_000,
      nonce: '158273',
      signature: 'signature',
      streamAlias: 'aaaa',
      replayUrl: 'replay_url',
      beginTime: 1_481_597_358_000,
      endTime: 1_481_597_358_000,
      extraParams: 'extra_params',
    });
  });

  it("mix_start (the example's single rtmp_url, hls_url and hdl_url, not in the table, stay in raw)", () => {
    const event = parseZegoCallback(example('mix_start'));
    expect(typed(event)).toStrictEqual({
      product: 'rtc',
      event: 'mix_start',
      appId: 111111,
      timestamp: 1_689_834_748_000,
      nonce: '7257784982359218206',
      signature: 'aa2f0a33831a35b65f64fdc0520b1758e491eb48',
      seq: '123',
      taskId: '111111:1111',
      channelId: '2222',
      publishId: 'abc',
      mixUrl: 'rtmp://rtmp.wsdemo.zego.im/zegodemo/aaa',
      mixStreamAlias: 'aaa',
      rtmpUrls: ['rtmp://rtmp.wsdemo.zego.im/zegodemo/aaa', 'rtmp://testplay.aliyun.zego.im/livestream/aaa'],
      hlsUrls: [
        'http://hls.wsdemo.zego.im/zegodemo/aaa/playlist.m3u8',
        'http://testplay.aliyun.zego.im/livestream/aaa.m3u8',
      ],
      hdlUrls: ['http://hdl.wsdemo.zego.im/zegodemo/aaa.flv', 'http://testplay.aliyun.zego.im/livestream/aaa.flv'],
      streamAlias: 'aaa',
    });
    expect(event.raw).toMatchObject({ rtmp_url: 'rtmp://rtmp.wsdemo.zego.im/zegodemo/aaa' });
  });

  it('mix_stop', () => {
    expect(typed(parseZegoCallback(example('mix_stop')))).toStrictEqual({
      product: 'rtc',
      event: 'mix_stop',
      appId: 111111,
      timestamp: 1_689_835_223_000,
      nonce: '7257787020413449571',
      signature: 'fadc2c4abb5714c30a711b3ad6f7783e37531263',
      seq: '1234',
      taskId: '111111:1111',
      channelId: '2222',
      publishId: 'abc',
      mixUrl: 'rtmp://rtmp.wsdemo.zego.im/zegodemo/aaa',
      mixStreamAlias: 'aaa',
    });
  });

  it('compose', () => {
    expect(typed(parseZegoCallback(example('compose')))).toStrictEqual({
      product: 'rtc',
      event: 'compose',
      appId: 1,
      timestamp: 1_481_597_358_000,
      nonce: '158273',
      signature: 'signature',
      replayUrl: 'replay_url',
      taskId: 'task_id',
      fileId: '5285890813218549789',
      result: 'success',
      code: 0,
      message: 'message',
    });
  });

  // 858012925204410400 is itself what JavaScript prints for the double it rounds to (…410368), so only a
  // neighbour that has no double of its own shows whether the text's digits survive.
  it.each(['858012925204410400', '858012925204410401', '18446744073709551615'])(
    'never rounds a bare room_session_id %s in the body text: exact, or CALLBACK_EVENT_INVALID naming it',
    (id) => {
      for (const name of ['room_create', 'room_close']) {
        const text = example(name).replace('858012925204410400', id);
        let event: ReturnType<typeof parseZegoCallback> | undefined;
        try {
          event = parseZegoCallback(text);
        } catch {
          const error = expectCodedError(() => parseZegoCallback(text), 'CALLBACK_EVENT_INVALID');
          expect(error.message).toContain('room_session_id');
        }
        if (event !== undefined) expect(event).toMatchObject({ event: name, roomSessionId: id });
      }
    },
  );
});

describe('RTC callbacks: codes and optional fields', () => {
  it.each([
    ['0', 'success'],
    ['40000', 'invalid-input'],
    ['60000', 'source-file-error'],
    ['70000', 'internal-error'],
    ['1', 'unknown'],
  ])('compose code %s is %s; file_id (Tencent Cloud only) may be absent', (code, name) => {
    const { file_id: _fileId, ...huawei } = body('compose', { code });
    const event = parseZegoCallback(huawei);
    expect(event).toMatchObject({ result: name, code: Number(code) });
    expect(event).not.toHaveProperty('fileId');
  });

  it.each([
    ['0', 'normal'],
    ['1', 'heartbeat-timeout'],
    ['2', 'connection-lost'],
    ['3', 'relogin-or-kicked-out'],
    ['4', 'token-expired'],
    ['9', 'unknown'],
  ])('room_logout reason %s is %s, the number kept', (code, name) => {
    expect(parseZegoCallback(body('room_logout', { reason: code }))).toMatchObject({
      reason: name,
      reasonCode: Number(code),
    });
  });

  it.each([
    [0, 'normal'],
    [1, 'heartbeat-timeout'],
    [2, 'relogin'],
    [3, 'kicked-out'],
    [4, 'tcp-disconnected'],
    [5, 'room-cleared'],
    [100, 'deleted-by-server-api'],
    [6, 'unknown'],
  ])('stream_close type %s is %s', (code, name) => {
    expect(parseZegoCallback(body('stream_close', { type: String(code) }))).toMatchObject({
      type: name,
      typeCode: code,
    });
  });

  it.each([
    [0, 'normal'],
    [1, 'heartbeat-timeout'],
    [2, 'offline'],
    [3, 'kicked-out'],
    [4, 'unknown'],
  ])('room_close close_reason %s is %s', (code, name) => {
    expect(parseZegoCallback(body('room_close', { ...EXACT_ROOM_SESSION_ID, close_reason: code }))).toMatchObject({
      closeReason: name,
      closeReasonCode: code,
    });
  });

  it('room_login: auth_level 0 is no token; relogin 1 is true; term_type, absent from the example, is read when sent', () => {
    const event = parseZegoCallback(body('room_login', { auth_level: '0', relogin: '1', term_type: '6' }));
    expect(event).toMatchObject({
      authLevel: 'no-token',
      authLevelCode: 0,
      relogin: true,
      termType: 'web',
      termTypeCode: 6,
    });
    expect(parseZegoCallback(body('room_login', { term_type: '32', user_role: '4' }))).toMatchObject({
      termType: 'unknown',
      termTypeCode: 32,
      userRole: 'admin',
      userRoleCode: 4,
    });
  });
});

describe('RTC callbacks: a wrong-typed field is CALLBACK_EVENT_INVALID naming it', () => {
  it.each([
    ['room_create', 'room_create_time', 'soon'],
    ['room_create', 'room_session_id', { high: 1 }],
    ['room_close', 'close_reason', 'one'],
    ['room_login', 'login_time', 'yesterday'],
    ['room_login', 'session_id', ''],
    ['room_login', 'relogin', '2'],
    ['room_login', 'user_account', { id: 1 }],
    ['room_logout', 'reason', 'token expired'],
    ['room_logout', 'logout_time', null],
    ['stream_create', 'rtmp_url', 'rtmp://rtmp.wsdemo.zego.im/zegodemo/aaa'],
    ['stream_create', 'hls_url', [1]],
    ['stream_create', 'create_time', '1687981272.5'],
    ['stream_close', 'type', true],
    ['stream_close', 'destroy_timemillis', 'later'],
    ['record', 'begin_time', 'then'],
    ['record', 'appid', 'one'],
    ['mix_start', 'hdl_urls', 'http://hdl.wsdemo.zego.im/zegodemo/aaa.flv'],
    ['mix_stop', 'seq', 12.5],
    ['compose', 'code', 'failed'],
    ['compose', 'file_id', ['5285890813218549789']],
  ])('%s with %s = %j', (event, field, value) => {
    const raw = body(event, { ...(event.startsWith('room_c') ? EXACT_ROOM_SESSION_ID : {}), [field]: value });
    const error = expectCodedError(() => parseZegoCallback(raw), 'CALLBACK_EVENT_INVALID');
    expect(error.message).toContain(`'s ${field} must be`);
    expect(error.message).toContain(`rtc callback ${event}`);
  });
});

describe('RTC callbacks: what RTC does not claim', () => {
  it('passes an undocumented RTC event through as unknown, raw fields kept', () => {
    const raw = {
      event: 'stream_update',
      appid: '1',
      timestamp: '1499676978',
      nonce: '350176',
      signature: 'signature',
      room_id: 'room1',
    };
    expect(parseZegoCallback(raw)).toStrictEqual({ product: 'unknown', event: 'stream_update', raw });
    expect(rtcCallbacks.detect(raw)).toBeUndefined();
  });

  it('passes a documented RTC callback not typed here (snapshot) through as unknown', () => {
    // core_products/real-time-voice-video/en/server/callback/cdn/media-thumbnails-completed.mdx (its
    // example lacks a comma after signature and has one after the last field; here as valid JSON)
    const raw = {
      appid: '12345',
      event: 'snapshot',
      timestamp: '148150008',
      nonce: '158243',
      signature: 'signature',
      task_id: '1253642700910365374',
      field_id: 'abcwurywbhsfwi',
      vendor: 'tencent',
      snapshot_pic_list: '[{"url":"http://abc.com/1.jpg","offset":0},{"url":"http://abc.com/1.jpg","offset":0}]',
    };
    expect(parseZegoCallback(raw)).toStrictEqual({ product: 'unknown', event: 'snapshot', raw });
  });

  it("does not claim ZIM's room_create (it has no room_session_id)", () => {
    // core_products/zim/en/docs_zim_server/Callbacks/room/room-created.mdx (its example lacks a comma
    // between the two attributes; here with it)
    const zim = {
      appid: '1',
      event: 'room_create',
      room_id: '1',
      nonce: '350176',
      signature: 'signature',
      operator_account: 'userA',
      room_name: 'room_name',
      attributes: [
        { key: 'UserSet1', value: 'UserGet1', auto_delete: 0 },
        { key: 'UserSet2', value: 'UserGet2', auto_delete: 0 },
      ],
      timestamp: 1499676978,
    };
    expect(rtcCallbacks.detect(zim)).toBeUndefined();
    expect(rtcCallbacks.detect(body('room_create', EXACT_ROOM_SESSION_ID))).toBe('room_create');
  });

  it('claims each of its examples by its own event name, and nothing without a string event', () => {
    for (const entry of rtcExamples) {
      expect(rtcCallbacks.detect(JSON.parse(entry.text) as Record<string, unknown>)).toBe(entry.event);
    }
    expect(rtcCallbacks.detect({ Event: 'room_login' })).toBeUndefined();
    expect(rtcCallbacks.detect({ event: 7 })).toBeUndefined();
    expect(rtcCallbacks.detect({ event: 'toString' })).toBeUndefined();
  });
});
