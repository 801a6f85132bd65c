// The package README (what npm shows) and docs/fastify.md: every `ts` block compiles under the
// repository's strict tsconfig as a user would paste it, `@fastify/jwt`'s typing of `request.user`
// included, and the README links the options table rather than copying it.
import { describe, expect, it } from 'vitest';
import { codeBlocks, readDoc } from '../../../test/docs/markdown.js';
import { compile } from './support/compile.js';

const DOCS = ['packages/fastify-zego-token/README.md', 'docs/fastify.md'] as const;
const README = readDoc(DOCS[0]);

describe('fastify-zego-token documentation', () => {
  it('compiles every TypeScript block of the README and docs/fastify.md (line numbers are the file’s)', async () => {
    const files: Record<string, string> = {};
    for (const doc of DOCS) {
      for (const [index, block] of codeBlocks(readDoc(doc), 'ts').entries()) {
        // Blank lines first, so that tsc's line numbers are the file's; `export {}` makes each a module.
        files[`${doc.replaceAll('/', '_')}.${index + 1}.ts`] =
          `${'\n'.repeat(block.line - 1)}${block.code}\nexport {};\n`;
      }
    }
    expect(Object.keys(files).length).toBeGreaterThanOrEqual(3);
    expect(await compile('doc-snippets', files)).toBe('');
  }, 120_000);

  it('links the options table from the README', () => {
    expect(README).toContain('https://github.com/zego-token/zego-token/blob/main/docs/route.md#options');
  });
});
