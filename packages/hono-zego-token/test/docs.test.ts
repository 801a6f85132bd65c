// hono-zego-token's README (what npm shows) and docs/hono.md: their TypeScript compiles under the
// repository's strict tsconfig as pasted (hono/jwt's typed payload included), and the README links the
// options table (rather than copying it) and uses absolute links only. The blocks go to a git-ignored
// .tmp/ in this package, so that they resolve Hono and the workspace's packages as an app would.
import { execFile } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { codeBlocks, ROOT, readDoc } from '../../../test/docs/markdown.js';

const README = 'packages/hono-zego-token/README.md';
const SOURCES = [README, 'docs/hono.md'];

/** Runs tsc on the files and returns its complaints, '' when there are none. */
async function compile(files: Record<string, string>): Promise<string> {
  const folder = join(ROOT, 'packages/hono-zego-token/.tmp/doc-snippets');
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  for (const [name, source] of Object.entries(files)) writeFileSync(join(folder, name), source);
  const config = { extends: '../../../../tsconfig.json', compilerOptions: { noEmit: true }, include: ['*.ts'] };
  writeFileSync(join(folder, 'tsconfig.json'), JSON.stringify(config));
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  return promisify(execFile)(process.execPath, [tsc, '-p', folder, '--pretty', 'false'], { cwd: ROOT }).then(
    () => '',
    (error: { stdout?: string; stderr?: string }) => `${error.stdout ?? ''}${error.stderr ?? ''}`,
  );
}

describe('hono-zego-token documentation', () => {
  it('compiles every TypeScript block (tsc reports the Markdown file’s line numbers)', async () => {
    const files = Object.fromEntries(
      SOURCES.flatMap((source) =>
        codeBlocks(readDoc(source), 'ts').map((block, index) => [
          `${source.replaceAll('/', '_')}.${index + 1}.ts`,
          `${'\n'.repeat(block.line - 1)}${block.code}\nexport {};\n`,
        ]),
      ),
    );
    expect(Object.keys(files).length).toBeGreaterThanOrEqual(3);
    expect(await compile(files)).toBe('');
  }, 120_000);

  it('README: the options table, absolute links only', () => {
    const text = readDoc(README);
    expect(text).toContain('https://github.com/zego-token/zego-token/blob/main/docs/route.md#options');
    expect([...text.matchAll(/\]\((?!https:\/\/)([^)]*)\)/g)].map((match) => match[1])).toEqual([]);
  });
});
