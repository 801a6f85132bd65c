// The Web Crypto codec's cryptography: AES through `crypto.subtle`, randomness from
// `crypto.getRandomValues`; no `node:` import and no `Buffer`, so that it runs wherever Web Crypto
// does. As on Node (../crypto.ts), the key is imported once per secret and the CSPRNG is drawn in
// batches.
import { createRandomPool } from '../random-pool.js';
import { GCM_TAG_BYTES, type Token04Mode } from '../wire.js';

// Named through the global `crypto` so that no DOM or Node type library is needed to compile this.
type CryptoKeyLike = Awaited<ReturnType<typeof crypto.subtle.importKey>>;
type AesParameters = Parameters<typeof crypto.subtle.encrypt>[0];

const KEY_CACHE_LIMIT = 16;
/** A CryptoKey is bound to its algorithm, so each mode has its own cache, bounded like Node's. */
const keyCaches: Record<Token04Mode, Map<string, Promise<CryptoKeyLike>>> = { gcm: new Map(), cbc: new Map() };
const ALGORITHM: Record<Token04Mode, 'AES-GCM' | 'AES-CBC'> = { gcm: 'AES-GCM', cbc: 'AES-CBC' };
const encoder = new TextEncoder();
const decoder = new TextDecoder();

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

/** `length` fresh bytes from `crypto.getRandomValues` (at most 4096), drawn in batches. */
export const randomBytes: (length: number) => Uint8Array = createRandomPool((bytes) => crypto.getRandomValues(bytes));

function parameters(mode: Token04Mode, iv: Uint8Array): AesParameters {
  return mode === 'gcm'
    ? { name: 'AES-GCM', iv: iv as Uint8Array<ArrayBuffer>, tagLength: GCM_TAG_BYTES * 8 }
    : { name: 'AES-CBC', iv: iv as Uint8Array<ArrayBuffer> };
}

/**
 * Encrypts `plaintext`: exactly `cipherLengthFor(mode, bytes)` bytes, the GCM tag appended (as Web
 * Crypto writes it) and CBC padded with PKCS#7 (Web Crypto's only padding, and the format's).
 */
export async function encrypt(
  mode: Token04Mode,
  secret: string,
  iv: Uint8Array,
  plaintext: Uint8Array,
): Promise<Uint8Array> {
  const key = await keyFor(mode, secret);
  return new Uint8Array(await crypto.subtle.encrypt(parameters(mode, iv), key, plaintext as Uint8Array<ArrayBuffer>));
}

/** Decrypts a token's ciphertext to its plaintext; `undefined` when the key or the bytes are wrong. */
export async function decrypt(
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
