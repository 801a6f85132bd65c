// Reading the repository's Markdown for the documentation tests: tables, code blocks, links and
// headings, the way GitHub renders them (enough Markdown for our own files, not a general parser), and
// type-checking the TypeScript in it as a user's project would. The one harness for every package's
// documentation tests: import it from here rather than writing another.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createTokenRoute, isZegoTokenError } from 'zego-token/adapter';

/** The repository's root folder. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A Markdown file's text, by its path from the repository root. */
export function readDoc(path: string): string {
  return readFileSync(join(ROOT, path), 'utf8');
}

/**
 * The Markdown files whose links must hold: the README (and its Chinese translation), CONTRIBUTING.md,
 * llms.txt (Markdown, by llmstxt.org's format), docs/ (docs/zh/ included), and each package's and
 * example's README. Paths from the repository root, with `/` separators.
 */
export function documentationFiles(): string[] {
  const inFolder = (folder: string, name: string) =>
    readdirSync(join(ROOT, folder), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => `${folder}/${entry.name}/${name}`)
      .filter((path) => existsSync(join(ROOT, path)));
  const docs = (readdirSync(join(ROOT, 'docs'), { recursive: true }) as string[])
    .filter((path) => path.endsWith('.md'))
    .map((path) => `docs/${path.split('\\').join('/')}`);
  return [
    'README.md',
    'README.zh-CN.md',
    'CONTRIBUTING.md',
    'llms.txt',
    ...docs,
    ...inFolder('packages', 'README.md'),
    ...inFolder('examples', 'README.md'),
  ];
}

export interface Line {
  /** 1-based. */
  number: number;
  text: string;
}

/** The lines outside fenced code blocks. */
export function proseLines(markdown: string): Line[] {
  const lines: Line[] = [];
  let fence: string | undefined;
  markdown.split('\n').forEach((text, index) => {
    const marker = /^\s*(`{3,}|~{3,})/.exec(text)?.[1];
    if (fence === undefined) {
      if (marker === undefined) lines.push({ number: index + 1, text });
      else fence = marker;
    } else if (marker?.startsWith(fence) && text.trim() === marker) {
      fence = undefined; // a closing fence: the same character, at least as long, nothing after it
    }
  });
  return lines;
}

export interface CodeBlock {
  /** The line of the block's first line of code (after the opening fence), 1-based. */
  line: number;
  code: string;
}

/** The fenced code blocks whose info string is `language`. */
export function codeBlocks(markdown: string, language: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  const pattern = /^(`{3,}|~{3,})([^\n]*)\n([\s\S]*?)^\1\s*$/gm;
  for (const match of markdown.matchAll(pattern)) {
    if (match[2]?.trim().split(/\s+/)[0] !== language) continue;
    const line = markdown.slice(0, match.index).split('\n').length + 1;
    blocks.push({ line, code: match[3] ?? '' });
  }
  return blocks;
}

/**
 * The `language` blocks of Markdown files as TypeScript modules for {@link typeCheck}, named after their
 * file and position (`docs_hono.md.2.ts`). Blank lines come first, so that tsc's line numbers are the
 * Markdown file's, and `export {}` last, so that each block is a module of its own.
 */
export function codeBlockModules(paths: readonly string[], language = 'ts'): Record<string, string> {
  const modules: Record<string, string> = {};
  for (const path of paths) {
    for (const [index, block] of codeBlocks(readDoc(path), language).entries()) {
      modules[`${path.replaceAll('/', '_')}.${index + 1}.ts`] =
        `${'\n'.repeat(block.line - 1)}${block.code}\nexport {};\n`;
    }
  }
  return modules;
}

const TSC = createRequire(import.meta.url).resolve('typescript/bin/tsc');

/**
 * Type-checks TypeScript files as a user's project would: written into `folder` (a path from the
 * repository root, inside a git-ignored `.tmp/`, emptied first), where they resolve the packages and
 * types of the node_modules above it, with a tsconfig that extends the repository's strict one, and
 * `compilerOptions` over it. One `tsc` run. Resolves to tsc's diagnostics (paths from the repository
 * root), '' when there are none.
 */
export async function typeCheck(
  folder: string,
  files: Readonly<Record<string, string>>,
  compilerOptions: Readonly<Record<string, unknown>> = {},
): Promise<string> {
  const directory = join(ROOT, folder);
  rmSync(directory, { recursive: true, force: true });
  mkdirSync(directory, { recursive: true });
  for (const [name, source] of Object.entries(files)) writeFileSync(join(directory, name), source);
  const tsconfig = {
    extends: relative(directory, join(ROOT, 'tsconfig.json')).split('\\').join('/'),
    compilerOptions: { noEmit: true, ...compilerOptions },
    include: ['*.ts'],
  };
  writeFileSync(join(directory, 'tsconfig.json'), JSON.stringify(tsconfig));
  return promisify(execFile)(process.execPath, [TSC, '-p', directory, '--pretty', 'false'], { cwd: ROOT }).then(
    () => '',
    (error: { stdout?: string; stderr?: string }) => `${error.stdout ?? ''}${error.stderr ?? ''}` || String(error),
  );
}

/** The rows of the first table after a heading line (`## Options`), as arrays of trimmed cells. */
export function tableAfter(markdown: string, heading: string): string[][] {
  const lines = markdown.split('\n');
  const start = lines.indexOf(heading);
  if (start === -1) throw new Error(`no heading "${heading}"`);
  const first = lines.findIndex((line, index) => index > start && line.startsWith('|'));
  if (first === -1) throw new Error(`no table after "${heading}"`);
  const rows: string[][] = [];
  for (const line of lines.slice(first)) {
    if (!line.startsWith('|')) break;
    rows.push(splitRow(line));
  }
  return rows;
}

function splitRow(line: string): string[] {
  return line
    .trim()
    .slice(1, -1)
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim());
}

/**
 * GitHub's anchor for a heading's text: inline Markdown reduced to its text, lower-cased, every
 * character that is not a letter, a mark, a digit, `_`, `-` or a space dropped, spaces turned into `-`
 * (github-slugger's rules).
 */
export function slug(heading: string): string {
  const text = heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/[`*]/g, '');
  return text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '')
    .replace(/ /g, '-');
}

/** Every anchor a Markdown file has: its headings' slugs (repeats numbered as GitHub does) and HTML ids. */
export function anchors(markdown: string): Set<string> {
  const found = new Set<string>();
  const seen = new Map<string, number>();
  for (const { text } of proseLines(markdown)) {
    const heading = /^ {0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$/.exec(text)?.[1];
    if (heading !== undefined) {
      const base = slug(heading);
      const count = seen.get(base) ?? 0;
      seen.set(base, count + 1);
      found.add(count === 0 ? base : `${base}-${count}`);
    }
    for (const match of text.matchAll(/<a\s[^>]*\b(?:id|name)="([^"]+)"/g)) found.add(match[1] as string);
  }
  return found;
}

export interface Link extends Line {
  target: string;
}

/** The link targets of a Markdown file outside code: inline links and images, reference definitions, HTML `href`/`src`. */
export function links(markdown: string): Link[] {
  const found: Link[] = [];
  for (const { number, text } of proseLines(markdown)) {
    const prose = text.replace(/(`+)[\s\S]*?\1/g, '');
    for (const match of prose.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
      found.push({ number, text, target: match[1] as string });
    }
    const definition = /^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/.exec(prose)?.[1];
    if (definition !== undefined) found.push({ number, text, target: definition });
    for (const match of prose.matchAll(/\b(?:href|src)="([^"]+)"/g)) {
      found.push({ number, text, target: match[1] as string });
    }
  }
  return found;
}

/** The token route's options, as the code lists them when it refuses an unknown one. */
export function routeOptionNames(): string[] {
  try {
    createTokenRoute({ resolveUser: () => 'a', appId: 1, serverSecret: 'x'.repeat(32), notAnOption: 1 } as never);
  } catch (error) {
    if (!isZegoTokenError(error)) throw error;
    return (error.message.split('known options: ')[1] ?? '').split(', ');
  }
  throw new Error('createTokenRoute accepted an unknown option');
}
