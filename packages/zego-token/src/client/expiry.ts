import { TokenRequestError } from './errors.js';

const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const BASE64_PATTERN = /^[A-Za-z0-9+/]*={0,2}$/;
const GCM_IV_BYTES = 12;
const CBC_IV_BYTES = 16;
/** expire (8) + ivLen (2) + a GCM IV (12) + cipherLen (2) + at least one block or tag (16). */
const MIN_TOKEN_BYTES = 8 + 2 + GCM_IV_BYTES + 2 + 16;

function malformed(message: string): never {
  throw new TokenRequestError('TOKEN_MALFORMED', message);
}

/** Strict base64 (padded, canonical) without `atob`, which older React Native lacks. */
function decodeBase64(text: string): Uint8Array | undefined {
  if (text.length % 4 !== 0 || !BASE64_PATTERN.test(text)) return undefined;
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const bytes = new Uint8Array((text.length / 4) * 3 - padding);
  let bits = 0;
  let value = 0;
  let at = 0;
  for (let i = 0; i < text.length - padding; i++) {
    value = ((value << 6) | BASE64_ALPHABET.indexOf(text.charAt(i))) & 0xffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[at++] = (value >> bits) & 0xff;
    }
  }
  // The padding bits must be zero, or another string would decode to the same bytes.
  if ((value & ((1 << bits) - 1)) !== 0) return undefined;
  return bytes;
}

/**
 * Reads a Token04's expiry (Unix seconds) from its clear header, without the secret. The header is
 * not authenticated, so this is for display and diagnostics; schedule renewals with the provider.
 * Throws a `TokenRequestError` with code `'TOKEN_MALFORMED'` for anything that is not a Token04.
 */
export function readTokenExpiry(token: string): number {
  if (typeof token !== 'string') malformed(`a token must be a string, got ${token === null ? 'null' : typeof token}`);
  if (!token.startsWith('04')) malformed('a Token04 starts with "04"');
  const bytes = decodeBase64(token.slice(2));
  if (bytes === undefined) malformed('the part after "04" is not canonical base64');
  if (bytes.length < MIN_TOKEN_BYTES) malformed(`the token is too short (${bytes.length} bytes)`);

  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const ivLength = view.getUint16(8);
  if (ivLength !== GCM_IV_BYTES && ivLength !== CBC_IV_BYTES) {
    malformed(`the IV is ${ivLength} bytes; Token04 uses ${GCM_IV_BYTES} (GCM) or ${CBC_IV_BYTES} (CBC)`);
  }
  const cipherLengthAt = 10 + ivLength;
  if (bytes.length < cipherLengthAt + 2) malformed('the token ends inside its header');
  const trailing = bytes.length - (cipherLengthAt + 2) - view.getUint16(cipherLengthAt);
  if (trailing < 0) malformed('the token is shorter than its cipher length says (truncated?)');
  if (trailing > 1) malformed(`the token has ${trailing} unexpected bytes after the ciphertext`);

  // An int64 read as two halves (no BigInt, which older engines lack); it must be a safe integer.
  const high = view.getUint32(0);
  if (high > 0x1f_ffff) malformed('the expiry in the header is out of range');
  return high * 2 ** 32 + view.getUint32(4);
}
