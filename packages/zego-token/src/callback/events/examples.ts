// Every product's documented example bodies, in one list: what `zego-token callback send` sends.
import { aiAgentExamples } from './ai-agent.js';
import { cloudRecordingExamples } from './cloud-recording.js';
import { miniGameExamples } from './mini-game.js';
import { rtcExamples } from './rtc.js';
import type { CallbackExample } from './types.js';
import { zimExamples } from './zim.js';

/** ZEGO's documented callback bodies, every product's, RTC first. */
export const CALLBACK_EXAMPLES: readonly CallbackExample[] = [
  ...rtcExamples,
  ...zimExamples,
  ...cloudRecordingExamples,
  ...miniGameExamples,
  ...aiAgentExamples,
];
