import { describe, expect, it } from 'vitest';
import { PROBLEMS, SDK_CODES } from './explain-table.js';
import { chineseSdkText, PROBLEMS_ZH, SDK_CODES_ZH } from './explain-zh.js';
import { SERVER_API_RETURN_CODES } from './server-api-codes.js';
import { SERVER_API_RETURN_CODES_ZH } from './server-api-codes-zh.js';

const HAS_CJK = /[\u4e00-\u9fff]/;
const numericKeys = (record: object): number[] =>
  Object.keys(record)
    .map(Number)
    .sort((a, b) => a - b);
const sorted = (codes: readonly number[]): number[] => [...codes].sort((a, b) => a - b);

describe('the Chinese explain texts', () => {
  it('have one text for every ZEGO code of the token tables, and none extra', () => {
    const serverApi = new Set(SERVER_API_RETURN_CODES.map((entry) => entry.code));
    const tokenTables = SDK_CODES.filter((entry) => !serverApi.has(entry.code)).map((entry) => entry.code);
    expect(numericKeys(SDK_CODES_ZH)).toEqual(sorted(tokenTables));
  });

  it('have one text for every Server API return code, and none extra', () => {
    expect(numericKeys(SERVER_API_RETURN_CODES_ZH)).toEqual(sorted(SERVER_API_RETURN_CODES.map((entry) => entry.code)));
  });

  it('have one text for every ZegoTokenError code, and none extra', () => {
    expect(Object.keys(PROBLEMS_ZH).sort()).toEqual(Object.keys(PROBLEMS).sort());
  });

  it('are Chinese: every meaning, cause and fix (and title) holds CJK text', () => {
    for (const entry of SDK_CODES) {
      const text = chineseSdkText(entry.code);
      expect(text, `${entry.code}`).toBeDefined();
      for (const field of ['meaning', 'cause', 'fix'] as const)
        expect(text?.[field], `${entry.code} ${field}`).toMatch(HAS_CJK);
    }
    for (const [code, text] of Object.entries(PROBLEMS_ZH)) {
      for (const field of ['title', 'meaning', 'cause', 'fix'] as const)
        expect(text[field], `${code} ${field}`).toMatch(HAS_CJK);
    }
  });

  it("use ZEGO's own terms, not translations of them", () => {
    const all = JSON.stringify([SDK_CODES_ZH, PROBLEMS_ZH]);
    for (const term of ['AppID', 'ServerSecret', 'Token', '回调', '服务端 API']) expect(all).toContain(term);
    expect(all).not.toMatch(/令牌|应用 ID|服务器密钥/);
  });
});
