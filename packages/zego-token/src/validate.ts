import { describe } from './describe.js';
import { ZegoTokenError, type ZegoTokenErrorCode } from './errors.js';
import { utf8ByteLength } from './utf8.js';

export { describe };

export const MAX_APP_ID = 0xffff_ffff;
export const MAX_USER_ID_BYTES = 64;
export const SECRET_BYTES = 32;

// C0 and C1 control characters and DEL.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * ZEGO's documented userID character set: digits, English letters and
 * ``~!@#$%^&*()_+=-`;',.<>/\`` (Express `ZegoUser` docs). The token route checks it by default.
 */
export const ZEGO_USER_ID_PATTERN: RegExp = /^[0-9A-Za-z~!@#$%^&*()_+=\-`;',.<>/\\]{1,64}$/;

/** ZEGO's roomID rule: the userID's character set, under 128 bytes (errors 1002011–1002013). */
export const ZEGO_ROOM_ID_PATTERN: RegExp = new RegExp(ZEGO_USER_ID_PATTERN.source.replace('{1,64}', '{1,127}'));

export function fail(code: ZegoTokenErrorCode, message: string): never {
  throw new ZegoTokenError(code, message);
}

// Each validator takes the name its message gives the value (`appId`, `--app-id`, "zego-token option
// `appId`") and, for configuration, the code to throw (`OPTION_INVALID` instead of the value's own).

export function assertAppId(
  value: unknown,
  name = 'appId',
  code: ZegoTokenErrorCode = 'APP_ID_INVALID',
): asserts value is number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_APP_ID) {
    fail(
      code,
      `${name} must be an integer from 1 to ${MAX_APP_ID} (the AppID in the ZEGO console), got ${describe(value)}${appIdHint(value)}`,
    );
  }
}

function appIdHint(value: unknown): string {
  if (typeof value === 'string' && /^\s*\d+\s*$/.test(value)) return ' (digits in a string: pass Number(...) instead)';
  if (value === 0) return " (Number('') is 0: an empty environment variable?)";
  return '';
}

export function assertUserId(
  value: unknown,
  name = 'userId',
  code: ZegoTokenErrorCode = 'USER_ID_INVALID',
): asserts value is string {
  if (typeof value !== 'string' || value.length === 0) {
    fail(code, `${name} must be a non-empty string, got ${describe(value)}`);
  }
  const bytes = utf8ByteLength(value);
  if (bytes > MAX_USER_ID_BYTES) {
    fail(code, `${name} must be at most ${MAX_USER_ID_BYTES} UTF-8 bytes, got ${bytes}`);
  }
  if (CONTROL_CHARACTERS.test(value) || !value.isWellFormed()) {
    fail(code, `${name} must not contain control characters or unpaired surrogates`);
  }
}

/** The stricter check: ZEGO's documented character set (see `ZEGO_USER_ID_PATTERN`). */
export function assertZegoUserId(
  value: unknown,
  name = 'userId',
  code: ZegoTokenErrorCode = 'USER_ID_INVALID',
): asserts value is string {
  // The pattern admits only 1–64 printable ASCII characters, so a match passes every format check
  // too (the route's hot path); anything else takes the full checks, which say precisely what is wrong.
  if (typeof value === 'string' && ZEGO_USER_ID_PATTERN.test(value)) return;
  assertUserId(value, name, code);
  if (!ZEGO_USER_ID_PATTERN.test(value)) {
    fail(
      code,
      `${name} has characters outside ZEGO's documented set (digits, letters and ~!@#$%^&*()_+=-\`;',.<>/\\); ZEGO SDKs would refuse to log in with it. Map your user IDs to this set, or set \`validateUserId: false\` to mint anyway`,
    );
  }
}

export function assertSecret(
  value: unknown,
  name = 'serverSecret',
  code: ZegoTokenErrorCode = 'SECRET_INVALID',
): asserts value is string {
  if (typeof value !== 'string') {
    fail(code, `${name} must be the 32-character ServerSecret string, got ${describe(value)}`);
  }
  const bytes = utf8ByteLength(value);
  if (bytes !== SECRET_BYTES) {
    fail(
      code,
      `${name} must be exactly ${SECRET_BYTES} bytes (the ServerSecret from the ZEGO console), got ${bytes} bytes${secretHint(value)}`,
    );
  }
}

/** The usual ways a copied secret goes wrong, said without repeating any of it. */
function secretHint(secret: string): string {
  if (secret.length === 0) return '';
  const trimmed = secret.trim();
  if (trimmed !== secret && utf8ByteLength(trimmed) === SECRET_BYTES) {
    return secret.trimEnd() === trimmed && /[\r\n]$/.test(secret)
      ? ': a trailing newline? Trim what you read from the file or environment'
      : ': whitespace around it? Trim it';
  }
  // The AppSign is 64 hex digits, and it is often pasted where the ServerSecret belongs.
  if (/^[0-9a-f]{64}$/i.test(trimmed)) return ': that looks like the 64-character AppSign, not the ServerSecret';
  return '';
}

export function assertEffectiveTime(
  value: unknown,
  name = 'effectiveTimeInSeconds',
  code: ZegoTokenErrorCode = 'EFFECTIVE_TIME_INVALID',
): asserts value is number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) {
    fail(code, `${name} must be a positive integer number of seconds, got ${describe(value)}`);
  }
}

export function assertNonce(value: unknown): asserts value is number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < -0x8000_0000 || value > 0x7fff_ffff) {
    fail('NONCE_INVALID', `nonce must be a 32-bit signed integer, got ${describe(value)}`);
  }
}

export function assertMode(
  value: unknown,
  name = 'mode',
  code: ZegoTokenErrorCode = 'OPTION_INVALID',
): asserts value is 'gcm' | 'cbc' {
  if (value !== 'gcm' && value !== 'cbc') {
    fail(code, `${name} must be 'gcm' or 'cbc', got ${describe(value)}`);
  }
}

/** Turns a payload option into the string the token carries. */
export function normalizePayload(
  value: unknown,
  name = 'payload',
  code: ZegoTokenErrorCode = 'PAYLOAD_INVALID',
): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'object') {
    let json: string | undefined;
    try {
      json = JSON.stringify(value);
    } catch {
      fail(code, `${name} could not be serialised to JSON (a cycle or a BigInt?)`);
    }
    if (typeof json !== 'string') fail(code, `${name} did not serialise to a JSON string`);
    return json;
  }
  return fail(code, `${name} must be a string or a JSON-serialisable object, got ${describe(value)}`);
}

export function assertOptionsObject(value: unknown, name: string): asserts value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail('OPTION_INVALID', `${name} must be an options object, got ${describe(value)}`);
  }
}

/** Rejects keys the options type does not declare (a typo would otherwise be silently ignored). */
export function assertKnownKeys(
  options: Record<string, unknown>,
  known: Readonly<Record<string, true>>,
  context: string,
  hints: Readonly<Record<string, string>> = {},
): void {
  for (const key of Object.keys(options)) {
    if (!Object.hasOwn(known, key)) {
      const hint = hints[key];
      fail(
        'OPTION_INVALID',
        `${context}: unknown option \`${key}\`${hint ? ` (did you mean \`${hint}\`?)` : ''}; known options: ${Object.keys(known).join(', ')}`,
      );
    }
  }
}

/** Reads a clock function that returns milliseconds, like `Date.now`. */
export function readClock(now: unknown, name = 'now'): number {
  if (now === undefined) return Date.now();
  if (typeof now !== 'function') fail('OPTION_INVALID', `${name} must be a function returning milliseconds`);
  const ms: unknown = now();
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) {
    fail('OPTION_INVALID', `${name}() must return a non-negative number of milliseconds, got ${describe(ms)}`);
  }
  return ms;
}
