// The package README (what npm shows) and docs/fastify.md: every `ts` block compiles under the
// repository's strict tsconfig as a user would paste it, `@fastify/jwt`'s typing of `request.user`
// included, and the README names every route option and links the options table. The blocks are
// written into a git-ignored .tmp/ in this package, so that they resolve its devDependencies
// (@fastify/jwt, @fastify/cors, @fastify/rate-limit) and the workspace's packages.
import { execFile } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { codeBlocks, ROOT, readDoc, routeOptionNames } from '../../../test/docs/markdown.js';

const DOCS = ['packages/fastify-zego-token/README.md', 'docs/fastify.md'] as const;
const README = readDoc(DOCS[0]);

describe('fastify-zego-token documentation', () => {
  it('compiles every TypeScript block of the README and docs/fastify.md (line numbers are the file’s)', async () => {
    const folder = join(ROOT, 'packages', 'fastify-zego-token', '.tmp', 'doc-snippets');
    rmSync(folder, { recursive: true, force: true });
    mkdirSync(folder, { recursive: true });
    let count = 0;
    for (const doc of DOCS) {
      for (const [index, block] of codeBlocks(readDoc(doc), 'ts').entries()) {
        const name = `${doc.replaceAll('/', '_')}.${index + 1}.ts`;
        writeFileSync(join(folder, name), `${'\n'.repeat(block.line - 1)}${block.code}\nexport {};\n`);
        count++;
      }
    }
    expect(count).toBeGreaterThanOrEqual(3);
    const tsconfig = { extends: '../../../../tsconfig.json', compilerOptions: { noEmit: true }, include: ['*.ts'] };
    writeFileSync(join(folder, 'tsconfig.json'), JSON.stringify(tsconfig));
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    const output = await promisify(execFile)(process.execPath, [tsc, '-p', folder, '--pretty', 'false'], {
      cwd: ROOT,
    }).then(
      () => '',
      (error: { stdout?: string; stderr?: string }) => `${error.stdout ?? ''}${error.stderr ?? ''}`,
    );
    expect(output).toBe('');
  }, 120_000);

  it('names every route option in the README and links the options table', () => {
    expect(routeOptionNames().filter((option) => !README.includes(`\`${option}`))).toEqual([]);
    expect(README).toContain('https://github.com/zego-token/zego-token/blob/main/docs/route.md#options');
  });
});
