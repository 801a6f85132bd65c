// What every typed callback event shares, and the registry each product's module fills in.
import type { FieldReader } from './reader.js';

/**
 * The fields every typed event has. Times in typed events are numbers of milliseconds since the epoch,
 * whatever unit ZEGO sent (seconds for RTC and ZIM, milliseconds for AI Agent); 64-bit IDs are decimal
 * strings; codes are named unions with the number kept beside them (`reason` and `reasonCode`).
 */
export interface ZegoCallbackEventBase<P extends string, E extends string> {
  readonly product: P;
  readonly event: E;
  /** The body as received (from its text: numbers beyond 2^53 as decimal strings). */
  readonly raw: Readonly<Record<string, unknown>>;
}

/** A callback no module here recognises: passed through, never thrown. */
export interface UnknownZegoCallbackEvent extends ZegoCallbackEventBase<'unknown', string> {
  /** The body's own event name, if it has one (`event`, `Event`, `event_type`…), else `''`. */
  readonly event: string;
}

/** One product's documented callbacks: how to tell its bodies, and how to read each event. */
export interface ProductCallbacks<T extends ZegoCallbackEventBase<string, string>> {
  readonly product: T['product'];
  /**
   * The event's name if `raw` is one of this product's callbacks (by the fields ZEGO's docs give it),
   * else `undefined`. Must not claim another product's bodies: a test runs every fixture past every module.
   */
  detect(raw: Readonly<Record<string, unknown>>): string | undefined;
  /** The documented events' readers, by event name; a detected event missing here passes through as unknown. */
  readonly events: Readonly<Record<string, (fields: FieldReader) => T>>;
}

/**
 * A documented example body, as ZEGO's page shows it, for the tests and `zego-token callback send`:
 * `text` is the JSON (or form) text exactly as documented, bare 64-bit numbers included.
 */
export interface CallbackExample {
  readonly product: string;
  readonly event: string;
  /** The docs_all path (or page) the body comes from. */
  readonly source: string;
  /** The body's text as documented (signature fields included, with the documented values). */
  readonly text: string;
  readonly contentType: 'application/json' | 'application/x-www-form-urlencoded';
}
