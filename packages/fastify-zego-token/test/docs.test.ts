// The package README (what npm shows) and docs/fastify.md: every `ts` block compiles under the
// repository's strict tsconfig as a user would paste it, `@fastify/jwt`'s typing of `request.user`
// included, and the README links the options table rather than copying it.
import { describe, expect, it } from 'vitest';
import { codeBlockModules, readDoc, typeCheck } from '../../../test/docs/markdown.js';

const DOCS = ['packages/fastify-zego-token/README.md', 'docs/fastify.md'] as const;
const README = readDoc(DOCS[0]);

describe('fastify-zego-token documentation', () => {
  it('compiles every TypeScript block of the README and docs/fastify.md (line numbers are the file’s)', async () => {
    const modules = codeBlockModules(DOCS);
    expect(Object.keys(modules).length).toBeGreaterThanOrEqual(3);
    // In this package, so that the blocks resolve its devDependencies as an app would.
    expect(await typeCheck('packages/fastify-zego-token/.tmp/doc-snippets', modules)).toBe('');
  }, 120_000);

  it('links the options table from the README', () => {
    expect(README).toContain('https://github.com/zego-token/zego-token/blob/main/docs/route.md#options');
  });
});
