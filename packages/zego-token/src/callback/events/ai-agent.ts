// AI Agent's documented callbacks as typed events: `core_products/aiagent/en/server/callbacks/receiving-callback.mdx`
// (Chinese: `core_products/aiagent/zh/server/callbacks/receiving-callback.mdx`) and the guides' examples.
// Each event is named by ZEGO's own `Event` value; its `Timestamp` is already in milliseconds.
import type { FieldReader } from './reader.js';
import type { CallbackExample, ProductCallbacks, ZegoCallbackEventBase } from './types.js';

const RECEIVING_EN = 'core_products/aiagent/en/server/callbacks/receiving-callback.mdx';
const RECEIVING_ZH = 'core_products/aiagent/zh/server/callbacks/receiving-callback.mdx';
const STATUS_GUIDE_EN = 'core_products/aiagent/en/server/guides/get-ai-agent-status.mdx';
const DISPLAY_GUIDE_ZH = 'core_products/aiagent/zh/server/guides/display-user-and-agent-status.mdx';

/** The fields of every AI Agent callback. */
interface AiAgentEventBase<E extends string, D> extends ZegoCallbackEventBase<'ai-agent', E> {
  /** `AppId`: the AppID. */
  readonly appId: number;
  /** `Nonce`: the random number the signature covers. */
  readonly nonce: string;
  /** `Timestamp`: when ZEGO sent the callback, in ms since the epoch (ZEGO sends milliseconds). */
  readonly timestamp: number;
  /** `Signature`: the callback's signature (verify it first: `verifyZegoCallback` or the callback route). */
  readonly signature: string;
  /** `AgentInstanceId`: the agent instance's ID (a 64-bit ID, as its decimal text). */
  readonly agentInstanceId: string;
  /** `AgentUserId`: the agent's user ID (some of ZEGO's examples leave it out). */
  readonly agentUserId?: string;
  /** `AgentId`: the agent's ID (none of ZEGO's examples has it). */
  readonly agentId?: string;
  /** `Name`: the agent's name (none of ZEGO's examples has it). */
  readonly name?: string;
  /** `RoomId`: the room's ID (some of ZEGO's examples leave it out). */
  readonly roomId?: string;
  /**
   * `Sequence`: the callback's sequence number, ordered but not necessarily continuous, as exact decimal
   * text (ZEGO's examples show `1921825797275873300`, beyond 2^53: compare with `BigInt`). Some of ZEGO's
   * examples leave it out.
   */
  readonly sequence?: string;
  /** `Data`: the event's details. */
  readonly data: D;
}

/** `ASRResult`: the user's speech as recognised text. */
export type AiAgentAsrResultEvent = AiAgentEventBase<
  'ASRResult',
  {
    /** `UserId`: the speaker's user ID. */
    readonly userId: string;
    /** `Round`: the dialogue round; it grows each time the user starts speaking (ordered, not necessarily by 1). */
    readonly round: number;
    /** `Text`: the recognised text. */
    readonly text: string;
  }
>;

/** `LLMResult`: the LLM's output. */
export type AiAgentLlmResultEvent = AiAgentEventBase<
  'LLMResult',
  {
    /** `Round`: the dialogue round the output belongs to. */
    readonly round: number;
    /** `Text`: the LLM's output text. */
    readonly text: string;
  }
>;

/** The agent instance's RTC room codes, shared by `Exception` and `AgentInstanceDeleted`. */
const ROOM_CODES = {
  1201: 'rtc-error',
  1202: 'user-idle-timeout',
  1203: 'kicked-from-room',
  1204: 'room-login-failed',
  1205: 'room-disconnected',
  1206: 'publish-failed',
} as const;

const EXCEPTION_REASONS = {
  1001: 'agent-error',
  1004: 'asr-no-text',
  1101: 'im-error',
  ...ROOM_CODES,
  1207: 'play-failed',
  1208: 'room-message-failed',
  2101: 'asr-error',
  2201: 'llm-error',
  2202: 'llm-invalid-params',
  2203: 'llm-auth-failed',
  2204: 'llm-concurrency-limit',
  2205: 'llm-account-overdue',
  2206: 'llm-content-rejected',
  2301: 'tts-error',
  2302: 'tts-invalid-params',
  2303: 'tts-auth-failed',
  2304: 'tts-concurrency-limit',
  2305: 'tts-account-overdue',
} as const;

/** An exception's kind (`Exception`'s `Code`, from `core_products/aiagent/en/server/callbacks/exception-codes.mdx`). */
export type AiAgentExceptionReason = (typeof EXCEPTION_REASONS)[keyof typeof EXCEPTION_REASONS] | 'unknown';

/** `Exception`: an exception on ZEGO's side. */
export type AiAgentExceptionEvent = AiAgentEventBase<
  'Exception',
  {
    /**
     * `Code`, named: 1001 `agent-error` (AI Agent general error: see `message`), 1004 `asr-no-text` (voice
     * detected, no text recognised), 1101 `im-error`, 1201 `rtc-error`, 1202 `user-idle-timeout` (the
     * creating user was out of the room past 120 s or `AdvancedConfig.MaxIdleTime`), 1203 `kicked-from-room`
     * (several instances with one `AgentUserId`?), 1204 `room-login-failed`, 1205 `room-disconnected`, 1206
     * `publish-failed`, 1207 `play-failed`, 1208 `room-message-failed`, 2101 `asr-error`, 2201 `llm-error`,
     * 2202 `llm-invalid-params`, 2203 `llm-auth-failed` (check `LLM.ApiKey`), 2204 `llm-concurrency-limit`,
     * 2205 `llm-account-overdue`, 2206 `llm-content-rejected`, 2301 `tts-error`, 2302 `tts-invalid-params`,
     * 2303 `tts-auth-failed`, 2304 `tts-concurrency-limit`, 2305 `tts-account-overdue`.
     */
    readonly reason: AiAgentExceptionReason;
    /** `Code` as sent. */
    readonly code: number;
    /** `Message`: the exception's description. */
    readonly message: string;
    /** `Round`: the dialogue round (absent from ZEGO's get-ai-agent-status example). */
    readonly round?: number;
  }
>;

/** Why the agent was interrupted (`Interrupted`'s `Reason`). */
export type AiAgentInterruptReason = 'user-speaking' | 'llm-called' | 'tts-called' | 'interrupt-called' | 'unknown';

/** `Interrupted`: the agent was interrupted. */
export type AiAgentInterruptedEvent = AiAgentEventBase<
  'Interrupted',
  {
    /** `Round`: the dialogue round that was interrupted. */
    readonly round: number;
    /**
     * `Reason`, named: 1 `user-speaking`, 2 `llm-called` (your server called SendAgentInstanceLLM), 3
     * `tts-called` (your server called SendAgentInstanceTTS), 4 `interrupt-called` (your server called
     * InterruptAgentInstance).
     */
    readonly reason: AiAgentInterruptReason;
    /** `Reason` as sent. */
    readonly reasonCode: number;
    /** `PlayedText`: what the agent had said when interrupted (absent from ZEGO's examples). */
    readonly playedText?: string;
  }
>;

/** `UserSpeakAction`: the user started or stopped speaking. */
export type AiAgentUserSpeakActionEvent = AiAgentEventBase<
  'UserSpeakAction',
  {
    /** `UserId`: the speaker's user ID. */
    readonly userId: string;
    /** `Action`: `SPEAK_BEGIN` (started speaking) or `SPEAK_END` (stopped); `unknown` for another value. */
    readonly action: 'SPEAK_BEGIN' | 'SPEAK_END' | 'unknown';
    /** `Round`: the dialogue round (absent from ZEGO's display-user-and-agent-status example). */
    readonly round?: number;
  }
>;

/** The agent instance's state (`Status`). */
export interface AiAgentStatusData {
  /** `Status`: `IDLE`, `LISTENING`, `THINKING` or `SPEAKING`; `unknown` for another value. */
  readonly status: 'IDLE' | 'LISTENING' | 'THINKING' | 'SPEAKING' | 'unknown';
  /** `Round`: the dialogue round (absent from ZEGO's display-user-and-agent-status example). */
  readonly round?: number;
}

/** `AgentInstanceStatus`: the agent instance's state changed. */
export type AiAgentInstanceStatusEvent = AiAgentEventBase<'AgentInstanceStatus', AiAgentStatusData>;

/**
 * `AgentSpeakAction`: deprecated by ZEGO for `AgentInstanceStatus`, with the same `Data`; ZEGO's own
 * AgentInstanceStatus example still sends this name.
 */
export type AiAgentSpeakActionEvent = AiAgentEventBase<'AgentSpeakAction', AiAgentStatusData>;

/** `UserAudioData`: the start of the user's speech in a round (not sent for speech under 1 s). */
export type AiAgentUserAudioDataEvent = AiAgentEventBase<
  'UserAudioData',
  {
    /** `UserId`: the speaker's user ID. */
    readonly userId: string;
    /** `Round`: the dialogue round. */
    readonly round: number;
    /** `SampleRate`: the audio's sample rate in Hz (16000 by default). */
    readonly sampleRate: number;
    /** `Format`: the audio's format (`pcm` by default). */
    readonly format: string;
    /** `Audio`: the first 1–1.5 s of the round's audio, Base64-encoded. */
    readonly audio: string;
  }
>;

/** `AgentInstanceCreated`: the agent instance was created (it joined the room and publishes). */
export type AiAgentInstanceCreatedEvent = AiAgentEventBase<
  'AgentInstanceCreated',
  {
    /** `CreatedTimestamp`: when it was created, in ms since the epoch (ZEGO sends ms). */
    readonly createdTimestamp: number;
  }
>;

const DELETE_REASONS = { 0: 'deleted-by-api', ...ROOM_CODES } as const;

/** Why an agent instance was deleted (`AgentInstanceDeleted`'s `Code`). */
export type AiAgentDeleteReason = (typeof DELETE_REASONS)[keyof typeof DELETE_REASONS] | 'unknown';

/** `LatencyData`: a conversation's average latencies. */
export interface AiAgentLatencyData {
  /** `LLMTTFT`: the LLM's average time to first token, in ms. */
  readonly llmTtft: number;
  /** `LLMTPS`: the LLM's average output speed, in tokens per second (a decimal). */
  readonly llmTps: number;
  /** `TTSAudioFirstFrameTime`: average time from the first LLM token to the first TTS audio frame, in ms. */
  readonly ttsAudioFirstFrameTime: number;
  /** `TotalCost`: the AI Agent server's average total latency, in ms. */
  readonly totalCost: number;
}

/** `AgentInstanceDeleted`: the agent instance was deleted, with the conversation's latencies. */
export type AiAgentInstanceDeletedEvent = AiAgentEventBase<
  'AgentInstanceDeleted',
  {
    /**
     * `Code`, named: 0 `deleted-by-api` (DeleteAgentInstance), 1201 `rtc-error`, 1202 `user-idle-timeout` (the
     * creating user was out of the room past 120 s or `AdvancedConfig.MaxIdleTime`), 1203 `kicked-from-room`,
     * 1204 `room-login-failed`, 1205 `room-disconnected`, 1206 `publish-failed`.
     */
    readonly reason: AiAgentDeleteReason;
    /** `Code` as sent. */
    readonly code: number;
    /** `DeletedTimestamp`: when it was deleted, in ms since the epoch (ZEGO sends ms). */
    readonly deletedTimestamp: number;
    /** `LatencyData`: the conversation's average latencies. */
    readonly latencyData: AiAgentLatencyData;
  }
>;

/** `AgentInstanceMetaInfo`: the MetaInfo attached to the agent's speech. */
export type AiAgentInstanceMetaInfoEvent = AiAgentEventBase<
  'AgentInstanceMetaInfo',
  {
    /** `Round`: the dialogue round. */
    readonly round: number;
    /** `MetaInfo`: the MetaInfo object, as sent. */
    readonly metaInfo: Readonly<Record<string, unknown>>;
  }
>;

/** AI Agent's typed callback events, named by ZEGO's `Event`. */
export type AiAgentCallbackEvent =
  | AiAgentAsrResultEvent
  | AiAgentLlmResultEvent
  | AiAgentExceptionEvent
  | AiAgentInterruptedEvent
  | AiAgentUserSpeakActionEvent
  | AiAgentInstanceStatusEvent
  | AiAgentSpeakActionEvent
  | AiAgentUserAudioDataEvent
  | AiAgentInstanceCreatedEvent
  | AiAgentInstanceDeletedEvent
  | AiAgentInstanceMetaInfoEvent;

const DECIMAL_NUMBER = /^-?\d+(\.\d+)?$/;

/** A number that may have a fraction (`LLMTPS`), from a JSON number or its decimal text. */
function decimal(r: FieldReader, name: string): number {
  const value = r.raw[name];
  const number = typeof value === 'string' && DECIMAL_NUMBER.test(value) ? Number(value) : value;
  return typeof number === 'number' && Number.isFinite(number) ? number : r.fail(name, 'a number');
}

/** A string code ZEGO documents (`SPEAK_BEGIN`…), or `'unknown'` for another string. */
function oneOf<V extends string>(r: FieldReader, name: string, values: readonly V[]): V | 'unknown' {
  const value = r.string(name);
  return (values as readonly string[]).includes(value) ? (value as V) : 'unknown';
}

/** `{ round }` when `Round` is there, else nothing. */
function optionalRound(data: FieldReader): { round?: number } {
  const round = data.optionalInteger('Round');
  return round === undefined ? {} : { round };
}

function event<E extends AiAgentCallbackEvent['event'], D>(r: FieldReader, name: E, data: D): AiAgentEventBase<E, D> {
  const optional = {
    agentUserId: r.optionalString('AgentUserId'),
    agentId: r.optionalString('AgentId'),
    name: r.optionalString('Name'),
    roomId: r.optionalString('RoomId'),
    sequence: r.optionalId('Sequence'),
  };
  return {
    product: 'ai-agent',
    event: name,
    raw: r.raw,
    appId: r.integer('AppId'),
    nonce: r.string('Nonce'),
    timestamp: r.millis('Timestamp'),
    signature: r.string('Signature'),
    agentInstanceId: r.string('AgentInstanceId'),
    ...Object.fromEntries(Object.entries(optional).filter(([, value]) => value !== undefined)),
    data,
  };
}

function status(data: FieldReader): AiAgentStatusData {
  return { status: oneOf(data, 'Status', ['IDLE', 'LISTENING', 'THINKING', 'SPEAKING']), ...optionalRound(data) };
}

function latency(data: FieldReader): AiAgentLatencyData {
  return {
    llmTtft: data.integer('LLMTTFT'),
    llmTps: decimal(data, 'LLMTPS'),
    ttsAudioFirstFrameTime: data.integer('TTSAudioFirstFrameTime'),
    totalCost: data.integer('TotalCost'),
  };
}

export const aiAgentCallbacks: ProductCallbacks<AiAgentCallbackEvent> = {
  product: 'ai-agent',
  // AI Agent's own fields: a string `Event` beside `AgentInstanceId` (moderation and transcoding
  // callbacks have `Event` without it; Digital Human has `EventType` and `TaskId`).
  detect: (raw) => (typeof raw.Event === 'string' && raw.AgentInstanceId !== undefined ? raw.Event : undefined),
  events: {
    ASRResult: (r): AiAgentAsrResultEvent => {
      const data = r.nested('Data');
      return event(r, 'ASRResult', {
        userId: data.string('UserId'),
        round: data.integer('Round'),
        text: data.string('Text'),
      });
    },
    LLMResult: (r): AiAgentLlmResultEvent => {
      const data = r.nested('Data');
      return event(r, 'LLMResult', { round: data.integer('Round'), text: data.string('Text') });
    },
    Exception: (r): AiAgentExceptionEvent => {
      const data = r.nested('Data');
      return event(r, 'Exception', {
        reason: data.named('Code', EXCEPTION_REASONS),
        code: data.integer('Code'),
        message: data.string('Message'),
        ...optionalRound(data),
      });
    },
    Interrupted: (r): AiAgentInterruptedEvent => {
      const data = r.nested('Data');
      const playedText = data.optionalString('PlayedText');
      return event(r, 'Interrupted', {
        round: data.integer('Round'),
        reason: data.named('Reason', {
          1: 'user-speaking',
          2: 'llm-called',
          3: 'tts-called',
          4: 'interrupt-called',
        } as const),
        reasonCode: data.integer('Reason'),
        ...(playedText === undefined ? {} : { playedText }),
      });
    },
    UserSpeakAction: (r): AiAgentUserSpeakActionEvent => {
      const data = r.nested('Data');
      return event(r, 'UserSpeakAction', {
        userId: data.string('UserId'),
        action: oneOf(data, 'Action', ['SPEAK_BEGIN', 'SPEAK_END']),
        ...optionalRound(data),
      });
    },
    AgentInstanceStatus: (r): AiAgentInstanceStatusEvent => event(r, 'AgentInstanceStatus', status(r.nested('Data'))),
    AgentSpeakAction: (r): AiAgentSpeakActionEvent => event(r, 'AgentSpeakAction', status(r.nested('Data'))),
    UserAudioData: (r): AiAgentUserAudioDataEvent => {
      const data = r.nested('Data');
      return event(r, 'UserAudioData', {
        userId: data.string('UserId'),
        round: data.integer('Round'),
        sampleRate: data.integer('SampleRate'),
        format: data.string('Format'),
        audio: data.string('Audio'),
      });
    },
    AgentInstanceCreated: (r): AiAgentInstanceCreatedEvent =>
      event(r, 'AgentInstanceCreated', { createdTimestamp: r.nested('Data').millis('CreatedTimestamp') }),
    AgentInstanceDeleted: (r): AiAgentInstanceDeletedEvent => {
      const data = r.nested('Data');
      return event(r, 'AgentInstanceDeleted', {
        reason: data.named('Code', DELETE_REASONS),
        code: data.integer('Code'),
        deletedTimestamp: data.millis('DeletedTimestamp'),
        latencyData: latency(data.nested('LatencyData')),
      });
    },
    AgentInstanceMetaInfo: (r): AiAgentInstanceMetaInfoEvent => {
      const data = r.nested('Data');
      return event(r, 'AgentInstanceMetaInfo', { round: data.integer('Round'), metaInfo: data.object('MetaInfo') });
    },
  },
};

/**
 * AI Agent's documented example bodies (tests, `zego-token callback send`): every distinct example that is
 * JSON, as documented. The English receiving-callback page's Interrupted, UserSpeakAction and
 * AgentInstanceStatus examples are not JSON (`"agent_user_1",,`), nor are the guides' Interrupted
 * examples (a full-width comma) and the English display-user-and-agent-status ones (comments, trailing
 * commas): the Chinese pages' versions of those events stand for them.
 */
export const aiAgentExamples: readonly CallbackExample[] = [
  {
    product: 'ai-agent',
    event: 'ASRResult',
    source: RECEIVING_EN,
    contentType: 'application/json',
    text: `{
    "AppId": 1234567,
    "AgentInstanceId": "1912124734317838336",
    "Data": {
        "UserId": "user_1",
        "Round": 650459806,
        "Text": "Hello"
    },
    "Event": "ASRResult",
    "Nonce": "7450395512627324902",
    "Signature": "fd9c1ce54e85bd92f48b0a805e82a52b0c0c6445",
    "Timestamp": 1745502313000
}`,
  },
  {
    product: 'ai-agent',
    event: 'LLMResult',
    source: RECEIVING_EN,
    contentType: 'application/json',
    text: `{
    "AppId": 1234567,
    "AgentInstanceId": "1912124734317838336",
    "Data": {
        "Round": 650459806,
        "Text": "Hi there, you look full of energy today."
    },
    "Event": "LLMResult",
    "Nonce": "7450395512627324902",
    "Signature": "fd9c1ce54e85bd92f48b0a805e82a52b0c0c6445",
    "Timestamp": 1745502313000
}`,
  },
  {
    product: 'ai-agent',
    event: 'Exception',
    source: RECEIVING_EN,
    contentType: 'application/json',
    text: `{
    "AppId": 1234567,
    "AgentInstanceId": "1912124734317838336",
    "Data": {
        "Code": 1001,
        "Message": "AI Agent general error",
        "Round": 123456
    },
    "Event": "Exception",
    "Nonce": "7450395512627324902",
    "Signature": "fd9c1ce54e85bd92f48b0a805e82a52b0c0c6445",
    "Timestamp": 1745502313000
}`,
  },
  {
    product: 'ai-agent',
    event: 'UserAudioData',
    source: RECEIVING_EN,
    contentType: 'application/json',
    text: `{
    "AppId": 1234567,
    "AgentInstanceId": "1912124734317838336",
    "AgentUserId": "agent_user_1",
    "RoomId": "room_1",
    "Sequence": 1234567890,
    "Data": {
        "UserId": "user_1",
        "Round": 123456,
        "SampleRate": 16000,
        "Format": "pcm",
        "Audio": "base64_encoded_audio_data"
    },
    "Event": "UserAudioData",
    "Nonce": "7450395512627324902",
    "Signature": "fd9c1ce54e85bd92f48b0a805e82a52b0c0c6445",
    "Timestamp": 1745502313000
}`,
  },
  {
    product: 'ai-agent',
    event: 'AgentInstanceCreated',
    source: RECEIVING_EN,
    contentType: 'application/json',
    text: `{
    "AppId": 1234567,
    "AgentInstanceId": "1912124734317838336",
    "AgentUserId": "agent_user_1",
    "RoomId": "room_1",
    "Sequence": 1234567890,
    "Data": {
        "CreatedTimestamp": 1745502312982
    },
    "Event": "AgentInstanceCreated",
    "Nonce": "7450395512627324902",
    "Signature": "fd9c1ce54e85bd92f48b0a805e82a52b0c0c6445",
    "Timestamp": 1745502313000
}`,
  },
  {
    product: 'ai-agent',
    event: 'AgentInstanceDeleted',
    source: RECEIVING_EN,
    contentType: 'application/json',
    text: `{
    "AppId": 1234567,
    "AgentInstanceId": "1912124734317838336",
    "AgentUserId": "agent_user_1",
    "RoomId": "room_1",
    "Sequence": 1234567890,
    "Data": {
        "Code": 0,
        "DeletedTimestamp": 1745502345138,
        "LatencyData": {
            "LLMTTFT": 613,
            "LLMTPS": 11.493,
            "TTSAudioFirstFrameTime": 783,
            "TotalCost": 1693
        }
    },
    "Event": "AgentInstanceDeleted",
    "Nonce": "7450395512627324902",
    "Signature": "fd9c1ce54e85bd92f48b0a805e82a52b0c0c6445",
    "Timestamp": 1745502313000
}`,
  },
  {
    product: 'ai-agent',
    event: 'AgentInstanceMetaInfo',
    source: RECEIVING_EN,
    contentType: 'application/json',
    text: `{
    "AppId": 1234567,
    "AgentInstanceId": "1912124734317838336",
    "AgentUserId": "agent_user_1",
    "RoomId": "room_1",
    "Sequence": 1234567890,
    "Data": {
        "Round": 123456,
        "MetaInfo": {
            "action": "action"
        }
    },
    "Event": "AgentInstanceMetaInfo",
    "Nonce": "7450395512627324902",
    "Signature": "fd9c1ce54e85bd92f48b0a805e82a52b0c0c6445",
    "Timestamp": 1745502313000
}`,
  },
  {
    product: 'ai-agent',
    event: 'ASRResult',
    source: RECEIVING_ZH,
    contentType: 'application/json',
    text: `{
    "AppId": 1234567,
    "AgentInstanceId": "1912124734317838336",
    "AgentUserId": "agent_user_1",
    "RoomId": "room_1",
    "Sequence": 1234567890,
    "Data": {
        "UserId": "user_1",
        "Round": 650459806,
        "Text": "你好"
    },
    "Event": "ASRResult",
    "Nonce": "7450395512627324902",
    "Signature": "fd9c1ce54e85bd92f48b0a805e82a52b0c0c6445",
    "Timestamp": 1745502313000
}`,
  },
  {
    product: 'ai-agent',
    event: 'LLMResult',
    source: RECEIVING_ZH,
    contentType: 'application/json',
    text: `{
    "AppId": 1234567,
    "AgentInstanceId": "1912124734317838336",
    "AgentUserId": "agent_user_1",
    "RoomId": "room_1",
    "Sequence": 1234567890,
    "Data": {
        "Round": 650459806,
        "Text": "哈喽呀，今天的你看起来充满活力呢。"
    },
    "Event": "LLMResult",
    "Nonce": "7450395512627324902",
    "Signature": "fd9c1ce54e85bd92f48b0a805e82a52b0c0c6445",
    "Timestamp": 1745502313000
}`,
  },
  {
    product: 'ai-agent',
    event: 'Exception',
    source: RECEIVING_ZH,
    contentType: 'application/json',
    text: `{
    "AppId": 1234567,
    "AgentInstanceId": "1912124734317838336",
    "AgentUserId": "agent_user_1",
    "RoomId": "room_1",
    "Sequence": 1234567890,
    "Data": {
        "Code": 1001,
        "Message": "AI Agent 通用错误",
        "Round": 123456
    },
    "Event": "Exception",
    "Nonce": "7450395512627324902",
    "Signature": "fd9c1ce54e85bd92f48b0a805e82a52b0c0c6445",
    "Timestamp": 1745502313000
}`,
  },
  {
    product: 'ai-agent',
    event: 'Interrupted',
    source: RECEIVING_ZH,
    contentType: 'application/json',
    text: `{
    "AppId": 1234567,
    "AgentInstanceId": "1912124734317838336",
    "AgentUserId": "agent_user_1",
    "RoomId": "room_1",
    "Sequence": 1234567890,
    "Data": {
        "Round": 650459806,
        "Reason": 1
    },
    "Event": "Interrupted",
    "Nonce": "7450395512627324902",
    "Signature": "fd9c1ce54e85bd92f48b0a805e82a52b0c0c6445",
    "Timestamp": 1745502313000
}`,
  },
  {
    product: 'ai-agent',
    event: 'UserSpeakAction',
    source: RECEIVING_ZH,
    contentType: 'application/json',
    text: `{
    "AppId": 1234567,
    "AgentInstanceId": "1912124734317838336",
    "AgentUserId": "agent_user_1",
    "RoomId": "room_1",
    "Sequence": 1234567890,
    "Data": {
        "UserId": "user_1",
        "Action": "SPEAK_BEGIN",
        "Round": 123456
    },
    "Event": "UserSpeakAction",
    "Nonce": "7450395512627324902",
    "Signature": "fd9c1ce54e85bd92f48b0a805e82a52b0c0c6445",
    "Timestamp": 1745502313000
}`,
  },
  {
    product: 'ai-agent',
    event: 'AgentSpeakAction',
    source: RECEIVING_ZH,
    contentType: 'application/json',
    text: `{
    "AppId": 1234567,
    "AgentInstanceId": "1912124734317838336",
    "AgentUserId": "agent_user_1",
    "RoomId": "room_1",
    "Sequence": 1234567890,
    "Data": {
        "Status": "LISTENING",
        "Round": 123456
    },
    "Event": "AgentSpeakAction",
    "Nonce": "7450395512627324902",
    "Signature": "fd9c1ce54e85bd92f48b0a805e82a52b0c0c6445",
    "Timestamp": 1745502313000
}`,
  },
  {
    product: 'ai-agent',
    event: 'AgentInstanceMetaInfo',
    source: RECEIVING_ZH,
    contentType: 'application/json',
    text: `{
    "AppId": 1234567,
    "AgentInstanceId": "1912124734317838336",
    "AgentUserId": "agent_user_1",
    "RoomId": "room_1",
    "Sequence": 1234567890,
    "Data": {
        "Round": 123456,
        "MetaInfo": {
            "action": "动作"
        }
    },
    "Event": "AgentInstanceMetaInfo",
    "Nonce": "7450395512627324902",
    "Signature": "fd9c1ce54e85bd92f48b0a805e82a52b0c0c6445",
    "Timestamp": 1745502313000
}`,
  },
  {
    product: 'ai-agent',
    event: 'Exception',
    source: STATUS_GUIDE_EN,
    contentType: 'application/json',
    text: `{
    "AppId": 123456789,
    "Event": "Exception",
    "Nonce": "abcdd22113",
    "Timestamp":1741221508000,
    "Signature": "XXXXXXX",
    "Sequence": 1921825797275873300,
    "RoomId": "test_room",
    "AgentUserId": "test_agent",
    "AgentInstanceId": "1912124734317838336",
    "Data": {
        "Code": 2203,
        "Message": "The API key in the request is missing or invalid"
    }
}`,
  },
  {
    product: 'ai-agent',
    event: 'AgentInstanceStatus',
    source: DISPLAY_GUIDE_ZH,
    contentType: 'application/json',
    text: `{
    "AppId": 1234567,
    "AgentInstanceId": "1912124734317838336",
    "AgentUserId": "agent_user_1",
    "RoomId": "room_1",
    "Sequence": 1234567890,
    "Data": {
        "Status": "LISTENING"
    },
    "Event": "AgentInstanceStatus",
    "Nonce": "7450395512627324902",
    "Signature": "fd9c1ce54e85bd92f48b0a805e82a52b0c0c6445",
    "Timestamp": 1745502313000
}`,
  },
  {
    product: 'ai-agent',
    event: 'UserSpeakAction',
    source: DISPLAY_GUIDE_ZH,
    contentType: 'application/json',
    text: `{
    "AppId": 1234567,
    "AgentInstanceId": "1912124734317838336",
    "AgentUserId": "agent_user_1",
    "RoomId": "room_1",
    "Sequence": 1234567890,
    "Data": {
        "UserId": "user_1",
        "Action": "SPEAK_BEGIN"
    },
    "Event": "UserSpeakAction",
    "Nonce": "7450395512627324902",
    "Signature": "fd9c1ce54e85bd92f48b0a805e82a52b0c0c6445",
    "Timestamp": 1745502313000
}`,
  },
];
