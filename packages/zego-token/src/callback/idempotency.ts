// De-duplicating ZEGO's callbacks for the callback route: the keys (the verified signature's, then the
// event's own ID's), the store interface (in the style of express-rate-limit's `Store`), the bounded
// in-memory store used by default, and the option's checks.
import { option, readFunction } from '../route/common.js';
import { assertKnownKeys, describe, fail } from '../validate.js';
import type { CallbackBody } from './signature.js';

/**
 * Where the callback route records the callbacks it has handled: in memory by default, or shared by
 * every instance (Redis: `SET key 1 PX ttlMs NX`). Both methods may be sync or return a promise.
 */
export interface CallbackIdempotencyStore {
  /**
   * Records `key` for `ttlMs` milliseconds unless it is recorded already (set-if-absent with an
   * expiry): `true` when this caller recorded it (the first), `false` for a duplicate. A rejection or a
   * throw goes to the host's error handling (a 5xx: ZEGO sends the callback again).
   */
  claim(key: string, ttlMs: number): boolean | Promise<boolean>;
  /** Forgets `key`, so that the callback is handled again when ZEGO retries it (its handling failed). */
  release(key: string): void | Promise<void>;
}

/** The `idempotency` option's object form. */
export interface CallbackIdempotencyOptions {
  /** Where keys are recorded. Defaults to a store in this process's memory (bounded, expiring). */
  store?: CallbackIdempotencyStore | undefined;
  /**
   * The event's own ID in a verified body (a MiniGame report's `ReportId`, say), so that ZEGO's retries
   * are recognised even if ZEGO signs each one afresh; `undefined` when the body has none. Keyed only
   * after the delivery's signature was new, so a replayed capture cannot claim another event's ID.
   */
  eventId?: ((body: CallbackBody) => string | undefined) | undefined;
  /** Called with each duplicate's body (answered 200, not handled), for logging. What it throws is ignored. */
  onDuplicate?: ((body: CallbackBody) => void) | undefined;
}

/** The callback route's `idempotency` option: `true` for the defaults. */
export type CallbackIdempotencyOption = boolean | CallbackIdempotencyOptions;

/** The option, read and checked once. */
export interface IdempotencySettings {
  readonly store: CallbackIdempotencyStore;
  readonly eventId: ((body: CallbackBody) => string | undefined) | undefined;
  readonly onDuplicate: ((body: CallbackBody) => void) | undefined;
  /** How long a key is kept: every copy of a callback that could still verify arrives within it. */
  readonly ttlMs: number;
}

/** The default store's bound: past it, the oldest keys go first. */
export const DEFAULT_IDEMPOTENCY_MAX_KEYS = 100_000;
/** The longest event ID keyed; a longer one is the host's `eventId` mistake (ZEGO's IDs are short). */
const MAX_EVENT_ID_LENGTH = 256;

/**
 * How long a callback's keys are kept: twice the tolerance, and a second for the clock's rounding. A
 * callback verifies while `now` is within `toleranceSeconds` either side of its timestamp (a window of
 * twice the tolerance, plus the second the comparison rounds to), so a key kept this long from the first
 * delivery outlives every copy that could still verify, whatever the skew between ZEGO's clock and this
 * one; after that a copy is refused as expired, without the store.
 */
export function idempotencyTtlMs(toleranceSeconds: number): number {
  return (2 * toleranceSeconds + 1) * 1000;
}

/**
 * A store in this process's memory: keys expire after their `ttlMs`, and at most `maxKeys` are kept
 * (the oldest go first), so nothing grows without bound. `now` is the clock in milliseconds. One
 * instance only: several instances need a shared store.
 */
export function createMemoryIdempotencyStore(
  options: { maxKeys?: number; now?: (() => number) | undefined } = {},
): CallbackIdempotencyStore & { readonly size: number } {
  const maxKeys = options.maxKeys ?? DEFAULT_IDEMPOTENCY_MAX_KEYS;
  const now = options.now ?? Date.now;
  /** key → expiry (ms); Map keeps insertion order, so the oldest claims come first. */
  const keys = new Map<string, number>();
  return {
    get size() {
      return keys.size;
    },
    claim(key, ttlMs) {
      const at = now();
      // Expired keys are dropped from the front (claims with one route's TTL expire in the order they
      // were made); past the bound, the oldest go even if live.
      for (const [old, expiry] of keys) {
        if (expiry > at && keys.size < maxKeys) break;
        keys.delete(old);
      }
      const expiry = keys.get(key);
      if (expiry !== undefined && expiry > at) return false;
      keys.delete(key);
      keys.set(key, at + ttlMs);
      return true;
    },
    release(key) {
      keys.delete(key);
    },
  };
}

function isStore(value: unknown): value is CallbackIdempotencyStore {
  if (typeof value !== 'object' || value === null) return false;
  const { claim, release } = value as Record<string, unknown>;
  return typeof claim === 'function' && typeof release === 'function';
}

const IDEMPOTENCY_KEYS = { store: true, eventId: true, onDuplicate: true } as const satisfies Record<
  keyof CallbackIdempotencyOptions,
  true
>;

/**
 * The `idempotency` option, checked (`OPTION_INVALID` naming it): `undefined` when it is off. The
 * default store uses the route's clock, so that a test's clock moves its keys' expiry too.
 */
export function readIdempotency(
  value: unknown,
  toleranceSeconds: number,
  now: (() => number) | undefined,
): IdempotencySettings | undefined {
  if (value === undefined || value === false) return undefined;
  const name = option('idempotency');
  const settings = value === true ? {} : value;
  if (typeof settings !== 'object' || settings === null || Array.isArray(settings)) {
    fail('OPTION_INVALID', `${name} must be true, false or { store?, eventId?, onDuplicate? }, got ${describe(value)}`);
  }
  const fields = settings as Record<string, unknown>;
  assertKnownKeys(fields, IDEMPOTENCY_KEYS, 'zego-token callback route `idempotency`');
  const { store, eventId, onDuplicate } = fields;
  if (store !== undefined && !isStore(store)) {
    fail(
      'OPTION_INVALID',
      `${option('idempotency.store')} must be an object with claim(key, ttlMs) and release(key) methods, got ${describe(store)}`,
    );
  }
  return {
    store: store ?? createMemoryIdempotencyStore({ now }),
    eventId: readFunction('idempotency.eventId', eventId as IdempotencySettings['eventId'], false),
    onDuplicate: readFunction('idempotency.onDuplicate', onDuplicate as IdempotencySettings['onDuplicate'], false),
    ttlMs: idempotencyTtlMs(toleranceSeconds),
  };
}

/**
 * The key of a verified delivery: its signature, in lowercase. The signature is ZEGO's digest over the
 * CallbackSecret, the timestamp and the nonce, so it already stands for the verified pair (and cannot
 * be made without the secret); keying on it alone, rather than on the fields, means a capture re-sent
 * with its timestamp and nonce swapped or under another product's field names is the same delivery.
 */
export function signatureKey(signature: string): string {
  return `signature:${signature.toLowerCase()}`;
}

/** The key of an event's own ID, or `undefined` when `eventId` gives none. */
export function eventKey(settings: IdempotencySettings, body: CallbackBody): string | undefined {
  if (settings.eventId === undefined) return undefined;
  const id: unknown = settings.eventId(body);
  if (id === undefined || id === '') return undefined;
  if (typeof id !== 'string' || id.length > MAX_EVENT_ID_LENGTH) {
    fail(
      'OPTION_INVALID',
      `${option('idempotency.eventId')} must return a string of at most ${MAX_EVENT_ID_LENGTH} characters or undefined, got ${describe(id)}`,
    );
  }
  return `event:${id}`;
}
