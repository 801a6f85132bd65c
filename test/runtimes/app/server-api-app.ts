// Runs INSIDE the runtimes under test: `zego-token/web/server-api` (MD5 from @noble/hashes, the nonce
// from crypto.getRandomValues) at /server-api/…, so that the Node test can check what the runtime signed.
// - GET /server-api/example: `signZegoApiRequest` of ZEGO's worked example (test/support's JSON).
// - GET /server-api/kickout: `createRtcApi` (its default, global fetch: Workers throw "Illegal
//   invocation" when it is called unbound) kicks 6 users out, over 2 calls to this same server's
//   /server-api/stand-in/, which answers each with the query it received, in base64 (the client
//   withholds its signature from anything an answer holds verbatim), as its RequestId: the Node test
//   checks each signature with node:crypto.
import * as serverApi from 'zego-token/web/server-api';
import examples from '../../support/zego-worked-examples.json' with { type: 'json' };
import type { AppConfig } from './token-app.js';

/** Where the app serves the Server API's checks. */
export const SERVER_API_PATH = '/server-api';
/** The users /server-api/kickout kicks out of `KICKOUT_ROOM`: more than ZEGO's 5 per call. */
export const KICKOUT_USERS = ['u1', 'u2', 'u3', 'u4', 'u5', 'u6'] as const;
export const KICKOUT_ROOM = 'room-1';

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
      default:
        return new Response('not found', { status: 404 });
    }
  };
}
