import type { SdkRef } from './explain-table.js';

/** The slice of a stream the CLI writes to: `process.stdout` fits, so does a test double. */
export interface OutputStream {
  write(chunk: string): unknown;
  isTTY?: boolean | undefined;
}

export interface Style {
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  cyan(text: string): string;
}

const identity = (text: string): string => text;
const sgr =
  (open: number, close: number) =>
  (text: string): string =>
    `\u001b[${open}m${text}\u001b[${close}m`;

const PLAIN: Style = {
  bold: identity,
  dim: identity,
  red: identity,
  green: identity,
  yellow: identity,
  cyan: identity,
};
const ANSI: Style = {
  bold: sgr(1, 22),
  dim: sgr(2, 22),
  red: sgr(31, 39),
  green: sgr(32, 39),
  yellow: sgr(33, 39),
  cyan: sgr(36, 39),
};

/**
 * Colour only on a terminal, never when NO_COLOR is set to anything non-empty (no-color.org) or
 * TERM is "dumb"; FORCE_COLOR (non-empty, not "0") turns it on for a non-terminal.
 */
export function colourEnabled(stream: OutputStream, env: Readonly<Record<string, string | undefined>>): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '' && force !== '0') return true;
  return stream.isTTY === true && env.TERM !== 'dumb';
}

export function makeStyle(enabled: boolean): Style {
  return enabled ? ANSI : PLAIN;
}

// Date covers ±8.64e15 ms; a token header may claim far more.
const MAX_DATE_SECONDS = 8_640_000_000_000;

/** `2024-05-01T11:00:00Z` (whole seconds), or a plain description for times a Date cannot hold. */
export function isoSeconds(unixSeconds: number): string {
  if (!Number.isFinite(unixSeconds) || Math.abs(unixSeconds) > MAX_DATE_SECONDS) {
    return `${unixSeconds} (Unix seconds, beyond the calendar)`;
  }
  return new Date(unixSeconds * 1000).toISOString().replace('.000Z', 'Z');
}

/** The ISO form for JSON output, or null when a Date cannot hold it. */
export function isoOrNull(unixSeconds: number): string | null {
  if (!Number.isFinite(unixSeconds) || Math.abs(unixSeconds) > MAX_DATE_SECONDS) return null;
  return new Date(unixSeconds * 1000).toISOString().replace('.000Z', 'Z');
}

type TimeKey = 'issuedAt' | 'expiresAt';

/** A record as `--json` prints it: each of its Unix-second times followed by its ISO form. */
export type WithIsoTimes<T> = T & { [K in keyof T & TimeKey as `${K}Iso`]: string | null };

/**
 * `value` with `issuedAtIso` after `issuedAt` and `expiresAtIso` after `expiresAt`, so that the
 * JSON output follows the core's shapes instead of restating them.
 */
export function withIsoTimes<T extends object>(value: T): WithIsoTimes<T> {
  const output: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    output[key] = field;
    if ((key === 'issuedAt' || key === 'expiresAt') && typeof field === 'number') {
      output[`${key}Iso`] = isoOrNull(field);
    }
  }
  return output as WithIsoTimes<T>;
}

const MINUTE = 60;
const HOUR = 3600;
const DAY = 86_400;

/** A rough, human length of time: "45 s", "54 min", "2 h 5 min", "3 d 4 h", "812 d". Rounds down. */
export function formatDuration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.floor(totalSeconds));
  if (seconds < MINUTE) return `${seconds} s`;
  if (seconds < HOUR) return `${Math.floor(seconds / MINUTE)} min`;
  if (seconds < 2 * DAY) {
    const hours = Math.floor(seconds / HOUR);
    const minutes = Math.floor((seconds % HOUR) / MINUTE);
    return minutes > 0 && hours < 10 ? `${hours} h ${minutes} min` : `${hours} h`;
  }
  const days = Math.floor(seconds / DAY);
  const hours = Math.floor((seconds % DAY) / HOUR);
  return hours > 0 && days < 10 ? `${days} d ${hours} h` : `${days} d`;
}

/** "expires in 54 min" / "expired 2 h ago" / "expires now". Expired means `now >= expiresAt`. */
export function describeExpiry(expiresAt: number, nowSeconds: number): string {
  if (nowSeconds >= expiresAt) {
    return nowSeconds === expiresAt ? 'expired just now' : `expired ${formatDuration(nowSeconds - expiresAt)} ago`;
  }
  return `expires in ${formatDuration(expiresAt - nowSeconds)}`;
}

/** "3 min ago" / "in 5 min" / "just now". */
export function describeMoment(at: number, nowSeconds: number): string {
  if (at === nowSeconds) return 'just now';
  return at < nowSeconds ? `${formatDuration(nowSeconds - at)} ago` : `in ${formatDuration(at - nowSeconds)}`;
}

/** "Express 1002078 · Web 1102018 · ZIM 6000106". */
export function formatSdkRefs(refs: readonly SdkRef[]): string {
  return refs
    .map((ref) => (ref.sdk === 'helper' ? `helper errorCode ${ref.code}` : `${ref.sdk} ${ref.code}`))
    .join(' · ');
}

// East Asian Wide and Fullwidth characters (CJK ideographs and punctuation, kana, Hangul, fullwidth
// forms): a terminal gives each two columns, and a line may break between any two of them.
const WIDE =
  /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{20000}-\u{3fffd}]/u;
// Punctuation that must not start a line: it stays with what comes before it.
const NO_BREAK_BEFORE = /^[，。、；：？！）》」』】〉,.;:?!)\]]$/u;

/** How many terminal columns `text` takes: two for each wide (CJK) character, one for the others. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const character of text) width += WIDE.test(character) ? 2 : 1;
  return width;
}

/** A word cut where a line may break: before and after each wide character, never before closing punctuation. */
function breakableParts(word: string): string[] {
  const parts: string[] = [];
  let narrow = '';
  for (const character of word) {
    const last = parts.length - 1;
    if (NO_BREAK_BEFORE.test(character) && narrow === '' && last >= 0) {
      parts[last] += character;
    } else if (WIDE.test(character)) {
      if (narrow !== '') parts.push(narrow);
      narrow = '';
      parts.push(character);
    } else {
      narrow += character;
    }
  }
  if (narrow !== '') parts.push(narrow);
  return parts;
}

/**
 * Word-wraps `text` into lines of at most `width` terminal columns (longer words stay whole),
 * joined with `indent`. CJK text, which has no spaces, breaks between its characters.
 */
export function wrap(text: string, width: number, indent: string): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    breakableParts(word).forEach((part, index) => {
      const gap = index === 0 && line.length > 0 ? ' ' : '';
      if (line.length > 0 && displayWidth(line) + gap.length + displayWidth(part) > width) {
        lines.push(line);
        line = part;
      } else {
        line += gap + part;
      }
    });
  }
  if (line.length > 0) lines.push(line);
  return lines.join(`\n${indent}`);
}

/** Rows of `label  value`, the labels padded to one width. */
export function table(rows: ReadonlyArray<readonly [string, string]>, indent = '  '): string {
  const width = Math.max(0, ...rows.map(([label]) => label.length));
  return rows.map(([label, value]) => `${indent}${label.padEnd(width)}  ${value}`).join('\n');
}

/** The width prose is wrapped to on the terminal. */
export const WRAP_WIDTH = 100;

// C0, DEL and C1: what a terminal may act on (OSC title changes, screen clears, 8-bit CSI).
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/g;
// JSON.stringify escapes C0 itself; these it leaves raw.
const UNESCAPED_BY_JSON = /[\u007f-\u009f]/g;

const hex = (character: string): string => character.charCodeAt(0).toString(16).padStart(2, '0');

/**
 * Text the CLI did not write itself (a server's Message, a token's payload), safe for a terminal:
 * each control character (C0, DEL, C1, line breaks and tabs included) shown as `\xNN`.
 */
export function printable(text: string): string {
  return text.replace(CONTROL_CHARACTERS, (character) => `\\x${hex(character)}`);
}

/**
 * `JSON.stringify`, with DEL and the C1 characters escaped as well (`\u009b`): still JSON, the same
 * strings once parsed, and nothing in it a terminal acts on.
 */
export function safeJson(value: unknown, indent?: number): string {
  return (JSON.stringify(value, null, indent) ?? 'null').replace(
    UNESCAPED_BY_JSON,
    (character) => `\\u00${hex(character)}`,
  );
}

/** A string in quotes, for a line of text: `"alice"`, its control characters escaped. */
export function quoted(text: string): string {
  return safeJson(text);
}

/** `--json` output: indented, one document a run. */
export function json(value: unknown): string {
  return safeJson(value, 2);
}

/** Makes sure a message is one line (usage errors promise exactly one), with no control character left in it. */
export function oneLine(text: string): string {
  return printable(text.replace(/\s*\n\s*/g, ' ').trim());
}
