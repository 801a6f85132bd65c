// parseZegoCallback: a verified body (or its raw text) to the typed event of its product and event.
import { parseCallbackText } from '../body.js';
import { type AiAgentCallbackEvent, aiAgentCallbacks } from './ai-agent.js';
import { type CloudRecordingCallbackEvent, cloudRecordingCallbacks } from './cloud-recording.js';
import { type MiniGameCallbackEvent, miniGameCallbacks } from './mini-game.js';
import { FieldReader } from './reader.js';
import { type RtcCallbackEvent, rtcCallbacks } from './rtc.js';
import type { ProductCallbacks, UnknownZegoCallbackEvent, ZegoCallbackEventBase } from './types.js';
import { type ZimCallbackEvent, zimCallbacks } from './zim.js';

/** Every typed callback event, discriminated by `product` and then `event`. */
export type ZegoCallbackEvent =
  | RtcCallbackEvent
  | ZimCallbackEvent
  | MiniGameCallbackEvent
  | CloudRecordingCallbackEvent
  | AiAgentCallbackEvent
  | UnknownZegoCallbackEvent;

/** The products' modules, in the order they are asked; each must claim only its own bodies (tested). */
export const PRODUCT_CALLBACKS: readonly ProductCallbacks<ZegoCallbackEventBase<string, string>>[] = [
  miniGameCallbacks,
  aiAgentCallbacks,
  cloudRecordingCallbacks,
  zimCallbacks,
  rtcCallbacks,
];

const EVENT_FIELDS = ['event', 'Event', 'event_type', 'EventType', 'ReportType'] as const;

function unknownEvent(raw: Readonly<Record<string, unknown>>): UnknownZegoCallbackEvent {
  const name = EVENT_FIELDS.map((field) => raw[field]).find(
    (value) => typeof value === 'string' || typeof value === 'number',
  );
  return { product: 'unknown', event: name === undefined ? '' : String(name), raw };
}

/**
 * The typed event of a ZEGO callback body: pass the raw body text (so that 64-bit IDs sent as bare JSON
 * numbers arrive exact) or a parsed body. Verify it first (`verifyZegoCallback`, or the callback route).
 * A body of no documented event passes through as `{ product: 'unknown', event, raw }`; a documented
 * event with a field of the wrong type throws `CALLBACK_EVENT_INVALID` naming the field.
 */
export function parseZegoCallback(body: string | Readonly<Record<string, unknown>>): ZegoCallbackEvent {
  const raw = typeof body === 'string' ? parseCallbackText(body) : body;
  for (const product of PRODUCT_CALLBACKS) {
    const event = product.detect(raw);
    if (event === undefined) continue;
    const read = product.events[event];
    if (read === undefined) return unknownEvent(raw);
    return read(new FieldReader(raw, product.product, event)) as ZegoCallbackEvent;
  }
  return unknownEvent(raw);
}
