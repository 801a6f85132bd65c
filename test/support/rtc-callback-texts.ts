// Two of RTC's documented callback bodies, as text exactly as ZEGO documents them (from the RTC module's
// example list, which names each docs_all page): the other products' typed-event tests (MiniGame, cloud
// recording, AI Agent) check that their `detect` does not claim them.
import { rtcExamples } from '../../packages/zego-token/src/callback/events/rtc.js';

function rtcText(event: string): string {
  const example = rtcExamples.find((candidate) => candidate.event === event);
  if (example === undefined) throw new Error(`no documented RTC example of ${event}`);
  return example.text;
}

/** `room_login`: core_products/real-time-voice-video/en/server/callback/room/logged-in.mdx */
export const RTC_ROOM_LOGIN_TEXT = rtcText('room_login');

/** `mix_start` (it carries `task_id`, as cloud recording's bodies do): …/callback/stream-mixing/started.mdx */
export const RTC_MIX_START_TEXT = rtcText('mix_start');
