import { Buffer } from 'node:buffer';
import { createHash, timingSafeEqual } from 'node:crypto';
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

/** The verifier's options, read and checked once. */
export interface CallbackVerifier {
  /** Checks one parsed body; throws `CALLBACK_SIGNATURE_INVALID` or `CALLBACK_EXPIRED`. */
  verify(body: unknown): Record<string, unknown>;
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
export function createCallbackVerifier(
  options: { callbackSecret?: unknown; toleranceSeconds?: unknown; now?: unknown },
  names: {
    callbackSecret: string;
    toleranceSeconds: string;
    now: string;
    secretCode: 'SECRET_INVALID' | 'OPTION_INVALID';
  },
): CallbackVerifier {
  const callbackSecret = readSecret(options.callbackSecret, names.callbackSecret, names.secretCode);
  const toleranceSeconds = readTolerance(options.toleranceSeconds, names.toleranceSeconds);
  const { now } = options;
  if (now !== undefined && typeof now !== 'function') {
    fail('OPTION_INVALID', `${names.now} must be a function returning milliseconds, got ${describe(now)}`);
  }
  return {
    toleranceSeconds,
    verify: (body) => checkCallback(body, callbackSecret, toleranceSeconds, readClock(now, names.now)),
  };
}

function checkCallback(
  body: unknown,
  callbackSecret: string,
  tolerance: number,
  nowMs: number,
): Record<string, unknown> {
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
  const givenBytes = typeof given === 'string' ? Buffer.from(given.toLowerCase(), 'utf8') : undefined;
  if (givenBytes === undefined || givenBytes.length !== SIGNATURE_LENGTH) {
    invalid(`the callback's ${spelling.signature} must be ${SIGNATURE_LENGTH} hex characters, got ${describe(given)}`);
  }
  const joined = [callbackSecret, timestamp, nonce].sort().join('');
  const expected = createHash('sha1').update(joined, 'utf8').digest();
  if (!timingSafeEqual(givenBytes, Buffer.from(expected.toString('hex'), 'utf8'))) {
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
}

/**
 * Verifies a ZEGO callback's signature and age, and returns the body. `body` is the parsed JSON (or
 * form) body. The signature is `sha1` over the CallbackSecret, the timestamp and the nonce, sorted as
 * strings and joined, compared in constant time; the fields may be spelled `signature`/`timestamp`/`nonce`
 * (RTC, ZIM), `Signature`/`Timestamp`/`SignatureNonce` (MiniGame) or `Signature`/`Timestamp`/`Nonce`,
 * with numbers or strings as values.
 *
 * Throws `CALLBACK_SIGNATURE_INVALID` (401) when the signature is missing or wrong, `CALLBACK_EXPIRED`
 * (401) when the timestamp is more than `toleranceSeconds` from `now`, and `SECRET_INVALID` or
 * `OPTION_INVALID` for bad options. It keeps no record of nonces: ZEGO retries a callback it got no
 * HTTP 200 for, so make the handler idempotent rather than refuse repeats.
 */
export function verifyZegoCallback<T extends object = Record<string, unknown>>(
  body: unknown,
  options: VerifyZegoCallbackOptions,
): T {
  assertOptionsObject(options, 'verifyZegoCallback options');
  assertKnownKeys(options as unknown as Record<string, unknown>, VERIFY_KEYS, 'verifyZegoCallback', VERIFY_HINTS);
  const verifier = createCallbackVerifier(options, {
    callbackSecret: 'callbackSecret',
    toleranceSeconds: 'toleranceSeconds',
    now: 'now',
    secretCode: 'SECRET_INVALID',
  });
  return verifier.verify(body) as T;
}
