// ZIM's documented callbacks as typed events.
import type { CallbackExample, ProductCallbacks, ZegoCallbackEventBase } from './types.js';

/** ZIM's typed callback events. */
export type ZimCallbackEvent = ZegoCallbackEventBase<'zim', never>;

export const zimCallbacks: ProductCallbacks<ZimCallbackEvent> = {
  product: 'zim',
  detect: () => undefined,
  events: {},
};

/** ZIM's documented example bodies (tests, `zego-token callback send`). */
export const zimExamples: readonly CallbackExample[] = [];
