// The Web runtime: AES and SHA-1 through `crypto.subtle`, randomness from `crypto.getRandomValues`,
// MD5 from `@noble/hashes` (bundled: Web Crypto has none); no `node:` import and no `Buffer`, so that
// it runs wherever Web Crypto does. As on Node, the key is imported once per secret and the CSPRNG is
// drawn in batches. Nothing here touches `crypto` when the module loads: Workers forbid that at module scope.
import { md5 } from '@noble/hashes/legacy';
import { createRandomPool } from '../random-pool.js';
import type { Runtime } from '../runtime.js';
import { encodeBase64, GCM_TAG_BYTES, type Token04Mode } from '../token/wire.js';
import { utf8ByteLength } from '../utf8.js';

// Named through the global `crypto` so that no DOM or Node type library is needed to compile this.
type CryptoKeyLike = Awaited<ReturnType<typeof crypto.subtle.importKey>>;
type AesParameters = Parameters<typeof crypto.subtle.encrypt>[0];

const KEY_CACHE_LIMIT = 16;
/** A CryptoKey is bound to its algorithm, so each mode has its own cache, bounded like Node's. */
const keyCaches: Record<Token04Mode, Map<string, Promise<CryptoKeyLike>>> = { gcm: new Map(), cbc: new Map() };
const ALGORITHM: Record<Token04Mode, 'AES-GCM' | 'AES-CBC'> = { gcm: 'AES-GCM', cbc: 'AES-CBC' };
const encoder = new TextEncoder();
const decoder = new TextDecoder();
const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/** The AES-256 key: the ServerSecret's UTF-8 bytes as they are, imported once per secret and mode. */
function keyFor(mode: Token04Mode, secret: string): Promise<CryptoKeyLike> {
  const cache = keyCaches[mode];
  let key = cache.get(secret);
  if (key === undefined) {
    if (cache.size >= KEY_CACHE_LIMIT) cache.clear();
    key = crypto.subtle.importKey('raw', encoder.encode(secret), ALGORITHM[mode], false, ['encrypt', 'decrypt']);
    cache.set(secret, key);
    // A key that failed to import is not kept: the next call tries again.
    key.catch(() => cache.delete(secret));
  }
  return key;
}

function parameters(mode: Token04Mode, iv: Uint8Array): AesParameters {
  return mode === 'gcm'
    ? { name: 'AES-GCM', iv: iv as Uint8Array<ArrayBuffer>, tagLength: GCM_TAG_BYTES * 8 }
    : { name: 'AES-CBC', iv: iv as Uint8Array<ArrayBuffer> };
}

/** Web Crypto appends the GCM tag and pads CBC with PKCS#7 (its only padding, and the format's). */
const encryptInto: Runtime<'web'>['encryptInto'] = async (mode, secret, iv, plaintext, out, at) => {
  // Copied before the first await: the caller's IV may change after.
  const parameter = parameters(mode, iv.slice());
  const key = await keyFor(mode, secret);
  const cipher = new Uint8Array(await crypto.subtle.encrypt(parameter, key, encoder.encode(plaintext)));
  out.set(cipher, at);
  return cipher.length;
};

async function decrypt(
  mode: Token04Mode,
  secret: string,
  iv: Uint8Array,
  cipher: Uint8Array,
): Promise<string | undefined> {
  try {
    const key = await keyFor(mode, secret);
    const plain = await crypto.subtle.decrypt(parameters(mode, iv), key, cipher as Uint8Array<ArrayBuffer>);
    return decoder.decode(plain);
  } catch {
    // An OperationError says nothing secret, but nothing useful to the caller either.
    return undefined;
  }
}

/**
 * Whether two byte arrays are equal, in time that depends on their length only: every byte is
 * compared (XOR, accumulated with OR), with no early exit. The lengths are not secret.
 */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let index = 0; index < a.length; index += 1) {
    difference |= (a[index] as number) ^ (b[index] as number);
  }
  return difference === 0;
}

/** A digest as lowercase hex. */
function toHex(digest: Uint8Array): string {
  let hex = '';
  for (const byte of digest) hex += HEX[byte];
  return hex;
}

async function sha1HexEquals(text: string, hex: Uint8Array): Promise<boolean> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-1', encoder.encode(text)));
  return constantTimeEqual(hex, encoder.encode(toHex(digest)));
}

/**
 * `md5(text)` (its UTF-8 bytes) as 32 lowercase hex characters. Web Crypto has no MD5, so this is
 * `@noble/hashes`' audited JavaScript MD5, bundled into the Web builds (they import nothing).
 */
export function md5Hex(text: string): string {
  return toHex(md5(encoder.encode(text)));
}

/** A promise, as every other primitive that may need `crypto.subtle`, though MD5 answers at once. */
async function md5HexEquals(text: string, hex: Uint8Array): Promise<boolean> {
  return constantTimeEqual(hex, encoder.encode(md5Hex(text)));
}

/** Web Crypto's primitives: everything that needs `crypto.subtle` answers with a promise. */
export const runtime: Runtime<'web'> = Object.freeze<Runtime<'web'>>({
  name: 'web',
  call: <T>(run: () => Promise<T>) => new Promise<T>((resolve) => resolve(run())),
  after: <T, U>(value: Promise<T>, next: (value: T) => U): Promise<U> => value.then(next),
  settle: <T>(value: Promise<T>, onRejected: (error: unknown) => T): Promise<T> => value.then(undefined, onRejected),
  randomBytes: createRandomPool((bytes) => crypto.getRandomValues(bytes)),
  utf8Length: utf8ByteLength,
  allocate: (size: number) => new Uint8Array(size),
  base64: encodeBase64,
  encryptInto,
  decrypt,
  sha1HexEquals,
  md5HexEquals,
});
