// ZEGO's callback signature: the field spellings, the checks and the messages, written once against
// the runtime seam (its `sha1HexEquals`: synchronous on Node, a promise on the Web).
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

/** ZEGO's field names: RTC and ZIM; MiniGame; Digital Human. */
const SPELLINGS = [
  { naming: 'signature/timestamp/nonce', signature: 'signature', timestamp: 'timestamp', nonce: 'nonce' },
  {
    naming: 'Signature/Timestamp/SignatureNonce',
    signature: 'Signature',
    timestamp: 'Timestamp',
    nonce: 'SignatureNonce',
  },
  { naming: 'Signature/Timestamp/Nonce', signature: 'Signature', timestamp: 'Timestamp', nonce: 'Nonce' },
] as const satisfies readonly {
  naming: ZegoCallbackSignature['naming'];
  signature: string;
  timestamp: string;
  nonce: string;
}[];

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
  const nowSeconds = Math.floor(nowMs / 1000);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    invalid(`the callback body must be an object, got ${describe(body)}`);
  }
  const fields = body as Record<string, unknown>;
  const spelling = SPELLINGS.find((names) =>
    [names.signature, names.timestamp, names.nonce].every((name) => Object.hasOwn(fields, name)),
  );
  if (spelling === undefined) {
    invalid(
      'the callback has no signature, timestamp and nonce (as signature/timestamp/nonce, or Signature/Timestamp/SignatureNonce or Nonce)',
    );
  }
  const timestamp = fieldText(fields, spelling.timestamp);
  const nonce = fieldText(fields, spelling.nonce);
  const given = fields[spelling.signature];
  const signature = typeof given === 'string' ? given.toLowerCase() : undefined;
  const givenBytes = signature === undefined ? undefined : encoder.encode(signature);
  if (signature === undefined || givenBytes === undefined || givenBytes.length !== SIGNATURE_LENGTH) {
    invalid(`the callback's ${spelling.signature} must be ${SIGNATURE_LENGTH} hex characters, got ${describe(given)}`);
  }
  const joined = [callbackSecret, timestamp, nonce].sort().join('');
  const checkTime = (matched: boolean): VerifiedZegoCallback => {
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
    const signed = {
      naming: spelling.naming,
      algorithm: 'sha1',
      signature,
      timestamp,
      nonce,
      timestampMs: seconds * 1000,
    } as const;
    return { body: fields, signed };
  };
  return runtime.after(runtime.sha1HexEquals(joined, givenBytes), checkTime);
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
