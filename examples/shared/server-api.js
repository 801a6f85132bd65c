// One ZEGO Server API call, shared by the Express and Koa examples (ZEGO_SERVER_API=1): a signed-in user
// asks how many users are in an RTC room, and the server asks ZEGO (DescribeUserNum, read-only) with a
// request signed by `createZegoServerApi`. Each app only hands over the user and the query, and writes
// the `{ status, body }` this returns.
import { isZegoTokenError } from 'zego-token';
import { createZegoServerApi } from 'zego-token/server-api';

/** ZEGO's room IDs: up to 128 bytes; the demo accepts visible ASCII (no spaces), which every ZEGO product takes. */
const ROOM_ID_PATTERN = /^[\x21-\x7e]{1,128}$/;
const ACTION = 'DescribeUserNum';
/** The codes of a `ZegoServerApiError`: ZEGO answered a non-zero Code, a redirect or too much, or could not be reached. */
const SERVER_API_CODES = [
  'SERVER_API_ERROR',
  'SERVER_API_UNREACHABLE',
  'SERVER_API_REDIRECTED',
  'SERVER_API_ANSWER_TOO_LARGE',
];

/**
 * @typedef {{ status: number, body: unknown }} RouteResult The answer to write: its status and JSON body.
 */

/** @param {number} status @param {string} code @param {string} message @param {object} [more] */
const failure = (status, code, message, more = {}) => ({ status, body: { error: { code, message, ...more } } });

/**
 * The room-users route, or `undefined` when `config.serverApi` is unset (ZEGO_SERVER_API is not 1): the app
 * then mounts nothing, and the path answers 404 like any unknown API route. Builds the client once, so a
 * bad AppID or secret fails at start-up like the token route's.
 * @param {import('./config.js').ExampleConfig} config
 * @param {(message: string) => void} log
 * @returns {((userId: string | undefined, roomId: unknown) => Promise<RouteResult>) | undefined}
 */
export function roomUsersRoute(config, log) {
  if (config.serverApi === undefined) return undefined;
  const rtc = createZegoServerApi({
    appId: config.appId,
    serverSecret: config.serverSecret,
    product: 'rtc',
    region: config.serverApi.region,
    baseUrl: config.serverApi.baseUrl,
  });
  return async function roomUsers(userId, roomId) {
    if (userId === undefined) return failure(401, 'UNAUTHENTICATED', 'Sign in to call the ZEGO Server API');
    if (typeof roomId !== 'string' || !ROOM_ID_PATTERN.test(roomId)) {
      return failure(400, 'ROOM_ID_INVALID', 'Send ?roomId=… : 1 to 128 visible ASCII characters, no spaces');
    }
    try {
      // RTC answers in Data (the call resolves ZEGO's whole answer).
      const { Data } = await rtc.call(ACTION, { RoomId: [roomId] });
      log(`server API: ${ACTION} for ${userId}, room ${JSON.stringify(roomId)}: Code 0`);
      return { status: 200, body: Data ?? {} };
    } catch (error) {
      // ZEGO's error (a non-zero Code) or no answer at all: a 502, with what ZEGO said and never the request's
      // signature or the secret (neither is in the error). Anything else is a bug: the app's 500.
      if (!isZegoTokenError(error) || !SERVER_API_CODES.includes(error.code)) throw error;
      const { code, zegoCode, zegoMessage, requestId } =
        /** @type {import('zego-token/server-api').ZegoServerApiError} */ (error);
      log(`server API: ${ACTION} for ${userId} failed: ${code}${zegoCode === undefined ? '' : ` (Code ${zegoCode})`}`);
      return failure(
        502,
        code,
        code === 'SERVER_API_ERROR' ? `ZEGO answered Code ${zegoCode}` : 'ZEGO could not be reached, or did not answer',
        { zegoCode, zegoMessage, requestId },
      );
    }
  };
}
