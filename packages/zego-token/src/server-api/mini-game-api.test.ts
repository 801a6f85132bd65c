import { describe, expect, it } from 'vitest';
import { APP_ID, expectCodedError, expectCodedRejection, SECRET } from '../../../../test/support/index.js';
import { serverApiStandIn as miniGameServer } from '../../test/support/server-api-stand-in.js';
import type { ZegoServerApiError } from '../node/server-api.js';
import { createMiniGameApi, type ZegoMiniGameApi } from '../node/server-api.js';

const answer = (Data: unknown) => ({ Code: 0, Message: 'success', RequestId: 'req-1', Data });

const user = { UserId: 'viewer01', Nickname: 'Ana', Avatar: 'https://example.com/a.png' };

// One valid input per action, shaped like the request bodies in ZEGO's documentation.
const launchCode = {
  RoomId: 'room123',
  MiniGameId: 'TinyLoveWar',
  AnchorId: 'anchor01',
  Nickname: 'Host',
  Avatar: 'https://example.com/host.png',
  Sex: 2,
} as const;
const likes = {
  RoomId: 'room123',
  MiniGameId: 'TinyLoveWar',
  LikeList: [{ UserInfo: { ...user, Sex: '1' }, Amount: 3 }, { UserInfo: user }],
} as const;
const gifts = {
  RoomId: 'room123',
  MiniGameId: 'TinyLoveWar',
  GiftList: [
    {
      UserInfo: { ...user, Sex: 1 },
      GiftInfo: { GiftId: 'g1', Value: 10, Num: 2 },
      ReceiverId: 'anchor01',
      Timestamp: 1_700_000_000_123,
      MsgId: 'gift_0001-a',
    },
  ],
} as const;
const results = { RoomId: 'room123', MiniGameId: 'TinyLoveWar', MsgIdList: ['gift_0001-a'], Duration: 90 } as const;

type Method = 'describeGameLaunchCode' | 'sendDanmakuLikes' | 'sendDanmakuGifts' | 'describeDanmakuMsgResults';
const call = (api: ZegoMiniGameApi, method: Method, input: unknown) => api[method](input as never);

describe('createMiniGameApi', () => {
  it.each([
    ['describeGameLaunchCode', 'DescribeGameLaunchCode', launchCode],
    ['sendDanmakuLikes', 'SendDanmakuLikes', likes],
    ['sendDanmakuGifts', 'SendDanmakuGifts', gifts],
    ['describeDanmakuMsgResults', 'DescribeDanmakuMsgResults', results],
  ] as const)(
    '%s POSTs Action=%s, signed, with the input as its JSON body, and resolves with Data',
    async (method, action, input) => {
      const zego = await miniGameServer((request) => answer({ echo: request.body }));
      const api = createMiniGameApi({ appId: APP_ID, serverSecret: SECRET, baseUrl: zego.url });

      expect(await call(api, method, input)).toEqual({ echo: input });

      expect(zego.received).toHaveLength(1);
      const [request] = zego.received;
      expect(request).toMatchObject({ method: 'POST', path: '/', signed: true, body: input });
      expect(request?.contentType).toBe('application/json');
      expect(request?.query.get('Action')).toBe(action);
      expect(request?.query.get('AppId')).toBe(String(APP_ID));
      // Only Action and the signed public parameters travel in the query; the action's own are in the body.
      expect([...(request?.query.keys() ?? [])].sort()).toEqual(
        ['Action', 'AppId', 'Signature', 'SignatureNonce', 'SignatureVersion', 'Timestamp'].sort(),
      );
    },
  );

  it("describeDanmakuMsgResults resolves with ZEGO's Results", async () => {
    const Results = [{ Result: 0, Msg: '', MsgId: 'gift_0001-a', Timestamp: 1_700_000_000_123 }];
    const zego = await miniGameServer(() => answer({ Results }));
    const api = createMiniGameApi({ appId: APP_ID, serverSecret: SECRET, baseUrl: zego.url });
    const data = await api.describeDanmakuMsgResults(results);
    expect(data.Results[0]?.MsgId).toBe('gift_0001-a');
    expect(data.Results).toEqual(Results);
  });

  it("a non-zero Code rejects with ZEGO's Code, Message and RequestId, after one request", async () => {
    const zego = await miniGameServer(() => ({
      Code: 1003,
      Message: 'room not found',
      RequestId: 'req-9',
      Data: null,
    }));
    const api = createMiniGameApi({ appId: APP_ID, serverSecret: SECRET, baseUrl: zego.url });
    const error = await expectCodedRejection<ZegoServerApiError>(api.sendDanmakuGifts(gifts), 'SERVER_API_ERROR');
    expect(error).toMatchObject({ zegoCode: 1003, zegoMessage: 'room not found', requestId: 'req-9' });
    expect(error.message).toContain('SendDanmakuGifts');
    expect(error.message).not.toContain(SECRET);
    expect(zego.received).toHaveLength(1);
  });

  const long = (n: number) => 'a'.repeat(n);
  it.each([
    ['describeGameLaunchCode', 'no input', undefined],
    ['describeGameLaunchCode', 'a 65-character RoomId', { ...launchCode, RoomId: long(65) }],
    ['describeGameLaunchCode', 'an empty MiniGameId', { ...launchCode, MiniGameId: '' }],
    ['describeGameLaunchCode', 'an AnchorId with a dash', { ...launchCode, AnchorId: 'anchor-1' }],
    ['describeGameLaunchCode', 'a 49-character AnchorId', { ...launchCode, AnchorId: long(49) }],
    ['describeGameLaunchCode', 'a 33-character Nickname', { ...launchCode, Nickname: long(33) }],
    ['describeGameLaunchCode', 'an Avatar that is not http(s)', { ...launchCode, Avatar: 'ftp://example.com/a.png' }],
    [
      'describeGameLaunchCode',
      'an Avatar over 1024 bytes',
      { ...launchCode, Avatar: `https://example.com/${long(1006)}` },
    ],
    ['describeGameLaunchCode', 'Sex 3', { ...launchCode, Sex: 3 }],
    ['describeGameLaunchCode', "Sex '1' (an int here)", { ...launchCode, Sex: '1' }],
    ['describeGameLaunchCode', 'a camelCase key', { ...launchCode, roomId: 'r' }],
    ['sendDanmakuLikes', 'an empty LikeList', { ...likes, LikeList: [] }],
    ['sendDanmakuLikes', 'Amount 0', { ...likes, LikeList: [{ UserInfo: user, Amount: 0 }] }],
    ['sendDanmakuLikes', 'a UserId with a space', { ...likes, LikeList: [{ UserInfo: { ...user, UserId: 'a b' } }] }],
    ['sendDanmakuLikes', 'no UserInfo', { ...likes, LikeList: [{ Amount: 1 }] }],
    ['sendDanmakuGifts', 'a MsgId with a dot', { ...gifts, GiftList: [{ ...gifts.GiftList[0], MsgId: 'a.b' }] }],
    ['sendDanmakuGifts', 'a 65-character MsgId', { ...gifts, GiftList: [{ ...gifts.GiftList[0], MsgId: long(65) }] }],
    ['sendDanmakuGifts', 'a fractional Timestamp', { ...gifts, GiftList: [{ ...gifts.GiftList[0], Timestamp: 1.5 }] }],
    [
      'sendDanmakuGifts',
      'no Num',
      { ...gifts, GiftList: [{ ...gifts.GiftList[0], GiftInfo: { GiftId: 'g1', Value: 10 } }] },
    ],
    ['sendDanmakuGifts', 'an unknown gift key', { ...gifts, GiftList: [{ ...gifts.GiftList[0], Count: 2 }] }],
    ['describeDanmakuMsgResults', 'an empty MsgIdList', { ...results, MsgIdList: [] }],
    ['describeDanmakuMsgResults', 'a Duration over 90 days', { ...results, Duration: 91 }],
  ] as const)('%s rejects %s with OPTION_INVALID before any request', async (method, _name, input) => {
    const zego = await miniGameServer(() => answer(null));
    const api = createMiniGameApi({ appId: APP_ID, serverSecret: SECRET, baseUrl: zego.url });
    await expectCodedRejection(call(api, method, input), 'OPTION_INVALID');
    expect(zego.received).toHaveLength(0);
  });

  it("suggests ZEGO's PascalCase name for a camelCase key", async () => {
    const api = createMiniGameApi({ appId: APP_ID, serverSecret: SECRET });
    const error = await expectCodedRejection(
      api.describeGameLaunchCode({ ...launchCode, miniGameId: 'x' } as never),
      'OPTION_INVALID',
    );
    expect(error.message).toContain('did you mean `MiniGameId`');
  });

  it('calls mini-game-api.zego.im (or its regional host), and keeps the generic call for other actions', async () => {
    expect(createMiniGameApi({ appId: APP_ID, serverSecret: SECRET }).baseUrl).toBe('https://mini-game-api.zego.im/');
    expect(createMiniGameApi({ appId: APP_ID, serverSecret: SECRET, region: 'sgp' }).baseUrl).toBe(
      'https://mini-game-api-sgp.zego.im/',
    );
    const zego = await miniGameServer((request) => answer({ echo: request.body }));
    const api = createMiniGameApi({ appId: APP_ID, serverSecret: SECRET, baseUrl: zego.url });
    const body = { RoomId: 'room123', MiniGameId: 'TinyLoveWar', CommentList: [] };
    expect((await api.call('SendDanmakuComments', undefined, { body })).Data).toEqual({ echo: body });
    expect(zego.received[0]?.query.get('Action')).toBe('SendDanmakuComments');
  });

  it.each([
    ['a product', { product: 'rtc' }, 'OPTION_INVALID'],
    ['a short secret', { serverSecret: 'short' }, 'SECRET_INVALID'],
    ['AppID 0', { appId: 0 }, 'APP_ID_INVALID'],
    ['an unknown region', { region: 'eu' }, 'OPTION_INVALID'],
  ])('refuses %s when created', (_name, change, code) => {
    const error = expectCodedError(
      () => createMiniGameApi({ appId: APP_ID, serverSecret: SECRET, ...change } as never),
      code,
    );
    expect(error.message).not.toContain(SECRET);
  });
});
