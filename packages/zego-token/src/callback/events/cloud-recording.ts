// cloud recording's documented callbacks as typed events.
import type { CallbackExample, ProductCallbacks, ZegoCallbackEventBase } from './types.js';

/** cloud recording's typed callback events. */
export type CloudRecordingCallbackEvent = ZegoCallbackEventBase<'cloud-recording', never>;

export const cloudRecordingCallbacks: ProductCallbacks<CloudRecordingCallbackEvent> = {
  product: 'cloud-recording',
  detect: () => undefined,
  events: {},
};

/** cloud recording's documented example bodies (tests, `zego-token callback send`). */
export const cloudRecordingExamples: readonly CallbackExample[] = [];
