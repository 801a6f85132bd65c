// Runs INSIDE the runtimes under test: `zego-token/web/server-api` (MD5 from @noble/hashes, the nonce
// from crypto.getRandomValues) at /server-api/…, so that the Node test can check what the runtime signed.
// - GET /server-api/example: `signZegoApiRequest` of ZEGO's worked example (test/support's JSON).
// - GET /server-api/kickout: `createRtcApi` (its default, global fetch: Workers throw "Illegal
//   invocation" when it is called unbound) kicks 6 users out, over 2 calls to this same server's
//   /server-api/stand-in/, which answers each with the query it received, in base64 (the client
//   withholds its signature from anything an answer holds verbatim), as its RequestId: the Node test
//   checks each signature with node:crypto.
// - GET /server-api/sign-out: `zego-token/sign-out` (runtime-neutral) in the runtime: room presence fed
//   ZEGO's documented room_login (parsed by `parseZegoCallback`), a memory revocation store, and
//   `createSignOut` kicking that user through the same RTC client and stand-in.

import { createMemoryRevocationStore, createMemoryRoomPresenceStore, createSignOut } from 'zego-token/sign-out';
import { parseZegoCallback } from 'zego-token/web';
import * as serverApi from 'zego-token/web/server-api';
import examples from '../../support/zego-worked-examples.json' with { type: 'json' };
import type { AppConfig } from './token-app.js';

/** Where the app serves the Server API's checks. */
export const SERVER_API_PATH = '/server-api';
/** The users /server-api/kickout kicks out of `KICKOUT_ROOM`: more than ZEGO's 5 per call. */
export const KICKOUT_USERS = ['u1', 'u2', 'u3', 'u4', 'u5', 'u6'] as const;
export const KICKOUT_ROOM = 'room-1';

/** ZEGO's documented `room_login` example (callback/room/logged-in.mdx): user 888120154 in rid_1242649. */
export const ROOM_LOGIN = {
  event: 'room_login',
  appid: '1',
  timestamp: '1499676978',
  nonce: '350176',
  signature: 'signature',
  room_id: 'rid_1242649',
  room_name: 'room#123',
  room_seq: '6085791336856668982',
  user_account: '888120154',
  user_nickname: '888120154',
  session_id: '792148503087288320',
  login_time: '1499676978027',
  user_role: '2',
  auth_level: '4',
  relogin: '0',
  user_update_seq: '1',
  callback_data: 'user login',
} as const;

/** What /server-api/sign-out answers: presence's update, the report's kicks, and each kick's query in base64. */
export interface SignOutReply {
  update: string;
  kicked: { rtc: string[]; zim: string[] };
  admitted: boolean;
  queries: string[];
}

/** What /server-api/kickout answers: each call's query string, as the stand-in received it, in base64. */
export interface KickoutReply {
  userIds: string[];
  queries: string[];
}

/** `app` with the Server API's checks at /server-api/…. */
export function withServerApi(
  config: AppConfig,
  app: (request: Request) => Promise<Response>,
): (request: Request) => Promise<Response> {
  return async (request) => {
    const url = new URL(request.url);
    if (!url.pathname.startsWith(`${SERVER_API_PATH}/`)) return app(request);
    switch (url.pathname.slice(SERVER_API_PATH.length)) {
      case '/example': {
        const { appId, serverSecret, signatureNonce, timestamp } = examples.serverApi;
        return Response.json(serverApi.signZegoApiRequest({ appId, serverSecret, signatureNonce, timestamp }));
      }
      case '/stand-in/':
        return Response.json({ Code: 0, Message: 'success', RequestId: btoa(url.search) });
      case '/kickout': {
        const rtc = serverApi.createRtcApi({ ...config, baseUrl: `${url.origin}${SERVER_API_PATH}/stand-in/` });
        const result = await rtc.kickoutUser({ roomId: KICKOUT_ROOM, userIds: KICKOUT_USERS });
        const reply: KickoutReply = {
          userIds: [...result.userIds],
          queries: result.answers.map((answer) => String(answer.RequestId)),
        };
        return Response.json(reply);
      }
      case '/sign-out': {
        const queries: string[] = [];
        const rtc = serverApi.createRtcApi({ ...config, baseUrl: `${url.origin}${SERVER_API_PATH}/stand-in/` });
        const presence = createMemoryRoomPresenceStore();
        const revocation = createMemoryRevocationStore();
        const update = await presence.apply(parseZegoCallback(ROOM_LOGIN));
        const signOut = createSignOut({
          revocation,
          presence,
          rtc: {
            ...rtc,
            kickoutUser: async (input) => {
              const result = await rtc.kickoutUser(input);
              queries.push(...result.answers.map((answer) => String(answer.RequestId)));
              return result;
            },
          },
        });
        const report = await signOut.signOutEverywhere(ROOM_LOGIN.user_account);
        const now = Date.now();
        const admission = await revocation.admit(ROOM_LOGIN.user_account, {
          sessionIssuedAt: now - 60_000,
          expiresAt: now + 3_600_000,
          now,
        });
        const reply: SignOutReply = {
          update,
          kicked: { rtc: [...report.kicked.rtc], zim: [...report.kicked.zim] },
          admitted: admission.admitted,
          queries,
        };
        return Response.json(reply);
      }
      default:
        return new Response('not found', { status: 404 });
    }
  };
}
