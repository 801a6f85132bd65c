// RTC (Express)'s documented callbacks as typed events.
import type { CallbackExample, ProductCallbacks, ZegoCallbackEventBase } from './types.js';

/** RTC (Express)'s typed callback events. */
export type RtcCallbackEvent = ZegoCallbackEventBase<'rtc', never>;

export const rtcCallbacks: ProductCallbacks<RtcCallbackEvent> = {
  product: 'rtc',
  detect: () => undefined,
  events: {},
};

/** RTC (Express)'s documented example bodies (tests, `zego-token callback send`). */
export const rtcExamples: readonly CallbackExample[] = [];
