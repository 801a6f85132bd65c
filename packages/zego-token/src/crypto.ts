// The Node codec's cryptography: keys, randomness and AES through `node:crypto`. What profiling
// showed matters is kept (bench/README.md): a KeyObject cached per secret, CSPRNG bytes drawn in
// batches, and ciphertext written straight into the token's buffer.
import { Buffer } from 'node:buffer';
import {
  type CipherGCM,
  createCipheriv,
  createDecipheriv,
  createSecretKey,
  type KeyObject,
  randomFillSync,
} from 'node:crypto';
import { createRandomPool } from './random-pool.js';
import { GCM_TAG_BYTES, type Token04Mode } from './wire.js';

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

/** `length` fresh bytes from node:crypto's CSPRNG (at most 4096), drawn in batches. */
export const randomBytes: (length: number) => Uint8Array = createRandomPool(randomFillSync);

const GCM_OPTIONS = { authTagLength: GCM_TAG_BYTES } as const;

/**
 * Encrypts `plaintext` into `out` from `at`: exactly `cipherLengthFor(mode, bytes)` bytes, the GCM
 * tag included. Returns the offset after the last byte written.
 */
export function encryptInto(
  mode: Token04Mode,
  secret: string,
  iv: Uint8Array,
  plaintext: string,
  out: Uint8Array,
  at: number,
): number {
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
  return end;
}

/** Decrypts a token's ciphertext to its plaintext; `undefined` when the key or the bytes are wrong. */
export function decrypt(mode: Token04Mode, secret: string, iv: Uint8Array, cipher: Uint8Array): string | undefined {
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
