// Each package's README is what npm shows: its TypeScript examples must compile under the
// repository's strict tsconfig, as a user would paste them, and it must link to the option reference
// (docs/route.md#options) rather than copy it.
// The examples are type-checked by one `tsc` run in a git-ignored folder inside the repository, so that
// they resolve the workspace packages and their types through node_modules.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { codeBlockModules, codeBlocks, ROOT, readDoc, typeCheck } from './markdown.js';

/** Every published package: a new one is checked as soon as it exists. */
const PACKAGES = readdirSync(join(ROOT, 'packages')).filter((name) =>
  existsSync(join(ROOT, 'packages', name, 'README.md')),
);

const readmes = PACKAGES.map((name) => {
  const path = `packages/${name}/README.md`;
  return { name, path, text: readDoc(path) };
});

describe('package READMEs', () => {
  let tscOutput = '';

  beforeAll(async () => {
    if (!existsSync(join(ROOT, 'packages/zego-token/dist/index.d.ts'))) {
      throw new Error('the packages are not built: run `pnpm run build` first');
    }
    const modules = codeBlockModules(readmes.map(({ path }) => path));
    tscOutput = await typeCheck('.tmp/readme-snippets', modules, { declaration: false });
  }, 120_000);

  it.each(readmes)('$path has a TypeScript example', ({ text }) => {
    expect(codeBlocks(text, 'ts').length).toBeGreaterThan(0);
  });

  it("compiles every README's TypeScript under the strict tsconfig (line numbers are the README's)", () => {
    expect(tscOutput).toBe('');
  });

  it.each(readmes)('$path links the options table', ({ text }) => {
    expect(text).toContain('https://github.com/zego-token/zego-token/blob/main/docs/route.md#options');
  });
});
