import { Buffer } from 'node:buffer';
import { readFileSync } from 'node:fs';
import type { CallbackExample } from '../callback/events/types.js';
import { MAX_TOKEN_LENGTH } from '../node/index.js';
import { UsageError } from './args.js';
import { colourEnabled, makeStyle, type OutputStream, type Style } from './format.js';

/** Everything the CLI touches outside itself, injected so that `run` can be called in-process. */
export interface CliIo {
  stdout: OutputStream;
  stderr: OutputStream;
  env: Readonly<Record<string, string | undefined>>;
  /** Reads stdin as UTF-8; may stop after `maxBytes + 1` bytes (the caller then refuses the input). */
  readStdin(maxBytes: number): Promise<string>;
  /** When stdin is a terminal, `-` prints a hint that it is waiting for input. */
  stdinIsTTY?: boolean | undefined;
  /** Reads a file as UTF-8 (for --secret-file). Defaults to `fs.readFileSync`. */
  readFile?: ((path: string) => string) | undefined;
  /** The clock, in milliseconds like `Date.now` (the default). */
  now?: (() => number) | undefined;
  /** The package version, for --version. */
  version?: string | undefined;
  /** How `callback send` sends its request. Defaults to the global `fetch`. */
  fetch?: ((request: Request) => Promise<Response>) | undefined;
  /** The documented example bodies `callback` knows. Defaults to every product's (tests pass their own). */
  callbackExamples?: readonly CallbackExample[] | undefined;
}

/** What a command gets: the injected I/O plus line writers and styles for each stream. */
export interface Context {
  io: CliIo;
  /** Writes a line (a trailing newline is added) to stdout. */
  out(text: string): void;
  /** Writes a line (a trailing newline is added) to stderr. */
  err(text: string): void;
  outStyle: Style;
  errStyle: Style;
  now(): number;
  readFile(path: string): string;
}

export function createContext(io: CliIo): Context {
  return {
    io,
    out: (text) => {
      io.stdout.write(`${text}\n`);
    },
    err: (text) => {
      io.stderr.write(`${text}\n`);
    },
    outStyle: makeStyle(colourEnabled(io.stdout, io.env)),
    errStyle: makeStyle(colourEnabled(io.stderr, io.env)),
    now: io.now ?? Date.now,
    readFile: io.readFile ?? ((path) => readFileSync(path, 'utf8')),
  };
}

/** Generous: a token at its longest, plus room for a newline and quotes. */
const MAX_INPUT_BYTES = MAX_TOKEN_LENGTH + 1024;

/**
 * The one token `decode` and `inspect` take: the argument, or stdin for `-`. Surrounding
 * whitespace and one pair of quotes are dropped.
 */
export async function readTokenArgument(
  positionals: readonly string[],
  ctx: Context,
  command: string,
): Promise<string> {
  if (positionals.length === 0) {
    throw new UsageError('missing token: pass it as an argument, or - to read it from stdin');
  }
  if (positionals.length > 1) {
    throw new UsageError(
      `${command} takes one token (or -), got ${positionals.length} arguments; the ServerSecret goes in ZEGO_SERVER_SECRET or --secret-file, never on the command line`,
    );
  }
  let raw = positionals[0] ?? '';
  const fromStdin = raw === '-';
  if (fromStdin) {
    if (ctx.io.stdinIsTTY) ctx.err(ctx.errStyle.dim('reading the token from stdin (finish with Ctrl-D)...'));
    raw = await ctx.io.readStdin(MAX_INPUT_BYTES);
    if (Buffer.byteLength(raw, 'utf8') > MAX_INPUT_BYTES) {
      throw new UsageError(`stdin holds more than a token (over ${MAX_INPUT_BYTES} bytes)`);
    }
  }
  let token = raw.trim();
  // A token copied out of JSON or a log line often keeps its quotes.
  const quoted = /^(["'])(.*)\1$/s.exec(token);
  if (quoted?.[2] !== undefined) token = quoted[2].trim();
  if (token.length === 0) throw new UsageError(fromStdin ? 'no token on stdin' : 'the token is empty');
  return token;
}
