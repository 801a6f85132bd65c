// ZEGO's callbacks, shared by the Express and Koa examples: what the demo does with a verified callback
// (log it once, as one line without secrets) and how it recognises a delivery it has already handled.
// Each app mounts its adapter's `zegoCallback` with these options; the adapter reads, verifies and answers.
import { createHash } from 'node:crypto';
import { isZegoTokenError } from 'zego-token';
import { CALLBACK_PATH } from './config.js';

/** How far a callback's timestamp may be from this server's clock: the core's default, written out for the key's lifetime. */
export const CALLBACK_TOLERANCE_SECONDS = 600;

/**
 * How long a handled callback's key is kept. A delivery is accepted while its timestamp is within the
 * tolerance either way of the clock, so a key kept for twice the tolerance outlives every copy that could
 * still verify, whatever the skew between ZEGO's clock and this one; after that, a copy is refused as expired.
 */
export const CALLBACK_KEY_SECONDS = 2 * CALLBACK_TOLERANCE_SECONDS;

/** At most this many keys in memory (without REDIS_URL): the oldest go first, so a flood cannot exhaust memory. */
const MAX_MEMORY_KEYS = 10_000;

/**
 * The fields a log line may show: the event, the room, stream and game it is about, its own ID, and its
 * timestamp and nonce (public: the signature, made with the secret, is what protects them). Nothing else:
 * never the signature, and no user data a body may carry.
 */
const LOGGED_FIELDS = [
  'event',
  'Event',
  'EventType',
  'CallbackCommand',
  'ReportType',
  'room_id',
  'RoomId',
  'stream_id',
  'StreamId',
  'MiniGameId',
  'RoundId',
  'ReportId',
  'timestamp',
  'Timestamp',
  'nonce',
  'Nonce',
  'SignatureNonce',
];
/** A logged value is cut to this many characters. */
const MAX_LOGGED_LENGTH = 128;

/**
 * What the log shows of a verified callback: the fields above that are present, as strings or numbers.
 * `JSON.stringify` of it is one line whatever the values hold (line breaks are escaped).
 * @param {Record<string, unknown>} body
 * @returns {Record<string, string | number>}
 */
export function describeCallback(body) {
  /** @type {Record<string, string | number>} */
  const summary = {};
  for (const field of LOGGED_FIELDS) {
    const value = body[field];
    if (typeof value === 'number' && Number.isFinite(value)) summary[field] = value;
    else if (typeof value === 'string') summary[field] = value.slice(0, MAX_LOGGED_LENGTH);
  }
  return summary;
}

/**
 * The key that identifies one callback across its deliveries, as docs/callbacks.md advises: the event's own
 * ID where it has one (a MiniGame report's `ReportId`, unique per game), otherwise its timestamp and nonce,
 * which ZEGO repeats when it sends the same callback again. Hashed, so that its length is bounded.
 * @param {Record<string, unknown>} body A verified body: it has a timestamp and a nonce in one of ZEGO's spellings.
 */
export function callbackKey(body) {
  const { ReportId, MiniGameId } = body;
  const identity =
    ReportId !== undefined
      ? ['report', MiniGameId, ReportId]
      : [
          'delivery',
          body.timestamp ?? body.Timestamp,
          body.nonce ?? body.SignatureNonce ?? body.Nonce,
          body.event ?? body.EventType ?? body.CallbackCommand,
        ];
  return createHash('sha256')
    .update(JSON.stringify(identity.map(String)))
    .digest('hex');
}

/**
 * The record of handled callbacks, in this process (one instance only, like the sessions without Redis).
 * `claim` is true the first time a key is seen within `CALLBACK_KEY_SECONDS`; `release` forgets it, so that
 * a delivery whose handling failed is handled again when ZEGO retries.
 * @returns {CallbackKeyStore}
 */
export function memoryCallbackKeys() {
  /** @type {Map<string, number>} key → expiry in ms */
  const keys = new Map();
  return {
    async claim(key) {
      const now = Date.now();
      // Map keeps insertion order, and every key lives equally long: the expired ones are at the front.
      for (const [old, expiry] of keys) {
        if (expiry > now && keys.size < MAX_MEMORY_KEYS) break;
        keys.delete(old);
      }
      if (keys.has(key)) return false;
      keys.set(key, now + CALLBACK_KEY_SECONDS * 1000);
      return true;
    },
    async release(key) {
      keys.delete(key);
    },
  };
}

/**
 * The record of handled callbacks in Redis (with REDIS_URL), shared by every instance: `SET key 1 NX EX`,
 * which sets the key only if no instance has, and lets it expire by itself.
 * @param {(command: string[]) => Promise<unknown>} sendCommand Sends one command on the app's client.
 * @param {string} prefix The app's key prefix.
 * @returns {CallbackKeyStore}
 */
export function redisCallbackKeys(sendCommand, prefix) {
  return {
    claim: async (key) =>
      (await sendCommand(['SET', prefix + key, '1', 'NX', 'EX', String(CALLBACK_KEY_SECONDS)])) === 'OK',
    release: async (key) => {
      await sendCommand(['DEL', prefix + key]);
    },
  };
}

/**
 * @typedef {object} CallbackKeyStore Where handled callbacks are recorded. With REDIS_URL each app passes
 *   one on its own client (`SET key 1 NX EX`, shared by every instance); see `memoryCallbackKeys` otherwise.
 * @property {(key: string) => Promise<boolean>} claim Records the key; false if it was recorded already.
 * @property {(key: string) => Promise<void>} release Forgets it.
 */

/**
 * The callback route's options for `zegoCallback` (express-zego-token, koa-zego-token), the same in both
 * apps: each verified callback is logged once, as `zego callback: {…}`; a second delivery of it is logged
 * as `zego callback (duplicate, ignored): {…}` and answered 200 too, so ZEGO stops sending it. A refused
 * callback is logged with its code only. If recording the key fails (Redis unreachable), the error goes to
 * the app's error handling, a 5xx: ZEGO sends the callback again later.
 * @param {{ callbackSecret: string, log: (message: string) => void, keys: CallbackKeyStore }} options
 */
export function callbackRouteOptions({ callbackSecret, log, keys }) {
  return {
    path: CALLBACK_PATH,
    callbackSecret,
    toleranceSeconds: CALLBACK_TOLERANCE_SECONDS,
    /** @param {Record<string, unknown>} body */
    onCallback: async (body) => {
      const key = callbackKey(body);
      const line = JSON.stringify(describeCallback(body));
      if (!(await keys.claim(key))) {
        log(`zego callback (duplicate, ignored): ${line}`);
        return;
      }
      try {
        // The demo's effect is this line. A real app does its work here, in the same transaction as the
        // key where it can (docs/callbacks.md, "Retries and idempotency").
        log(`zego callback: ${line}`);
      } catch (error) {
        await keys.release(key);
        throw error;
      }
    },
    /** @param {unknown} error */
    onError: (error) => {
      if (isZegoTokenError(error)) log(`zego callback refused: ${error.code}`);
      else log('zego callback failed: answered 5xx, so ZEGO sends it again');
    },
  };
}
