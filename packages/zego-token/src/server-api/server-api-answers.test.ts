// What `call` resolves with, for each product's way of answering: RTC, cloud recording and the
// MiniGameEngine put the result in `Data`; about half of ZIM's actions answer at the top level
// (`Result`, `ErrorList`, `List`/`Next`, `MemberList`, …). The answers are ZEGO's own documented
// examples (test/support/zego-server-api-answers.json names each YAML), served by a local HTTP server.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { APP_ID, expectCodedRejection, listen, SECRET } from '../../../../test/support/index.js';
import documented from '../../../../test/support/zego-server-api-answers.json' with { type: 'json' };
import { createZegoServerApi, type ZegoServerApiAnswer, type ZegoServerApiError } from '../node/server-api.js';

/** Serves `answer` as JSON to every request, recording each request's Action. */
async function zegoAnswering(answer: unknown) {
  const actions: (string | null)[] = [];
  const { url } = await listen((req: IncomingMessage, res: ServerResponse) => {
    actions.push(new URL(req.url ?? '/', 'http://zego').searchParams.get('Action'));
    req.resume();
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(answer));
    });
  });
  return { url, actions };
}

const client = (product: 'rtc' | 'zim', baseUrl: string) =>
  createZegoServerApi({ appId: APP_ID, serverSecret: SECRET, product, baseUrl });

interface OnlineState {
  Result: { UserId: string; Status: 'Online' | 'Offline' }[];
  ErrorList?: { UserId: string; SubCode: number }[];
}

describe("call resolves ZEGO's whole answer", () => {
  it('ZIM QueryUserOnlineState: the top-level Result, and the per-user failures in ErrorList', async () => {
    const { answer } = documented.QueryUserOnlineState;
    const zego = await zegoAnswering(answer);
    const online = await client('zim', zego.url).call<OnlineState>('QueryUserOnlineState', {
      UserId: ['id1', 'id2', 'id4'],
    });
    expect(online).toEqual(answer);
    expect(online.Result.map((user) => user.Status)).toEqual(['Offline', 'Online']);
    expect(online.ErrorList).toEqual([{ UserId: 'id4', SubCode: 660200001 }]);
    expect(online.RequestId).toBe('343649807833778782');
    expect(zego.actions).toEqual(['QueryUserOnlineState']);
  });

  it('ZIM paging (QueryGroupMemberList): TotalCount, Next and the list, to ask for the next page', async () => {
    const { answer } = documented.QueryGroupMemberList;
    const zego = await zegoAnswering(answer);
    const page = await client('zim', zego.url).call<{
      TotalCount: number;
      Next: number;
      MemberList: { UserId: string }[];
    }>('QueryGroupMemberList', undefined, { body: { GroupId: 'g1', Limit: 2, Next: 0 } });
    expect(page).toEqual(answer);
    expect(page.Next).toBe(168);
    expect(page.MemberList.map((member) => member.UserId)).toEqual(['u1', 'u2']);
  });

  it('RTC DescribeUserNum: the result in Data, beside the envelope', async () => {
    const { answer } = documented.DescribeUserNum;
    const zego = await zegoAnswering(answer);
    const users = await client('rtc', zego.url).call<{
      Data: { UserCountList: { RoomId: string; UserCount: number }[] };
    }>('DescribeUserNum', { RoomId: ['room1', 'room2'] });
    expect(users).toEqual(answer);
    expect(users.Data.UserCountList.map((room) => room.UserCount)).toEqual([2, 3]);
  });

  it('a failed call keeps the whole answer too: a ZIM ErrorList with a non-zero Code (every user failed)', async () => {
    // The page's ErrorList description: "Code is not 0 … ErrorList is not empty, indicating that all user
    // online status queries failed". The envelope is the example's; the Code is the page's 660000011.
    const answer = {
      ...documented.QueryUserOnlineState.answer,
      Code: 660000011,
      Message: 'user count exceeds limit',
      Result: [],
    };
    const zego = await zegoAnswering(answer);
    const error = await expectCodedRejection<ZegoServerApiError>(
      client('zim', zego.url).call('QueryUserOnlineState', { UserId: ['id4'] }),
      'SERVER_API_ERROR',
    );
    expect(error.zegoCode).toBe(660000011);
    expect(error.answer).toEqual(answer);
    expect(error.answer?.ErrorList).toEqual([{ UserId: 'id4', SubCode: 660200001 }]);
  });

  it('types the envelope, the fields the caller names, and leaves every other field reachable', () => {
    type Online = ZegoServerApiAnswer<OnlineState>;
    expectTypeOf<Online['Code']>().toEqualTypeOf<0>();
    expectTypeOf<Online['Message']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<Online['RequestId']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<Online['Result']>().toEqualTypeOf<OnlineState['Result']>();
    expectTypeOf<Online['Anything']>().toEqualTypeOf<unknown>();
    expectTypeOf<ZegoServerApiAnswer['Data']>().toEqualTypeOf<unknown>();
  });
});
