import { describe, expect, it } from 'vitest';
import { expectCodedError } from '../../../../../test/support/index.js';
import { RTC_MIX_START_TEXT, RTC_ROOM_LOGIN_TEXT } from '../../../../../test/support/rtc-callback-texts.js';
import { aiAgentCallbacks, aiAgentExamples } from './ai-agent.js';
import { parseZegoCallback } from './parse.js';

const RECEIVING_EN = 'core_products/aiagent/en/server/callbacks/receiving-callback.mdx';
const RECEIVING_ZH = 'core_products/aiagent/zh/server/callbacks/receiving-callback.mdx';

// The fields most of ZEGO's examples share, typed by hand (Timestamp is already in ms).
const COMMON = {
  product: 'ai-agent',
  appId: 1234567,
  agentInstanceId: '1912124734317838336',
  nonce: '7450395512627324902',
  signature: 'fd9c1ce54e85bd92f48b0a805e82a52b0c0c6445',
  timestamp: 1_745_502_313_000,
};
const IN_ROOM = { ...COMMON, agentUserId: 'agent_user_1', roomId: 'room_1', sequence: '1234567890' };

// Each documented example, in aiAgentExamples' order: its source and its typed value (without `raw`).
const EXPECTED: ReadonlyArray<readonly [string, Record<string, unknown>]> = [
  [RECEIVING_EN, { ...COMMON, event: 'ASRResult', data: { userId: 'user_1', round: 650459806, text: 'Hello' } }],
  [
    RECEIVING_EN,
    { ...COMMON, event: 'LLMResult', data: { round: 650459806, text: 'Hi there, you look full of energy today.' } },
  ],
  [
    RECEIVING_EN,
    {
      ...COMMON,
      event: 'Exception',
      data: { reason: 'agent-error', code: 1001, message: 'AI Agent general error', round: 123456 },
    },
  ],
  [
    RECEIVING_EN,
    {
      ...IN_ROOM,
      event: 'UserAudioData',
      data: { userId: 'user_1', round: 123456, sampleRate: 16000, format: 'pcm', audio: 'base64_encoded_audio_data' },
    },
  ],
  [RECEIVING_EN, { ...IN_ROOM, event: 'AgentInstanceCreated', data: { createdTimestamp: 1_745_502_312_982 } }],
  [
    RECEIVING_EN,
    {
      ...IN_ROOM,
      event: 'AgentInstanceDeleted',
      data: {
        reason: 'deleted-by-api',
        code: 0,
        deletedTimestamp: 1_745_502_345_138,
        latencyData: { llmTtft: 613, llmTps: 11.493, ttsAudioFirstFrameTime: 783, totalCost: 1693 },
      },
    },
  ],
  [
    RECEIVING_EN,
    { ...IN_ROOM, event: 'AgentInstanceMetaInfo', data: { round: 123456, metaInfo: { action: 'action' } } },
  ],
  [RECEIVING_ZH, { ...IN_ROOM, event: 'ASRResult', data: { userId: 'user_1', round: 650459806, text: '你好' } }],
  [
    RECEIVING_ZH,
    { ...IN_ROOM, event: 'LLMResult', data: { round: 650459806, text: '哈喽呀，今天的你看起来充满活力呢。' } },
  ],
  [
    RECEIVING_ZH,
    {
      ...IN_ROOM,
      event: 'Exception',
      data: { reason: 'agent-error', code: 1001, message: 'AI Agent 通用错误', round: 123456 },
    },
  ],
  [
    RECEIVING_ZH,
    { ...IN_ROOM, event: 'Interrupted', data: { round: 650459806, reason: 'user-speaking', reasonCode: 1 } },
  ],
  [
    RECEIVING_ZH,
    { ...IN_ROOM, event: 'UserSpeakAction', data: { userId: 'user_1', action: 'SPEAK_BEGIN', round: 123456 } },
  ],
  [RECEIVING_ZH, { ...IN_ROOM, event: 'AgentSpeakAction', data: { status: 'LISTENING', round: 123456 } }],
  [RECEIVING_ZH, { ...IN_ROOM, event: 'AgentInstanceMetaInfo', data: { round: 123456, metaInfo: { action: '动作' } } }],
  [
    'core_products/aiagent/en/server/guides/get-ai-agent-status.mdx',
    {
      product: 'ai-agent',
      event: 'Exception',
      appId: 123456789,
      nonce: 'abcdd22113',
      timestamp: 1_741_221_508_000,
      signature: 'XXXXXXX',
      sequence: '1921825797275873300',
      roomId: 'test_room',
      agentUserId: 'test_agent',
      agentInstanceId: '1912124734317838336',
      data: { reason: 'llm-auth-failed', code: 2203, message: 'The API key in the request is missing or invalid' },
    },
  ],
  [
    'core_products/aiagent/zh/server/guides/display-user-and-agent-status.mdx',
    { ...IN_ROOM, event: 'AgentInstanceStatus', data: { status: 'LISTENING' } },
  ],
  [
    'core_products/aiagent/zh/server/guides/display-user-and-agent-status.mdx',
    { ...IN_ROOM, event: 'UserSpeakAction', data: { userId: 'user_1', action: 'SPEAK_BEGIN' } },
  ],
];

const asrBody = JSON.parse(aiAgentExamples[0]?.text ?? '{}') as Record<string, unknown>;
const deletedBody = JSON.parse(aiAgentExamples[5]?.text ?? '{}') as Record<string, unknown>;

describe('AI Agent callbacks', () => {
  it('has every documented JSON example, in order', () => {
    expect(aiAgentExamples.map((example) => [example.source, example.event])).toEqual(
      EXPECTED.map(([source, typed]) => [source, typed.event]),
    );
  });

  it.each(aiAgentExamples.map((example, index) => [index, example.event, example, EXPECTED[index]?.[1]] as const))(
    "parses ZEGO's documented example %i (%s) to its typed event",
    (_index, _event, example, expected) => {
      const needsLossless = example.text.includes('1921825797275873300');
      const { raw, ...typed } = parseZegoCallback(example.text);
      expect(typed).toEqual(expected);
      if (!needsLossless) expect(raw).toEqual(JSON.parse(example.text));
    },
  );

  it('keeps the bare 64-bit Sequence of the get-ai-agent-status example exact', () => {
    const example = aiAgentExamples.find((candidate) => candidate.text.includes('1921825797275873300'));
    const event = parseZegoCallback(example?.text ?? '');
    expect(event.product === 'ai-agent' && event.sequence).toBe('1921825797275873300');
    expect(event.raw.Sequence).toBe('1921825797275873300');
  });

  it('names undocumented codes and values unknown, keeping the numbers', () => {
    const text = JSON.stringify({ ...asrBody, Event: 'Interrupted', Data: { Round: 2, Reason: 7, PlayedText: 'Hi' } });
    expect(parseZegoCallback(text)).toMatchObject({
      event: 'Interrupted',
      data: { round: 2, reason: 'unknown', reasonCode: 7, playedText: 'Hi' },
    });
    const status = JSON.stringify({ ...asrBody, Event: 'AgentInstanceStatus', Data: { Status: 'DREAMING', Round: 3 } });
    expect(parseZegoCallback(status)).toMatchObject({ data: { status: 'unknown', round: 3 } });
    const exception = JSON.stringify({ ...asrBody, Event: 'Exception', Data: { Code: 9999, Message: 'new' } });
    expect(parseZegoCallback(exception)).toMatchObject({ data: { reason: 'unknown', code: 9999, message: 'new' } });
  });

  it.each([
    ['Timestamp', { Timestamp: 'soon' }],
    ['Sequence', { Sequence: 1.5 }],
    ['Data', { Data: 'Hello' }],
    ['Round', { Data: { UserId: 'user_1', Round: 'one', Text: 'Hello' } }],
    ['UserId', { Data: { UserId: { id: 1 }, Round: 1, Text: 'Hello' } }],
  ])('throws CALLBACK_EVENT_INVALID naming %s when it has the wrong type', (name, changes) => {
    const error = expectCodedError(
      () => parseZegoCallback(JSON.stringify({ ...asrBody, ...changes })),
      'CALLBACK_EVENT_INVALID',
    );
    expect(error.message).toContain(`${name} must be`);
  });

  it('throws CALLBACK_EVENT_INVALID naming LatencyData.LLMTPS when it is not a number', () => {
    const data = deletedBody.Data as Record<string, unknown>;
    const text = JSON.stringify({
      ...deletedBody,
      Data: { ...data, LatencyData: { LLMTTFT: 613, LLMTPS: 'fast', TTSAudioFirstFrameTime: 783, TotalCost: 1693 } },
    });
    const error = expectCodedError(() => parseZegoCallback(text), 'CALLBACK_EVENT_INVALID');
    expect(error.message).toContain("LatencyData's LLMTPS must be a number");
  });

  it('passes an Event the docs do not list through as unknown', () => {
    const text = JSON.stringify({ ...asrBody, Event: 'AgentInstanceRestarted' });
    expect(parseZegoCallback(text)).toEqual({
      product: 'unknown',
      event: 'AgentInstanceRestarted',
      raw: JSON.parse(text),
    });
  });

  it.each([
    ['room_login', RTC_ROOM_LOGIN_TEXT],
    ['mix_start', RTC_MIX_START_TEXT],
  ])("does not claim RTC's documented %s body", (_name, text) => {
    expect(aiAgentCallbacks.detect(JSON.parse(text))).toBeUndefined();
    expect(parseZegoCallback(text).product).not.toBe('ai-agent');
  });
});
