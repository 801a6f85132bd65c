import { describe, expect, it } from 'vitest';
import { expectCodedError } from '../../../../../test/support/index.js';
import { RTC_ROOM_LOGIN_TEXT as RTC_ROOM_LOGIN } from '../../../../../test/support/rtc-callback-texts.js';
import { miniGameCallbacks, miniGameExamples } from './mini-game.js';
import { parseZegoCallback } from './parse.js';

const settlement = miniGameExamples.find((example) => example.event === 'game_settlement');
if (settlement === undefined) throw new Error('the settlement example is missing');
const settlementBody = JSON.parse(settlement.text) as Record<string, unknown>;

// The example's fields common to both reports, typed by hand (Timestamp: seconds to ms).
const EXAMPLE_REPORT_FIELDS = {
  appId: 1234567890,
  signatureNonce: '15215528852396',
  timestamp: 1_234_567_890_000,
  signature: 'Pc5WB8gokVn0xfeu%2FZV%2BiNM1dgI%3D',
  gameSource: 'zego',
  reportId: 'jjjjjj',
  miniGameId: 'aaaaaa',
  roomId: 'abcd',
  anchorId: 'user111',
  roundId: 'xxx',
};

function body(changes: Record<string, unknown>, without: readonly string[] = []): string {
  const changed: Record<string, unknown> = { ...settlementBody, ...changes };
  for (const name of without) delete changed[name];
  return JSON.stringify(changed);
}

describe('MiniGameEngine reports', () => {
  it("parses ZEGO's documented settlement example to its typed event", () => {
    expect(settlement.source).toBe(
      'extended_services/mini_game/en/docs_mini_game_server/callback/report game info barrage.mdx',
    );
    expect(parseZegoCallback(settlement.text)).toEqual({
      product: 'mini-game',
      event: 'game_settlement',
      raw: settlementBody,
      ...EXAMPLE_REPORT_FIELDS,
      reportType: 2,
      reportTime: 1662365592,
      danmakuResult: {
        winTeam: 1,
        resultType: 'ended-by-anchor',
        resultTypeCode: 1,
        userSize: 10,
        extraData: '',
      },
    });
  });

  it('parses a game start (ReportType 1, no DanmakuResult) to game_start', () => {
    const start = body({ ReportType: 1, ReportTime: 1662365592123 }, ['DanmakuResult']);
    expect(parseZegoCallback(start)).toEqual({
      product: 'mini-game',
      event: 'game_start',
      raw: JSON.parse(start),
      ...EXAMPLE_REPORT_FIELDS,
      reportType: 1,
      reportTime: 1662365592123,
    });
  });

  it('names a ResultType the docs do not list unknown, keeping its code', () => {
    const event = parseZegoCallback(
      body({ DanmakuResult: { WinTeam: 2, ResultType: 9, UserSize: 3, ExtraData: '{}' } }),
    );
    expect(event.product === 'mini-game' && event.event === 'game_settlement' && event.danmakuResult).toEqual({
      winTeam: 2,
      resultType: 'unknown',
      resultTypeCode: 9,
      userSize: 3,
      extraData: '{}',
    });
  });

  it.each([
    ['ReportTime', { ReportTime: 'yesterday' }],
    ['Timestamp', { Timestamp: 1.5 }],
    ['RoomId', { RoomId: { id: 'abcd' } }],
    ['DanmakuResult', { DanmakuResult: [] }],
    ['UserSize', { DanmakuResult: { WinTeam: 1, ResultType: 0, UserSize: 'ten', ExtraData: '' } }],
  ])('throws CALLBACK_EVENT_INVALID naming %s when it has the wrong type', (name, changes) => {
    const error = expectCodedError(() => parseZegoCallback(body(changes)), 'CALLBACK_EVENT_INVALID');
    expect(error.message).toContain(name);
  });

  it('passes a ReportType the docs do not list through as unknown', () => {
    const text = body({ ReportType: 3 });
    expect(parseZegoCallback(text)).toEqual({ product: 'unknown', event: '3', raw: JSON.parse(text) });
  });

  it("does not claim RTC's documented room_login body", () => {
    expect(miniGameCallbacks.detect(JSON.parse(RTC_ROOM_LOGIN))).toBeUndefined();
    expect(parseZegoCallback(RTC_ROOM_LOGIN).product).not.toBe('mini-game');
  });
});
