import { Buffer } from 'node:buffer';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { utf8ByteLength } from './utf8.js';

describe('utf8ByteLength', () => {
  it('counts as Buffer.byteLength does: ASCII, 2-, 3- and 4-byte characters, lone surrogates', () => {
    for (const value of ['', 'alice', 'é', '€', '😀', 'a😀é€', '\ud800', 'x\udc00y', '\ud800\ud800\udc00', 'a\u0000']) {
      expect(utf8ByteLength(value), JSON.stringify(value)).toBe(Buffer.byteLength(value, 'utf8'));
    }
  });

  it('counts any string as Buffer.byteLength does (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (value) => utf8ByteLength(value) === Buffer.byteLength(value, 'utf8')),
      { numRuns: 3000 },
    );
    fc.assert(
      fc.property(
        fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)) }),
        (value) => utf8ByteLength(value) === Buffer.byteLength(value, 'utf8'),
      ),
      { numRuns: 3000 },
    );
  });
});
