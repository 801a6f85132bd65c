// llms.txt, the page coding assistants read (llmstxt.org's format): an H1 title, a blockquote summary,
// free text, then H2 sections of Markdown links with notes. Its links are checked with the rest of the
// documentation's (links.test.ts, which lists it through documentationFiles()); here: its shape, the rules
// it must state, and that its mount is the README's, whose quick start is type-checked.
import { describe, expect, it } from 'vitest';
import { codeBlocks, documentationFiles, links, proseLines, readDoc } from './markdown.js';

const text = readDoc('llms.txt');
const lines = proseLines(text).map((line) => line.text);

describe('llms.txt', () => {
  it("follows llmstxt.org's format: H1, blockquote summary, then H2 sections of link lists", () => {
    const nonEmpty = lines.filter((line) => line.trim() !== '');
    expect(nonEmpty[0]).toBe('# zego-token');
    expect(nonEmpty[1]).toMatch(/^> \S/);
    expect(lines.filter((line) => line.startsWith('# '))).toHaveLength(1);
    const firstSection = lines.findIndex((line) => line.startsWith('## '));
    expect(firstSection).toBeGreaterThan(0);
    // After the first H2, only headings and list items of the form "- [name](url): notes".
    const sections = lines.slice(firstSection).filter((line) => line.trim() !== '');
    for (const line of sections) expect(line).toMatch(/^(## \S.*|- \[[^\]]+\]\([^)\s]+\)(: \S.*)?)$/);
    const headings = sections.filter((line) => line.startsWith('## '));
    expect(headings.length).toBeGreaterThanOrEqual(2);
    // Every section has at least one link.
    headings.forEach((heading) => {
      const next = sections[sections.indexOf(heading) + 1] ?? '';
      expect(next, heading).toMatch(/^- \[/);
    });
  });

  it('links only into the repository, and its links are checked with the documentation', () => {
    const found = links(text);
    expect(found.length).toBeGreaterThanOrEqual(10);
    for (const { target } of found) expect(target).not.toMatch(/^[a-z][a-z0-9+.-]*:/i);
    expect(documentationFiles()).toContain('llms.txt');
  });

  it('states the rules a coding assistant must get right', () => {
    for (const rule of [
      /userId comes from the app's own authentication/,
      /never from the query string, the body/,
      /ServerSecret never reaches a client/,
      /`VITE_`, `NEXT_PUBLIC_`/,
      /`toKitToken` from `zego-token\/client`/,
      /Leave the payload empty/,
      /renew on the SDK's `tokenWillExpire`/,
    ]) {
      expect(text).toMatch(rule);
    }
  });

  it("leads to the secure route: its mount is the README's type-checked quick start", () => {
    const [mount] = codeBlocks(text, 'ts');
    expect(mount?.code.trim().split('\n')).toHaveLength(5);
    const mountLine = mount?.code.split('\n').find((line) => line.startsWith('app.use(zegoToken('));
    expect(mountLine).toBeDefined();
    expect(readDoc('README.md')).toContain(mountLine);
    expect(mount?.code).not.toMatch(/req\.(query|body)/);
  });
});
