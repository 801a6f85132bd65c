// ZEGO's callback signature on Node: the shared checks (callback-core.ts) with node:crypto's sha1 and
// `timingSafeEqual`, synchronous.
import { Buffer } from 'node:buffer';
import { createHash, timingSafeEqual } from 'node:crypto';
import { type VerifyZegoCallbackOptions, verifyCallbackWith } from './callback-core.js';

export type { VerifyZegoCallbackOptions } from './callback-core.js';

/** The Node entry's matcher: `sha1(signed)` in lowercase hex against `signature`, in constant time. */
export function sha1HexMatches(signed: string, signature: Uint8Array): boolean {
  const expected = Buffer.from(createHash('sha1').update(signed, 'utf8').digest('hex'), 'utf8');
  return timingSafeEqual(signature, expected);
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
  return verifyCallbackWith(body, options, sha1HexMatches) as T;
}
