import { STATUS_CODES } from 'node:http';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ZEGO_TOKEN_ERROR_STATUS } from '../errors.js';
import type { IssuedToken } from '../token/issued-token.js';
import { clientErrorResult, STATUS_TEXT, tokenResult } from './responses.js';

describe('STATUS_TEXT', () => {
  it("spells every 4xx and every status of this package's codes as Node's STATUS_CODES does", () => {
    const statuses = [
      ...Object.keys(STATUS_CODES)
        .map(Number)
        .filter((status) => status >= 400 && status < 500),
      ...Object.values(ZEGO_TOKEN_ERROR_STATUS),
    ];
    for (const status of statuses) expect(STATUS_TEXT[status], String(status)).toBe(STATUS_CODES[status]);
  });

  it('names a thrown 4xx without a code of its own after its status', () => {
    expect(JSON.parse(clientErrorResult({ status: 429 })?.body ?? '{}')).toEqual({
      error: { code: 'TOO_MANY_REQUESTS', message: 'Too Many Requests' },
    });
  });
});

describe('tokenResult', () => {
  it('writes the body JSON.stringify writes for the IssuedToken, whatever the userId', () => {
    fc.assert(
      fc.property(
        fc.record({
          token: fc.base64String({ minLength: 4 }).map((base64) => `04${base64}`),
          appId: fc.integer({ min: 1, max: 0xffff_ffff }),
          userId: fc.string({ unit: 'binary', minLength: 1, maxLength: 64 }),
          issuedAt: fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
          expiresAt: fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
          effectiveTimeInSeconds: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
          mode: fc.constantFrom('gcm' as const, 'cbc' as const),
        }),
        (issued: IssuedToken) => {
          expect(tokenResult(issued).body).toBe(JSON.stringify(issued));
        },
      ),
    );
  });
});
