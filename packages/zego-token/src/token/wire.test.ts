import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { claimsToPlaintext } from './wire.js';

describe('claimsToPlaintext', () => {
  it('writes the bytes JSON.stringify writes for the claims in ZEGO’s key order, whatever the strings', () => {
    fc.assert(
      fc.property(
        fc.record({
          appId: fc.integer({ min: 0, max: 0xffff_ffff }),
          userId: fc.string({ unit: 'binary', maxLength: 64 }),
          nonce: fc.oneof(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), fc.constant(-0)),
          issuedAt: fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
          expiresAt: fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
          payload: fc.oneof(fc.string({ unit: 'binary' }), fc.json()),
        }),
        (claims) => {
          const { appId, userId, nonce, issuedAt, expiresAt, payload } = claims;
          const object = { app_id: appId, user_id: userId, nonce, ctime: issuedAt, expire: expiresAt, payload };
          expect(claimsToPlaintext(claims)).toBe(JSON.stringify(object));
        },
      ),
    );
  });
});
