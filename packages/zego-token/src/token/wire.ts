// The Token04 wire format, and nothing else: no key, no cipher, no `node:` import, no `Buffer`.
// The Node codec, the Web Crypto codec (`zego-token/web`) and `zego-token/client` all read tokens
// through this module, so the format is written down once.
//
//   "04" + base64( int64 BE expire | uint16 BE ivLen | iv | uint16 BE cipherLen | cipher [| uint8 mode] )
//
// The cipher is AES-256 over the JSON claims `{app_id, user_id, nonce, ctime, expire, payload}` (in
// that key order). GCM (mode byte 1): a 12-byte nonce and a 16-byte tag after the ciphertext. Legacy
// CBC (no mode byte, or 0): a 16-byte IV and PKCS#7 padding.

import { describe } from '../describe.js';

/** `'gcm'`: AES-256-GCM, what ZEGO recommends (the default). `'cbc'`: the legacy AES-CBC variant. */
export type Token04Mode = 'gcm' | 'cbc';

export const TOKEN04_VERSION = '04';
export const GCM_IV_BYTES = 12;
export const CBC_IV_BYTES = 16;
export const GCM_TAG_BYTES = 16;
const CBC_BLOCK_BYTES = 16;
const MODE_BYTE_CBC = 0;
const MODE_BYTE_GCM = 1;
/** The largest value of a uint16 length field: the longest IV or ciphertext a token can carry. */
export const MAX_FIELD_BYTES = 0xffff;
/** expire (8) + ivLen (2) + the larger IV (16) + cipherLen (2) + the largest cipher + mode byte (1). */
const MAX_TOKEN_BYTES = 8 + 2 + CBC_IV_BYTES + 2 + MAX_FIELD_BYTES + 1;
/** The longest string the format allows: "04" + base64 of the largest token (87,422 characters). */
export const MAX_TOKEN_LENGTH = TOKEN04_VERSION.length + 4 * Math.ceil(MAX_TOKEN_BYTES / 3);
/** expire (8) + ivLen (2) + a GCM IV (12) + cipherLen (2) + at least one block or tag (16). */
const MIN_TOKEN_BYTES = 8 + 2 + GCM_IV_BYTES + 2 + 16;

/** The claims a token's plaintext holds, with the names this package uses. */
export interface Token04Claims {
  appId: number;
  userId: string;
  nonce: number;
  /** Unix seconds (`ctime`). */
  issuedAt: number;
  /** Unix seconds (`expire`). */
  expiresAt: number;
  payload: string;
  /** Set when the plaintext had no `payload` key (UIKit's `generateKitTokenForTest` writes none). */
  payloadOmitted?: true;
}

export function ivLengthFor(mode: Token04Mode): number {
  return mode === 'gcm' ? GCM_IV_BYTES : CBC_IV_BYTES;
}

/** The ciphertext's length for a plaintext of `plaintextBytes`: GCM appends its tag, CBC pads to whole blocks. */
export function cipherLengthFor(mode: Token04Mode, plaintextBytes: number): number {
  return mode === 'gcm'
    ? plaintextBytes + GCM_TAG_BYTES
    : (Math.floor(plaintextBytes / CBC_BLOCK_BYTES) + 1) * CBC_BLOCK_BYTES;
}

/**
 * The plaintext ZEGO's servers parse: the vectors pin its exact bytes, so the key order matters. Byte
 * for byte `JSON.stringify` of the object in this key order (a test holds it to that), written as a
 * template, which the token route's benchmark showed to be cheaper (bench/README.md): the strings go
 * through `JSON.stringify`, and so does the nonce, since `${nonce}` would go through V8's number-string
 * cache, which keeps each random nonce's string alive; the other numbers are validated integers.
 */
export function claimsToPlaintext(claims: Token04Claims): string {
  const { appId, userId, nonce, issuedAt, expiresAt, payload } = claims;
  return `{"app_id":${appId},"user_id":${JSON.stringify(userId)},"nonce":${JSON.stringify(nonce)},"ctime":${issuedAt},"expire":${expiresAt},"payload":${JSON.stringify(payload)}}`;
}

function isInt(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

/**
 * Reads decrypted plaintext back into claims; `undefined` when it is not ZEGO's JSON (a wrong CBC
 * secret passes the padding check about once in 256 and yields garbage).
 */
export function plaintextToClaims(plaintext: string): Token04Claims | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(plaintext);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const { app_id, user_id, nonce, ctime, expire, payload } = parsed as Record<string, unknown>;
  if (
    !isInt(app_id, 0, 0xffff_ffff) ||
    typeof user_id !== 'string' ||
    !isInt(nonce, -0x8000_0000, 0xffff_ffff) ||
    !isInt(ctime, 0, Number.MAX_SAFE_INTEGER) ||
    !isInt(expire, 0, Number.MAX_SAFE_INTEGER) ||
    (payload !== undefined && typeof payload !== 'string')
  ) {
    return undefined;
  }
  const claims: Token04Claims = {
    appId: app_id,
    userId: user_id,
    nonce,
    issuedAt: ctime,
    expiresAt: expire,
    payload: payload ?? '',
  };
  if (payload === undefined) claims.payloadOmitted = true;
  return claims;
}

// The expiry is an int64; this package keeps it to a non-negative safe integer, which fits in a
// uint32 pair without BigInt (that older engines lack). The one place either half is touched.
const TWO_TO_32 = 0x1_0000_0000;
const MAX_SAFE_HIGH = 0x1f_ffff;

// Big-endian writes byte by byte (a Uint8Array keeps the low 8 bits): no DataView per token.
function writeUint16BE(bytes: Uint8Array, at: number, value: number): void {
  bytes[at] = value >>> 8;
  bytes[at + 1] = value;
}

function writeUint32BE(bytes: Uint8Array, at: number, value: number): void {
  bytes[at] = value >>> 24;
  bytes[at + 1] = value >>> 16;
  bytes[at + 2] = value >>> 8;
  bytes[at + 3] = value;
}

function writeExpiry(bytes: Uint8Array, expire: number): void {
  writeUint32BE(bytes, 0, Math.floor(expire / TWO_TO_32));
  writeUint32BE(bytes, 4, expire >>> 0);
}

/** The header's expiry, or `undefined` when it is negative or beyond `Number.MAX_SAFE_INTEGER`. */
function readExpiry(view: DataView): number | undefined {
  const high = view.getUint32(0);
  return high > MAX_SAFE_HIGH ? undefined : high * TWO_TO_32 + view.getUint32(4);
}

/** A token's bytes laid out around the space for its ciphertext. */
export interface Token04Layout<T extends Uint8Array> {
  /** The whole token (before base64), header, IV and mode byte written; the cipher goes at `cipherAt`. */
  bytes: T;
  cipherAt: number;
}

/**
 * Allocates a token of its final size with `allocate` (Node passes `Buffer.allocUnsafe`) and writes
 * everything but the ciphertext (a copy of `iv` included): the cipher is then written in place.
 */
export function layoutToken04<T extends Uint8Array>(
  mode: Token04Mode,
  expire: number,
  iv: Uint8Array,
  cipherLength: number,
  allocate: (size: number) => T,
): Token04Layout<T> {
  const ivLength = iv.length;
  const cipherAt = 12 + ivLength;
  const gcm = mode === 'gcm';
  const bytes = allocate(cipherAt + cipherLength + (gcm ? 1 : 0));
  writeExpiry(bytes, expire);
  writeUint16BE(bytes, 8, ivLength);
  bytes.set(iv, 10);
  writeUint16BE(bytes, 10 + ivLength, cipherLength);
  if (gcm) bytes[bytes.length - 1] = MODE_BYTE_GCM;
  return { bytes, cipherAt };
}

/** What a token shows without the secret. */
export interface ParsedToken04 {
  mode: Token04Mode;
  /** Unix seconds, from the clear header (not authenticated until decrypted). */
  expiresAt: number;
  iv: Uint8Array;
  cipher: Uint8Array;
}

/** How a reader reports a token that is not a Token04: the core and the client each throw their own error. */
export type Token04ParseFailure = (code: 'TOKEN_MALFORMED' | 'TOKEN_VERSION_UNSUPPORTED', message: string) => never;

const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const BASE64_VALUES = new Int16Array(128).fill(-1);
for (let i = 0; i < BASE64_ALPHABET.length; i++) BASE64_VALUES[BASE64_ALPHABET.charCodeAt(i)] = i;

/**
 * Strict base64: padded, standard alphabet, canonical (zero padding bits), so that one token has
 * one spelling. Written out rather than `atob`, which older React Native lacks.
 */
export function decodeBase64(text: string): Uint8Array | undefined {
  if (text.length % 4 !== 0) return undefined;
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const bytes = new Uint8Array((text.length / 4) * 3 - padding);
  let bits = 0;
  let value = 0;
  let at = 0;
  for (let i = 0; i < text.length - padding; i++) {
    const code = text.charCodeAt(i);
    const sextet = code < 128 ? (BASE64_VALUES[code] as number) : -1;
    if (sextet < 0) return undefined;
    value = ((value << 6) | sextet) & 0xffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[at++] = (value >> bits) & 0xff;
    }
  }
  if ((value & ((1 << bits) - 1)) !== 0) return undefined;
  return bytes;
}

/** Standard padded base64, as `Buffer#toString('base64')` writes it (the token's spelling). */
export function encodeBase64(bytes: Uint8Array): string {
  let text = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const value = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8) | (bytes[i + 2] as number);
    text +=
      BASE64_ALPHABET.charAt(value >> 18) +
      BASE64_ALPHABET.charAt((value >> 12) & 63) +
      BASE64_ALPHABET.charAt((value >> 6) & 63) +
      BASE64_ALPHABET.charAt(value & 63);
  }
  const rest = bytes.length - i;
  if (rest > 0) {
    const value = ((bytes[i] as number) << 16) | (rest === 2 ? (bytes[i + 1] as number) << 8 : 0);
    text += BASE64_ALPHABET.charAt(value >> 18) + BASE64_ALPHABET.charAt((value >> 12) & 63);
    text += rest === 2 ? `${BASE64_ALPHABET.charAt((value >> 6) & 63)}=` : '==';
  }
  return text;
}

/** Splits a token into its fields and checks everything that can be checked without the secret. */
export function parseToken04(token: unknown, fail: Token04ParseFailure): ParsedToken04 {
  const malformed = (message: string) => fail('TOKEN_MALFORMED', message);
  if (typeof token !== 'string') return malformed(`a token must be a string, got ${describe(token)}`);
  if (token.length === 0) malformed('the token is empty');
  if (token.length > MAX_TOKEN_LENGTH) {
    malformed(`the token is ${token.length} characters long; a Token04 is at most ${MAX_TOKEN_LENGTH}`);
  }
  if (!token.startsWith(TOKEN04_VERSION)) {
    if (/^\d\d/.test(token)) {
      fail(
        'TOKEN_VERSION_UNSUPPORTED',
        `the token's version is "${token.slice(0, 2)}"; only Token04 ("04…") is supported`,
      );
    }
    malformed('a Token04 starts with "04"');
  }
  const bytes = decodeBase64(token.slice(TOKEN04_VERSION.length));
  if (bytes === undefined) return malformed('the part after "04" is not canonical base64');
  if (bytes.length < MIN_TOKEN_BYTES) malformed(`the token is too short (${bytes.length} bytes)`);

  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const expiresAt = readExpiry(view);
  if (expiresAt === undefined) return malformed('the expiry in the header is out of range');
  const ivLength = view.getUint16(8);
  if (ivLength !== GCM_IV_BYTES && ivLength !== CBC_IV_BYTES) {
    malformed(`the IV is ${ivLength} bytes; Token04 uses ${GCM_IV_BYTES} (GCM) or ${CBC_IV_BYTES} (CBC)`);
  }
  const cipherLengthAt = 10 + ivLength;
  if (bytes.length < cipherLengthAt + 2) malformed('the token ends inside its header');
  const cipherLength = view.getUint16(cipherLengthAt);
  const cipherAt = cipherLengthAt + 2;
  const trailing = bytes.length - cipherAt - cipherLength;
  if (trailing < 0) malformed('the token is shorter than its cipher length says (truncated?)');
  if (trailing > 1) malformed(`the token has ${trailing} unexpected bytes after the ciphertext`);

  const modeByte = trailing === 1 ? bytes[bytes.length - 1] : MODE_BYTE_CBC;
  let mode: Token04Mode;
  if (modeByte === MODE_BYTE_GCM) mode = 'gcm';
  else if (modeByte === MODE_BYTE_CBC) mode = 'cbc';
  else return malformed(`unknown encryption mode byte ${modeByte}`);

  if (mode === 'gcm') {
    if (ivLength !== GCM_IV_BYTES) malformed(`a GCM token needs a ${GCM_IV_BYTES}-byte nonce, got ${ivLength}`);
    if (cipherLength <= GCM_TAG_BYTES) malformed('the GCM ciphertext is too short to hold its tag');
  } else {
    if (ivLength !== CBC_IV_BYTES) malformed(`a CBC token needs a ${CBC_IV_BYTES}-byte IV, got ${ivLength}`);
    if (cipherLength === 0 || cipherLength % CBC_BLOCK_BYTES !== 0) {
      malformed('the CBC ciphertext is not a whole number of blocks');
    }
  }
  return {
    mode,
    expiresAt,
    iv: bytes.subarray(10, cipherLengthAt),
    cipher: bytes.subarray(cipherAt, cipherAt + cipherLength),
  };
}
