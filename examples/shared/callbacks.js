// ZEGO's callbacks, shared by the Express and Koa examples: what the demo does with a verified callback
// (log it once, as one line without secrets). Each app mounts its adapter's `zegoCallback` with these
// options; the adapter reads, verifies, de-duplicates (the route's `idempotency` option) and answers.
import { isZegoTokenError } from 'zego-token';
import { CALLBACK_PATH } from './config.js';

/** How far a callback's timestamp may be from this server's clock: the core's default, written out. */
export const CALLBACK_TOLERANCE_SECONDS = 600;

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
 * The typed event's fields a log line may show (the route's `events: true` hands `onCallback` a typed event,
 * docs/callback-events.md): which product and event, the room, stream and game it is about, and the codes'
 * documented names. Not the user data an event may carry (user names, message bodies, callback_data).
 */
const LOGGED_EVENT_FIELDS = [
  'roomId',
  'roomSessionId',
  'streamId',
  'authLevel',
  'reason',
  'type',
  'action',
  'eventType',
  'reportType',
  'miniGameId',
  'roundId',
  'reportId',
  'agentInstanceId',
  'taskId',
];

/**
 * What the log shows of a typed event: `product` and `event` first, then the fields above that are present
 * as strings or numbers (64-bit IDs arrive as exact decimal strings), each cut to 128 characters.
 * @param {import('zego-token').ZegoCallbackEvent} event
 * @returns {Record<string, string | number>}
 */
export function describeEvent(event) {
  /** @type {Record<string, unknown>} */
  const fields = { ...event };
  /** @type {Record<string, string | number>} */
  const summary = { product: event.product, event: event.event.slice(0, MAX_LOGGED_LENGTH) };
  for (const field of LOGGED_EVENT_FIELDS) {
    const value = fields[field];
    if (typeof value === 'number' && Number.isFinite(value)) summary[field] = value;
    else if (typeof value === 'string') summary[field] = value.slice(0, MAX_LOGGED_LENGTH);
  }
  return summary;
}

/**
 * A MiniGame report's own ID (`ReportId`, unique per game), so that a report ZEGO sends again with a fresh
 * signature is recognised. The route keys it only for a delivery whose signature is new, so a captured
 * callback re-sent with another `ReportId` cannot claim, and so drop, that report.
 * @param {Record<string, unknown>} body A verified body.
 * @returns {string | undefined}
 */
export function callbackEventId(body) {
  const { ReportId, MiniGameId } = body;
  if (typeof ReportId !== 'string' && typeof ReportId !== 'number') return undefined;
  return JSON.stringify(['report', String(MiniGameId ?? ''), String(ReportId)]);
}

/**
 * The callback route's options for `zegoCallback` (express-zego-token, koa-zego-token), the same in both
 * apps: each verified callback is logged once, typed, as `zego callback: {"product":…,"event":…}`; a second delivery of it (the same
 * signature, or the same MiniGame report) is logged as `zego callback (duplicate, ignored): {…}` and
 * answered 200 too, so ZEGO stops sending it. A refused callback is logged with its code only. If recording
 * the delivery fails (Redis unreachable), the error goes to the app's error handling, a 5xx: ZEGO sends the
 * callback again later.
 * @param {{ callbackSecret: string, log: (message: string) => void, store?: import('zego-token').CallbackIdempotencyStore, onEvent?: (event: import('zego-token').ZegoCallbackEvent) => Promise<void> }} options
 *   `store`: where handled callbacks are recorded (`redisIdempotencyStore` with REDIS_URL); in this
 *   process's memory without it. `onEvent`: the app's work on each typed event (room presence, from
 *   shared/sign-out.js), awaited before the callback is answered.
 */
export function callbackRouteOptions({ callbackSecret, log, store, onEvent }) {
  return {
    path: CALLBACK_PATH,
    callbackSecret,
    toleranceSeconds: CALLBACK_TOLERANCE_SECONDS,
    // onCallback gets the typed event (product, event, typed fields, exact 64-bit IDs); a documented event
    // with a mistyped field is refused 400 CALLBACK_EVENT_INVALID, an unknown one arrives as `unknown`.
    events: /** @type {const} */ (true),
    idempotency: {
      store,
      eventId: callbackEventId,
      /** @param {Record<string, unknown>} body */
      onDuplicate: (body) => log(`zego callback (duplicate, ignored): ${JSON.stringify(describeCallback(body))}`),
    },
    /** @param {import('zego-token').ZegoCallbackEvent} event */
    onCallback: async (event) => {
      // The demo's work: room_login/room_logout (and ZIM's room events) update room presence, which
      // sign-out-everywhere reads to kick the user; then this line. A real app switches on event.product
      // and event.event here, and makes its work idempotent where it can (docs/callbacks.md,
      // "De-duplication"): if it throws, the route forgets the delivery and answers 5xx, so ZEGO sends it again.
      await onEvent?.(event);
      log(`zego callback: ${JSON.stringify(describeEvent(event))}`);
    },
    /** @param {unknown} error */
    onError: (error) => {
      if (isZegoTokenError(error)) log(`zego callback refused: ${error.code}`);
      else log('zego callback failed: answered 5xx, so ZEGO sends it again');
    },
  };
}
