import { isZegoTokenError } from '../node/index.js';
import { type OptionSpecs, parseCommandArgs, refuseSecretOnArgv, SECRET_HELP, UsageError } from './args.js';
import { EXIT_INVALID, EXIT_OK, EXIT_USAGE } from './command.js';
import { COMMANDS, findCommand } from './commands/index.js';
import { oneLine } from './format.js';
import { type CliIo, createContext } from './io.js';

export { EXIT_INVALID, EXIT_OK, EXIT_USAGE } from './command.js';
export type { CliIo } from './io.js';

/** Every command takes it; the dispatcher answers it with the command's own help. */
const HELP_OPTION = { help: { type: 'boolean', short: 'h' } } as const satisfies OptionSpecs;

/** "generate, decode, inspect and explain" (or "… or explain"). */
function commandList(conjunction: 'and' | 'or'): string {
  const names = COMMANDS.map((command) => command.name);
  return `${names.slice(0, -1).join(', ')} ${conjunction} ${names.at(-1)}`;
}

function mainHelp(): string {
  const width = Math.max(...COMMANDS.map((command) => command.name.length));
  const usage = COMMANDS.flatMap((command) => {
    const prefix = `  zego-token ${command.name} `;
    return command.synopsis.map((line, index) => (index === 0 ? prefix : ' '.repeat(prefix.length)) + line);
  });
  const list = COMMANDS.map((command) => `  ${command.name.padEnd(width + 2)} ${command.summary}`);
  return `zego-token - mint, decode and debug ZEGO Token04 authentication tokens, and call ZEGO's Server APIs

Usage:
${usage.join('\n')}

Commands:
${list.join('\n')}

${SECRET_HELP}

Exit codes: 0 success (decode: the token is valid now), 1 the token is not valid, the code is
unknown, the API call failed or the callback route did not answer 2xx, 2 usage error. Run "zego-token <command> --help" for details. Colour only on a
terminal; NO_COLOR turns it off.
`;
}

/** Repeats a word the user typed only when it cannot be anything sensitive (a secret, a token). */
function shown(word: string): string {
  return /^-{0,2}[A-Za-z][\w-]{0,30}$/.test(word) ? ` ${word}` : '';
}

/**
 * The whole CLI: parses `argv` (without the node and script paths), writes to the injected
 * streams and resolves to the exit code — 0 success (decode: the token is valid now), 1 the token
 * is not valid (or an unknown code for explain, or a failed API call), 2 a usage error. It never throws and never exits.
 */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const ctx = createContext(io);
  const fail = (where: string, message: string, code: number): number => {
    ctx.err(`${ctx.errStyle.red(where)}: ${oneLine(message)}`);
    return code;
  };
  const [name, ...rest] = argv;
  const command = name === undefined ? undefined : findCommand(name);
  try {
    refuseSecretOnArgv(argv);
  } catch (error) {
    return fail(command ? `zego-token ${command.name}` : 'zego-token', (error as Error).message, EXIT_USAGE);
  }

  if (name === undefined) {
    return fail('zego-token', `missing command (${commandList('or')}); see zego-token --help`, EXIT_USAGE);
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    const topic = rest[0];
    if (topic === undefined) {
      io.stdout.write(mainHelp());
      return EXIT_OK;
    }
    const about = findCommand(topic);
    if (about === undefined) {
      return fail('zego-token', `no help for${shown(topic)}: the commands are ${commandList('and')}`, EXIT_USAGE);
    }
    io.stdout.write(about.help);
    return EXIT_OK;
  }
  if (name === '--version' || name === '-V') {
    ctx.out(io.version ?? 'unknown');
    return EXIT_OK;
  }
  if (command === undefined) {
    const what = name.startsWith('-') ? `unknown option${shown(name)}` : `unknown command${shown(name)}`;
    return fail('zego-token', `${what}: the commands are ${commandList('and')}; see zego-token --help`, EXIT_USAGE);
  }

  const where = `zego-token ${command.name}`;
  try {
    const { values, positionals } = parseCommandArgs(rest, { ...command.options, ...HELP_OPTION });
    if (values.help === true) {
      io.stdout.write(command.help);
      return EXIT_OK;
    }
    return await command.run({ values, positionals }, ctx);
  } catch (error) {
    // Usage mistakes, and the core's validators refusing a flag's value (their messages name the
    // flag and never echo the value): the caller's to fix.
    if (error instanceof UsageError || isZegoTokenError(error)) {
      return fail(where, `${error.message} (see ${where} --help)`, EXIT_USAGE);
    }
    const message = error instanceof Error ? error.message : String(error);
    return fail(where, `unexpected error: ${message}`, EXIT_INVALID);
  }
}
