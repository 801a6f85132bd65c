// ZEGO's callback signature, shared by both entries: the field spellings, the checks and the messages.
// The sha1 and the constant-time comparison are passed in, as the token route's mint is: node:crypto's
// synchronous one (callback.ts) or Web Crypto's asynchronous one (web/callback.ts), so that this module
// imports no hash.
import { ZegoTokenError } from './errors.js';
import { assertKnownKeys, assertOptionsObject, describe, fail, readClock } from './validate.js';

export interface VerifyZegoCallbackOptions {
  /**
   * The project's CallbackSecret from the ZEGO console: not the ServerSecret, though one of ZEGO's
   * pages says so.
   */
  callbackSecret: string;
  /** How far, in seconds, the callback's timestamp may be from this server's clock. Defaults to `600`. */
  toleranceSeconds?: number | undefined;
  /** The clock, in milliseconds like `Date.now` (the default). */
  now?: (() => number) | undefined;
}

const DEFAULT_TOLERANCE_SECONDS = 600;

const VERIFY_KEYS = {
  callbackSecret: true,
  toleranceSeconds: true,
  now: true,
} as const satisfies Record<keyof VerifyZegoCallbackOptions, true>;

const VERIFY_HINTS = {
  secret: 'callbackSecret',
  serverSecret: 'callbackSecret',
  clockToleranceSeconds: 'toleranceSeconds',
};

/** ZEGO's field names: RTC and ZIM; MiniGame; Digital Human. */
const SPELLINGS = [
  { signature: 'signature', timestamp: 'timestamp', nonce: 'nonce' },
  { signature: 'Signature', timestamp: 'Timestamp', nonce: 'SignatureNonce' },
  { signature: 'Signature', timestamp: 'Timestamp', nonce: 'Nonce' },
] as const;

// Far beyond any real timestamp or nonce; a longer value is refused before it is hashed.
const MAX_FIELD_LENGTH = 256;
const SIGNATURE_LENGTH = 40;
const encoder = new TextEncoder();

function invalid(message: string): never {
  throw new ZegoTokenError('CALLBACK_SIGNATURE_INVALID', message);
}

/** A field's decimal or plain string form, as ZEGO signs it. */
function fieldText(body: Record<string, unknown>, key: string): string {
  const value = body[key];
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_FIELD_LENGTH) {
    invalid(`the callback's ${key} must be a string or a number, got ${describe(value)}`);
  }
  return value;
}

/**
 * Whether `signature` (the callback's, lowercased, as UTF-8 bytes: exactly 40 of them) is the
 * lowercase hex `sha1` of `signed` (its UTF-8 bytes), compared in constant time. Each entry passes
 * its own: synchronous on Node, a promise on Web Crypto.
 */
export type SignatureMatcher<TMatch extends boolean | Promise<boolean> = boolean | Promise<boolean>> = (
  signed: string,
  signature: Uint8Array,
) => TMatch;

/** What `verify` returns with a matcher: the body, or a promise of it when the matcher is asynchronous. */
export type Verified<TMatch> =
  TMatch extends Promise<boolean> ? Promise<Record<string, unknown>> : Record<string, unknown>;

/** The verifier's options, read and checked once. */
export interface CallbackVerifier<TResult = Record<string, unknown> | Promise<Record<string, unknown>>> {
  /**
   * Checks one parsed body; throws (or, with an asynchronous matcher, may also reject with)
   * `CALLBACK_SIGNATURE_INVALID` or `CALLBACK_EXPIRED`.
   */
  verify(body: unknown): TResult;
  readonly toleranceSeconds: number;
}

function readSecret(callbackSecret: unknown, name: string, code: 'SECRET_INVALID' | 'OPTION_INVALID'): string {
  if (typeof callbackSecret !== 'string' || callbackSecret.length === 0) {
    fail(code, `${name} must be the non-empty CallbackSecret string, got ${describe(callbackSecret)}`);
  }
  return callbackSecret;
}

function readTolerance(value: unknown, name: string): number {
  const tolerance = value ?? DEFAULT_TOLERANCE_SECONDS;
  if (typeof tolerance !== 'number' || !Number.isSafeInteger(tolerance) || tolerance < 0) {
    fail('OPTION_INVALID', `${name} must be a non-negative integer, got ${describe(tolerance)}`);
  }
  return tolerance;
}

/**
 * Reads the verifier's options (secret, tolerance, clock) once. `names` says how messages name the
 * options: `verifyZegoCallback`'s own, or the callback route's `zego-token option \`…\``.
 */
export function createCallbackVerifier<TMatch extends boolean | Promise<boolean>>(
  options: { callbackSecret?: unknown; toleranceSeconds?: unknown; now?: unknown },
  names: {
    callbackSecret: string;
    toleranceSeconds: string;
    now: string;
    secretCode: 'SECRET_INVALID' | 'OPTION_INVALID';
  },
  matches: SignatureMatcher<TMatch>,
): CallbackVerifier<Verified<TMatch>> {
  const callbackSecret = readSecret(options.callbackSecret, names.callbackSecret, names.secretCode);
  const toleranceSeconds = readTolerance(options.toleranceSeconds, names.toleranceSeconds);
  const { now } = options;
  if (now !== undefined && typeof now !== 'function') {
    fail('OPTION_INVALID', `${names.now} must be a function returning milliseconds, got ${describe(now)}`);
  }
  return {
    toleranceSeconds,
    verify: (body) =>
      checkCallback(body, callbackSecret, toleranceSeconds, readClock(now, names.now), matches) as Verified<TMatch>,
  };
}

function checkCallback(
  body: unknown,
  callbackSecret: string,
  tolerance: number,
  nowMs: number,
  matches: SignatureMatcher,
): Record<string, unknown> | Promise<Record<string, unknown>> {
  const nowSeconds = Math.floor(nowMs / 1000);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    invalid(`the callback body must be an object, got ${describe(body)}`);
  }
  const fields = body as Record<string, unknown>;
  const spelling = SPELLINGS.find((names) => Object.values(names).every((name) => Object.hasOwn(fields, name)));
  if (spelling === undefined) {
    invalid(
      'the callback has no signature, timestamp and nonce (as signature/timestamp/nonce, or Signature/Timestamp/SignatureNonce or Nonce)',
    );
  }
  const timestamp = fieldText(fields, spelling.timestamp);
  const nonce = fieldText(fields, spelling.nonce);
  const given = fields[spelling.signature];
  const givenBytes = typeof given === 'string' ? encoder.encode(given.toLowerCase()) : undefined;
  if (givenBytes === undefined || givenBytes.length !== SIGNATURE_LENGTH) {
    invalid(`the callback's ${spelling.signature} must be ${SIGNATURE_LENGTH} hex characters, got ${describe(given)}`);
  }
  const joined = [callbackSecret, timestamp, nonce].sort().join('');
  const checkTime = (matched: boolean): Record<string, unknown> => {
    if (!matched) {
      invalid(
        `the callback's ${spelling.signature} is wrong: check that callbackSecret is the CallbackSecret from the ZEGO console`,
      );
    }
    const seconds = Number(timestamp);
    if (!Number.isSafeInteger(seconds) || Math.abs(nowSeconds - seconds) > tolerance) {
      throw new ZegoTokenError(
        'CALLBACK_EXPIRED',
        Number.isSafeInteger(seconds)
          ? `the callback's timestamp is ${Math.abs(nowSeconds - seconds)} s ${seconds < nowSeconds ? 'behind' : 'ahead of'} this clock; toleranceSeconds allows ${tolerance}`
          : `the callback's timestamp is not a whole number of seconds, got ${describe(timestamp)}`,
      );
    }
    return fields;
  };
  const matched = matches(joined, givenBytes);
  // node:crypto answers at once, and the Node entry's verifyZegoCallback stays synchronous.
  return typeof matched === 'boolean' ? checkTime(matched) : matched.then(checkTime);
}

/**
 * `verifyZegoCallback` of each entry, with its matcher: checks the options (a bad one throws
 * `SECRET_INVALID` or `OPTION_INVALID`), then the body.
 */
export function verifyCallbackWith<TMatch extends boolean | Promise<boolean>>(
  body: unknown,
  options: VerifyZegoCallbackOptions,
  matches: SignatureMatcher<TMatch>,
): Verified<TMatch> {
  assertOptionsObject(options, 'verifyZegoCallback options');
  assertKnownKeys(options as unknown as Record<string, unknown>, VERIFY_KEYS, 'verifyZegoCallback', VERIFY_HINTS);
  const verifier = createCallbackVerifier(
    options,
    {
      callbackSecret: 'callbackSecret',
      toleranceSeconds: 'toleranceSeconds',
      now: 'now',
      secretCode: 'SECRET_INVALID',
    },
    matches,
  );
  return verifier.verify(body);
}
