// Smoke tests of the installed command: each case spawns the bin (`bin/zego-token.js`, which loads
// the built `dist/cli.js`; `pnpm test` builds first) for what only a real process shows: the
// wrapper loads, exit codes reach the shell, stdin is a real pipe, the environment and the
// package version are read, output into a pipe has no colour. Everything else about the CLI is
// tested in-process beside its source (src/cli/**/*.test.ts).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { OTHER_SECRET, SECRET, VECTORS } from '../../../test/support/index.js';

const BIN = fileURLToPath(new URL('../bin/zego-token.js', import.meta.url));
const BUILT = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const VERSION: unknown = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version;
/** A token that expired long ago (the vectors are from 2023–2024). */
const EXPIRED = VECTORS[0]?.token ?? '';

interface Result {
  status: number | null;
  stdout: string;
  stderr: string;
}

interface RunOptions {
  /** ZEGO_SERVER_SECRET; `null` for none. Defaults to SECRET. */
  secret?: string | null;
  input?: string;
  env?: Record<string, string>;
}

/** Runs the bin; every run is checked for printing no secret and no stack trace. */
async function cli(args: readonly string[], options: RunOptions = {}): Promise<Result> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (
      value !== undefined &&
      !['ZEGO_SERVER_SECRET', 'NO_COLOR', 'FORCE_COLOR', 'TERM', 'LC_ALL', 'LC_MESSAGES', 'LANG'].includes(key)
    ) {
      env[key] = value;
    }
  }
  const secret = options.secret === undefined ? SECRET : options.secret;
  if (secret !== null) env.ZEGO_SERVER_SECRET = secret;
  Object.assign(env, options.env);
  const result = await new Promise<Result>((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env, stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
    child.stdin.on('error', () => {}); // the CLI may exit without reading stdin
    child.stdin.end(options.input ?? '');
  });
  for (const text of [SECRET, OTHER_SECRET]) {
    expect(result.stdout).not.toContain(text);
    expect(result.stderr).not.toContain(text);
  }
  expect(result.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
  return result;
}

/** A usage error: exit 2, exactly one line on stderr, nothing on stdout. */
function expectUsageError(result: Result, pattern: RegExp): void {
  expect(result.status).toBe(2);
  expect(result.stdout).toBe('');
  expect(result.stderr.endsWith('\n')).toBe(true);
  expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(result.stderr).toMatch(pattern);
}

beforeAll(() => {
  if (!existsSync(BUILT)) {
    throw new Error(`${BUILT} is missing: run \`pnpm test\` (it builds first) or \`pnpm --filter zego-token build\``);
  }
});

describe.concurrent('the zego-token bin', () => {
  it('exit 0: generate prints only the token, and decode reads it back as valid', async () => {
    const generated = await cli(['generate', '--app-id', '1234567890', '--user-id', 'alice']);
    expect(generated.status).toBe(0);
    expect(generated.stderr).toBe('');
    expect(generated.stdout).toMatch(/^04[A-Za-z0-9+/]+=*\n$/);

    const decoded = await cli(['decode', generated.stdout.trim(), '--app-id', '1234567890', '--user-id', 'alice']);
    expect(decoded.status).toBe(0);
    expect(decoded.stderr).toBe('');
    expect(decoded.stdout).toContain('valid now');
    expect(decoded.stdout).toMatch(/expires\s+\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \(expires in (59 min|1 h)\)/);
  });

  it('exit 1: an expired token, its problem on stderr, no colour into a pipe', async () => {
    const result = await cli(['decode', EXPIRED]);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('NOT valid: expired');
    expect(result.stderr).toContain('\u2717 TOKEN_EXPIRED');
    expect(result.stdout + result.stderr).not.toContain('\u001b[');
  });

  it('FORCE_COLOR and NO_COLOR are read from the environment', async () => {
    const forced = await cli(['decode', EXPIRED], { env: { FORCE_COLOR: '1' } });
    expect(forced.stdout).toContain('\u001b[31m');
    expect(forced.stderr).toContain('\u001b[31m');
    const both = await cli(['decode', EXPIRED], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } });
    expect(both.stdout + both.stderr).not.toContain('\u001b[');
  });

  it('exit 2: a usage error is one line on stderr and nothing on stdout', async () => {
    expectUsageError(await cli(['mint']), /^zego-token: unknown command mint/);
    expectUsageError(await cli(['decode', EXPIRED], { secret: null }), /no ServerSecret: set ZEGO_SERVER_SECRET/);
  });

  it('exit 2: a secret on the command line is refused without being echoed', async () => {
    expectUsageError(await cli(['decode', EXPIRED, '--secret', OTHER_SECRET]), /--secret is refused/);
  });

  it('- reads the token from a real pipe (whitespace and quotes ignored); an empty pipe is a usage error', async () => {
    const token = (await cli(['generate', '--app-id', '7', '--user-id', 'bob'])).stdout.trim();
    const decoded = await cli(['decode', '-', '--json'], { input: `  "${token}"\r\n` });
    expect(decoded.status).toBe(0);
    expect(JSON.parse(decoded.stdout).claims.userId).toBe('bob');
    const inspected = await cli(['inspect', '-', '--json'], { input: token, secret: null });
    expect(inspected.status).toBe(0);
    expect(JSON.parse(inspected.stdout).header.mode).toBe('gcm');
    expectUsageError(await cli(['decode', '-'], { input: '\n' }), /no token on stdin/);
  });

  it('explain answers in Chinese when the locale is Chinese (LANG=zh_CN.UTF-8)', async () => {
    const result = await cli(['explain', '1002056'], { secret: null, env: { LANG: 'zh_CN.UTF-8' } });
    expect(result.status).toBe(0);
    expect(result.stdout.startsWith('1002056  Express (native)\n')).toBe(true);
    expect(result.stdout).toContain('Token 过期');
    expect(result.stdout).toContain('处理建议：');
    const english = await cli(['explain', '1002056'], { secret: null, env: { LANG: 'en_US.UTF-8' } });
    expect(english.stdout).toContain('  fix:   ');
  });

  it('--version prints the version in package.json', async () => {
    const result = await cli(['--version'], { secret: null });
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`${VERSION}\n`);
  });
});
