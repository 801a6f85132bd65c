// In-process runs of the CLI for the tests beside src/cli: `run(argv, io)` with captured streams, a
// fixed clock, and injected stdin and files. Every run is checked for never printing a secret or a
// stack trace, so no test has to remember to.
import { expect } from 'vitest';
import { OTHER_SECRET, SECRET, VECTORS, vectorInputs } from '../../../../test/support/index.js';
import { type CliIo, run } from '../../src/cli/run.js';
import { type EncodeToken04Options, encodeToken04 } from '../../src/node/index.js';

/** The "gcm minimal" vector: AppID 1, userID "demo", issued at its ctime for an hour. */
export const VECTOR = VECTORS.find((vector) => vector.name === 'gcm minimal') ?? expect.unreachable();

/** Unix seconds the runs see unless told otherwise: ten minutes into VECTOR's hour. */
export const NOW = VECTOR.ctime + 600;

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliRunOptions {
  /** ZEGO_SERVER_SECRET; `null` for none. Defaults to `SECRET`. */
  secret?: string | null;
  /** More environment variables (NO_COLOR, FORCE_COLOR, TERM). */
  env?: Record<string, string>;
  /** The clock, in Unix seconds. Defaults to `NOW`. */
  now?: number;
  /** Stdout, stderr and stdin are terminals. */
  tty?: boolean;
  stdin?: string;
  /** The files `--secret-file` can read; without it the real file system is used. */
  files?: Record<string, string>;
  /** `callback`'s example bodies, instead of every product's. */
  callbackExamples?: CliIo['callbackExamples'];
  /** How `callback send` sends, instead of the global fetch. */
  fetch?: CliIo['fetch'];
}

/** Values too short to be told apart from ordinary output are not checked for. */
const CHECKED_LENGTH = 8;

/** Runs the CLI in-process and checks that no secret and no stack trace came out. */
export async function runCli(argv: readonly string[], options: CliRunOptions = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const { files } = options;
  const secret = options.secret === undefined ? SECRET : options.secret;
  const env: Record<string, string> = { ...options.env };
  if (secret !== null) env.ZEGO_SERVER_SECRET = secret;
  const code = await run(argv, {
    stdout: { write: (chunk: string) => (stdout += chunk), isTTY: options.tty },
    stderr: { write: (chunk: string) => (stderr += chunk), isTTY: options.tty },
    env,
    readStdin: async () => options.stdin ?? '',
    stdinIsTTY: options.tty,
    readFile:
      files &&
      ((path) => {
        const content = files[path];
        if (content === undefined) throw Object.assign(new Error(`no file ${path}`), { code: 'ENOENT' });
        return content;
      }),
    now: () => (options.now ?? NOW) * 1000,
    version: '9.9.9',
    callbackExamples: options.callbackExamples,
    fetch: options.fetch,
  });
  const envSecrets = Object.entries(env).flatMap(([name, value]) => (name.includes('SECRET') ? [value] : []));
  const secrets = [SECRET, OTHER_SECRET, ...envSecrets, ...Object.values(files ?? {})].map((value) => value.trim());
  for (const value of secrets.filter((value) => value.length >= CHECKED_LENGTH)) {
    expect(stdout).not.toContain(value);
    expect(stderr).not.toContain(value);
  }
  expect(stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
  return { code, stdout, stderr };
}

/** A usage error: exit 2, exactly one line on stderr, nothing on stdout. */
export function expectUsageError(result: CliRun, pattern?: RegExp): void {
  expect(result.code, result.stderr).toBe(2);
  expect(result.stdout).toBe('');
  expect(result.stderr.endsWith('\n')).toBe(true);
  expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  if (pattern) expect(result.stderr).toMatch(pattern);
}

/** A token like VECTOR with some inputs changed (`ctime`, `userId`, `serverSecret`…). */
export function mint(changes: Partial<EncodeToken04Options> = {}): string {
  return encodeToken04({ ...vectorInputs(VECTOR), ...changes });
}
