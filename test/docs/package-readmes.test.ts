// Each package's README is what npm shows: its TypeScript examples must compile under the
// repository's strict tsconfig, as a user would paste them, and it must link to the option reference
// (docs/route.md#options) rather than copy it.
// The examples are written into a git-ignored folder inside the repository, so that they resolve
// the workspace packages and their types through node_modules, and checked by one `tsc` run.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { codeBlocks, ROOT, readDoc } from './markdown.js';

/** Every published package: a new one is checked as soon as it exists. */
const PACKAGES = readdirSync(join(ROOT, 'packages')).filter((name) =>
  existsSync(join(ROOT, 'packages', name, 'README.md')),
);
/** Git-ignored (`.tmp/`). */
const SNIPPETS = join(ROOT, '.tmp', 'readme-snippets');
const TSC = createRequire(import.meta.url).resolve('typescript/bin/tsc');

const readmes = PACKAGES.map((name) => {
  const path = `packages/${name}/README.md`;
  return { name, path, text: readDoc(path) };
});

describe('package READMEs', () => {
  let tscOutput = '';
  let tscFailed = false;

  beforeAll(async () => {
    if (!existsSync(join(ROOT, 'packages/zego-token/dist/index.d.ts'))) {
      throw new Error('the packages are not built: run `pnpm run build` first');
    }
    rmSync(SNIPPETS, { recursive: true, force: true });
    mkdirSync(SNIPPETS, { recursive: true });
    for (const { name, text } of readmes) {
      for (const [index, block] of codeBlocks(text, 'ts').entries()) {
        // Blank lines first, so that tsc's line numbers are the README's; `export {}` makes each a module.
        const source = `${'\n'.repeat(block.line - 1)}${block.code}\nexport {};\n`;
        writeFileSync(join(SNIPPETS, `${name}.README.${index + 1}.ts`), source);
      }
    }
    writeFileSync(
      join(SNIPPETS, 'tsconfig.json'),
      JSON.stringify({
        extends: '../../tsconfig.json',
        compilerOptions: { noEmit: true, declaration: false },
        include: ['*.ts'],
      }),
    );
    try {
      await promisify(execFile)(process.execPath, [TSC, '-p', join(SNIPPETS, 'tsconfig.json'), '--pretty', 'false'], {
        cwd: ROOT,
      });
    } catch (error) {
      tscFailed = true;
      const { stdout, stderr } = error as { stdout?: string; stderr?: string };
      tscOutput = `${stdout ?? ''}${stderr ?? ''}` || String(error);
    }
  }, 120_000);

  it.each(readmes)('$path has a TypeScript example', ({ text }) => {
    expect(codeBlocks(text, 'ts').length).toBeGreaterThan(0);
  });

  it("compiles every README's TypeScript under the strict tsconfig (line numbers are the README's)", () => {
    expect(tscFailed ? tscOutput : '').toBe('');
  });

  it.each(readmes)('$path links the options table', ({ text }) => {
    expect(text).toContain('https://github.com/zego-token/zego-token/blob/main/docs/route.md#options');
  });
});
