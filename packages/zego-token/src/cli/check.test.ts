import { describe, expect, it } from 'vitest';
import { OTHER_SECRET, SECRET } from '../../../../test/support/index.js';
import { mint, VECTOR } from '../../test/support/cli.js';
import { isZegoTokenError, roomPayload, verifyToken04, type ZegoTokenErrorCode } from '../node/index.js';
import { checkToken, describePayload } from './check.js';

const CTIME = VECTOR.ctime;
const TOKEN = VECTOR.token;

describe('checkToken agrees with verifyToken04', () => {
  const now = (CTIME + 600) * 1000;
  const scenarios: Array<{ name: string; token: string; appId?: number; userId?: string; at?: number }> = [
    { name: 'valid', token: TOKEN, appId: 1, userId: 'demo' },
    { name: 'expired', token: TOKEN, at: (CTIME + 3600) * 1000 },
    { name: 'expires the second after', token: TOKEN, at: (CTIME + 3599) * 1000 + 999 },
    { name: 'app mismatch', token: TOKEN, appId: 2 },
    { name: 'user mismatch', token: TOKEN, userId: 'Demo' },
    { name: 'wrong secret', token: mint({ serverSecret: OTHER_SECRET }) },
    { name: 'malformed', token: TOKEN.slice(0, -8) },
    { name: 'version', token: `03${TOKEN.slice(2)}` },
    { name: 'empty-ish', token: '04' },
  ];
  it.each(scenarios)('$name', ({ token, appId, userId, at }) => {
    const result = checkToken(token, SECRET, { appId, userId }, at ?? now);
    let expected: ZegoTokenErrorCode | undefined;
    try {
      verifyToken04(token, { serverSecret: SECRET, appId, userId, now: () => at ?? now });
    } catch (error) {
      if (!isZegoTokenError(error)) throw error;
      expected = error.code;
    }
    expect(result.valid).toBe(expected === undefined);
    expect(result.problems[0]?.code).toBe(expected);
  });

  it('collects every problem where verifyToken04 stops at the first', () => {
    const result = checkToken(TOKEN, SECRET, { appId: 9, userId: 'x' }, (CTIME + 4000) * 1000);
    expect(result.problems.map((problem) => problem.code)).toEqual([
      'TOKEN_APP_ID_MISMATCH',
      'TOKEN_USER_ID_MISMATCH',
      'TOKEN_EXPIRED',
    ]);
    expect(result.claims?.userId).toBe('demo');
  });
});

describe('warnings', () => {
  it("notes payloads that are not JSON, userIDs outside ZEGO's set and very long lifetimes", () => {
    const odd = mint({ userId: 'user name', effectiveTimeInSeconds: 30 * 86_400, payload: 'not json' });
    const kinds = checkToken(odd, SECRET, {}, CTIME * 1000).warnings.map((warning) => warning.kind);
    expect(kinds).toEqual(['payload-not-json', 'user-id-charset', 'long-lifetime']);
  });

  it('notes a token about to expire, which SDKs would ask to renew at once', () => {
    const result = checkToken(TOKEN, SECRET, {}, (CTIME + 3600 - 20) * 1000);
    expect(result.valid).toBe(true);
    expect(result.warnings.map((warning) => warning.kind)).toEqual(['expires-soon']);
  });

  it('gives no warning for an ordinary token', () => {
    expect(checkToken(TOKEN, SECRET, {}, (CTIME + 600) * 1000).warnings).toEqual([]);
  });
});

describe('describePayload', () => {
  it('summarises privilege payloads and nothing else', () => {
    expect(describePayload(roomPayload({ roomId: 'r', publish: false, streamIds: ['a', 'b'] }))).toBe(
      'room "r": login allowed, publish denied, streams "a", "b"',
    );
    expect(describePayload(roomPayload({ roomId: 'r', publish: true }))).toBe(
      'room "r": login allowed, publish allowed, any stream',
    );
    expect(describePayload('{"x":1}')).toBeUndefined();
    expect(describePayload('nope')).toBeUndefined();
  });
});
