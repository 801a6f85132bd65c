// AI Agent's documented callbacks as typed events.
import type { CallbackExample, ProductCallbacks, ZegoCallbackEventBase } from './types.js';

/** AI Agent's typed callback events. */
export type AiAgentCallbackEvent = ZegoCallbackEventBase<'ai-agent', never>;

export const aiAgentCallbacks: ProductCallbacks<AiAgentCallbackEvent> = {
  product: 'ai-agent',
  detect: () => undefined,
  events: {},
};

/** AI Agent's documented example bodies (tests, `zego-token callback send`). */
export const aiAgentExamples: readonly CallbackExample[] = [];
