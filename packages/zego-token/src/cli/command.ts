import type { OptionSpecs, ParsedArgs } from './args.js';
import type { Context } from './io.js';

export const EXIT_OK = 0;
/** The token is not valid (or, for explain, the code is unknown). */
export const EXIT_INVALID = 1;
export const EXIT_USAGE = 2;

/**
 * One subcommand: everything about it in one module. The dispatcher parses `options` (adding
 * `-h, --help`, which it answers with `help`) and calls `run` with the result.
 */
export interface Command<Options extends OptionSpecs = OptionSpecs> {
  /** The word after `zego-token`. */
  readonly name: string;
  /** Its usage in the overall help, after `zego-token <name> `: one entry a line. */
  readonly synopsis: readonly string[];
  /** One line for the overall help's list of commands. */
  readonly summary: string;
  readonly options: Options;
  /** What `zego-token <name> --help` prints. */
  readonly help: string;
  /** Resolves to the exit code; a UsageError or a core validation error it throws means exit 2. */
  run(args: ParsedArgs<Options>, ctx: Context): Promise<number>;
}

/** Types `run`'s arguments from `options`. */
export function defineCommand<const Options extends OptionSpecs>(command: Command<Options>): Command<Options> {
  return command;
}
