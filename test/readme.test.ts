// The documentation's tables are part of the contract: they must list exactly what the code does, and
// docs/ names every export. The README is the front page: short, the set-up commands first, no copy of
// the benchmark figures.
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { DEFAULT_EFFECTIVE_TIME_IN_SECONDS, DEFAULT_METHODS, DEFAULT_TOKEN_PATH } from 'zego-token/adapter';
import type { TokenProviderOptions, TokenRequestErrorCode } from 'zego-token/client';
import { ZEGO_TOKEN_ERROR_STATUS } from '../packages/zego-token/src/errors.js';
import {
  codeBlocks,
  documentationFiles,
  ROOT,
  readDoc,
  routeOptionNames,
  tableAfter,
  typeCheck,
} from './docs/markdown.js';

const untick = (cell: string | undefined) => cell?.replaceAll('`', '');
/** The first cells of a table's body rows (after the header and the separator), sorted. */
const firstColumn = (rows: string[][]) =>
  rows
    .slice(2)
    .map((row) => untick(row[0]))
    .sort();

// The compiler keeps these lists complete (`pnpm typecheck`): a new client option or error code that
// is missing here is a type error, and then a missing table row fails below.
const CLIENT_OPTIONS = {
  url: true,
  fetch: true,
  requestInit: true,
  refreshBeforeSeconds: true,
  onToken: true,
  onError: true,
  maxRetries: true,
  retryDelayMs: true,
  maxRetryDelayMs: true,
  timeoutMs: true,
} as const satisfies Record<keyof TokenProviderOptions, true>;
const CLIENT_ERROR_CODES = {
  SIGNED_OUT: true,
  HTTP_ERROR: true,
  NETWORK_ERROR: true,
  RATE_LIMITED: true,
  SERVER_ERROR: true,
  INVALID_RESPONSE: true,
  STOPPED: true,
  OPTION_INVALID: true,
  TOKEN_MALFORMED: true,
} as const satisfies Record<TokenRequestErrorCode, true>;

describe('docs/errors.md', () => {
  it('lists every error code with its HTTP status, and no other', () => {
    const rows = tableAfter(readDoc('docs/errors.md'), '## Error codes');
    expect(rows[0]?.slice(0, 2)).toEqual(['code', 'HTTP']);
    const documented = Object.fromEntries(rows.slice(2).map(([code, status]) => [untick(code), Number(status)]));
    expect(documented).toEqual(ZEGO_TOKEN_ERROR_STATUS);
  });
});

describe('docs/route.md', () => {
  const rows = tableAfter(readDoc('docs/route.md'), '## Options');

  it('lists every route option, and no other, with the defaults the code uses', () => {
    expect(rows[0]).toEqual(['Option', 'Type', 'Default', 'Description']);
    const known = routeOptionNames();
    expect(known.length).toBeGreaterThan(5);
    const byName = new Map(rows.slice(2).map((row) => [untick(row[0]), row]));
    expect([...byName.keys()].sort()).toEqual([...known].sort());
    expect(byName.get('effectiveTimeInSeconds')?.[2]).toBe(`\`${DEFAULT_EFFECTIVE_TIME_IN_SECONDS}\``);
    expect(byName.get('path')?.[2]).toBe(`\`'${DEFAULT_TOKEN_PATH}'\``);
    expect(byName.get('methods')?.[2]).toBe(`\`[${DEFAULT_METHODS.map((method) => `'${method}'`).join(', ')}]\``);
    expect(byName.get('mode')?.[2]).toBe("`'gcm'`");
    expect(byName.get('validateUserId')?.[2]).toBe('`true`');
    expect(byName.get('resolveUser')?.[2]).toBe('required');
  });
});

describe('docs/client.md', () => {
  const client = readDoc('docs/client.md');

  it('lists every client option, and no other', () => {
    const rows = tableAfter(client, '## Options');
    expect(rows[0]).toEqual(['Option', 'Type', 'Default', 'Description']);
    expect(firstColumn(rows)).toEqual(Object.keys(CLIENT_OPTIONS).sort());
  });

  it('lists every client error code, and no other', () => {
    expect(firstColumn(tableAfter(client, '## Errors'))).toEqual(Object.keys(CLIENT_ERROR_CODES).sort());
  });
});

/**
 * What the README's snippets take from the reader's own project, not from this repository: the ZEGO
 * SDK's engine in the browser (zego-express-engine-webrtc's `loginRoom` and `renewToken`) and the app's
 * Better Auth instance (its `auth.api.getSession`).
 */
const README_PROJECT = `
declare const zg: {
  loginRoom(roomID: string, token: string, user: { userID: string; userName?: string }): Promise<boolean>;
  renewToken(token: string, roomID?: string): boolean;
};
declare const userID: string;
declare const userName: string;
declare module '@/lib/auth' {
  export const auth: {
    api: { getSession(context: { headers: Headers }): Promise<{ user: { id: string } } | null> };
  };
}
`;

describe('README.md', () => {
  const readme = readDoc('README.md');

  it('stays a front page of at most 200 lines', () => {
    expect(readme.trimEnd().split('\n').length).toBeLessThanOrEqual(200);
  });

  it('starts with the two set-up commands', () => {
    const first = codeBlocks(readme, 'sh')[0]?.code ?? '';
    expect(first).toContain('npx -y pnpm@10.34.9 install && npx -y pnpm@10.34.9 start');
    expect(first).toContain('npx -y pnpm@10.34.9 install && npx -y pnpm@10.34.9 test');
    expect(readme.indexOf('## Set-up')).toBeLessThan(readme.indexOf('## Quick start'));
  });

  it('compiles every code snippet as strict TypeScript, as a user would paste it (line numbers are the README’s)', async () => {
    // Every block but the shell commands and the diagram: a JavaScript block must be valid TypeScript too.
    const blocks = [...readme.matchAll(/^```(\w*)/gm)].map((match) => match[1]).filter((language) => language !== '');
    const languages = new Set(blocks.filter((language) => language !== 'sh' && language !== 'mermaid'));
    const modules: Record<string, string> = { 'project.d.ts': README_PROJECT };
    for (const language of languages) {
      for (const [index, block] of codeBlocks(readme, language ?? '').entries()) {
        modules[`README.md.${language}.${index + 1}.ts`] = `${'\n'.repeat(block.line - 1)}${block.code}\nexport {};\n`;
      }
    }
    expect(Object.keys(modules).length).toBeGreaterThanOrEqual(6);
    expect(await typeCheck('.tmp/root-readme-snippets', modules, { declaration: false })).toBe('');
  }, 120_000);

  it('quotes no benchmark figure: they live in bench/RESULTS.md', () => {
    const results = readDoc('bench/RESULTS.md');
    const summary = results.slice(
      results.indexOf('## Summary'),
      results.indexOf('\n## ', results.indexOf('## Summary') + 1),
    );
    const figures = [...new Set(summary.match(/\d+\.\d+\s?(?:×|%)/g) ?? [])];
    expect(figures.length).toBeGreaterThan(0);
    for (const file of documentationFiles()) {
      const text = readDoc(file);
      expect(figures.filter((figure) => text.includes(figure)).map((figure) => `${file}: ${figure}`)).toEqual([]);
    }
  });
});

describe('the reference in docs/', () => {
  it('names every export of the packages, types included', () => {
    const entries = [
      'zego-token/dist/index.d.ts',
      'zego-token/dist/web.d.ts',
      'zego-token/dist/adapter.d.ts',
      'zego-token/dist/adapter.web.d.ts',
      'zego-token/dist/server-api.d.ts',
      'zego-token/dist/server-api.web.d.ts',
      'zego-token/dist/sign-out.d.ts',
      'zego-token/dist/testing.d.ts',
      'zego-token/dist/client.d.ts',
      'express-zego-token/dist/index.d.ts',
      'koa-zego-token/dist/index.d.ts',
      'fastify-zego-token/dist/index.d.ts',
      'hono-zego-token/dist/index.d.ts',
      'nestjs-zego-token/dist/index.d.ts',
    ].map((entry) => join(ROOT, 'packages', entry));
    const program = ts.createProgram(entries, { noEmit: true, skipLibCheck: true, types: [] });
    const checker = program.getTypeChecker();
    const docs = documentationFiles()
      .filter((file) => file.startsWith('docs/'))
      .map(readDoc)
      .join('\n');
    const missing = entries.flatMap((entry) => {
      const source = program.getSourceFile(entry);
      const module = source && checker.getSymbolAtLocation(source);
      if (!module) return [`${entry}: not built`];
      return checker
        .getExportsOfModule(module)
        .map((symbol) => symbol.name)
        .filter((name) => !new RegExp(`\\b${name}\\b`).test(docs));
    });
    expect(missing).toEqual([]);
  });
});
