// The README's tables are part of the contract: they must list exactly what the code does.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  createTokenIssuer,
  DEFAULT_EFFECTIVE_TIME_IN_SECONDS,
  DEFAULT_METHODS,
  DEFAULT_PATH,
  isZegoTokenError,
  ZEGO_TOKEN_ERROR_STATUS,
} from 'zego-token';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

/** The rows of the first table after a heading, as arrays of trimmed cells. */
function tableAfter(heading: string): string[][] {
  const start = readme.indexOf(`\n${heading}\n`);
  expect(start, heading).toBeGreaterThan(-1);
  const lines = readme.slice(start).split('\n');
  const first = lines.findIndex((line) => line.startsWith('|'));
  const rows: string[][] = [];
  for (const line of lines.slice(first + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(
      line
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((cell) => cell.trim()),
    );
  }
  return rows;
}

describe('README', () => {
  it('lists every error code with its HTTP status, and no other', () => {
    const rows = tableAfter('## Error codes');
    const documented = Object.fromEntries(rows.map(([code, status]) => [code?.replaceAll('`', ''), Number(status)]));
    expect(documented).toEqual(ZEGO_TOKEN_ERROR_STATUS);
  });

  it('lists every route option, and no other, with the defaults the code uses', () => {
    let known: string[] = [];
    try {
      createTokenIssuer({ resolveUser: () => 'a', appId: 1, serverSecret: 'x'.repeat(32), notAnOption: 1 } as never);
    } catch (error) {
      if (!isZegoTokenError(error)) throw error;
      known = (error.message.split('known options: ')[1] ?? '').split(', ');
    }
    expect(known.length).toBeGreaterThan(5);
    const rows = tableAfter('## Options');
    const byName = new Map(rows.map((row) => [row[0]?.replaceAll('`', ''), row]));
    expect([...byName.keys()].sort()).toEqual([...known].sort());
    expect(byName.get('effectiveTimeInSeconds')?.[2]).toBe(`\`${DEFAULT_EFFECTIVE_TIME_IN_SECONDS}\``);
    expect(byName.get('path')?.[2]).toBe(`\`'${DEFAULT_PATH}'\``);
    expect(byName.get('methods')?.[2]).toBe(`\`[${DEFAULT_METHODS.map((method) => `'${method}'`).join(', ')}]\``);
    expect(byName.get('mode')?.[2]).toBe("`'gcm'`");
    expect(byName.get('validateUserId')?.[2]).toBe('`true`');
  });
});
