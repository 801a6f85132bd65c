// MiniGameEngine's documented callbacks as typed events: the live comment-based (danmaku) game report,
// `extended_services/mini_game/en/docs_mini_game_server/callback/report game info barrage.mdx` (and its
// Chinese page under `zh/docs_mini_game_server_zh/`). ZEGO gives the report no event name: its `ReportType`
// (1 = the game starts, 2 = the game is settled) names the event here, `game_start` and `game_settlement`.
import type { FieldReader } from './reader.js';
import type { CallbackExample, ProductCallbacks, ZegoCallbackEventBase } from './types.js';

const REPORT_PAGE = 'extended_services/mini_game/en/docs_mini_game_server/callback/report game info barrage.mdx';

/** The event name of each documented `ReportType`. */
const REPORT_TYPES: Readonly<Record<number, 'game_start' | 'game_settlement'>> = {
  1: 'game_start',
  2: 'game_settlement',
};

/** How a live comment-based game ended (`DanmakuResult.ResultType`). */
export type MiniGameResultType =
  | 'normal'
  | 'ended-by-anchor'
  | 'timeout'
  | 'escape'
  | 'force-closed'
  | 'exception'
  | 'unknown';

const RESULT_TYPES: Readonly<Record<number, MiniGameResultType>> = {
  0: 'normal',
  1: 'ended-by-anchor',
  2: 'timeout',
  3: 'escape',
  4: 'force-closed',
  5: 'exception',
};

/**
 * The fields of every MiniGameEngine game report ("Report live comment-based game information"). The
 * event is named by `ReportType`: 1 is `game_start`, 2 is `game_settlement`; another `ReportType`
 * passes through as an unknown event.
 */
interface MiniGameReportBase<E extends string> extends ZegoCallbackEventBase<'mini-game', E> {
  /** `AppId`: the application's ID. */
  readonly appId: number;
  /** `SignatureNonce`: the random string the signature covers. */
  readonly signatureNonce: string;
  /** `Timestamp`: when ZEGO sent the callback, in ms since the epoch (ZEGO sends Unix seconds). */
  readonly timestamp: number;
  /** `Signature`: the callback's signature (verify it first: `verifyZegoCallback` or the callback route). */
  readonly signature: string;
  /** `GameSource`: the game's source, always `zego`. */
  readonly gameSource: string;
  /** `ReportId`: ZEGO's ID of this report, unique under one `MiniGameId` (a key to de-duplicate retries). */
  readonly reportId: string;
  /** `MiniGameId`: the game's ID. */
  readonly miniGameId: string;
  /** `RoomId`: the game room's ID. */
  readonly roomId: string;
  /** `AnchorId`: the ID of the game room's owner (the anchor). */
  readonly anchorId: string;
  /** `RoundId`: the game round's ID, made by ZEGO, unique under one `MiniGameId`. */
  readonly roundId: string;
  /**
   * `ReportTime`: when the event happened, in ms since the epoch (ZEGO's table says milliseconds; its
   * example shows the 10 digits `1662365592`, kept as sent).
   */
  readonly reportTime: number;
}

/** `ReportType` 1: a live comment-based game started. */
export interface MiniGameStartEvent extends MiniGameReportBase<'game_start'> {
  /** `ReportType`: 1, the game starts. */
  readonly reportType: 1;
}

/** `DanmakuResult`: a settled game's result. */
export interface MiniGameDanmakuResult {
  /** `WinTeam`: the winning team (ZEGO's example sends it as the text `"1"`). */
  readonly winTeam: number;
  /**
   * `ResultType`, named: 0 `normal` (normal ending), 1 `ended-by-anchor`, 2 `timeout` (ended by timeout),
   * 3 `escape`, 4 `force-closed` (the game was forcibly closed), 5 `exception` (ended by an exception);
   * `unknown` for a code the docs do not list.
   */
  readonly resultType: MiniGameResultType;
  /** `ResultType` as sent. */
  readonly resultTypeCode: number;
  /** `UserSize`: how many users took part. */
  readonly userSize: number;
  /** `ExtraData`: additional data, a JSON text (possibly empty), as sent. */
  readonly extraData: string;
}

/** `ReportType` 2: a live comment-based game was settled, with its result. */
export interface MiniGameSettlementEvent extends MiniGameReportBase<'game_settlement'> {
  /** `ReportType`: 2, the game's settlement. */
  readonly reportType: 2;
  /** `DanmakuResult`: the settlement (ZEGO sends it only with settlements). */
  readonly danmakuResult: MiniGameDanmakuResult;
}

/** MiniGameEngine's typed callback events. */
export type MiniGameCallbackEvent = MiniGameStartEvent | MiniGameSettlementEvent;

function report<E extends string>(r: FieldReader, event: E): MiniGameReportBase<E> {
  return {
    product: 'mini-game',
    event,
    raw: r.raw,
    appId: r.integer('AppId'),
    signatureNonce: r.string('SignatureNonce'),
    timestamp: r.seconds('Timestamp'),
    signature: r.string('Signature'),
    gameSource: r.string('GameSource'),
    reportId: r.string('ReportId'),
    miniGameId: r.string('MiniGameId'),
    roomId: r.string('RoomId'),
    anchorId: r.string('AnchorId'),
    roundId: r.string('RoundId'),
    reportTime: r.millis('ReportTime'),
  };
}

function danmakuResult(r: FieldReader): MiniGameDanmakuResult {
  return {
    winTeam: r.integer('WinTeam'),
    resultType: r.named('ResultType', RESULT_TYPES),
    resultTypeCode: r.integer('ResultType'),
    userSize: r.integer('UserSize'),
    extraData: r.string('ExtraData'),
  };
}

export const miniGameCallbacks: ProductCallbacks<MiniGameCallbackEvent> = {
  product: 'mini-game',
  // The report's own fields: `ReportType` beside `MiniGameId` (no other product's body has either).
  detect: (raw) => {
    if (raw.MiniGameId === undefined || raw.ReportType === undefined) return undefined;
    const type = Number(raw.ReportType);
    return REPORT_TYPES[type] ?? `ReportType ${String(raw.ReportType)}`;
  },
  events: {
    game_start: (r): MiniGameStartEvent => ({ ...report(r, 'game_start'), reportType: 1 }),
    game_settlement: (r): MiniGameSettlementEvent => ({
      ...report(r, 'game_settlement'),
      reportType: 2,
      danmakuResult: danmakuResult(r.nested('DanmakuResult')),
    }),
  },
};

/**
 * MiniGameEngine's documented example bodies (tests, `zego-token callback send`). ZEGO documents one, a
 * settlement; the Chinese page (`extended_services/mini_game/zh/docs_mini_game_server_zh/callback/report
 * game info barrage.mdx`) shows the same text.
 */
export const miniGameExamples: readonly CallbackExample[] = [
  {
    product: 'mini-game',
    event: 'game_settlement',
    source: REPORT_PAGE,
    contentType: 'application/json',
    text: `{
    "AppId":1234567890,
    "SignatureNonce":"15215528852396",
    "Timestamp":1234567890,
    "Signature":"Pc5WB8gokVn0xfeu%2FZV%2BiNM1dgI%3D",
    "GameSource":"zego",
    "ReportId":"jjjjjj",
    "MiniGameId":"aaaaaa",    
    "ReportType":2,
    "RoomId":"abcd",
    "AnchorId":"user111",
    "RoundId":"xxx",
    "ReportTime":1662365592,
    "DanmakuResult":{
        "WinTeam":"1",
        "ResultType":1,
        "UserSize":10,
        "ExtraData":""
    }    
}`,
  },
];
