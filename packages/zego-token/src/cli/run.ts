import { isZegoTokenError } from '../index.js';
import { refuseSecretOnArgv, UsageError } from './args.js';
import { type Command, decode, EXIT_INVALID, EXIT_OK, EXIT_USAGE, explain, generate, inspect } from './commands.js';
import { oneLine } from './format.js';
import { DECODE_HELP, EXPLAIN_HELP, GENERATE_HELP, INSPECT_HELP, MAIN_HELP } from './help.js';
import { type CliIo, createContext } from './io.js';

export { EXIT_INVALID, EXIT_OK, EXIT_USAGE } from './commands.js';
export type { CliIo } from './io.js';

const COMMANDS: Readonly<Record<string, Command>> = { generate, decode, inspect, explain };
const HELP: Readonly<Record<string, string>> = {
  generate: GENERATE_HELP,
  decode: DECODE_HELP,
  inspect: INSPECT_HELP,
  explain: EXPLAIN_HELP,
};

/** Repeats a word the user typed only when it cannot be anything sensitive (a secret, a token). */
function shown(word: string): string {
  return /^-{0,2}[A-Za-z][\w-]{0,30}$/.test(word) ? ` ${word}` : '';
}

/**
 * The whole CLI: parses `argv` (without the node and script paths), writes to the injected
 * streams and resolves to the exit code — 0 success (decode: the token is valid now), 1 the token
 * is not valid (or an unknown code for explain), 2 a usage error. It never throws and never exits.
 */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const ctx = createContext(io);
  const fail = (where: string, message: string, code: number): number => {
    ctx.err(`${ctx.errStyle.red(where)}: ${oneLine(message)}`);
    return code;
  };
  const [name, ...rest] = argv;
  try {
    refuseSecretOnArgv(argv);
  } catch (error) {
    const where = name !== undefined && Object.hasOwn(COMMANDS, name) ? `zego-token ${name}` : 'zego-token';
    return fail(where, (error as Error).message, EXIT_USAGE);
  }

  if (name === undefined) {
    return fail(
      'zego-token',
      'missing command (generate, decode, inspect or explain); see zego-token --help',
      EXIT_USAGE,
    );
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    const topic = rest[0];
    if (topic !== undefined && !Object.hasOwn(HELP, topic)) {
      return fail(
        'zego-token',
        `no help for${shown(topic)}: the commands are generate, decode, inspect and explain`,
        EXIT_USAGE,
      );
    }
    io.stdout.write(topic === undefined ? MAIN_HELP : (HELP[topic] ?? MAIN_HELP));
    return EXIT_OK;
  }
  if (name === '--version' || name === '-V') {
    ctx.out(io.version ?? 'unknown');
    return EXIT_OK;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (command === undefined) {
    const what = name.startsWith('-') ? `unknown option${shown(name)}` : `unknown command${shown(name)}`;
    return fail(
      'zego-token',
      `${what}: the commands are generate, decode, inspect and explain; see zego-token --help`,
      EXIT_USAGE,
    );
  }

  const where = `zego-token ${name}`;
  try {
    return await command(rest, ctx);
  } catch (error) {
    if (error instanceof UsageError) return fail(where, `${error.message} (see ${where} --help)`, EXIT_USAGE);
    // Input errors from the core that a command did not translate: still the caller's mistake.
    if (isZegoTokenError(error)) return fail(where, error.message, EXIT_USAGE);
    const message = error instanceof Error ? error.message : String(error);
    return fail(where, `unexpected error: ${message}`, EXIT_INVALID);
  }
}
