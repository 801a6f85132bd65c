import { describe, expect, it } from 'vitest';
import {
  colourEnabled,
  describeExpiry,
  describeMoment,
  displayWidth,
  formatDuration,
  formatSdkRefs,
  isoOrNull,
  isoSeconds,
  oneLine,
  table,
  withIsoTimes,
  wrap,
} from './format.js';

describe('times', () => {
  it('formats durations roughly, rounding down', () => {
    expect(formatDuration(0)).toBe('0 s');
    expect(formatDuration(59)).toBe('59 s');
    expect(formatDuration(60)).toBe('1 min');
    expect(formatDuration(3599)).toBe('59 min');
    expect(formatDuration(3600)).toBe('1 h');
    expect(formatDuration(2 * 3600 + 5 * 60 + 9)).toBe('2 h 5 min');
    expect(formatDuration(12 * 3600 + 5 * 60)).toBe('12 h');
    expect(formatDuration(3 * 86_400 + 4 * 3600)).toBe('3 d 4 h');
    expect(formatDuration(812 * 86_400)).toBe('812 d');
  });

  it('describes expiry relative to now (expired when now >= expiresAt)', () => {
    expect(describeExpiry(1000, 1000 - 54 * 60)).toBe('expires in 54 min');
    expect(describeExpiry(1000, 1000)).toBe('expired just now');
    expect(describeExpiry(1000, 1000 + 7200)).toBe('expired 2 h ago');
    expect(describeMoment(1000, 1000)).toBe('just now');
    expect(describeMoment(1000, 1180)).toBe('3 min ago');
    expect(describeMoment(1300, 1000)).toBe('in 5 min');
  });

  it('prints times a Date cannot hold without throwing', () => {
    expect(isoSeconds(0)).toBe('1970-01-01T00:00:00Z');
    expect(isoSeconds(Number.MAX_SAFE_INTEGER)).toContain('beyond the calendar');
    expect(isoOrNull(0)).toBe('1970-01-01T00:00:00Z');
    expect(isoOrNull(Number.MAX_SAFE_INTEGER)).toBeNull();
  });

  it('puts the ISO form of each time right after it, leaving the rest as it is', () => {
    const output = withIsoTimes({ a: 1, issuedAt: 0, b: 'x', expiresAt: Number.MAX_SAFE_INTEGER, c: null });
    expect(Object.entries(output)).toEqual([
      ['a', 1],
      ['issuedAt', 0],
      ['issuedAtIso', '1970-01-01T00:00:00Z'],
      ['b', 'x'],
      ['expiresAt', Number.MAX_SAFE_INTEGER],
      ['expiresAtIso', null],
      ['c', null],
    ]);
    expect(withIsoTimes({ ivLength: 12 })).toEqual({ ivLength: 12 });
  });
});

describe('text', () => {
  it('wraps to a width, keeping long words whole', () => {
    expect(wrap('aa bb cc dd', 5, '>')).toBe('aa bb\n>cc dd');
    expect(wrap('abcdefgh ij', 5, '  ')).toBe('abcdefgh\n  ij');
  });

  it('wraps CJK text by terminal columns (two a character), between characters, punctuation kept with its character', () => {
    expect(displayWidth('Token 过期。')).toBe(12);
    expect(wrap('登录房间鉴权失败', 6, '>')).toBe('登录房\n>间鉴权\n>失败');
    expect(wrap('用 Token 登录。再试', 10, '')).toBe('用 Token\n登录。再试');
    expect(wrap('鉴权失败。', 8, '')).toBe('鉴权失\n败。');
  });

  it('pads table labels to one width', () => {
    expect(
      table([
        ['a', '1'],
        ['long', '2'],
      ]),
    ).toBe('  a     1\n  long  2');
  });

  it('names SDK errors the way the help and the docs do', () => {
    expect(
      formatSdkRefs([
        { sdk: 'Express', code: 1002078 },
        { sdk: 'helper', code: 5 },
      ]),
    ).toBe('Express 1002078 · helper errorCode 5');
  });

  it('keeps a message on one line', () => {
    expect(oneLine('a\n  b \r\n c\n')).toBe('a b c');
  });
});

describe('colour', () => {
  it('decides from the stream and the environment', () => {
    expect(colourEnabled({ write: () => true, isTTY: true }, {})).toBe(true);
    expect(colourEnabled({ write: () => true, isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(colourEnabled({ write: () => true, isTTY: true }, { NO_COLOR: '' })).toBe(true);
    expect(colourEnabled({ write: () => true, isTTY: true }, { TERM: 'dumb' })).toBe(false);
    expect(colourEnabled({ write: () => true }, {})).toBe(false);
    expect(colourEnabled({ write: () => true }, { FORCE_COLOR: '1' })).toBe(true);
    expect(colourEnabled({ write: () => true }, { FORCE_COLOR: '0' })).toBe(false);
    expect(colourEnabled({ write: () => true }, { FORCE_COLOR: '1', NO_COLOR: '1' })).toBe(false);
  });
});
