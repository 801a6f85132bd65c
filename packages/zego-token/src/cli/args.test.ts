import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { OTHER_SECRET, SECRET } from '../../../../test/support/index.js';
import { expectUsageError, runCli, VECTOR } from '../../test/support/cli.js';
import { parseDuration, parseInteger } from './args.js';

const GENERATE = ['generate', '--app-id', '7', '--user-id', 'bob'];

describe('options are parsed strictly, one line for each mistake', () => {
  const cases: Array<[string, readonly string[], RegExp]> = [
    ['an unknown flag', [...GENERATE, '--colour'], /unknown option --colour/],
    ['a mistyped flag', [...GENERATE, '--tll', '60'], /unknown option --tll \(did you mean --ttl\?\)/],
    ['an unknown short flag', ['decode', '-x', 'tok'], /unknown option -x/],
    ['a missing value', ['generate', '--user-id', 'bob', '--app-id'], /--app-id needs a value/],
    ['a value swallowed by the next flag', ['generate', '--app-id', '--user-id', 'bob'], /--app-id needs a value/],
    ['a value that starts with "-"', [...GENERATE, '--ttl', '-5'], /--ttl needs a value \(use --ttl=VALUE/],
    ['a value on a boolean flag', ['decode', 'tok', '--json=yes'], /--json does not take a value/],
  ];
  it.each(cases)('%s', async (_name, argv, pattern) => {
    expectUsageError(await runCli(argv), pattern);
  });
});

describe('a secret on the command line is refused', () => {
  const cases: Array<readonly string[]> = [
    [...GENERATE, '--secret', OTHER_SECRET],
    [...GENERATE, `--secret=${OTHER_SECRET}`],
    ['generate', '--server-secret', OTHER_SECRET, '--app-id', '7', '--user-id', 'bob'],
    ['generate', `--serverSecret=${OTHER_SECRET}`],
    ['generate', `--app-sign=${OTHER_SECRET}`],
    ['decode', 'x', '--secret', OTHER_SECRET],
    ['decode', '--server-secret', OTHER_SECRET, 'x'],
    ['inspect', 'x', '--secret', OTHER_SECRET],
    ['--secret', OTHER_SECRET, 'decode', 'x'],
  ];
  const named = cases.map((argv) => [argv.join(' ').replaceAll(OTHER_SECRET, '<secret>'), argv] as const);
  it.each(named)('%s: exits 2, says why and what to use instead, never echoes the value', async (_name, argv) => {
    const result = await runCli(argv, { secret: null });
    expectUsageError(result, /is refused/);
    expect(result.stderr).toMatch(/shell history/);
    expect(result.stderr).toContain('ZEGO_SERVER_SECRET');
    expect(result.stderr).toContain('--secret-file');
  });

  it('names the command it was given to, or none before a command', async () => {
    expect((await runCli(['decode', '--secret', OTHER_SECRET])).stderr).toMatch(/^zego-token decode: --secret is/);
    expect((await runCli(['--secret', OTHER_SECRET, 'decode'])).stderr).toMatch(/^zego-token: --secret is/);
  });

  it('--secret-file is the one secret option allowed', async () => {
    const result = await runCli(['decode', VECTOR.token, '--secret-file', '/s'], { files: { '/s': SECRET } });
    expect(result.code).toBe(0);
  });
});

describe('numbers', () => {
  it('reads integers in decimal digits, leaving the range to the validators', () => {
    expect(parseInteger('7', '--app-id')).toBe(7);
    expect(parseInteger(' 4294967296 ', '--app-id')).toBe(4_294_967_296);
    expect(parseInteger('-3', '--app-id')).toBe(-3);
  });

  it('reads durations in seconds or with a unit', () => {
    expect(parseDuration('3600', '--ttl')).toBe(3600);
    expect(parseDuration('90s', '--ttl')).toBe(90);
    expect(parseDuration('30m', '--ttl')).toBe(1800);
    expect(parseDuration('45min', '--ttl')).toBe(2700);
    expect(parseDuration('2H', '--ttl')).toBe(7200);
    expect(parseDuration('7d', '--ttl')).toBe(604_800);
    expect(parseDuration('0', '--ttl')).toBe(0);
  });

  it.each(['12ab', '1.5', '0x10', '1e3', ''])('--app-id=%j is not an integer: exit 2', async (text) => {
    expectUsageError(await runCli(['generate', `--app-id=${text}`, '--user-id', 'bob']), /--app-id must be an integer/);
  });

  it.each(['-1', '1.5h', 'h', '', '1w', '2 hours'])('--ttl=%j is not a duration: exit 2', async (text) => {
    expectUsageError(
      await runCli([...GENERATE, `--ttl=${text}`]),
      /--ttl must be a number of seconds, optionally with a unit \(3600, 90s, 30m, 2h, 7d\)/,
    );
  });
});

describe('the ServerSecret', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zego-token-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('missing: one line, exit 2, says where to put it', async () => {
    for (const argv of [GENERATE, ['decode', VECTOR.token]]) {
      expectUsageError(
        await runCli(argv, { secret: null }),
        /no ServerSecret: set ZEGO_SERVER_SECRET or pass --secret-file PATH/,
      );
    }
    expectUsageError(await runCli(['decode', VECTOR.token], { secret: '' }), /no ServerSecret/);
  });

  it("not 32 bytes: one line, exit 2, names the source and the length, with the core's hint for the usual mistakes", async () => {
    const decode = ['decode', VECTOR.token];
    expectUsageError(
      await runCli(decode, { secret: 'too-short' }),
      /ZEGO_SERVER_SECRET must be exactly 32 bytes.*got 9/,
    );
    expectUsageError(await runCli(GENERATE, { secret: 'ab'.repeat(32) }), /looks like the 64-character AppSign/);
    expectUsageError(await runCli(decode, { secret: ` ${SECRET}` }), /got 33 bytes.*whitespace/);
    expectUsageError(
      await runCli([...decode, '--secret-file', '/s'], { files: { '/s': '' } }),
      /--secret-file \/s must be exactly 32 bytes.*got 0 bytes/,
    );
  });

  it('from --secret-file: one trailing newline dropped, and nothing else', async () => {
    const decode = ['decode', VECTOR.token, '--secret-file', '/s'];
    expect((await runCli(decode, { files: { '/s': `${SECRET}\n` }, secret: null })).code).toBe(0);
    expect((await runCli(decode, { files: { '/s': `${SECRET}\r\n` } })).code).toBe(0);
    expectUsageError(
      await runCli(decode, { files: { '/s': `${SECRET}\n\n` } }),
      /--secret-file \/s must be exactly 32 bytes/,
    );
  });

  it('--secret-file never repeats a value that could be the secret itself', async () => {
    for (const value of [SECRET, OTHER_SECRET + OTHER_SECRET]) {
      const result = await runCli(['decode', VECTOR.token, '--secret-file', value]);
      expectUsageError(result, /cannot read --secret-file \(ENOENT\): its value is as long as a secret/);
      expect(result.stderr + result.stdout).not.toContain(value);
    }
  });

  it('--secret-file wins over ZEGO_SERVER_SECRET', async () => {
    const result = await runCli(['decode', VECTOR.token, '--secret-file', '/s'], {
      files: { '/s': OTHER_SECRET },
      secret: SECRET,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('the secret came from --secret-file /s');
  });

  it('reads the real file system by default, and says why a file cannot be read', async () => {
    const file = join(dir, 'secret');
    writeFileSync(file, `${SECRET}\n`);
    expect((await runCli(['decode', VECTOR.token, '--secret-file', file], { secret: null })).code).toBe(0);
    expectUsageError(
      await runCli(['decode', VECTOR.token, '--secret-file', join(dir, 'nope')]),
      /cannot read --secret-file .*nope \(ENOENT\)/,
    );
    expectUsageError(await runCli(['decode', VECTOR.token, '--secret-file=']), /--secret-file needs a path/);
  });

  it('never puts the secret into a message, however it is wrong', async () => {
    for (const content of [`${SECRET}x`, ` ${SECRET}`, `${SECRET}\n\n`, `${SECRET}${SECRET}`, 'too-short']) {
      // runCli fails the test if the file's content shows up in the output.
      expectUsageError(await runCli(['decode', VECTOR.token, '--secret-file', '/s'], { files: { '/s': content } }));
    }
  });
});
