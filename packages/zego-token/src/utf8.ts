// UTF-8 lengths without `Buffer` or `TextEncoder`, so that validation runs the same in every runtime.

// biome-ignore lint/suspicious/noControlCharactersInRegex: all of ASCII, control characters included.
const ASCII = /^[\u0000-\u007f]*$/;

/**
 * The number of bytes `value` takes in UTF-8, as `Buffer.byteLength(value, 'utf8')` counts them: a
 * lone surrogate counts as the 3 bytes of U+FFFD. One pass over the UTF-16 code units, no allocation
 * (the web runtime's `utf8Length`; Node's uses `Buffer.byteLength`, faster on a long plaintext).
 */
export function utf8ByteLength(value: string): number {
  // Most values are ASCII (user IDs, secrets): V8's regex answers those faster than the loop.
  if (ASCII.test(value)) return value.length;
  let bytes = value.length;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x80) continue;
    if (code < 0x800) {
      bytes += 1;
    } else {
      bytes += 2;
      // A surrogate pair is two code units and four bytes: skip the low half, already counted.
      if (code >= 0xd800 && code <= 0xdbff && i + 1 < value.length) {
        const next = value.charCodeAt(i + 1);
        if (next >= 0xdc00 && next <= 0xdfff) i++;
      }
    }
  }
  return bytes;
}
