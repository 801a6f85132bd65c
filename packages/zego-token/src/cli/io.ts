import { readFileSync } from 'node:fs';
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
