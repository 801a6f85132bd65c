// The runtime seam: what the shared code needs from a runtime's cryptography, written down once.
// `node/runtime.ts` implements it on node:crypto (synchronous), `web/runtime.ts` on Web Crypto
// (asynchronous); every capability folder (token/, route/, callback/, server-api/) is written against
// this contract and is bound to one runtime by an entry in node/ or web/. Only those two folders may
// import a runtime's modules (a test holds every other folder to that).

/** The two runtimes this package is built for: `node:crypto`, or Web Crypto only. */
export type RuntimeName = 'node' | 'web';

/**
 * What a runtime's cryptography gives back: the value itself on Node, whose `node:crypto` answers at
 * once, and a promise of it on the Web, where `crypto.subtle` answers later. The public functions
 * built on it are synchronous in `zego-token` and return promises in `zego-token/web`.
 */
export type RuntimeValue<R extends RuntimeName, T> = R extends 'node' ? T : Promise<T>;

/** A runtime's primitives, and the two ways shared code composes them without knowing which runtime it has. */
export interface Runtime<R extends RuntimeName> {
  readonly name: R;
  /**
   * Calls `run`. On Node at once, so what it throws is thrown; on the Web inside a promise, so that
   * what it throws rejects instead (an async function never throws).
   */
  call<T>(run: () => RuntimeValue<R, T>): RuntimeValue<R, T>;
  /** Continues with what a primitive gave: at once on Node, once the promise settles on the Web. */
  after<T, U>(value: RuntimeValue<R, T>, next: (value: T) => U): RuntimeValue<R, U>;
  /**
   * What a primitive gave, as a promise: on Node it is already there (what failed has been thrown);
   * on the Web, a rejection is handed to `onRejected`.
   */
  settle<T>(value: RuntimeValue<R, T>, onRejected: (error: unknown) => T): Promise<T>;
  /** `length` fresh bytes from the runtime's CSPRNG (at most 4096). */
  randomBytes(length: number): Uint8Array;
  /** The number of bytes `text` takes in UTF-8 (a lone surrogate counts as the 3 bytes of U+FFFD). */
  utf8Length(text: string): number;
  /** A buffer of `size` bytes for a token's layout, of the kind `base64` spells fastest. */
  allocate(size: number): Uint8Array;
  /** Standard padded base64. */
  base64(bytes: Uint8Array): string;
  /**
   * Encrypts `plaintext` (as UTF-8) with the ServerSecret's bytes as the AES-256 key into `out` from
   * `at`: the ciphertext and, for GCM, its 16-byte tag. Gives the number of bytes written.
   */
  encryptInto(
    mode: 'gcm' | 'cbc',
    secret: string,
    iv: Uint8Array,
    plaintext: string,
    out: Uint8Array,
    at: number,
  ): RuntimeValue<R, number>;
  /** Decrypts a token's ciphertext (GCM: tag last); `undefined` when the key or the bytes are wrong. */
  decrypt(mode: 'gcm' | 'cbc', secret: string, iv: Uint8Array, cipher: Uint8Array): RuntimeValue<R, string | undefined>;
  /**
   * Whether `sha1(text)` (its UTF-8 bytes), as lowercase hex, equals `hex` (the UTF-8 bytes of a
   * 40-character signature), compared in time that does not depend on where they differ.
   */
  sha1HexEquals(text: string, hex: Uint8Array): RuntimeValue<R, boolean>;
  /**
   * Whether `md5(text)` (its UTF-8 bytes), as lowercase hex, equals `hex` (the UTF-8 bytes of a
   * 32-character signature), compared in time that does not depend on where they differ. Web Crypto
   * has no MD5: the Web runtime computes it in JavaScript (`@noble/hashes`, bundled).
   */
  md5HexEquals(text: string, hex: Uint8Array): RuntimeValue<R, boolean>;
}
