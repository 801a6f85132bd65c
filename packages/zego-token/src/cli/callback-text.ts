// A callback body's text with some of its top-level fields set, everything else left as written: a
// JSON object's other members keep their text (a bare 64-bit number stays exact, no JSON round trip),
// a form keeps its other fields in order. And the same text signed as ZEGO signs a callback, for
// `zego-token callback send` and the stand-in's `sendCallback` (zego-token/testing).
import { createHash, randomInt } from 'node:crypto';
import type { CallbackExample } from '../callback/events/types.js';
import { type CALLBACK_NAMINGS, callbackSignedText, type ZegoCallbackSignature } from '../callback/signature.js';

/** A field's new value: a string, or a whole number written bare. */
export type FieldValue = string | number;

interface Member {
  readonly key: string;
  /** Where the member's value starts and ends in the text. */
  readonly start: number;
  readonly end: number;
}

const WHITESPACE = /[ \t\n\r]/;

function skipWhitespace(text: string, at: number): number {
  let i = at;
  while (i < text.length && WHITESPACE.test(text[i] ?? '')) i += 1;
  return i;
}

/** From the opening quote to just after the closing one. */
function skipString(text: string, at: number): number {
  let i = at + 1;
  while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
  return i + 1;
}

/** From a value's first character to just after its last. */
function skipValue(text: string, at: number): number {
  const first = text[at];
  if (first === '"') return skipString(text, at);
  if (first === '{' || first === '[') {
    let depth = 0;
    let i = at;
    while (i < text.length) {
      const character = text[i];
      if (character === '"') {
        i = skipString(text, i);
        continue;
      }
      if (character === '{' || character === '[') depth += 1;
      if (character === '}' || character === ']') {
        depth -= 1;
        if (depth === 0) return i + 1;
      }
      i += 1;
    }
    return i;
  }
  let i = at;
  while (i < text.length && !/[\s,}\]]/.test(text[i] ?? '')) i += 1;
  return i;
}

/**
 * The top-level members of a JSON object's text, and where its closing brace is. The text must be a
 * JSON object (the caller has checked it with `JSON.parse`).
 */
function members(text: string): { members: Member[]; close: number } {
  const found: Member[] = [];
  let i = skipWhitespace(text, 0) + 1;
  for (;;) {
    i = skipWhitespace(text, i);
    if (text[i] === '}' || i >= text.length) return { members: found, close: i };
    const keyEnd = skipString(text, i);
    const key = JSON.parse(text.slice(i, keyEnd)) as string;
    const start = skipWhitespace(text, skipWhitespace(text, keyEnd) + 1);
    const end = skipValue(text, start);
    found.push({ key, start, end });
    i = skipWhitespace(text, end);
    if (text[i] === ',') i += 1;
  }
}

/**
 * `text` (a JSON object) with `fields` set: a member already there gets the new value in place, of the
 * JSON type it had (a number stays a bare number when the new value is all digits); a new one is added
 * at the end. Nothing else in the text changes.
 */
export function setJsonFields(text: string, fields: ReadonlyArray<readonly [string, FieldValue]>): string {
  const { members: present, close } = members(text);
  const edits: Array<{ start: number; end: number; text: string }> = [];
  const added: string[] = [];
  for (const [name, value] of fields) {
    const matching = present.filter((member) => member.key === name);
    if (matching.length === 0) {
      added.push(`${JSON.stringify(name)}:${JSON.stringify(value)}`);
      continue;
    }
    for (const member of matching) {
      const wasString = text[member.start] === '"';
      const bare = !wasString && /^\d+$/.test(String(value));
      edits.push({ start: member.start, end: member.end, text: bare ? String(value) : JSON.stringify(String(value)) });
    }
  }
  if (added.length > 0) {
    const at = present.at(-1)?.end ?? close;
    edits.push({ start: at, end: at, text: `${present.length > 0 ? ',' : ''}${added.join(',')}` });
  }
  let result = text;
  for (const edit of edits.sort((a, b) => b.start - a.start)) {
    result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
  }
  return result;
}

/** A form body with `fields` set (in place when present, else at the end); the other fields keep their order. */
export function setFormFields(text: string, fields: ReadonlyArray<readonly [string, FieldValue]>): string {
  const form = new URLSearchParams(text);
  for (const [name, value] of fields) form.set(name, String(value));
  return form.toString();
}

export type Naming = ZegoCallbackSignature['naming'];

/** Which naming each product's callbacks are signed under (docs/callbacks.md, "How ZEGO signs"). */
export const PRODUCT_NAMING: Readonly<Record<string, Naming>> = {
  rtc: 'signature/timestamp/nonce',
  zim: 'signature/timestamp/nonce',
  'cloud-recording': 'signature/timestamp/nonce',
  'mini-game': 'Signature/Timestamp/SignatureNonce',
  'ai-agent': 'Signature/Timestamp/Nonce',
};

/** A fresh timestamp's unit when the body has none to copy: AI Agent's (and Digital Human's) naming is in milliseconds. */
function defaultUnit(naming: Naming): 'seconds' | 'milliseconds' {
  return naming === 'Signature/Timestamp/Nonce' ? 'milliseconds' : 'seconds';
}

/** A fresh nonce from node:crypto: a whole number, safe as a bare JSON number too. */
function freshNonce(): string {
  return String(randomInt(1, 2 ** 48 - 1));
}

/** A body's text with its signature fields set as ZEGO sets them: a fresh nonce, `nowMs` in the body's unit, SHA-1. */
export function signCallbackText(
  body: { readonly text: string; readonly contentType: CallbackExample['contentType'] },
  fields: Readonly<Record<string, unknown>>,
  naming: (typeof CALLBACK_NAMINGS)[number],
  secret: string,
  nowMs: number,
): { text: string; unit: 'seconds' | 'milliseconds'; fields: ReadonlyArray<readonly [string, FieldValue]> } {
  // The unit the body's own timestamp is in (a documented example's), else the naming's.
  const digits = String(fields[naming.timestamp] ?? '').length;
  const unit = digits === 13 ? 'milliseconds' : digits === 10 ? 'seconds' : defaultUnit(naming.naming);
  const timestamp = String(unit === 'milliseconds' ? Math.floor(nowMs) : Math.floor(nowMs / 1000));
  const nonce = freshNonce();
  const signature = createHash('sha1')
    .update(callbackSignedText(secret, timestamp, nonce))
    .digest('hex');
  const set: Array<readonly [string, FieldValue]> = [
    [naming.signature, signature],
    [naming.timestamp, timestamp],
    [naming.nonce, nonce],
  ];
  const text = body.contentType === 'application/json' ? setJsonFields(body.text, set) : setFormFields(body.text, set);
  return { text, unit, fields: set };
}

/** The POST of a signed body as ZEGO sends it: never following a redirect, given up after `timeoutMs`. */
export function callbackRequest(
  url: string | URL,
  signed: { readonly text: string; readonly contentType: string },
  timeoutMs: number,
): Request {
  return new Request(url, {
    method: 'POST',
    headers: { 'content-type': signed.contentType },
    body: signed.text,
    redirect: 'manual',
    signal: AbortSignal.timeout(timeoutMs),
  });
}

/**
 * The documented example of `event` (of `product`, when given): the example, or the products that share
 * the event when it is ambiguous, or nothing.
 */
export function matchCallbackExample(
  examples: readonly CallbackExample[],
  event: string,
  product: string | undefined,
): { example: CallbackExample } | { sharedBy: string[] } | undefined {
  const matching = examples.filter(
    (example) => example.event === event && (product === undefined || example.product === product),
  );
  const products = [...new Set(matching.map((example) => example.product))];
  if (products.length > 1) return { sharedBy: products };
  const [example] = matching;
  return example === undefined ? undefined : { example };
}
