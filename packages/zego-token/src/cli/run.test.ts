import { describe, expect, it } from 'vitest';
import { SECRET } from '../../../../test/support/index.js';
import { expectUsageError, mint, NOW, runCli, VECTOR } from '../../test/support/cli.js';
import { COMMANDS } from './commands/index.js';
import { run } from './run.js';

describe('dispatching', () => {
  it.each([
    ['no command', [], /^zego-token: missing command \(generate, decode, inspect, explain, api or callback\)/],
    ['an unknown command', ['mint'], /^zego-token: unknown command mint: the commands are generate, decode/],
    ['an unknown top-level flag', ['--frobnicate'], /unknown option --frobnicate/],
    ['help for an unknown topic', ['help', 'mint'], /no help for mint/],
  ] as const)('%s: exit 2, one line', async (_name, argv, pattern) => {
    expectUsageError(await runCli(argv), pattern);
  });

  it('does not repeat a word that could be a secret or a token', async () => {
    for (const argv of [[SECRET], ['help', SECRET], [mint()]]) {
      const result = await runCli(argv);
      expectUsageError(result);
      expect(result.stderr).not.toContain(argv.at(-1));
    }
  });

  it('does not mistake inherited names for commands or help topics', async () => {
    for (const argv of [['toString'], ['help', 'toString'], ['constructor', '--help'], ['__proto__']]) {
      expectUsageError(await runCli(argv));
    }
  });

  it('never throws: an unexpected failure is one line, exit 1', async () => {
    let stderr = '';
    const code = await run(['decode', '-'], {
      stdout: { write: () => true },
      stderr: { write: (chunk: string) => (stderr += chunk) },
      env: { ZEGO_SERVER_SECRET: SECRET },
      readStdin: async () => {
        throw new Error('stdin exploded');
      },
    });
    expect(code).toBe(1);
    expect(stderr).toBe('zego-token decode: unexpected error: stdin exploded\n');
  });

  it("points a usage error at the command's help", async () => {
    expectUsageError(await runCli(['decode']), /^zego-token decode: missing token.*\(see zego-token decode --help\)$/m);
  });
});

describe('help and version', () => {
  it('--help, -h and help print the overall help on stdout, exit 0, needing no secret', async () => {
    const results = await Promise.all([['--help'], ['-h'], ['help']].map((argv) => runCli(argv, { secret: null })));
    for (const result of results) {
      expect(result.code).toBe(0);
      expect(result.stderr).toBe('');
      expect(result.stdout).toBe(results[0]?.stdout);
    }
    const help = results[0]?.stdout ?? '';
    expect(help).toMatch(
      /^zego-token - mint, decode and debug ZEGO Token04 authentication tokens, and call ZEGO's Server APIs\n\nUsage:\n/,
    );
    for (const command of COMMANDS) {
      expect(help).toContain(`  zego-token ${command.name} ${command.synopsis[0]}\n`);
      const listed = help
        .split('\n')
        .find((line) => line.startsWith(`  ${command.name} `) && line.endsWith(command.summary));
      expect(listed, command.name).toBeDefined();
    }
    expect(help).toContain('ZEGO_SERVER_SECRET');
    expect(help).toMatch(/Exit codes: 0 success/);
  });

  it("lines a command's continued usage up under its first line", async () => {
    const { stdout } = await runCli(['--help']);
    expect(stdout).toContain(
      '  zego-token generate --app-id N --user-id ID [--ttl 3600] [--payload JSON | --room ID [--publish]]\n' +
        '                      [--mode gcm|cbc] [--json]\n',
    );
  });

  it.each(COMMANDS.map((command) => [command.name, command] as const))(
    '%s: --help, -h and the help command print its help, exit 0',
    async (name, command) => {
      const [own, short, topic] = await Promise.all([
        runCli([name, '--help'], { secret: null }),
        runCli([name, '-h', '--json'], { secret: null }),
        runCli(['help', name], { secret: null }),
      ]);
      expect(own.code).toBe(0);
      expect(own.stderr).toBe('');
      expect(own.stdout).toBe(command.help);
      expect(own.stdout.startsWith(`Usage: zego-token ${name}`)).toBe(true);
      expect(own.stdout).toContain('-h, --help');
      expect(short.stdout).toBe(own.stdout);
      expect(topic.stdout).toBe(own.stdout);
    },
  );

  it('checks the options before answering --help', async () => {
    expectUsageError(await runCli(['generate', '--help', '--colour']), /unknown option --colour/);
  });

  it('--version and -V print the version it was given', async () => {
    expect((await runCli(['--version'])).stdout).toBe('9.9.9\n');
    expect((await runCli(['-V'])).stdout).toBe('9.9.9\n');
  });
});

describe('colour', () => {
  const argv = ['decode', VECTOR.token, '--user-id', 'someone-else'];

  it('only on a terminal, on each stream', async () => {
    const tty = await runCli(argv, { tty: true });
    expect(tty.code).toBe(1);
    expect(tty.stdout).toContain('\u001b[31mNOT valid');
    expect(tty.stderr).toContain('\u001b[31m\u2717 TOKEN_USER_ID_MISMATCH');
    const piped = await runCli(argv);
    expect(piped.stdout + piped.stderr).not.toContain('\u001b[');
  });

  it('NO_COLOR turns it off, FORCE_COLOR on, NO_COLOR wins', async () => {
    const off = await runCli(argv, { tty: true, env: { NO_COLOR: '1' } });
    expect(off.stdout + off.stderr).not.toContain('\u001b[');
    const forced = await runCli(argv, { env: { FORCE_COLOR: '1' } });
    expect(forced.stdout).toContain('\u001b[31m');
    expect(forced.stderr).toContain('\u001b[31m');
    const both = await runCli(argv, { env: { FORCE_COLOR: '1', NO_COLOR: '1' } });
    expect(both.stdout + both.stderr).not.toContain('\u001b[');
  });

  it("colours a usage error's prefix on a terminal", async () => {
    const { stderr } = await runCli(['mint'], { tty: true });
    expect(stderr.startsWith('\u001b[31mzego-token\u001b[39m: unknown command')).toBe(true);
  });

  it('uses the clock it is given', async () => {
    expect((await runCli(['decode', VECTOR.token], { now: NOW })).stdout).toContain('(10 min ago)');
  });
});
