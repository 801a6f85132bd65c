// No dead links in the documentation: every relative link, and every link into this repository on
// GitHub, points to a file that exists and, with a `#fragment` into Markdown, to a heading it has.
import { existsSync, statSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { describe, expect, it } from 'vitest';
import { anchors, documentationFiles, type Link, links, ROOT, readDoc, slug } from './markdown.js';

/** Links to this repository's main branch on GitHub are checked like relative ones. */
const REPOSITORY_URL = /^https:\/\/github\.com\/zego-token\/zego-token\/(?:blob|tree)\/main\/([^?#]*)(#.*)?$/;

/** Why a link from `file` (a path from the root) is dead, or `undefined` when it is fine. */
function deadLink(file: string, target: string, readAnchors: (path: string) => Set<string>): string | undefined {
  let path: string;
  let fragment: string | undefined;
  const inRepository = REPOSITORY_URL.exec(target);
  if (inRepository) {
    path = decodeURIComponent(inRepository[1] ?? '');
    fragment = inRepository[2]?.slice(1);
  } else if (/^[a-z][a-z0-9+.-]*:/i.test(target)) {
    return undefined; // another site, or mailto:
  } else {
    const hash = target.indexOf('#');
    const pathPart = (hash === -1 ? target : target.slice(0, hash)).split('?')[0] ?? '';
    fragment = hash === -1 ? undefined : target.slice(hash + 1);
    path = pathPart === '' ? file : posix.join(dirname(file), decodeURIComponent(pathPart));
    if (path.startsWith('/') || path.startsWith('..')) return `${target} leaves the repository`;
  }
  const absolute = join(ROOT, path);
  if (!existsSync(absolute)) return `${target}: no file ${path}`;
  if (fragment === undefined || fragment === '' || !path.endsWith('.md') || statSync(absolute).isDirectory()) {
    return undefined;
  }
  const wanted = decodeURIComponent(fragment);
  return readAnchors(path).has(wanted) ? undefined : `${target}: ${path} has no heading #${wanted}`;
}

const anchorCache = new Map<string, Set<string>>();
function readAnchors(path: string): Set<string> {
  let found = anchorCache.get(path);
  if (!found) {
    found = anchors(readDoc(path));
    anchorCache.set(path, found);
  }
  return found;
}

function describeLinks(file: string, found: readonly Link[]): string[] {
  return found.flatMap(({ number, target }) => {
    const problem = deadLink(file, target, readAnchors);
    return problem === undefined ? [] : [`${file}:${number}: ${problem}`];
  });
}

describe('documentation links', () => {
  const files = documentationFiles();

  it('finds the documentation', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        'README.md',
        'CONTRIBUTING.md',
        'docs/route.md',
        'packages/zego-token/README.md',
        'examples/express/README.md',
      ]),
    );
  });

  it.each(files)('%s has no dead relative link', (file) => {
    expect(describeLinks(file, links(readDoc(file)))).toEqual([]);
  });

  it.each(files.filter((file) => file.startsWith('packages/')))(
    '%s links absolutely, since npm shows it without the repository',
    (file) => {
      const relative = links(readDoc(file)).filter(({ target }) => !/^[a-z][a-z0-9+.-]*:/i.test(target));
      expect(relative.map(({ number, target }) => `${file}:${number}: ${target}`)).toEqual([]);
    },
  );
});

describe('the link checker', () => {
  it("follows GitHub's heading anchors", () => {
    expect(slug("Migrating from ZEGO's helper")).toBe('migrating-from-zegos-helper');
    expect(slug('The client: `zego-token/client`')).toBe('the-client-zego-tokenclient');
    expect(slug('`resolveUser`')).toBe('resolveuser');
    expect(slug('1. `decode` the token, with what the client logs in with')).toBe(
      '1-decode-the-token-with-what-the-client-logs-in-with',
    );
    expect(slug('Anything that speaks `fetch`')).toBe('anything-that-speaks-fetch');
    expect(slug('[Linked](x.md) and **bold** snake_case')).toBe('linked-and-bold-snake_case');
    expect([...anchors('# A\n\n## Options\n\n```md\n## Not a heading\n```\n\n### Options\n')]).toEqual([
      'a',
      'options',
      'options-1',
    ]);
  });

  it('reports a missing file and a missing heading, and skips code and other sites', () => {
    const markdown = [
      'See [the route](docs/route.md#options), [nowhere](docs/nowhere.md) and [a bad heading](docs/route.md#nope).',
      '[Here](#title) and [not here](#missing); [npm](https://www.npmjs.com/package/zego-token).',
      '[On GitHub](https://github.com/zego-token/zego-token/blob/main/docs/gone.md).',
      '`[in code](nowhere.md)`',
      '```md',
      '[in a block](nowhere.md)',
      '```',
      '# Title',
    ].join('\n');
    const ownAnchors = anchors(markdown);
    const problems = links(markdown).flatMap(({ target }) => {
      const problem = deadLink('README.md', target, (path) => (path === 'README.md' ? ownAnchors : readAnchors(path)));
      return problem === undefined ? [] : [problem];
    });
    expect(problems).toEqual([
      'docs/nowhere.md: no file docs/nowhere.md',
      'docs/route.md#nope: docs/route.md has no heading #nope',
      '#missing: README.md has no heading #missing',
      'https://github.com/zego-token/zego-token/blob/main/docs/gone.md: no file docs/gone.md',
    ]);
  });
});
