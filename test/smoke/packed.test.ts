// What npm would receive: every published package packed by `pnpm pack` (which rewrites `workspace:`
// ranges as `pnpm publish` does), each tarball's own package.json read back. A release publishes these
// manifests as they are, so a 0.0.0 or an exact pin on the core shows here first.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../docs/markdown.js';

interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

/** Whether `version` (x.y.z, no pre-release) is in the caret range `^a.b.c`, by npm's rules for ^. */
function inCaretRange(range: string, version: string): boolean {
  const low = SEMVER.exec(range.slice(1))?.slice(1).map(Number);
  const have = SEMVER.exec(version)?.slice(1).map(Number);
  if (!range.startsWith('^') || !low || !have) return false;
  const [major, minor, patch] = low as [number, number, number];
  const [haveMajor, haveMinor, havePatch] = have as [number, number, number];
  const atLeast =
    haveMajor !== major ? haveMajor > major : haveMinor !== minor ? haveMinor > minor : havePatch >= patch;
  // ^1.2.3 keeps the major, ^0.2.3 the minor too, ^0.0.3 the patch too.
  if (major > 0) return atLeast && haveMajor === major;
  if (minor > 0) return atLeast && haveMajor === 0 && haveMinor === minor;
  return haveMajor === 0 && haveMinor === 0 && havePatch === patch;
}

const packages = readdirSync(join(ROOT, 'packages'))
  .map((name) => join(ROOT, 'packages', name))
  .filter((dir) => existsSync(join(dir, 'package.json')))
  .filter((dir) => !(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest).private);

const out = mkdtempSync(join(tmpdir(), 'zego-token-packed-'));
const packed: Manifest[] = [];

beforeAll(() => {
  for (const dir of packages) {
    const before = new Set(readdirSync(out));
    execFileSync('pnpm', ['pack', '--pack-destination', out], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
    const tarball = readdirSync(out).find((file) => !before.has(file));
    if (!tarball) throw new Error(`pnpm pack wrote no tarball in ${dir}`);
    const text = execFileSync('tar', ['-xzOf', join(out, tarball), 'package/package.json'], { encoding: 'utf8' });
    packed.push(JSON.parse(text) as Manifest);
  }
}, 120_000);

afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('the packed tarballs', () => {
  it('are the core and the five adapters', () => {
    expect(packed.map(({ name }) => name).sort()).toEqual([
      'express-zego-token',
      'fastify-zego-token',
      'hono-zego-token',
      'koa-zego-token',
      'nestjs-zego-token',
      'zego-token',
    ]);
  });

  it('carry a real version, not 0.0.0, the same one for the linked group (.changeset/config.json)', () => {
    const versions = Object.fromEntries(packed.map(({ name, version }) => [name, version]));
    for (const [name, version] of Object.entries(versions)) {
      expect(version, name).toMatch(SEMVER);
      expect(version, name).not.toBe('0.0.0');
    }
    const config = JSON.parse(readFileSync(join(ROOT, '.changeset/config.json'), 'utf8')) as { linked: string[][] };
    for (const group of config.linked) {
      expect(new Set(group.map((name) => versions[name])), group.join(', ')).toEqual(new Set([versions['zego-token']]));
    }
  });

  it('depend on zego-token with a caret range that holds the packed core, as a dependency, never a peer', () => {
    const core = packed.find(({ name }) => name === 'zego-token')?.version ?? '';
    const adapters = packed.filter(({ name }) => name !== 'zego-token');
    expect(adapters).toHaveLength(5);
    for (const { name, dependencies, peerDependencies } of adapters) {
      const range = dependencies?.['zego-token'] ?? '';
      expect(range, `${name} depends on zego-token ${range}`).toMatch(/^\^/);
      expect(inCaretRange(range, core), `${name}: ${range} holds zego-token ${core}`).toBe(true);
      expect(peerDependencies?.['zego-token'], name).toBeUndefined();
    }
  });

  it('reads caret ranges as npm does', () => {
    expect(inCaretRange('^0.1.0', '0.1.4')).toBe(true);
    expect(inCaretRange('^0.1.0', '0.2.0')).toBe(false);
    expect(inCaretRange('^0.1.2', '0.1.1')).toBe(false);
    expect(inCaretRange('^1.2.0', '1.9.0')).toBe(true);
    expect(inCaretRange('^1.2.0', '2.0.0')).toBe(false);
    expect(inCaretRange('^0.0.3', '0.0.4')).toBe(false);
    expect(inCaretRange('0.1.0', '0.1.0')).toBe(false);
  });
});
