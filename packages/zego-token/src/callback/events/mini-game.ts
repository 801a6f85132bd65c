// MiniGameEngine's documented callbacks as typed events.
import type { CallbackExample, ProductCallbacks, ZegoCallbackEventBase } from './types.js';

/** MiniGameEngine's typed callback events. */
export type MiniGameCallbackEvent = ZegoCallbackEventBase<'mini-game', never>;

export const miniGameCallbacks: ProductCallbacks<MiniGameCallbackEvent> = {
  product: 'mini-game',
  detect: () => undefined,
  events: {},
};

/** MiniGameEngine's documented example bodies (tests, `zego-token callback send`). */
export const miniGameExamples: readonly CallbackExample[] = [];
