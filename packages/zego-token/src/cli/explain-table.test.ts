import { describe, expect, it } from 'vitest';
import { ZEGO_TOKEN_ERROR_STATUS, type ZegoTokenErrorCode } from '../errors.js';
import { createZegoServerApi, type ZegoServerApiProduct } from '../node/server-api.js';
import { findExplanation, PROBLEMS, SDK_CODES, siblingsOf } from './explain-table.js';

const refs = (code: ZegoTokenErrorCode) => PROBLEMS[code].sdkErrors.map((ref) => `${ref.sdk} ${ref.code}`);

describe('the explain table', () => {
  it('has an entry for every ZegoTokenError code, and no other', () => {
    expect(Object.keys(PROBLEMS).sort()).toEqual(Object.keys(ZEGO_TOKEN_ERROR_STATUS).sort());
    for (const [code, entry] of Object.entries(PROBLEMS)) expect(entry.code).toBe(code);
  });

  it('lists each SDK code once, each linked to a problem that exists', () => {
    const codes = SDK_CODES.map((entry) => entry.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const entry of SDK_CODES) {
      if (entry.related !== undefined) expect(Object.keys(PROBLEMS)).toContain(entry.related);
    }
  });

  it('every SDK-code ↔ problem link resolves both ways', () => {
    for (const entry of SDK_CODES) {
      const listedBy = Object.values(PROBLEMS).filter((problem) =>
        problem.sdkErrors.some((ref) => ref.code === entry.code),
      );
      // An SDK code is listed by exactly the problem it names as related, and by no other.
      expect(
        listedBy.map((problem) => problem.code),
        `${entry.code}`,
      ).toEqual(entry.related === undefined ? [] : [entry.related]);
    }
    for (const problem of Object.values(PROBLEMS)) {
      for (const ref of problem.sdkErrors) {
        const entry = SDK_CODES.find((candidate) => candidate.code === ref.code);
        expect(entry?.related, `${problem.code} lists ${ref.code}`).toBe(problem.code);
      }
    }
  });

  it('no longer drifts where it did: 1002056 is an expiry, 6000103 a decryption failure', () => {
    expect(refs('TOKEN_EXPIRED')).toContain('Express 1002056');
    expect(refs('TOKEN_MALFORMED')).not.toContain('ZIM 6000103');
    expect(refs('TOKEN_DECRYPT_FAILED')).toContain('ZIM 6000103');
  });

  it('names the SDK errors for each failure kind, in table order', () => {
    expect(refs('TOKEN_EXPIRED')).toEqual([
      'Express 1002078',
      'Express 1002056',
      'Web 1102018',
      'ZIM 6000106',
      'MiniGame 7201005',
    ]);
    expect(refs('TOKEN_APP_ID_MISMATCH')).toEqual(['Express 1002076']);
    expect(refs('TOKEN_USER_ID_MISMATCH')).toEqual(['Express 1002077']);
    expect(refs('TOKEN_DECRYPT_FAILED')).toEqual(expect.arrayContaining(['Express 1002033', 'MiniGame 7201002']));
    expect(refs('TOKEN_MALFORMED')).toEqual(['Web 1102016', 'MiniGame 7201003']);
    expect(refs('TOKEN_VERSION_UNSUPPORTED')).toEqual(['Express 1002079', 'ZIM 6000107']);
    expect(refs('SECRET_INVALID')).toEqual(['helper 5']);
    expect(refs('SERVER_API_ERROR')).toEqual(['Server API 100000004', 'Server API 100000005']);
    expect(refs('CALLBACK_SIGNATURE_INVALID')).toEqual([]);
  });

  it("gives an SDK code's siblings: the problem's other SDK errors", () => {
    const web = SDK_CODES.find((entry) => entry.code === 1102018);
    expect(web && siblingsOf(web).map((ref) => ref.code)).toEqual([1002078, 1002056, 6000106, 7201005]);
    const unlinked = SDK_CODES.find((entry) => entry.related === undefined);
    expect(unlinked && siblingsOf(unlinked)).toEqual([]);
  });

  it('looks codes up leniently, and only its own', () => {
    expect(findExplanation(' 1002078 ')?.kind).toBe('sdk');
    expect(findExplanation('token-expired')).toEqual({ kind: 'problem', entry: PROBLEMS.TOKEN_EXPIRED });
    expect(findExplanation('toString')).toBeUndefined();
    expect(findExplanation('__proto__')).toBeUndefined();
    expect(findExplanation('2')).toBeUndefined();
  });

  it('knows every code a SERVER_API_ERROR message sends the reader to `zego-token explain` for', async () => {
    const codes = [
      1,
      2,
      3,
      104,
      50001,
      6000101,
      7202001,
      7210001,
      110200150,
      660000002,
      660200001,
      123_456_789,
      ...Array.from({ length: 25 }, (_, index) => 100_000_000 + index),
    ];
    const products: ZegoServerApiProduct[] = ['rtc', 'zim', 'mini-game', 'cloudrecord'];
    const promised: string[] = [];
    for (const product of products) {
      for (const Code of codes) {
        const api = createZegoServerApi({
          appId: 1,
          serverSecret: 'fa94dd0f974cf2e293728a526b028271',
          product,
          fetch: async () => new Response(JSON.stringify({ Code, Message: 'no', RequestId: 'r' })),
        });
        const message = await api.call('AnyAction').then(
          () => '',
          (error: Error) => error.message,
        );
        const code = /zego-token explain (\S+)/.exec(message)?.[1];
        if (code === undefined) continue;
        promised.push(code);
        expect(findExplanation(code), `${product} ${message}`).toBeDefined();
      }
    }
    expect(promised).toContain('100000004');
  });

  it("knows ZEGO's documented Server API return codes: the gateway's, RTC's, ZIM's and the MiniGameEngine's", () => {
    // Sources: core_products/real-time-voice-video/en/server/api-reference/return-codes.mdx,
    // core_products/zim/en/docs_zim_server/Return codes.mdx,
    // extended_services/mini_game/en/docs_mini_game_server/Return Codes.mdx (ZEGOCLOUD/docs_all), and
    // core_products/zim/en/docs_zim_android/SDK Error Codes/ZIM.mdx for the ZIM SDK's 6000101.
    for (const code of [
      100000000, 100000004, 100000005, 100000010, 100000012, 100000017, 110200150, 110240002, 660000002, 660200001,
      660700002, 7200004, 7202001, 7210001, 6000101,
    ]) {
      expect(findExplanation(String(code)), String(code)).toBeDefined();
    }
  });
});
