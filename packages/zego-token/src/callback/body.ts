// Reading and parsing a callback's body, bounded, for the callback route. ZEGO POSTs JSON; some
// older callbacks are form-encoded. The readers never hold more than `maxBytes` of a body.
import { parse as parseLossless } from 'lossless-json';
import { ZegoTokenError } from '../errors.js';

/**
 * A callback's body as the route is given it: raw (the route parses it), or already parsed by the
 * host's own body parser (`express.json()`, `@koa/bodyparser`, Fastify, NestJS).
 */
export type CallbackInput = ({ readonly text: string } | { readonly parsed: unknown }) & {
  /**
   * The request's `Content-Type`. With `text`, it says how to parse it; with `parsed`, how to parse
   * the text or bytes a host parser left (`express.text()`, `express.raw()`): a form body behind them
   * is still a form.
   */
  readonly contentType?: string | null | undefined;
  /**
   * For a body the host read (its parser, its cache): the request's `Content-Length`, if it declared
   * one. Over `maxBodyBytes`, the route answers 413 even though the host's parser, whose own limit
   * bounded the read, accepted it. The readers here check it themselves.
   */
  readonly contentLength?: string | null | undefined;
};

function tooLarge(maxBytes: number): ZegoTokenError {
  return new ZegoTokenError('CALLBACK_BODY_TOO_LARGE', `the callback body is larger than maxBodyBytes (${maxBytes})`);
}

function invalid(message: string): never {
  throw new ZegoTokenError('CALLBACK_BODY_INVALID', message);
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

function decode(bytes: Uint8Array): string {
  try {
    return UTF8.decode(bytes);
  } catch {
    return invalid('the callback body is not UTF-8 text');
  }
}

/** A declared `Content-Length` over the limit is refused before a byte is read (or, parsed, used). */
export function checkDeclaredLength(value: string | null | undefined, maxBytes: number): void {
  if (value === null || value === undefined || value === '') return;
  const declared = Number(value);
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
}

function checkEncoding(value: string | null | undefined): void {
  if (value !== null && value !== undefined && value !== '' && value.trim().toLowerCase() !== 'identity') {
    invalid('the callback body must not be content-encoded (gzip, br, …): ZEGO sends it plain');
  }
}

function concat(chunks: readonly Uint8Array[], length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/**
 * The part of Node's `IncomingMessage` (or any readable stream with headers) the reader uses. Written
 * out rather than taken from Node's stream module, so that the declarations need no Node types.
 */
export interface NodeRequestLike {
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  on(event: 'data', listener: (chunk: Uint8Array | string) => void): unknown;
  on(event: 'end', listener: () => void): unknown;
  on(event: 'error', listener: (error: unknown) => void): unknown;
  off(event: 'data', listener: (chunk: Uint8Array | string) => void): unknown;
  off(event: 'end', listener: () => void): unknown;
  off(event: 'error', listener: (error: unknown) => void): unknown;
  resume(): unknown;
  /** Node's: true once something has read the whole body (a body parser before the route). */
  readonly readableEnded?: boolean | undefined;
}

function header(req: NodeRequestLike, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === 'string' ? value : undefined;
}

/**
 * Reads a Node request's body, at most `maxBytes` of it: `CALLBACK_BODY_TOO_LARGE` past that (the rest
 * is drained, not kept), `CALLBACK_BODY_INVALID` for a compressed or non-UTF-8 body. Rejects with the
 * stream's own error if the connection fails.
 *
 * If the stream has already been read (`readableEnded`: a body parser ran before the route), the body
 * is `parsedBody`, the framework's parsed body (`req.body`, `ctx.request.body`), with the request's
 * `Content-Length` so that `maxBodyBytes` still holds. (`req.complete` would not do: it says only that
 * Node has received the body, not that anyone read it.)
 */
export function readNodeCallbackBody(
  req: NodeRequestLike,
  maxBytes: number,
  parsedBody?: unknown,
): Promise<CallbackInput> {
  if (req.readableEnded === true) {
    return Promise.resolve({
      parsed: parsedBody,
      contentType: header(req, 'content-type'),
      contentLength: header(req, 'content-length'),
    });
  }
  return new Promise((resolve, reject) => {
    const contentType = header(req, 'content-type');
    try {
      checkEncoding(header(req, 'content-encoding'));
      checkDeclaredLength(header(req, 'content-length'), maxBytes);
    } catch (error) {
      req.resume();
      reject(error);
      return;
    }
    const chunks: Uint8Array[] = [];
    let length = 0;
    const cleanUp = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    function onData(chunk: Uint8Array | string): void {
      const bytes = typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk;
      length += bytes.byteLength;
      if (length > maxBytes) {
        cleanUp();
        // Drain what is left without keeping it, so the connection can answer 413.
        req.resume();
        reject(tooLarge(maxBytes));
        return;
      }
      chunks.push(bytes);
    }
    function onEnd(): void {
      cleanUp();
      try {
        resolve({ text: decode(concat(chunks, length)), contentType });
      } catch (error) {
        reject(error);
      }
    }
    function onError(error: unknown): void {
      cleanUp();
      reject(error);
    }
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}

/** Reads a Web `Request`'s body, at most `maxBytes` of it, with the same errors as the Node reader. */
export async function readRequestCallbackBody(request: Request, maxBytes: number): Promise<CallbackInput> {
  const contentType = request.headers.get('content-type');
  checkEncoding(request.headers.get('content-encoding'));
  checkDeclaredLength(request.headers.get('content-length'), maxBytes);
  if (request.body === null) return { text: '', contentType };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.byteLength;
    if (length > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return { text: decode(concat(chunks, length)), contentType };
}

function mediaType(contentType: string | null | undefined): string {
  return (contentType ?? '').split(';', 1)[0]?.trim().toLowerCase() ?? '';
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Keys that reach or replace a prototype when a handler merges or assigns the body somewhere. */
const UNSAFE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** A JSON-like container copied key by key (plain objects and arrays); anything else is kept as it is. */
function emptyCopyOf(value: unknown): Record<string, unknown> | unknown[] | undefined {
  if (Array.isArray(value)) return [];
  if (typeof value !== 'object' || value === null) return undefined;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null ? {} : undefined;
}

/**
 * A copy of `root` without `__proto__`, `constructor` or `prototype` keys at any depth, whoever parsed
 * it (`JSON.parse` and `Object.fromEntries` make `__proto__` an own key, which `Object.assign`, a spread
 * into a merge, or a deep-merge helper then follows). Walked without recursion, so a deeply nested body
 * cannot exhaust the stack; a cycle (not JSON) is refused.
 */
function withoutUnsafeKeys(root: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  const seen = new WeakSet<object>([root]);
  const pending: Array<readonly [object, Record<string, unknown> | unknown[]]> = [[root, copy]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [from, to] = next;
    for (const key of Object.keys(from)) {
      if (UNSAFE_KEYS.has(key)) continue;
      const value: unknown = (from as Record<string, unknown>)[key];
      const inner = emptyCopyOf(value);
      if (inner === undefined) {
        (to as Record<string, unknown>)[key] = value;
        continue;
      }
      if (seen.has(value as object)) invalid('the callback body must be JSON data, without cycles');
      seen.add(value as object);
      (to as Record<string, unknown>)[key] = inner;
      pending.push([value as object, inner]);
    }
  }
  return copy;
}

/**
 * The body as an object: JSON (any `application/json`, `+json` or `text/plain` type, or none), or
 * form fields (`application/x-www-form-urlencoded`), without `__proto__`, `constructor` or `prototype`
 * keys at any depth. `CALLBACK_BODY_INVALID` for anything else, bad JSON, or a body that is not an object.
 */
export function parseCallbackBody(input: CallbackInput): Record<string, unknown> {
  return withoutUnsafeKeys(parseObject(input));
}

function parseObject(input: CallbackInput): Record<string, unknown> {
  if ('parsed' in input) {
    const { parsed, contentType } = input;
    // A host parser that left text or bytes (express.text(), express.raw()) is parsed here, by the
    // request's content type.
    if (typeof parsed === 'string') return parseObject({ text: parsed, contentType });
    if (parsed instanceof Uint8Array) return parseObject({ text: decode(parsed), contentType });
    if (!isPlainObject(parsed)) {
      invalid(
        parsed === undefined
          ? 'the callback body was read by another middleware but not parsed: put the callback route before it, or parse JSON'
          : 'the callback body must be a JSON object',
      );
    }
    return parsed;
  }
  const type = mediaType(input.contentType);
  if (type === 'application/x-www-form-urlencoded') {
    return Object.fromEntries(new URLSearchParams(input.text));
  }
  if (type !== '' && type !== 'application/json' && type !== 'text/plain' && !type.endsWith('+json')) {
    invalid(
      `the callback body must be JSON or form fields, got the content type ${JSON.stringify(type.slice(0, 100))}`,
    );
  }
  let parsed: unknown;
  try {
    parsed = parseJson(input.text);
  } catch {
    // Bad JSON, or (lossless path only) nesting deep enough to exhaust the stack: refused alike.
    return invalid('the callback body is not valid JSON');
  }
  if (!isPlainObject(parsed)) invalid('the callback body must be a JSON object');
  return parsed;
}

/** A run of 16 digits or more: a number there may be beyond 2^53 (the largest safe integer has 16). */
const LONG_DIGITS = /\d{16}/;
const INTEGER_TEXT = /^-?\d+$/;

/**
 * A JSON number's text as a value: a `Number` when that is exact, the decimal text itself for an
 * integer beyond 2^53 (ZEGO's 64-bit IDs, sent as bare numbers); a huge non-integer stays a `Number`.
 */
function parseNumber(text: string): number | string {
  const value = Number(text);
  return Number.isSafeInteger(value) || !INTEGER_TEXT.test(text) ? value : text;
}

/**
 * JSON text to a value, keeping integers beyond 2^53 exact as decimal strings (`lossless-json`); text
 * without a run of 16 digits cannot hold one, and is parsed by `JSON.parse`. `__proto__` comes out an
 * own key either way (no prototype is set), and `withoutUnsafeKeys` drops it.
 */
function parseJson(text: string): unknown {
  return LONG_DIGITS.test(text) ? parseLossless(text, undefined, parseNumber) : JSON.parse(text);
}

/** A callback body's JSON text as an object, as the route parses it (see `parseCallbackBody`). */
export function parseCallbackText(text: string): Record<string, unknown> {
  return parseCallbackBody({ text });
}
