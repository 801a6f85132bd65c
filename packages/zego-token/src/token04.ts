import { Buffer } from 'node:buffer';
import {
  type CipherGCM,
  createCipheriv,
  createDecipheriv,
  createSecretKey,
  type KeyObject,
  randomFillSync,
} from 'node:crypto';
import { ZegoTokenError } from './errors.js';
import type { IssuedToken } from './issued-token.js';
import {
  assertAppId,
  assertEffectiveTime,
  assertKnownKeys,
  assertMode,
  assertNonce,
  assertOptionsObject,
  assertSecret,
  assertUserId,
  describe,
  fail,
  normalizePayload,
  readClock,
} from './validate.js';

/** `'gcm'`: AES-256-GCM, what ZEGO recommends (the default). `'cbc'`: the legacy AES-CBC variant. */
export type Token04Mode = 'gcm' | 'cbc';

/** A payload: the string the token carries, or an object serialised with `JSON.stringify`. */
export type Token04Payload = string | Readonly<Record<string, unknown>>;

const VERSION = '04';
const GCM_IV_BYTES = 12;
const CBC_IV_BYTES = 16;
const GCM_TAG_BYTES = 16;
const MODE_CBC = 0;
const MODE_GCM = 1;
const MAX_FIELD = 0xffff;
/** expire (8) + ivLen (2) + the larger IV (16) + cipherLen (2) + the largest cipher + mode byte (1). */
const MAX_TOKEN_BYTES = 8 + 2 + CBC_IV_BYTES + 2 + MAX_FIELD + 1;
/** The longest string the format allows: "04" + base64 of MAX_TOKEN_BYTES (87,422 characters). */
export const MAX_TOKEN_LENGTH = VERSION.length + 4 * Math.ceil(MAX_TOKEN_BYTES / 3);
const MIN_TOKEN_BYTES = 8 + 2 + GCM_IV_BYTES + 2 + CBC_IV_BYTES;

// ---------------------------------------------------------------------------------------------
// Keys and randomness

const keyCache = new Map<string, KeyObject>();
const KEY_CACHE_LIMIT = 16;

/** A KeyObject per secret, so that hot paths do not copy the key into a new buffer per call. */
function keyFor(secret: string): KeyObject {
  let key = keyCache.get(secret);
  if (key === undefined) {
    if (keyCache.size >= KEY_CACHE_LIMIT) keyCache.clear();
    key = createSecretKey(Buffer.from(secret, 'utf8'));
    keyCache.set(secret, key);
  }
  return key;
}

// CSPRNG bytes drawn in batches: one `randomFillSync` call serves many tokens. Every byte is handed
// out once; a refill allocates a new pool, so earlier views stay valid and are never rewritten.
const POOL_BYTES = 4096;
let pool = Buffer.alloc(0);
let poolOffset = 0;

/**
 * Reserves the next `length` unused bytes of `pool` and returns their offset. Read them before the
 * next call, which may switch to a fresh pool. `length` is far below POOL_BYTES (at most 20).
 */
function takeRandomBytes(length: number): number {
  if (poolOffset + length > pool.length) {
    pool = randomFillSync(Buffer.allocUnsafeSlow(POOL_BYTES));
    poolOffset = 0;
  }
  const at = poolOffset;
  poolOffset += length;
  return at;
}

// ---------------------------------------------------------------------------------------------
// Encoding

export interface EncodeToken04Options {
  /** Your AppID: an integer from 1 to 4294967295. */
  appId: number;
  /** The user the token is for: 1 to 64 UTF-8 bytes, no control characters. */
  userId: string;
  /** The 32-byte ServerSecret from the ZEGO console, used as the AES-256 key as it is. */
  serverSecret: string;
  /** Creation time in Unix seconds. */
  ctime: number;
  /** Lifetime in seconds; the token expires at `ctime + effectiveTimeInSeconds`. */
  effectiveTimeInSeconds: number;
  /** A 32-bit signed integer. */
  nonce: number;
  /** 12 bytes for GCM, 16 for CBC. */
  iv: Uint8Array;
  /** Defaults to `''`. */
  payload?: Token04Payload | undefined;
  /** Defaults to `'gcm'`. */
  mode?: Token04Mode | undefined;
}

const ENCODE_KEYS = {
  appId: true,
  userId: true,
  serverSecret: true,
  ctime: true,
  effectiveTimeInSeconds: true,
  nonce: true,
  iv: true,
  payload: true,
  mode: true,
} as const satisfies Record<keyof EncodeToken04Options, true>;

const SECRET_HINTS = { secret: 'serverSecret', appID: 'appId', userID: 'userId' } as const;

interface Claims {
  appId: number;
  userId: string;
  ctime: number;
  effectiveTimeInSeconds: number;
  nonce: number;
  payload: string;
  mode: Token04Mode;
}

const GCM_OPTIONS = { authTagLength: GCM_TAG_BYTES } as const;
const TWO_TO_32 = 0x1_0000_0000;

/**
 * The one place a token is assembled; inputs are already validated. The IV is `ivLength` bytes of
 * `ivSource` from `ivAt`: the caller's IV, or fresh bytes in the CSPRNG pool.
 */
function assemble(claims: Claims, secret: string, ivSource: Uint8Array, ivAt: number, ivLength: number): string {
  const { ctime } = claims;
  const expire = ctime + claims.effectiveTimeInSeconds;
  // Exactly what JSON.stringify gives for { app_id, user_id, nonce, ctime, expire, payload } in this
  // key order (ZEGO's servers parse it, and the vectors pin the bytes): the numbers are integers,
  // which JSON writes as String() does, and the strings go through JSON.stringify itself.
  const plaintext = `{"app_id":${claims.appId},"user_id":${JSON.stringify(claims.userId)},"nonce":${claims.nonce},"ctime":${ctime},"expire":${expire},"payload":${JSON.stringify(claims.payload)}}`;
  const gcm = claims.mode === 'gcm';
  // The token is written into one buffer of its final size (GCM adds the tag, CBC pads to whole
  // blocks); the IV is copied to its place there, and the cipher reads it from there.
  const plaintextBytes = Buffer.byteLength(plaintext, 'utf8');
  const cipherLength = gcm ? plaintextBytes + GCM_TAG_BYTES : (Math.floor(plaintextBytes / 16) + 1) * 16;
  if (cipherLength > MAX_FIELD) {
    fail(
      'PAYLOAD_INVALID',
      `the token's content is too large: ${cipherLength} encrypted bytes, the format allows ${MAX_FIELD}; shorten the payload`,
    );
  }
  const cipherAt = 12 + ivLength;
  const out = Buffer.allocUnsafe(cipherAt + cipherLength + (gcm ? 1 : 0));
  // The expiry as a big-endian int64 (non-negative and safe, so two uint32 halves), then the IV.
  out.writeUInt32BE(Math.floor(expire / TWO_TO_32), 0);
  out.writeUInt32BE(expire >>> 0, 4);
  out.writeUInt16BE(ivLength, 8);
  for (let i = 0; i < ivLength; i++) out[10 + i] = ivSource[ivAt + i] as number;
  out.writeUInt16BE(cipherLength, 10 + ivLength);
  const iv = out.subarray(10, 10 + ivLength);
  const key = keyFor(secret);
  const cipher = gcm ? createCipheriv('aes-256-gcm', key, iv, GCM_OPTIONS) : createCipheriv('aes-256-cbc', key, iv);
  let at = cipherAt;
  const body = cipher.update(plaintext, 'utf8');
  out.set(body, at);
  at += body.length;
  const last = cipher.final();
  if (last.length > 0) {
    out.set(last, at);
    at += last.length;
  }
  if (gcm) {
    out.set((cipher as CipherGCM).getAuthTag(), at);
    at += GCM_TAG_BYTES;
    out[at++] = MODE_GCM;
  }
  if (at !== out.length) throw new Error('zego-token: internal error: the ciphertext has an unexpected length');
  return VERSION + out.toString('base64');
}

function assertCtime(value: unknown): asserts value is number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    fail('OPTION_INVALID', `ctime must be a non-negative integer (Unix seconds), got ${describe(value)}`);
  }
}

function assertExpireFits(ctime: number, effectiveTimeInSeconds: number): void {
  if (!Number.isSafeInteger(ctime + effectiveTimeInSeconds)) {
    fail('EFFECTIVE_TIME_INVALID', 'effectiveTimeInSeconds is too large: the expiry time would overflow');
  }
}

/**
 * Encodes a Token04 from explicit inputs: no clock, no randomness. Use it for tests and vectors;
 * use `createToken04` or `generateToken04` to mint real tokens.
 */
export function encodeToken04(options: EncodeToken04Options): string {
  assertOptionsObject(options, 'encodeToken04 options');
  assertKnownKeys(options as unknown as Record<string, unknown>, ENCODE_KEYS, 'encodeToken04', SECRET_HINTS);
  const { appId, userId, serverSecret, ctime, effectiveTimeInSeconds, nonce, iv } = options;
  const mode = options.mode ?? 'gcm';
  assertAppId(appId);
  assertUserId(userId);
  assertSecret(serverSecret);
  assertEffectiveTime(effectiveTimeInSeconds);
  assertMode(mode);
  assertCtime(ctime);
  assertExpireFits(ctime, effectiveTimeInSeconds);
  assertNonce(nonce);
  const ivBytes = mode === 'gcm' ? GCM_IV_BYTES : CBC_IV_BYTES;
  if (!(iv instanceof Uint8Array) || iv.length !== ivBytes) {
    fail('IV_INVALID', `iv must be a Uint8Array of ${ivBytes} bytes for ${mode}, got ${describe(iv)}`);
  }
  const payload = normalizePayload(options.payload);
  return assemble({ appId, userId, ctime, effectiveTimeInSeconds, nonce, payload, mode }, serverSecret, iv, 0, ivBytes);
}

export interface CreateToken04Options {
  /** Your AppID: an integer from 1 to 4294967295. */
  appId: number;
  /** The user the token is for: 1 to 64 UTF-8 bytes, no control characters. */
  userId: string;
  /** The 32-byte ServerSecret from the ZEGO console. */
  serverSecret: string;
  /** Lifetime in seconds (a positive integer). */
  effectiveTimeInSeconds: number;
  /** A string, or an object serialised with `JSON.stringify` (see `roomPayload`). Defaults to `''`. */
  payload?: Token04Payload | undefined;
  /** Defaults to `'gcm'`. */
  mode?: Token04Mode | undefined;
  /** The clock, in milliseconds like `Date.now` (the default). */
  now?: (() => number) | undefined;
}

const CREATE_KEYS = {
  appId: true,
  userId: true,
  serverSecret: true,
  effectiveTimeInSeconds: true,
  payload: true,
  mode: true,
  now: true,
} as const satisfies Record<keyof CreateToken04Options, true>;

/** What `createToken04` returns: the issued token and its mode. */
export interface CreatedToken04 extends IssuedToken {
  mode: Token04Mode;
}

/** Mints a token with a fresh random IV and nonce from `node:crypto`, and tells you what it holds. */
export function createToken04(options: CreateToken04Options): CreatedToken04 {
  assertOptionsObject(options, 'createToken04 options');
  assertKnownKeys(options as unknown as Record<string, unknown>, CREATE_KEYS, 'createToken04', SECRET_HINTS);
  const { appId, userId, serverSecret, effectiveTimeInSeconds } = options;
  const mode = options.mode ?? 'gcm';
  assertAppId(appId);
  assertUserId(userId);
  assertSecret(serverSecret);
  assertEffectiveTime(effectiveTimeInSeconds);
  assertMode(mode);
  const payload = normalizePayload(options.payload);
  const issuedAt = Math.floor(readClock(options.now) / 1000);
  return mintToken04({ appId, serverSecret, mode }, userId, effectiveTimeInSeconds, payload, issuedAt);
}

/**
 * A drop-in for ZEGO's `generateToken04` helper: same positional arguments, returns the token
 * (AES-GCM). Unlike the helper it does not log, draws its IV and nonce from `node:crypto`, and
 * throws `ZegoTokenError` (which still carries the helper's `errorCode` and `errorMessage`).
 */
export function generateToken04(
  appId: number,
  userId: string,
  secret: string,
  effectiveTimeInSeconds: number,
  payload?: Token04Payload,
): string {
  assertAppId(appId, 'appId');
  assertUserId(userId, 'userId');
  assertSecret(secret, 'secret');
  assertEffectiveTime(effectiveTimeInSeconds);
  return mintToken04(
    { appId, serverSecret: secret, mode: 'gcm' },
    userId,
    effectiveTimeInSeconds,
    normalizePayload(payload),
  ).token;
}

/**
 * For the token issuer, which validated the app, the secret and the mode once at construction:
 * mints with fresh randomness and checks only what varies per request. Not part of the public API.
 */
export function mintToken04(
  config: { appId: number; serverSecret: string; mode: Token04Mode },
  userId: string,
  effectiveTimeInSeconds: number,
  payload: string,
  issuedAt: number = Math.floor(Date.now() / 1000),
): CreatedToken04 {
  assertExpireFits(issuedAt, effectiveTimeInSeconds);
  const { appId, serverSecret, mode } = config;
  const ivLength = mode === 'gcm' ? GCM_IV_BYTES : CBC_IV_BYTES;
  // One reservation for the IV and the nonce (4 bytes read as an int32: the whole range, negatives
  // included); both are read before the pool can change.
  const at = takeRandomBytes(ivLength + 4);
  const nonce = pool.readInt32BE(at + ivLength);
  const token = assemble(
    { appId, userId, ctime: issuedAt, effectiveTimeInSeconds, nonce, payload, mode },
    serverSecret,
    pool,
    at,
    ivLength,
  );
  return { token, appId, userId, issuedAt, expiresAt: issuedAt + effectiveTimeInSeconds, effectiveTimeInSeconds, mode };
}

// ---------------------------------------------------------------------------------------------
// Reading

export interface InspectedToken04 {
  version: '04';
  mode: Token04Mode;
  /** Unix seconds, from the token's clear header (not authenticated until decoded with the secret). */
  expiresAt: number;
  ivLength: number;
  cipherLength: number;
}

interface ParsedToken04 extends InspectedToken04 {
  iv: Buffer;
  cipher: Buffer;
}

function malformed(message: string): never {
  throw new ZegoTokenError('TOKEN_MALFORMED', message);
}

/** Splits a token into its fields; checks everything that can be checked without the secret. */
function parse(token: unknown): ParsedToken04 {
  if (typeof token !== 'string') malformed(`a token must be a string, got ${describe(token)}`);
  if (token.length === 0) malformed('the token is empty');
  if (token.length > MAX_TOKEN_LENGTH) {
    malformed(`the token is ${token.length} characters long; a Token04 is at most ${MAX_TOKEN_LENGTH}`);
  }
  if (!token.startsWith(VERSION)) {
    if (/^\d\d/.test(token)) {
      throw new ZegoTokenError(
        'TOKEN_VERSION_UNSUPPORTED',
        `the token's version is "${token.slice(0, 2)}"; only Token04 ("04…") is supported`,
      );
    }
    malformed('a Token04 starts with "04"');
  }
  const encoded = token.slice(VERSION.length);
  const bytes = Buffer.from(encoded, 'base64');
  // Node's decoder skips characters outside the alphabet and tolerates missing padding; a
  // canonical round trip rejects all of that (and non-zero padding bits) in one comparison.
  if (encoded.length % 4 !== 0 || bytes.toString('base64') !== encoded) {
    malformed('the part after "04" is not canonical base64');
  }
  if (bytes.length < MIN_TOKEN_BYTES) malformed(`the token is too short (${bytes.length} bytes)`);

  const expire = bytes.readBigInt64BE(0);
  if (expire < 0n || expire > BigInt(Number.MAX_SAFE_INTEGER)) malformed('the expiry in the header is out of range');
  const ivLength = bytes.readUInt16BE(8);
  if (ivLength !== GCM_IV_BYTES && ivLength !== CBC_IV_BYTES) {
    malformed(`the IV is ${ivLength} bytes; Token04 uses ${GCM_IV_BYTES} (GCM) or ${CBC_IV_BYTES} (CBC)`);
  }
  const cipherLengthAt = 10 + ivLength;
  if (bytes.length < cipherLengthAt + 2) malformed('the token ends inside its header');
  const cipherLength = bytes.readUInt16BE(cipherLengthAt);
  const cipherAt = cipherLengthAt + 2;
  const trailing = bytes.length - cipherAt - cipherLength;
  if (trailing < 0) malformed('the token is shorter than its cipher length says (truncated?)');
  if (trailing > 1) malformed(`the token has ${trailing} unexpected bytes after the ciphertext`);

  let mode: Token04Mode;
  const modeByte = trailing === 1 ? bytes[bytes.length - 1] : MODE_CBC;
  if (modeByte === MODE_GCM) mode = 'gcm';
  else if (modeByte === MODE_CBC) mode = 'cbc';
  else malformed(`unknown encryption mode byte ${modeByte}`);

  if (mode === 'gcm') {
    if (ivLength !== GCM_IV_BYTES) malformed(`a GCM token needs a ${GCM_IV_BYTES}-byte nonce, got ${ivLength}`);
    if (cipherLength <= GCM_TAG_BYTES) malformed('the GCM ciphertext is too short to hold its tag');
  } else {
    if (ivLength !== CBC_IV_BYTES) malformed(`a CBC token needs a ${CBC_IV_BYTES}-byte IV, got ${ivLength}`);
    if (cipherLength === 0 || cipherLength % 16 !== 0) malformed('the CBC ciphertext is not a whole number of blocks');
  }

  return {
    version: VERSION,
    mode,
    expiresAt: Number(expire),
    ivLength,
    cipherLength,
    iv: bytes.subarray(10, 10 + ivLength),
    cipher: bytes.subarray(cipherAt, cipherAt + cipherLength),
  };
}

/** Reads what a token shows without the secret: its version, mode, expiry and field sizes. */
export function inspectToken04(token: string): InspectedToken04 {
  const { version, mode, expiresAt, ivLength, cipherLength } = parse(token);
  return { version, mode, expiresAt, ivLength, cipherLength };
}

/** A token's claims: the identity and times of an `IssuedToken`, and what only the plaintext holds. */
export interface DecodedToken04 extends Pick<IssuedToken, 'appId' | 'userId' | 'issuedAt' | 'expiresAt'> {
  version: '04';
  mode: Token04Mode;
  nonce: number;
  /** The payload string the token carries (`''` when none). */
  payload: string;
}

const DECRYPT_FAILED =
  'the token could not be decrypted with this ServerSecret (a wrong secret, or a token for another app?)';

function decrypt(parsed: ParsedToken04, secret: string): string {
  try {
    if (parsed.mode === 'gcm') {
      const tagAt = parsed.cipher.length - GCM_TAG_BYTES;
      const decipher = createDecipheriv('aes-256-gcm', keyFor(secret), parsed.iv, { authTagLength: GCM_TAG_BYTES });
      decipher.setAuthTag(parsed.cipher.subarray(tagAt));
      return decipher.update(parsed.cipher.subarray(0, tagAt), undefined, 'utf8') + decipher.final('utf8');
    }
    const decipher = createDecipheriv('aes-256-cbc', keyFor(secret), parsed.iv);
    return decipher.update(parsed.cipher, undefined, 'utf8') + decipher.final('utf8');
  } catch {
    // Node's message says nothing secret, but there is nothing in it for the caller either.
    throw new ZegoTokenError('TOKEN_DECRYPT_FAILED', DECRYPT_FAILED);
  }
}

function isInt(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

/**
 * Decrypts a token with the ServerSecret and returns its claims. It does not check expiry or
 * identity: that is `verifyToken04`. Throws only `ZegoTokenError`.
 */
export function decodeToken04(token: string, secret: string): DecodedToken04 {
  assertSecret(secret, 'secret');
  const parsed = parse(token);
  const plaintext = decrypt(parsed, secret);
  // A wrong CBC secret passes the padding check about once in 256 and yields garbage, so
  // anything that does not read back as ZEGO's claims is a decryption failure too.
  let claims: unknown;
  try {
    claims = JSON.parse(plaintext);
  } catch {
    throw new ZegoTokenError('TOKEN_DECRYPT_FAILED', DECRYPT_FAILED);
  }
  if (typeof claims !== 'object' || claims === null) throw new ZegoTokenError('TOKEN_DECRYPT_FAILED', DECRYPT_FAILED);
  const { app_id, user_id, nonce, ctime, expire, payload } = claims as Record<string, unknown>;
  if (
    !isInt(app_id, 0, 0xffff_ffff) ||
    typeof user_id !== 'string' ||
    !isInt(nonce, -0x8000_0000, 0xffff_ffff) ||
    !isInt(ctime, 0, Number.MAX_SAFE_INTEGER) ||
    !isInt(expire, 0, Number.MAX_SAFE_INTEGER) ||
    (payload !== undefined && typeof payload !== 'string')
  ) {
    throw new ZegoTokenError('TOKEN_DECRYPT_FAILED', DECRYPT_FAILED);
  }
  // GCM does not authenticate the clear header, so it must agree with the encrypted expiry.
  if (expire !== parsed.expiresAt) {
    malformed("the expiry in the token's header does not match the encrypted one (the header was altered)");
  }
  return {
    version: VERSION,
    mode: parsed.mode,
    appId: app_id,
    userId: user_id,
    nonce,
    issuedAt: ctime,
    expiresAt: expire,
    payload: payload ?? '',
  };
}

export interface VerifyToken04Options {
  /** The 32-byte ServerSecret from the ZEGO console. */
  serverSecret: string;
  /** When given, the token must be for this AppID. */
  appId?: number | undefined;
  /** When given, the token must be for this userId. */
  userId?: string | undefined;
  /** The clock, in milliseconds like `Date.now` (the default). */
  now?: (() => number) | undefined;
  /** Seconds of clock skew to allow past the expiry. Defaults to `0`. */
  clockToleranceSeconds?: number | undefined;
}

const VERIFY_KEYS = {
  serverSecret: true,
  appId: true,
  userId: true,
  now: true,
  clockToleranceSeconds: true,
} as const satisfies Record<keyof VerifyToken04Options, true>;

/**
 * Decodes a token, then rejects one that has expired (`TOKEN_EXPIRED`) or was minted for another
 * app (`TOKEN_APP_ID_MISMATCH`) or user (`TOKEN_USER_ID_MISMATCH`). Returns the claims.
 */
export function verifyToken04(token: string, options: VerifyToken04Options): DecodedToken04 {
  assertOptionsObject(options, 'verifyToken04 options');
  assertKnownKeys(options as unknown as Record<string, unknown>, VERIFY_KEYS, 'verifyToken04', SECRET_HINTS);
  const tolerance = options.clockToleranceSeconds ?? 0;
  if (typeof tolerance !== 'number' || !Number.isSafeInteger(tolerance) || tolerance < 0) {
    fail('OPTION_INVALID', `clockToleranceSeconds must be a non-negative integer, got ${describe(tolerance)}`);
  }
  if (options.appId !== undefined) assertAppId(options.appId);
  if (options.userId !== undefined) assertUserId(options.userId);
  assertSecret(options.serverSecret);
  const nowSeconds = Math.floor(readClock(options.now) / 1000);

  const claims = decodeToken04(token, options.serverSecret);
  if (options.appId !== undefined && claims.appId !== options.appId) {
    throw new ZegoTokenError('TOKEN_APP_ID_MISMATCH', `the token is for AppID ${claims.appId}, not ${options.appId}`);
  }
  if (options.userId !== undefined && claims.userId !== options.userId) {
    throw new ZegoTokenError(
      'TOKEN_USER_ID_MISMATCH',
      `the token is for userId ${JSON.stringify(claims.userId)}, not ${JSON.stringify(options.userId)}`,
    );
  }
  if (nowSeconds >= claims.expiresAt + tolerance) {
    throw new ZegoTokenError(
      'TOKEN_EXPIRED',
      `the token expired at ${new Date(claims.expiresAt * 1000).toISOString()} (${nowSeconds - claims.expiresAt} s ago)`,
    );
  }
  return claims;
}
