// The layout is the architecture (CONTRIBUTING.md has its picture): node/ and web/ are the runtime seam;
// token/, route/, callback/ and server-api/ are written against runtime.ts and never name a runtime;
// client/ runs in browsers; the entries export what their audience needs. These tests hold the source
// to that, so that a file's folder keeps saying where it may run.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import * as nodeEntry from '../src/node/index.js';
import * as webEntry from '../src/web/index.js';

const src = fileURLToPath(new URL('../src/', import.meta.url));

/** Every source file (tests excluded) below `src/`, as a path relative to it with `/`. */
function sourceFiles(dir = src): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')
      ? [relative(src, path).split('\\').join('/')]
      : [];
  });
}

/** The module specifiers a file imports or re-exports. */
function importsOf(file: string): string[] {
  const code = readFileSync(join(src, file), 'utf8');
  return [...code.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?\bfrom\s*['"]([^'"]+)['"]/g)].map(
    (match) => match[1] as string,
  );
}

/** Where a relative import lands, relative to src/. */
function target(file: string, specifier: string): string {
  return relative(src, join(src, file, '..', specifier))
    .split('\\')
    .join('/');
}

const folderOf = (file: string) => (file.includes('/') ? (file.split('/')[0] as string) : '.');
/** Node-only code: the Node runtime and the entries built on it, the command line, and the test stand-in (zego-token/testing). */
const NODE_FOLDERS = new Set(['node', 'cli', 'testing']);

describe('the source layout', () => {
  const files = sourceFiles();

  it('has the capability folders and the two runtime folders, with the same file names for what both build', () => {
    const folders = new Set(files.map(folderOf));
    for (const folder of ['token', 'route', 'callback', 'server-api', 'client', 'cli', 'node', 'web']) {
      expect(folders.has(folder), folder).toBe(true);
    }
    const namesIn = (folder: string) =>
      files.filter((file) => folderOf(file) === folder).map((file) => file.slice(folder.length + 1));
    expect(namesIn('web')).toEqual(namesIn('node'));
  });

  it.each(files.filter((file) => !NODE_FOLDERS.has(folderOf(file))))(
    '%s imports nothing from node: or src/node/',
    (file) => {
      for (const specifier of importsOf(file)) {
        expect(specifier, `${file} imports ${specifier}`).not.toMatch(/^node:/);
        if (specifier.startsWith('.')) {
          expect(folderOf(target(file, specifier)), `${file} imports ${specifier}`).not.toBe('node');
        }
      }
    },
  );

  it.each(files.filter((file) => !['node', 'web', 'cli'].includes(folderOf(file))))(
    '%s imports no runtime folder: shared code takes its runtime as an argument',
    (file) => {
      for (const specifier of importsOf(file).filter((s) => s.startsWith('.'))) {
        expect(['node', 'web'], `${file} imports ${specifier}`).not.toContain(folderOf(target(file, specifier)));
      }
    },
  );

  it.each(files.filter((file) => folderOf(file) === 'client'))(
    '%s (the browser client) imports only the client, the wire and kit-token formats, the token type and the neutral checks',
    (file) => {
      const allowed = new Set([
        'token/wire.ts',
        'token/issued-token.ts',
        'describe.ts',
        // Kit tokens: the format, and the ID rules and the error it checks them with.
        'token/kit-token.ts',
        'validate.ts',
        'utf8.ts',
        'errors.ts',
      ]);
      for (const specifier of importsOf(file).filter((s) => s.startsWith('.'))) {
        const landed = target(file, specifier).replace(/\.js$/, '.ts');
        expect(folderOf(landed) === 'client' || allowed.has(landed), `${file} imports ${specifier}`).toBe(true);
      }
    },
  );
});

/** Every name a module exports, types included, by the compiler's reading of it. */
function exportedNames(file: string): string[] {
  const path = join(src, file);
  const program = ts.createProgram([path], {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(path);
  const symbol = source && checker.getSymbolAtLocation(source);
  if (!symbol) throw new Error(`no module symbol for ${file}`);
  return checker
    .getExportsOfModule(symbol)
    .map((exported) => exported.name)
    .sort();
}

describe('the entries, by audience', () => {
  /** The names only one of the two main entries has, as docs/runtimes.md lists them. */
  const NODE_ONLY = ['generateToken04'];

  it('zego-token and zego-token/web export the same values, but for the documented Node-only ones', () => {
    const node = Object.keys(nodeEntry).sort();
    const web = Object.keys(webEntry).sort();
    expect(node.filter((name) => !web.includes(name))).toEqual(NODE_ONLY);
    expect(web.filter((name) => !node.includes(name))).toEqual([]);
    const runtimesPage = readFileSync(new URL('../../../docs/runtimes.md', import.meta.url), 'utf8');
    for (const name of NODE_ONLY) expect(runtimesPage).toContain(`\`${name}\``);
  });

  // 51 since the kit tokens' two functions (their types are in zego-token/client, where kit tokens are built).
  it('zego-token and zego-token/web export the same types, and the main entry at most 51 names', () => {
    const node = exportedNames('node/index.ts');
    const web = exportedNames('web/index.ts');
    expect(node.filter((name) => !web.includes(name))).toEqual(NODE_ONLY);
    expect(web.filter((name) => !node.includes(name))).toEqual([]);
    expect(node.length).toBeLessThanOrEqual(51);
  });

  it('both builds of zego-token/adapter export the same names', () => {
    expect(exportedNames('web/adapter.ts')).toEqual(exportedNames('node/adapter.ts'));
  });

  it('zego-token/server-api and zego-token/web/server-api export the same names', () => {
    const names = exportedNames('node/server-api.ts');
    expect(exportedNames('web/server-api.ts')).toEqual(names);
    expect(names).toEqual(expect.arrayContaining(['createRtcApi', 'createZimApi', 'ZegoServerApiBatchError']));
  });
});

describe('the adapters', () => {
  const packages = fileURLToPath(new URL('../../', import.meta.url));
  const adapters = readdirSync(packages).filter((name) => name.endsWith('-zego-token'));

  it('are the five framework packages', () => {
    expect(adapters.sort()).toEqual([
      'express-zego-token',
      'fastify-zego-token',
      'hono-zego-token',
      'koa-zego-token',
      'nestjs-zego-token',
    ]);
  });

  it.each(adapters)('%s imports the core through zego-token/adapter only, as a third-party adapter could', (name) => {
    const dir = join(packages, name, 'src');
    const files = readdirSync(dir).filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'));
    const specifiers = files.flatMap((file) =>
      [...readFileSync(join(dir, file), 'utf8').matchAll(/\bfrom\s*['"](zego-token[^'"]*)['"]/g)].map(
        (match) => `${file}: ${match[1]}`,
      ),
    );
    expect(specifiers.length, name).toBeGreaterThan(0);
    for (const specifier of specifiers) expect(specifier).toMatch(/: zego-token\/adapter$/);
  });
});
