// hono-zego-token's README (what npm shows) and docs/hono.md: their TypeScript compiles under the
// repository's strict tsconfig as pasted (hono/jwt's typed payload included), and the README links the
// options table (rather than copying it) and uses absolute links only. The blocks go to a git-ignored
// .tmp/ in this package, so that they resolve Hono and the workspace's packages as an app would.
import { describe, expect, it } from 'vitest';
import { codeBlockModules, readDoc, typeCheck } from '../../../test/docs/markdown.js';

const README = 'packages/hono-zego-token/README.md';
const SOURCES = [README, 'docs/hono.md'];

describe('hono-zego-token documentation', () => {
  it('compiles every TypeScript block (tsc reports the Markdown file’s line numbers)', async () => {
    const modules = codeBlockModules(SOURCES);
    expect(Object.keys(modules).length).toBeGreaterThanOrEqual(3);
    expect(await typeCheck('packages/hono-zego-token/.tmp/doc-snippets', modules)).toBe('');
  }, 120_000);

  it('README: the options table, absolute links only', () => {
    const text = readDoc(README);
    expect(text).toContain('https://github.com/zego-token/zego-token/blob/main/docs/route.md#options');
    expect([...text.matchAll(/\]\((?!https:\/\/)([^)]*)\)/g)].map((match) => match[1])).toEqual([]);
  });
});
