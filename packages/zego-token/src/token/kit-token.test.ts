import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectCodedError, SECRET } from '../../../../test/support/index.js';
import { createToken04, decodeToken04, verifyToken04 } from '../node/index.js';
import * as web from '../web/index.js';
import { parseKitToken, toKitToken } from './kit-token.js';

const APP_ID = 1234567890;
const { token } = createToken04({ appId: APP_ID, userId: 'alice', serverSecret: SECRET, effectiveTimeInSeconds: 3600 });

/** The formula ZEGO's `generateKitTokenForProduction` evaluates (test/browser/uikit.test.ts runs the real one). */
function uikitFormula(appID: number, token04: string, roomID: string, userID: string, userName?: string): string {
  return `${token04}#${btoa(JSON.stringify({ userID, roomID, userName: encodeURIComponent(userName || ''), appID }))}`;
}

const ZEGO_ID_CHARS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz~!@#$%^&*()_+=-`;',.<>/\\".split(
  '',
);
const zegoId = (max: number) =>
  fc.array(fc.constantFrom(...ZEGO_ID_CHARS), { minLength: 1, maxLength: max }).map((a) => a.join(''));
/** Names with spaces, emoji, CJK and anything else well-formed. */
const userName = fc.oneof(
  fc.string({ unit: 'grapheme' }),
  fc.constantFrom('Alice Smith', '张伟', '山田 太郎', '🎉 party 🎉', '', 'a%20b', 'x#y'),
);

describe('toKitToken', () => {
  it('is what UIKit computes, for any IDs in ZEGO set and any well-formed name', () => {
    fc.assert(
      fc.property(
        zegoId(64),
        zegoId(127),
        userName,
        fc.integer({ min: 1, max: 0xffff_ffff }),
        (userId, roomId, name, appId) => {
          expect(toKitToken({ token, appId, roomId, userId, userName: name })).toBe(
            uikitFormula(appId, token, roomId, userId, name),
          );
        },
      ),
    );
  });

  it('leaves userName out as UIKit does with none: an empty name', () => {
    expect(toKitToken({ token, appId: 1, roomId: 'r', userId: 'u' })).toBe(uikitFormula(1, token, 'r', 'u'));
  });

  it('parseKitToken reads back what it wrote, the name decoded', () => {
    fc.assert(
      fc.property(zegoId(64), zegoId(127), userName, (userId, roomId, name) => {
        const kitToken = toKitToken({ token, appId: APP_ID, roomId, userId, userName: name });
        expect(parseKitToken(kitToken)).toEqual({ token, appId: APP_ID, roomId, userId, userName: name });
      }),
    );
  });

  it('refuses IDs the kit cannot carry with KIT_TOKEN_INVALID, never a throw from btoa', () => {
    const base = { token, appId: APP_ID, roomId: 'room-1', userId: 'alice' };
    expect(expectCodedError(() => toKitToken({ ...base, userId: '用户' }), 'KIT_TOKEN_INVALID').message).toMatch(
      /U\+00FF/,
    );
    expect(expectCodedError(() => toKitToken({ ...base, roomId: '会议室' }), 'KIT_TOKEN_INVALID').message).toMatch(
      /roomId/,
    );
    expect(expectCodedError(() => toKitToken({ ...base, userId: 'josé' }), 'KIT_TOKEN_INVALID').message).toMatch(
      /ZEGO's documented set/,
    );
    expectCodedError(() => toKitToken({ ...base, userId: '' }), 'KIT_TOKEN_INVALID');
    expectCodedError(() => toKitToken({ ...base, userId: 'a'.repeat(65) }), 'KIT_TOKEN_INVALID');
    expectCodedError(() => toKitToken({ ...base, roomId: 'r'.repeat(128) }), 'KIT_TOKEN_INVALID');
    expectCodedError(() => toKitToken({ ...base, appId: 0 }), 'KIT_TOKEN_INVALID');
    expectCodedError(() => toKitToken({ ...base, userName: 'a\ud800' }), 'KIT_TOKEN_INVALID');
    expectCodedError(() => toKitToken({ ...base, extra: 1 } as never), 'KIT_TOKEN_INVALID');
  });

  it('says so when the token is passed as the room ID (ZEGO 1002013)', () => {
    const error = expectCodedError(
      () => toKitToken({ token, appId: APP_ID, roomId: token, userId: 'alice' }),
      'KIT_TOKEN_INVALID',
    );
    expect(error.message).toMatch(/roomId is a Token04.*1002013/);
    expect(error.message).not.toContain(token);
  });

  it('wants a Token04 as the token, not a kit token or anything else', () => {
    const kitToken = toKitToken({ token, appId: APP_ID, roomId: 'r', userId: 'alice' });
    expectCodedError(
      () => toKitToken({ token: kitToken, appId: APP_ID, roomId: 'r', userId: 'alice' }),
      'KIT_TOKEN_INVALID',
    );
    expectCodedError(
      () => toKitToken({ token: 'room-1', appId: APP_ID, roomId: 'r', userId: 'alice' }),
      'TOKEN_MALFORMED',
    );
  });
});

describe('parseKitToken', () => {
  it('refuses what UIKit could not read', () => {
    expectCodedError(() => parseKitToken(token), 'KIT_TOKEN_INVALID');
    expectCodedError(() => parseKitToken(`${token}#e30=#x`), 'KIT_TOKEN_INVALID');
    expectCodedError(() => parseKitToken(`${token}#not base64`), 'KIT_TOKEN_INVALID');
    expectCodedError(() => parseKitToken(`${token}#${btoa('[]')}`), 'KIT_TOKEN_INVALID');
    const suffix = (fields: object) => `${token}#${btoa(JSON.stringify(fields))}`;
    expectCodedError(
      () => parseKitToken(suffix({ userID: 'u', roomID: 'r', userName: '%E0%A4%A', appID: 1 })),
      'KIT_TOKEN_INVALID',
    );
    expectCodedError(
      () => parseKitToken(suffix({ userID: 'u', roomID: 'r', userName: '', appID: 'x' })),
      'KIT_TOKEN_INVALID',
    );
    expectCodedError(() => parseKitToken(`04AAAA#${btoa('{}')}`), 'TOKEN_MALFORMED');
  });

  it("reads an appID written as digits, as UIKit's `appID * 1` does", () => {
    const kitToken = `${token}#${btoa(JSON.stringify({ userID: 'u', roomID: 'r', userName: '', appID: '42' }))}`;
    expect(parseKitToken(kitToken).appId).toBe(42);
  });
});

describe('decodeToken04 and verifyToken04 take kit tokens', () => {
  const kitToken = toKitToken({ token, appId: APP_ID, roomId: 'room-1', userId: 'alice', userName: '张伟 🎉' });

  it('decode gives the claims and the suffix, in both entries', async () => {
    const expected = { appId: APP_ID, roomId: 'room-1', userId: 'alice', userName: '张伟 🎉', mismatches: [] };
    const claims = decodeToken04(kitToken, SECRET);
    expect(claims.kit).toEqual(expected);
    expect(claims.userId).toBe('alice');
    expect(claims.warnings).toBeUndefined();
    expect((await web.decodeToken04(kitToken, SECRET)).kit).toEqual(expected);
    expect(verifyToken04(kitToken, { serverSecret: SECRET, appId: APP_ID, userId: 'alice' }).kit).toEqual(expected);
  });

  it('flags a suffix whose userID or appID differs from the claims, and verify refuses it', async () => {
    const other = toKitToken({ token, appId: 7, roomId: 'room-1', userId: 'mallory' });
    const claims = decodeToken04(other, SECRET);
    expect(claims.kit?.mismatches).toEqual(['appId', 'userId']);
    expect(claims.warnings?.join('\n')).toMatch(/1002076[\s\S]*1002077/);
    expectCodedError(() => verifyToken04(other, { serverSecret: SECRET }), 'TOKEN_APP_ID_MISMATCH');
    const user = toKitToken({ token, appId: APP_ID, roomId: 'room-1', userId: 'mallory' });
    expectCodedError(() => verifyToken04(user, { serverSecret: SECRET }), 'TOKEN_USER_ID_MISMATCH');
    await expect(web.verifyToken04(user, { serverSecret: SECRET })).rejects.toMatchObject({
      code: 'TOKEN_USER_ID_MISMATCH',
    });
  });
});
