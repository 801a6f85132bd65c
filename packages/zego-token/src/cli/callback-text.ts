// A callback body's text with some of its top-level fields set, everything else left as written: a
// JSON object's other members keep their text (a bare 64-bit number stays exact, no JSON round trip),
// a form keeps its other fields in order.

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
