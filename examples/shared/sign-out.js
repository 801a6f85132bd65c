// Ending a user's access, shared by the Express and Koa examples (docs/sign-out.md): the revocation store
// the token route consults, room presence fed by ZEGO's room callbacks, and `createSignOut`, which kicks
// the user from the rooms presence knows through ZEGO's Server API (ZEGO_SERVER_API=1; at
// ZEGO_SERVER_API_BASE_URL when set, such as a test's stand-in). With REDIS_URL all of it lives in Redis,
// shared by every instance; without it, in this process. Each app hands over its Redis client's
// `sendCommand`, the signed-in user, and writes the `{ status, body }` this returns.
import { isZegoTokenError } from 'zego-token';
import { createRtcApi, createZimApi } from 'zego-token/server-api';
import {
  createMemoryRevocationStore,
  createMemoryRoomPresenceStore,
  createRedisRevocationStore,
  createRedisRoomPresenceStore,
  createSignOut,
  ZegoSignOutIncompleteError,
} from 'zego-token/sign-out';
import { STORE_UNAVAILABLE_ERROR } from './redis.js';

/** Where the signed-in user asks to be signed out of every device (POST, same-origin, signed in). */
export const LOGOUT_EVERYWHERE_PATH = '/logout/everywhere';

/**
 * @typedef {{ status: number, body: unknown, headers?: Record<string, string> }} RouteResult
 * @typedef {(args: string[]) => Promise<unknown>} SendCommand
 */

/** @param {unknown} time @returns {string | null} */
const iso = (time) => (typeof time === 'number' ? new Date(time).toISOString() : null);

/**
 * What a failed step shows: its step and room, and the error's code (and ZEGO's Code), never the error
 * object itself (a `cause` may be anything).
 * @param {import('zego-token/sign-out').SignOutFailure} failure
 */
function describeFailure({ step, roomId, error }) {
  const { code, zegoCode } = /** @type {{ code?: unknown, zegoCode?: unknown }} */ (error ?? {});
  return {
    step,
    ...(roomId === undefined ? {} : { roomId }),
    code: isZegoTokenError(error) ? code : 'ERROR',
    ...(typeof zegoCode === 'number' ? { zegoCode } : {}),
  };
}

/** @param {import('zego-token/sign-out').SignOutReport} report */
const describeReport = (report) => ({
  kicked: report.kicked,
  tokensValidAtZegoUntil: iso(report.tokensValidUntil),
  notConfigured: report.notConfigured,
});

/**
 * The sign-out pieces of one app.
 * @param {import('./config.js').ExampleConfig} config
 * @param {{ log: (message: string) => void, sendCommand?: SendCommand, prefix: string }} options `sendCommand`:
 *   one command on the app's Redis client (REDIS_URL); `prefix`: the app's key prefix.
 */
export function createSignOutPieces(config, { log, sendCommand, prefix }) {
  const revocation = sendCommand
    ? createRedisRevocationStore({ sendCommand, prefix: `${prefix}revocation:` })
    : createMemoryRevocationStore();
  const presence = sendCommand
    ? createRedisRoomPresenceStore({ sendCommand, prefix: `${prefix}presence:` })
    : createMemoryRoomPresenceStore();
  const { serverApi } = config;
  const api = serverApi && { appId: config.appId, serverSecret: config.serverSecret, ...serverApi };
  const signOut = createSignOut({
    revocation,
    presence,
    rtc: api && createRtcApi(api),
    zim: api && createZimApi(api),
  });

  return {
    /** The token route's `revocation` option. */
    revocation,

    /**
     * Feeds a verified callback to presence (the callback route's `onCallback`); events presence does not
     * use are ignored. A store that fails throws, so the route answers 5xx and ZEGO sends the callback again.
     * @param {import('zego-token').ZegoCallbackEvent} event
     */
    async trackPresence(event) {
      await presence.apply(event);
    },

    /**
     * POST /logout/everywhere: every session of the signed-in user ends (the token route refuses them,
     * on every instance), and they are kicked from the rooms presence knows. The app then ends this
     * session too, unless the answer is a 503 (nothing was done).
     * @param {string | undefined} userId The signed-in user.
     * @returns {Promise<RouteResult>}
     */
    async logoutEverywhere(userId) {
      if (userId === undefined) {
        return { status: 401, body: { error: { code: 'UNAUTHENTICATED', message: 'Sign in first' } } };
      }
      try {
        const report = await signOut.signOutEverywhere(userId, { customReason: 'signed out everywhere' });
        log(`signed out everywhere: ${userId}, kicked from ${JSON.stringify(report.kicked)}`);
        return { status: 200, body: { signedOutEverywhere: true, ...describeReport(report) } };
      } catch (error) {
        if (error instanceof ZegoSignOutIncompleteError) {
          // Recorded: no instance hands out a token to those sessions any more. A kick failed: say which.
          const failures = error.report.failures.map(describeFailure);
          log(`signed out everywhere: ${userId}, but ${JSON.stringify(failures)}`);
          const more = { ...describeReport(error.report), failures };
          return { status: 502, body: { error: { code: error.code, message: error.message, ...more } } };
        }
        if (isZegoTokenError(error) && error.code === 'REVOCATION_UNAVAILABLE') {
          // Nothing was done: the sessions still get tokens, and the user is told to try again.
          log(`sign-out everywhere for ${userId} failed: the revocation store is unreachable, nothing was done`);
          const { retryAfterSeconds } = STORE_UNAVAILABLE_ERROR;
          const message = 'Nothing was done (the store is unreachable): try again in a few seconds';
          return {
            status: 503,
            headers: { 'Retry-After': String(retryAfterSeconds) },
            body: { error: { code: error.code, message } },
          };
        }
        throw error;
      }
    },
  };
}
