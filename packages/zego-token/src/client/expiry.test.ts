import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectCodedError, SECRET, VECTORS } from '../../../../test/support/index.js';
// The core is imported by the test only: the client itself must stay free of `node:` modules.
import { createToken04, encodeToken04, inspectToken04 } from '../node/index.js';
import { isTokenRequestError, readTokenExpiry, type TokenRequestError } from './index.js';

function malformedMessage(token: unknown): string {
  const error = expectCodedError(() => readTokenExpiry(token as string), 'TOKEN_MALFORMED', 'TokenRequestError');
  expect(isTokenRequestError(error)).toBe(true);
  return error.message;
}

/** Rewrites a token's bytes, for building malformed ones. */
function edit(token: string, change: (bytes: Buffer) => Buffer): string {
  return `04${change(Buffer.from(token.slice(2), 'base64')).toString('base64')}`;
}

describe('readTokenExpiry', () => {
  it.each(['gcm', 'cbc'] as const)('reads the expiry of a real %s token', (mode) => {
    const created = createToken04({
      appId: 1234567,
      userId: 'alice',
      serverSecret: SECRET,
      effectiveTimeInSeconds: 3600,
      mode,
    });
    expect(readTokenExpiry(created.token)).toBe(created.expiresAt);
    expect(readTokenExpiry(created.token)).toBe(inspectToken04(created.token).expiresAt);
  });

  it('reads every vector', () => {
    for (const vector of VECTORS) {
      expect(readTokenExpiry(vector.token)).toBe(vector.ctime + vector.effectiveTimeInSeconds);
    }
  });

  it('reads expiries beyond 32 bits exactly, up to the largest safe integer', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER - 86_400 }),
        fc.integer({ min: 1, max: 86_400 }),
        fc.constantFrom('gcm' as const, 'cbc' as const),
        (ctime, effectiveTimeInSeconds, mode) => {
          const token = encodeToken04({
            appId: 1,
            userId: 'u',
            serverSecret: SECRET,
            ctime,
            effectiveTimeInSeconds,
            nonce: 1,
            iv: new Uint8Array(mode === 'gcm' ? 12 : 16),
            mode,
          });
          expect(readTokenExpiry(token)).toBe(ctime + effectiveTimeInSeconds);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('throws TOKEN_MALFORMED for anything that is not a Token04', () => {
    const token = encodeToken04({
      appId: 1,
      userId: 'alice',
      serverSecret: SECRET,
      ctime: 1_700_000_000,
      effectiveTimeInSeconds: 60,
      nonce: 7,
      iv: new Uint8Array(12),
    });
    expect(readTokenExpiry(token)).toBe(1_700_000_060);
    expect(malformedMessage(undefined)).toMatch(/must be a string/);
    expect(malformedMessage('')).toMatch(/empty/);
    expect(malformedMessage(`03${token.slice(2)}`)).toMatch(/only Token04 \("04…"\) is supported/);
    expect(malformedMessage(`xx${token.slice(2)}`)).toMatch(/starts with "04"/);
    expect(malformedMessage(`${token.slice(0, 10)} ${token.slice(10)}`)).toMatch(/base64/);
    expect(malformedMessage(token.slice(0, -1))).toMatch(/base64/);
    expect(malformedMessage('04AAAAAA==')).toMatch(/too short/);
    expect(malformedMessage(edit(token, (bytes) => bytes.subarray(0, bytes.length - 5)))).toMatch(/truncated/);
    expect(malformedMessage(edit(token, (bytes) => Buffer.concat([bytes, Buffer.from([1, 2])])))).toMatch(/unexpected/);
    expect(
      malformedMessage(
        edit(token, (bytes) => {
          bytes.writeUInt16BE(13, 8);
          return bytes;
        }),
      ),
    ).toMatch(/IV/);
    expect(
      malformedMessage(
        edit(token, (bytes) => {
          bytes.writeUInt32BE(0x8000_0000, 0); // negative
          return bytes;
        }),
      ),
    ).toMatch(/out of range/);
  });

  it('rejects non-canonical base64 (non-zero padding bits)', () => {
    expect(malformedMessage('04QQ==')).toMatch(/too short/); // canonical: one byte
    expect(malformedMessage('04QR==')).toMatch(/base64/); // the same byte, with a stray bit set
  });

  it('never throws anything but TOKEN_MALFORMED, whatever the input', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.base64String().map((text) => `04${text}`),
        ),
        (text) => {
          try {
            readTokenExpiry(text);
          } catch (error) {
            expect((error as TokenRequestError).code).toBe('TOKEN_MALFORMED');
          }
        },
      ),
    );
  });
});
