// The Chinese documentation (README.zh-CN.md and docs/zh/) stays in step with its English source: the
// same code blocks in the same order, links that resolve (links.test.ts checks every docs/ page, these
// included), the same error codes and statuses, and a first line that records which code the page was
// translated from, so that a page whose English source changed its code is flagged here.
// The code blocks are not compiled a second time: they are identical to the English ones, so they compile
// wherever those are type-checked (test/readme.test.ts for the README, test/docs/auth-wiring.test.ts for
// docs/route.md, packages/*/test/docs.test.ts for docs/fastify.md and docs/hono.md). Identity is what
// this test asserts.
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, readDoc, tableAfter } from './markdown.js';

/** Every fenced code block, any language, list items' indented ones too: its info string and its code, in order. */
function fencedBlocks(markdown: string): string[] {
  const pattern = /^( {0,3})(`{3,}|~{3,})([^\n]*)\n([\s\S]*?)^\1\2[ \t]*$/gm;
  return [...markdown.matchAll(pattern)].map((match) => `${(match[3] ?? '').trim()}\n${match[4] ?? ''}`);
}

/** The first 12 hex digits of the SHA-256 of a page's code blocks: what a Chinese page records. */
function codeHash(markdown: string): string {
  return createHash('sha256')
    .update(JSON.stringify(fencedBlocks(markdown)))
    .digest('hex')
    .slice(0, 12);
}

/** Each Chinese page and its English source, paths from the repository root. */
const PAGES: [zh: string, en: string][] = [
  ['README.zh-CN.md', 'README.md'],
  ...readdirSync(join(ROOT, 'docs/zh'))
    .filter((name) => name.endsWith('.md'))
    .map((name): [string, string] => [`docs/zh/${name}`, `docs/${name}`]),
];

const SOURCE_LINE = /^<!-- source: (\S+) sha256:([0-9a-f]{12}) -->$/;

describe('the Chinese documentation', () => {
  it('has the front page and the pages a newcomer reads first', () => {
    const names = PAGES.map(([zh]) => zh);
    const firstRead = ['route', 'client', 'callbacks', 'callback-events', 'errors'];
    for (const page of [...firstRead, 'fastify', 'hono', 'nestjs', 'nextjs', 'sveltekit']) {
      expect(names).toContain(`docs/zh/${page}.md`);
    }
    expect(readDoc('README.md').split('\n').slice(0, 4).join('\n')).toContain('(README.zh-CN.md)');
    expect(readDoc('README.zh-CN.md').split('\n').slice(0, 4).join('\n')).toContain('(README.md)');
  });

  it.each(PAGES)('%s has the code blocks of %s, in the same order', (zh, en) => {
    expect(fencedBlocks(readDoc(zh))).toEqual(fencedBlocks(readDoc(en)));
  });

  it.each(PAGES)('%s records the code it was translated from (%s)', (zh, en) => {
    const first = readDoc(zh).split('\n')[0] ?? '';
    const recorded = SOURCE_LINE.exec(first);
    expect(recorded, `${zh}: the first line must be <!-- source: ${en} sha256:<12 hex> -->`).not.toBeNull();
    expect(recorded?.[1]).toBe(en);
    const current = codeHash(readDoc(en));
    expect(
      recorded?.[2],
      `${en} changed its code blocks since ${zh} was translated: bring ${zh} up to date (code and prose), ` +
        `then set its first line to <!-- source: ${en} sha256:${current} --> (CONTRIBUTING.md, "Chinese pages")`,
    ).toBe(current);
  });

  it('lists the same error codes and HTTP statuses as docs/errors.md', () => {
    const codes = (path: string, heading: string) =>
      tableAfter(readDoc(path), heading)
        .slice(2)
        .map((row) => `${row[0]} ${row[1]}`);
    expect(codes('docs/zh/errors.md', '## 错误码')).toEqual(codes('docs/errors.md', '## Error codes'));
  });
});
