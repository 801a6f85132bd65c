// docs/runtimes.md's table stays true: each row's conditions are the ones the runtime tests use, the
// path through zego-token's package.json exports and the file it says a runtime loads are the ones
// they select, every test it names exists (and, in test/runtimes, runs that entry: `zego-token/adapter`
// through the adapter package the row names), and every runtime test has a row.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONDITIONS, resolveExport } from '../runtimes/conditions.js';
import { links, ROOT, readDoc, tableAfter } from './markdown.js';

interface Row {
  runtime: string;
  specifier: string;
  conditions: string[];
  loads: string;
  tests: string[];
  /** The name the runtime tests give what they serve: the import, or for `zego-token/adapter` the adapter built on it. */
  served: string;
}

/** The entries the table covers: the two main entries, the adapter entry, which resolves by condition, and the Server API on the edge. */
const SPECIFIERS = ['zego-token', 'zego-token/web', 'zego-token/adapter', 'zego-token/web/server-api'];

/** The backticked words of a cell, in order. */
function codeSpans(cell: string): string[] {
  return [...cell.matchAll(/`([^`]+)`/g)].map((match) => match[1] ?? '');
}

function rows(): Row[] {
  const [header, , ...body] = tableAfter(readDoc('docs/runtimes.md'), '## Runtimes, imports and CI');
  expect(header).toEqual(['runtime', 'import', 'conditions', 'loads', 'tested by', 'what runs there']);
  return body.map(([runtime = '', specifier = '', conditions = '', loads = '', tested = '', runs = '']) => {
    const name = codeSpans(specifier)[0] ?? '';
    const adapter = codeSpans(runs).find((span) => /^[a-z]+-zego-token$/.test(span));
    return {
      runtime,
      specifier: name,
      conditions: codeSpans(conditions),
      loads,
      tests: links(tested).map((link) => posix.join('docs', link.target)),
      served: name === 'zego-token/adapter' ? (adapter ?? '') : name,
    };
  });
}

/** The runtime suites: test/runtimes/*.test.ts and the examples' tests that start a runtime with its support. */
function runtimeTestFiles(): string[] {
  const own = readdirSync(join(ROOT, 'test/runtimes'))
    .filter((name) => name.endsWith('.test.ts'))
    .map((name) => `test/runtimes/${name}`);
  const examples = readdirSync(join(ROOT, 'examples'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(ROOT, 'examples', entry.name, 'test')))
    .flatMap((entry) =>
      (readdirSync(join(ROOT, 'examples', entry.name, 'test'), { recursive: true }) as string[])
        .filter((name) => name.endsWith('.test.ts'))
        .map((name) => `examples/${entry.name}/test/${name.split('\\').join('/')}`),
    )
    .filter((path) => readFileSync(join(ROOT, path), 'utf8').includes('test/runtimes/support.js'));
  return [...own, ...examples];
}

const manifest = JSON.parse(readFileSync(join(ROOT, 'packages/zego-token/package.json'), 'utf8'));

describe('docs/runtimes.md', () => {
  const table = rows();

  it('has a row per runtime and entry', () => {
    expect(table.length).toBeGreaterThanOrEqual(8);
    for (const row of table) expect(SPECIFIERS, row.runtime).toContain(row.specifier);
    for (const specifier of SPECIFIERS) expect(table.map((row) => row.specifier)).toContain(specifier);
  });

  it.each(table)("$runtime, $specifier: the conditions are one runtime's, as the tests use them", (row) => {
    expect(Object.values(CONDITIONS).map((list) => list.join(' '))).toContain(row.conditions.join(' '));
  });

  it.each(table)('$runtime, $specifier: loads the file package.json exports select', (row) => {
    const resolved = resolveExport(manifest.exports, `.${row.specifier.slice('zego-token'.length)}`, row.conditions);
    expect(resolved, row.specifier).toBeDefined();
    // The keys that led to the file, but the last `default` (the JS file beside its `types`).
    const keys = (resolved?.path ?? []).slice(0, -1).map((key) => `\`${key}\``);
    expect(row.loads).toBe(`${keys.join(', ')} → \`${resolved?.target.replace(/^\.\//, '')}\``);
  });

  it.each(table)('$runtime, $specifier: names tests that exist and, in test/runtimes, run that entry', (row) => {
    expect(row.tests.length, row.runtime).toBeGreaterThan(0);
    expect(row.served, `${row.runtime}: the adapter that serves ${row.specifier}`).not.toBe('');
    for (const path of row.tests) {
      expect(existsSync(join(ROOT, path)), path).toBe(true);
      expect(path).toMatch(/\.test\.ts$/);
      if (!path.startsWith('test/runtimes/')) continue;
      const source = readFileSync(join(ROOT, path), 'utf8');
      const compat = /\b(with|without) `nodejs_compat`/.exec(row.runtime)?.[1];
      expect(source, path).toContain(
        compat === undefined ? `'${row.served}'` : `'${row.served} ${compat} nodejs_compat'`,
      );
    }
  });

  it('names every runtime test', () => {
    const named = new Set(table.flatMap((row) => row.tests));
    const files = runtimeTestFiles();
    expect(files).toContain('test/runtimes/edge-runtime.test.ts');
    for (const file of files) expect([...named], `${file} has no row`).toContain(file);
  });
});

/** The runtime a test file runs its server in, as the README's last column names it. */
function runtimeOf(testFile: string): string {
  if (testFile.startsWith('test/smoke/') || testFile.startsWith('test/conformance/')) return 'Node';
  if (testFile.includes('supabase-edge') || testFile.endsWith('deno.test.ts')) return 'Deno';
  if (testFile.includes('cloudflare-worker') || testFile.endsWith('workerd.test.ts')) return 'workerd';
  if (testFile.endsWith('bun.test.ts')) return 'Bun';
  if (testFile.endsWith('edge-runtime.test.ts')) return 'edge-runtime';
  throw new Error(`no runtime known for ${testFile}`);
}

describe("the README's runtime table", () => {
  it('says, for each import, exactly the runtimes whose CI tests docs/runtimes.md names', () => {
    const [header, , ...body] = tableAfter(readDoc('README.md'), '## Runtimes');
    expect(header?.[0]).toBe('import');
    const readme = Object.fromEntries(
      body.map(([specifier = '', , ci = '']) => [
        codeSpans(specifier)[0],
        ci
          .split(/,\s*/)
          .map((name) => name.trim())
          .sort(),
      ]),
    );
    const docs = new Map<string, Set<string>>();
    for (const row of rows()) {
      const runtimes = docs.get(row.specifier) ?? new Set<string>();
      for (const test of row.tests) runtimes.add(runtimeOf(test));
      docs.set(row.specifier, runtimes);
    }
    expect(readme).toEqual(Object.fromEntries([...docs].map(([name, set]) => [name, [...set].sort()])));
  });
});
