// Reading one documented callback's fields into its typed event: each reader checks a field's type and
// names the field and the event in a `CALLBACK_EVENT_INVALID` error when it is wrong. Times become
// milliseconds since the epoch (the unit of every time in a typed event); 64-bit IDs stay decimal strings.
import { ZegoTokenError } from '../../errors.js';
import { describe } from '../../validate.js';

const DECIMAL = /^-?(0|[1-9]\d*)$/;

/** Reads the fields of one callback body for the typed event of `product`'s `event`. */
export class FieldReader {
  constructor(
    readonly raw: Readonly<Record<string, unknown>>,
    readonly product: string,
    readonly event: string,
  ) {}

  /** A `CALLBACK_EVENT_INVALID` error naming the field: `expected` says what it should have been. */
  fail(name: string, expected: string): never {
    throw new ZegoTokenError(
      'CALLBACK_EVENT_INVALID',
      `the ${this.product} callback ${this.event}'s ${name} must be ${expected}, got ${describe(this.raw[name])}`,
    );
  }

  has(name: string): boolean {
    const value = this.raw[name];
    return value !== undefined && value !== null;
  }

  /** A string (a number is given as its decimal text, as ZEGO's bodies mix the two). */
  string(name: string): string {
    const value = this.raw[name];
    if (typeof value === 'string') return value;
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
    return this.fail(name, 'a string');
  }

  optionalString(name: string): string | undefined {
    return this.has(name) ? this.string(name) : undefined;
  }

  /** A safe integer, from a JSON number or a decimal string. */
  integer(name: string): number {
    const value = this.raw[name];
    const number = typeof value === 'string' && DECIMAL.test(value) ? Number(value) : value;
    if (typeof number === 'number' && Number.isSafeInteger(number)) return number;
    return this.fail(name, 'an integer');
  }

  optionalInteger(name: string): number | undefined {
    return this.has(name) ? this.integer(name) : undefined;
  }

  /**
   * A 64-bit ID as its exact decimal text: from a string, or a number (a bare number beyond 2^53 arrives
   * here as a string when the body was parsed by the callback route or `parseZegoCallback` from its text).
   */
  id(name: string): string {
    const value = this.raw[name];
    if (typeof value === 'string' && value !== '') return value;
    if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
    return this.fail(
      name,
      typeof value === 'number'
        ? 'an exact ID (this number is beyond 2^53 and was rounded: pass the raw body text to parseZegoCallback)'
        : 'an ID (a string or an integer)',
    );
  }

  optionalId(name: string): string | undefined {
    return this.has(name) ? this.id(name) : undefined;
  }

  /** A Unix time in seconds, as milliseconds. */
  seconds(name: string): number {
    return this.integer(name) * 1000;
  }

  optionalSeconds(name: string): number | undefined {
    return this.has(name) ? this.seconds(name) : undefined;
  }

  /** A Unix time in milliseconds. */
  millis(name: string): number {
    return this.integer(name);
  }

  optionalMillis(name: string): number | undefined {
    return this.has(name) ? this.millis(name) : undefined;
  }

  /** A 0/1 (or boolean) flag. */
  flag(name: string): boolean {
    const value = this.raw[name];
    if (typeof value === 'boolean') return value;
    const number = this.integer(name);
    if (number === 0 || number === 1) return number === 1;
    return this.fail(name, '0 or 1');
  }

  optionalFlag(name: string): boolean | undefined {
    return this.has(name) ? this.flag(name) : undefined;
  }

  /** An integer code's documented name, or `'unknown'` for a code the docs do not list (kept, not thrown). */
  named<N extends string>(name: string, names: Readonly<Record<number, N>>): N | 'unknown' {
    return names[this.integer(name)] ?? 'unknown';
  }

  /** An object field (a nested JSON object, or a JSON text of one, as some callbacks send). */
  object(name: string): Readonly<Record<string, unknown>> {
    let value = this.raw[name];
    if (typeof value === 'string') {
      try {
        value = JSON.parse(value);
      } catch {
        return this.fail(name, 'a JSON object');
      }
    }
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
    return this.fail(name, 'an object');
  }

  /** An array field; `each` reads one element (given a reader over it when it is an object). */
  array<T>(name: string, each: (element: unknown, index: number) => T): T[] {
    const value = this.raw[name];
    if (!Array.isArray(value)) return this.fail(name, 'an array');
    return value.map(each);
  }

  /** A reader over a nested object field, for the same event (its errors name `outer.inner`). */
  nested(name: string): FieldReader {
    const inner = this.object(name);
    return new FieldReader(inner, this.product, `${this.event}'s ${name}`);
  }
}
