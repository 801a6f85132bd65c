// docs/testing.md's example is a test that runs: its first code block is test/docs/testing-example.test.ts,
// word for word, which the unit project runs (and `pnpm typecheck` checks) against the built zego-token.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { codeBlocks, ROOT, readDoc } from './markdown.js';

describe('docs/testing.md', () => {
  it('shows test/docs/testing-example.test.ts as its example, so the example is one that passes', () => {
    const [example] = codeBlocks(readDoc('docs/testing.md'), 'ts');
    expect(example?.code).toBe(readFileSync(join(ROOT, 'test/docs/testing-example.test.ts'), 'utf8'));
  });
});
