import { STATUS_CODES } from 'node:http';
import { describe, expect, it } from 'vitest';
import { ZEGO_TOKEN_ERROR_STATUS } from '../errors.js';
import { clientErrorResult, STATUS_TEXT } from './responses.js';

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
