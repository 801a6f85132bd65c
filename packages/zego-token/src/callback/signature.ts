// ZEGO's callback signature: the field namings, the checks and the messages, written once against
// the runtime seam (its `sha1HexEquals` and `md5HexEquals`: synchronous on Node, promises on the Web).
import { ZegoTokenError } from '../errors.js';
import type { Runtime, RuntimeName, RuntimeValue } from '../runtime.js';
import { assertKnownKeys, assertOptionsObject, describe, fail, readClock } from '../validate.js';

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

/**
 * ZEGO's field namings: RTC, ZIM and cloud recording; MiniGame; Digital Human, AI Agent, moderation and
 * transcoding. Only MiniGame's is documented with an MD5 signature as well (see docs/callbacks.md).
 */
export const CALLBACK_NAMINGS = [
  { naming: 'signature/timestamp/nonce', signature: 'signature', timestamp: 'timestamp', nonce: 'nonce', md5: false },
  {
    naming: 'Signature/Timestamp/SignatureNonce',
    signature: 'Signature',
    timestamp: 'Timestamp',
    nonce: 'SignatureNonce',
    md5: true,
  },
  { naming: 'Signature/Timestamp/Nonce', signature: 'Signature', timestamp: 'Timestamp', nonce: 'Nonce', md5: false },
] as const satisfies readonly {
  naming: ZegoCallbackSignature['naming'];
  signature: string;
  timestamp: string;
  nonce: string;
  md5: boolean;
}[];
type Naming = (typeof CALLBACK_NAMINGS)[number];

/** What ZEGO's SHA-1 signature hashes: the CallbackSecret, the timestamp and the nonce, sorted and joined. */
export function callbackSignedText(callbackSecret: string, timestamp: string, nonce: string): string {
  return [callbackSecret, timestamp, nonce].sort().join('');
}

/** Every field name of every naming, once. */
const SIGNED_FIELDS = [
  ...new Set(CALLBACK_NAMINGS.flatMap(({ signature, timestamp, nonce }) => [signature, timestamp, nonce])),
];

/** MiniGame's MD5 scheme also signs the body's `AppId`. */
const APP_ID_FIELD = 'AppId';

// Far beyond any real timestamp or nonce; a longer value is refused before it is hashed.
const MAX_FIELD_LENGTH = 256;
const SHA1_HEX_LENGTH = 40;
const MD5_HEX_LENGTH = 32;
/** A whole number as ZEGO writes it: no sign, no leading zero, no fraction or exponent. */
const CANONICAL_INTEGER = /^[1-9]\d*$/;
/** Digits of a Unix time in seconds and in milliseconds, from 2001-09-09 to 2286-11-20 either way. */
const SECONDS_DIGITS = 10;
const MILLISECONDS_DIGITS = 13;
const encoder = new TextEncoder();

function invalid(message: string): never {
  throw new ZegoTokenError('CALLBACK_SIGNATURE_INVALID', message);
}

/**
 * The one naming the body's signature fields use: all three of its fields, and none of another
 * naming's, so that no field of another naming rides along unverified.
 */
function readNaming(fields: Record<string, unknown>): Naming {
  const present = SIGNED_FIELDS.filter((name) => Object.hasOwn(fields, name));
  const complete = CALLBACK_NAMINGS.filter((names) =>
    [names.signature, names.timestamp, names.nonce].every((name) => Object.hasOwn(fields, name)),
  );
  if (complete.length === 0) {
    invalid(
      'the callback has no signature, timestamp and nonce (as signature/timestamp/nonce, or Signature/Timestamp/SignatureNonce or Nonce)',
    );
  }
  const naming = complete.find((names) =>
    present.every((name) => name === names.signature || name === names.timestamp || name === names.nonce),
  );
  if (naming === undefined) {
    invalid(
      `the callback carries fields of more than one naming (${present.join(', ')}): ZEGO signs one of signature/timestamp/nonce, Signature/Timestamp/SignatureNonce or Signature/Timestamp/Nonce`,
    );
  }
  return naming;
}

/** A whole number's text as ZEGO signs it (a safe integer, or a string of digits), or `undefined`. */
function canonicalInteger(value: unknown): string | undefined {
  const text = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
  return typeof text === 'string' && text.length <= MAX_FIELD_LENGTH && CANONICAL_INTEGER.test(text) ? text : undefined;
}

interface Timestamp {
  readonly text: string;
  readonly unit: 'seconds' | 'milliseconds';
  readonly ms: number;
}

/**
 * The timestamp, canonical (so that no digit can move between it and the nonce under the same
 * signature), and its unit by its magnitude: 10 digits are seconds, 13 are milliseconds.
 */
function readTimestamp(fields: Record<string, unknown>, key: string): Timestamp {
  const text = canonicalInteger(fields[key]);
  if (text === undefined) {
    invalid(`the callback's ${key} must be a whole number without sign or leading zero, got ${describe(fields[key])}`);
  }
  if (text.length === SECONDS_DIGITS) return { text, unit: 'seconds', ms: Number(text) * 1000 };
  if (text.length === MILLISECONDS_DIGITS) return { text, unit: 'milliseconds', ms: Number(text) };
  return invalid(
    `the callback's ${key} must be a Unix time in seconds (10 digits) or milliseconds (13 digits), got ${text.length} digits`,
  );
}

/** The nonce's text as ZEGO signs it: a non-empty string, or a whole number's decimal form. */
function readNonce(fields: Record<string, unknown>, key: string): string {
  const value = fields[key];
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return String(value);
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_FIELD_LENGTH) {
    invalid(`the callback's ${key} must be a non-empty string or a whole number, got ${describe(value)}`);
  }
  return value;
}

/** The signature in lowercase, and the digest its length says: SHA-1, or MD5 where the naming has it. */
function readSignature(fields: Record<string, unknown>, naming: Naming): { hex: string; algorithm: 'sha1' | 'md5' } {
  const given = fields[naming.signature];
  const hex = typeof given === 'string' ? given.toLowerCase() : undefined;
  const length = hex === undefined ? 0 : encoder.encode(hex).length;
  if (hex !== undefined && length === hex.length) {
    if (length === SHA1_HEX_LENGTH) return { hex, algorithm: 'sha1' };
    if (length === MD5_HEX_LENGTH && naming.md5) return { hex, algorithm: 'md5' };
  }
  return invalid(
    naming.md5
      ? `the callback's ${naming.signature} must be ${SHA1_HEX_LENGTH} (SHA-1) or ${MD5_HEX_LENGTH} (MD5) hex characters, got ${describe(given)}`
      : `the callback's ${naming.signature} must be ${SHA1_HEX_LENGTH} hex characters, got ${describe(given)}`,
  );
}

/** A verified callback's body: ZEGO's fields as they arrived (JSON values, or strings from a form). */
export type CallbackBody = Record<string, unknown>;

/** What the signature covered, as verified. */
export interface ZegoCallbackSignature {
  /** Which of ZEGO's field namings the body used. */
  readonly naming: 'signature/timestamp/nonce' | 'Signature/Timestamp/SignatureNonce' | 'Signature/Timestamp/Nonce';
  /** The digest ZEGO signed with. */
  readonly algorithm: 'sha1' | 'md5';
  /** The signature, in lowercase hex, as verified. */
  readonly signature: string;
  /** The timestamp's decimal text, as signed. */
  readonly timestamp: string;
  /** The nonce, as signed. */
  readonly nonce: string;
  /** The timestamp in milliseconds since the epoch, whatever unit the body used. */
  readonly timestampMs: number;
  /** The body's `AppId`, as signed: only MiniGame's MD5 signature covers it. */
  readonly appId?: string;
}

/** A verified callback: its body and what the signature covered. */
export interface VerifiedZegoCallback<T extends object = CallbackBody> {
  /** The body, as it arrived. */
  readonly body: T;
  /** What the signature covered, as verified. */
  readonly signed: ZegoCallbackSignature;
}

/** What checks one callback, from options read and checked once. */
export interface CallbackVerifierOptions {
  readonly callbackSecret: string;
  readonly toleranceSeconds: number;
  /** The clock, in milliseconds like `Date.now`; checked by the caller. */
  readonly now: (() => number) | undefined;
}

/** The CallbackSecret, checked; `name` and `code` say how the caller names and reports it. */
export function readCallbackSecret(value: unknown, name: string, code: 'SECRET_INVALID' | 'OPTION_INVALID'): string {
  if (typeof value !== 'string' || value.length === 0) {
    fail(code, `${name} must be the non-empty CallbackSecret string, got ${describe(value)}`);
  }
  return value;
}

/** `toleranceSeconds`, checked, or its default. */
export function readTolerance(value: unknown, name: string): number {
  const tolerance = value ?? DEFAULT_TOLERANCE_SECONDS;
  if (typeof tolerance !== 'number' || !Number.isSafeInteger(tolerance) || tolerance < 0) {
    fail('OPTION_INVALID', `${name} must be a non-negative integer, got ${describe(tolerance)}`);
  }
  return tolerance;
}

/** A clock option, checked: a function, or nothing for `Date.now`. */
export function readNow(value: unknown, name: string): (() => number) | undefined {
  if (value !== undefined && typeof value !== 'function') {
    fail('OPTION_INVALID', `${name} must be a function returning milliseconds, got ${describe(value)}`);
  }
  return value as (() => number) | undefined;
}

/**
 * Checks one parsed body against ZEGO's signature and the clock; throws (or, on the Web, rejects
 * with) `CALLBACK_SIGNATURE_INVALID` or `CALLBACK_EXPIRED`. `nowName` names the clock option in messages.
 */
export function verifyCallback<R extends RuntimeName>(
  runtime: Runtime<R>,
  body: unknown,
  options: CallbackVerifierOptions,
  nowName: string,
): RuntimeValue<R, VerifiedZegoCallback> {
  return checkCallback(
    runtime,
    body,
    options.callbackSecret,
    options.toleranceSeconds,
    readClock(options.now, nowName),
  );
}

function checkCallback<R extends RuntimeName>(
  runtime: Runtime<R>,
  body: unknown,
  callbackSecret: string,
  tolerance: number,
  nowMs: number,
): RuntimeValue<R, VerifiedZegoCallback> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    invalid(`the callback body must be an object, got ${describe(body)}`);
  }
  const fields = body as Record<string, unknown>;
  const naming = readNaming(fields);
  const timestamp = readTimestamp(fields, naming.timestamp);
  const nonce = readNonce(fields, naming.nonce);
  const { hex: signature, algorithm } = readSignature(fields, naming);
  let appId: string | undefined;
  let matched: RuntimeValue<R, boolean>;
  if (algorithm === 'md5') {
    appId = canonicalInteger(fields[APP_ID_FIELD]);
    if (appId === undefined) {
      invalid(
        `an MD5 ${naming.signature} signs the callback's ${APP_ID_FIELD}, which must be a whole number, got ${describe(fields[APP_ID_FIELD])}`,
      );
    }
    // MiniGame's "Making API Requests" page: MD5(AppId + SignatureNonce + CallbackSecret + Timestamp).
    matched = runtime.md5HexEquals(`${appId}${nonce}${callbackSecret}${timestamp.text}`, encoder.encode(signature));
  } else {
    matched = runtime.sha1HexEquals(
      callbackSignedText(callbackSecret, timestamp.text, nonce),
      encoder.encode(signature),
    );
  }
  const signed: ZegoCallbackSignature = {
    naming: naming.naming,
    algorithm,
    signature,
    timestamp: timestamp.text,
    nonce,
    timestampMs: timestamp.ms,
    ...(appId === undefined ? {} : { appId }),
  };
  return runtime.after(matched, (ok): VerifiedZegoCallback => {
    if (!ok) {
      invalid(
        `the callback's ${naming.signature} is wrong: check that callbackSecret is the CallbackSecret from the ZEGO console`,
      );
    }
    checkAge(naming.timestamp, timestamp, tolerance, nowMs);
    return { body: fields, signed };
  });
}

/**
 * Throws `CALLBACK_EXPIRED` when the timestamp is more than `tolerance` seconds from the clock, in the
 * timestamp's own unit: milliseconds against the clock's milliseconds, whole seconds against its
 * whole seconds.
 */
function checkAge(key: string, timestamp: Timestamp, tolerance: number, nowMs: number): void {
  const inMs = timestamp.unit === 'milliseconds';
  const skew = inMs ? Math.floor(nowMs) - timestamp.ms : Math.floor(nowMs / 1000) - timestamp.ms / 1000;
  if (Math.abs(skew) <= (inMs ? tolerance * 1000 : tolerance)) return;
  const direction = skew > 0 ? 'behind' : 'ahead of';
  throw new ZegoTokenError(
    'CALLBACK_EXPIRED',
    inMs
      ? `the callback's ${key} (in milliseconds) is ${Math.abs(skew)} ms ${direction} this clock; toleranceSeconds allows ${tolerance} (${tolerance * 1000} ms)`
      : `the callback's ${key} (in seconds) is ${Math.abs(skew)} s ${direction} this clock; toleranceSeconds allows ${tolerance}`,
  );
}

/**
 * `verifyZegoCallback`: checks its options (a bad one throws `SECRET_INVALID` or `OPTION_INVALID`),
 * then the body.
 */
export function verifyZegoCallback<R extends RuntimeName>(
  runtime: Runtime<R>,
  body: unknown,
  options: VerifyZegoCallbackOptions,
): RuntimeValue<R, VerifiedZegoCallback> {
  return runtime.call(() => {
    assertOptionsObject(options, 'verifyZegoCallback options');
    assertKnownKeys(options, VERIFY_KEYS, 'verifyZegoCallback', VERIFY_HINTS);
    const verifier = {
      callbackSecret: readCallbackSecret(options.callbackSecret, 'callbackSecret', 'SECRET_INVALID'),
      toleranceSeconds: readTolerance(options.toleranceSeconds, 'toleranceSeconds'),
      now: readNow(options.now, 'now'),
    };
    return verifyCallback(runtime, body, verifier, 'now');
  });
}
