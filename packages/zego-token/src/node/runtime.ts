// The Node runtime: keys, randomness, AES, SHA-1 and MD5 through `node:crypto`, synchronously. What
// profiling showed matters is kept (bench/README.md): a KeyObject cached per secret, CSPRNG bytes drawn
// in batches, and ciphertext written straight into the token's buffer.
import { Buffer } from 'node:buffer';
import {
  type CipherGCM,
  createCipheriv,
  createDecipheriv,
  createHash,
  createSecretKey,
  type KeyObject,
  randomFillSync,
  timingSafeEqual,
} from 'node:crypto';
import { createRandomPool } from '../random-pool.js';
import type { Runtime } from '../runtime.js';
import { GCM_TAG_BYTES, type Token04Mode } from '../token/wire.js';

const keyCache = new Map<string, KeyObject>();
const KEY_CACHE_LIMIT = 16;

/** The AES-256 key: the ServerSecret's UTF-8 bytes as they are, as a KeyObject cached per secret. */
function keyFor(secret: string): KeyObject {
  let key = keyCache.get(secret);
  if (key === undefined) {
    if (keyCache.size >= KEY_CACHE_LIMIT) keyCache.clear();
    key = createSecretKey(Buffer.from(secret, 'utf8'));
    keyCache.set(secret, key);
  }
  return key;
}

const GCM_OPTIONS = { authTagLength: GCM_TAG_BYTES } as const;

const encryptInto: Runtime<'node'>['encryptInto'] = (mode, secret, iv, plaintext, out, at) => {
  const key = keyFor(secret);
  const cipher =
    mode === 'gcm' ? createCipheriv('aes-256-gcm', key, iv, GCM_OPTIONS) : createCipheriv('aes-256-cbc', key, iv);
  let end = at;
  for (const part of [cipher.update(plaintext, 'utf8'), cipher.final()]) {
    out.set(part, end);
    end += part.length;
  }
  if (mode === 'gcm') {
    out.set((cipher as CipherGCM).getAuthTag(), end);
    end += GCM_TAG_BYTES;
  }
  return end - at;
};

function decrypt(mode: Token04Mode, secret: string, iv: Uint8Array, cipher: Uint8Array): string | undefined {
  try {
    if (mode === 'gcm') {
      const tagAt = cipher.length - GCM_TAG_BYTES;
      const decipher = createDecipheriv('aes-256-gcm', keyFor(secret), iv, GCM_OPTIONS);
      decipher.setAuthTag(cipher.subarray(tagAt));
      return decipher.update(cipher.subarray(0, tagAt), undefined, 'utf8') + decipher.final('utf8');
    }
    const decipher = createDecipheriv('aes-256-cbc', keyFor(secret), iv);
    return decipher.update(cipher, undefined, 'utf8') + decipher.final('utf8');
  } catch {
    // Node's message says nothing secret, but nothing useful to the caller either.
    return undefined;
  }
}

/** Whether `hex` holds the digest's lowercase hex, compared in constant time. */
function digestHexEquals(algorithm: 'sha1' | 'md5', text: string, hex: Uint8Array): boolean {
  const expected = Buffer.from(createHash(algorithm).update(text, 'utf8').digest('hex'), 'utf8');
  return hex.length === expected.length && timingSafeEqual(hex, expected);
}

/** `md5(text)` as 32 lowercase hex characters: ZEGO's Server API signature (Web Crypto has no MD5). */
export function md5Hex(text: string): string {
  return createHash('md5').update(text, 'utf8').digest('hex');
}

/** node:crypto's primitives: everything answers at once. */
export const runtime: Runtime<'node'> = Object.freeze<Runtime<'node'>>({
  name: 'node',
  call: (run) => run(),
  after: (value, next) => next(value),
  settle: (value) => Promise.resolve(value),
  randomBytes: createRandomPool(randomFillSync),
  utf8Length: (text: string) => Buffer.byteLength(text, 'utf8'),
  allocate: (size: number) => Buffer.allocUnsafe(size),
  // `allocate` gives Buffers, spelled as they are; any other bytes get a Buffer view (no copy).
  base64: (bytes: Uint8Array) =>
    (Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)).toString('base64'),
  encryptInto,
  decrypt,
  sha1HexEquals: (text: string, hex: Uint8Array) => digestHexEquals('sha1', text, hex),
  md5HexEquals: (text: string, hex: Uint8Array) => digestHexEquals('md5', text, hex),
});
