import { Buffer } from 'node:buffer';
// Syntax only: how a command line is split into options, how a secret is kept off it, where the
// ServerSecret is read from, and how a number or a duration is read from text. Whether a value is
// acceptable (an AppID's range, a userID's length, a secret's size) is for the core's validators,
// called with the flag's name so that their messages name it.
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { assertSecret } from '../validate.js';

/**
 * A mistake in how the command was called: reported as one line on stderr, exit code 2. Its
 * message must never contain a secret; the helpers here never echo option values back.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export type OptionSpecs = NonNullable<ParseArgsConfig['options']>;

/** What `parseCommandArgs` gives a command: its option values, typed from its specs, and the positionals. */
export interface ParsedArgs<T extends OptionSpecs> {
  values: ReturnType<typeof parseArgs<{ options: T; strict: true; allowPositionals: true }>>['values'];
  positionals: string[];
}

const SECRET_ENV = 'ZEGO_SERVER_SECRET';
const CALLBACK_SECRET_ENV = 'ZEGO_CALLBACK_SECRET';

/** Whom a token is for: what generate mints for, and what decode compares with. */
export const IDENTITY_OPTIONS = {
  'app-id': { type: 'string' },
  'user-id': { type: 'string' },
} as const satisfies OptionSpecs;

/** The one place a secret may be named on the command line: a file that holds it. */
export const SECRET_OPTIONS = {
  'secret-file': { type: 'string' },
} as const satisfies OptionSpecs;

/** How the commands that need the ServerSecret get it, for their help. */
export const SECRET_HELP = `The ServerSecret comes from the ${SECRET_ENV} environment variable or from
--secret-file PATH (the file wins; one trailing newline is ignored). A secret on the command
line (--secret, --server-secret, ...) is refused: it would land in shell history and the
process list.`;

/** Option names that look like a secret passed on the command line (`--secret`, `--server-secret`, `--serverSecret`…). */
function isSecretOptionName(name: string): boolean {
  const normalized = name.toLowerCase().replace(/[-_]/g, '');
  return (
    (normalized.includes('secret') && normalized !== 'secretfile' && normalized !== 'callbacksecretfile') ||
    normalized === 'appsign'
  );
}

/**
 * Refuses a secret on the command line before anything else is looked at, so that the refusal is
 * what the user sees (and the value is never repeated). Uses parseArgs' own tokens to find options.
 */
export function refuseSecretOnArgv(args: readonly string[]): void {
  const { tokens } = parseArgs({ args: [...args], strict: false, allowPositionals: true, tokens: true });
  for (const token of tokens) {
    if (token.kind === 'option' && isSecretOptionName(token.name)) {
      throw new UsageError(
        `${token.rawName} is refused: a secret on the command line ends up in shell history and the process list; ` +
          (args[0] === 'callback'
            ? `set ${CALLBACK_SECRET_ENV} or pass --callback-secret-file PATH instead`
            : `set ${SECRET_ENV} or pass --secret-file PATH instead`),
      );
    }
  }
}

/** Levenshtein distance, for "did you mean" on a mistyped option. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

function suggestion(option: string, known: readonly string[]): string {
  const name = option.replace(/^-+/, '');
  if (name.length < 3) return '';
  const close = known.find((candidate) => distance(name, candidate) <= 2);
  return close === undefined ? '' : ` (did you mean --${close}?)`;
}

/** Node's parseArgs messages name the option only (never its value); this keeps them to one short line. */
function usageFromParseError(error: unknown, known: readonly string[]): UsageError {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  const option = /'(-[^' <]*)/.exec(message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option) {
    return new UsageError(`unknown option ${option}${suggestion(option, known)}`);
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option) {
    if (message.includes('does not take an argument')) return new UsageError(`${option} does not take a value`);
    if (message.includes('ambiguous')) {
      return new UsageError(`${option} needs a value (use ${option}=VALUE for a value that starts with "-")`);
    }
    return new UsageError(`${option} needs a value`);
  }
  return new UsageError(message.split('\n')[0] ?? 'invalid arguments');
}

/** Parses one command's arguments with `node:util` parseArgs (strict); every mistake becomes a UsageError. */
export function parseCommandArgs<T extends OptionSpecs>(args: readonly string[], options: T): ParsedArgs<T> {
  try {
    const { values, positionals } = parseArgs({ args: [...args], options, strict: true, allowPositionals: true });
    return { values, positionals };
  } catch (error) {
    throw usageFromParseError(error, Object.keys(options));
  }
}

// ---------------------------------------------------------------------------------------------
// Numbers

/** An integer written in decimal digits (`7`, `4294967296`); its range is the validator's business. */
export function parseInteger(text: string, flag: string): number {
  if (!/^\s*-?\d+\s*$/.test(text)) throw new UsageError(`${flag} must be an integer, in decimal digits`);
  return Number(text);
}

const SECONDS_PER_UNIT: Readonly<Record<string, number>> = { s: 1, m: 60, min: 60, h: 3600, d: 86_400 };

/** A duration in seconds: a whole number (`3600`) or one with a unit (`90s`, `30m`, `2h`, `7d`). */
export function parseDuration(text: string, flag: string): number {
  const match = /^(\d+)\s*(s|m|min|h|d)?$/i.exec(text.trim());
  const perUnit = SECONDS_PER_UNIT[(match?.[2] ?? 's').toLowerCase()];
  if (match?.[1] === undefined || perUnit === undefined) {
    throw new UsageError(`${flag} must be a number of seconds, optionally with a unit (3600, 90s, 30m, 2h, 7d)`);
  }
  return Number(match[1]) * perUnit;
}

// ---------------------------------------------------------------------------------------------
// The secret

export interface SecretSource {
  secret: string;
  /** Where it came from, for messages: "ZEGO_SERVER_SECRET" or "--secret-file PATH". */
  from: string;
}

/** Which secret a command reads, and from where: the ServerSecret's, or the CallbackSecret's. */
interface SecretKind {
  /** "ServerSecret" or "CallbackSecret", for messages. */
  what: string;
  env: string;
  flag: string;
  /** Checks the value; its message names `from` and never repeats the value. */
  check(secret: string, from: string): void;
}

const SERVER_SECRET: SecretKind = { what: 'ServerSecret', env: SECRET_ENV, flag: '--secret-file', check: assertSecret };
const CALLBACK_SECRET: SecretKind = {
  what: 'CallbackSecret',
  env: CALLBACK_SECRET_ENV,
  flag: '--callback-secret-file',
  check: (secret, from) => {
    if (secret.length === 0) throw new UsageError(`${from} is empty: it must hold the CallbackSecret`);
  },
};

/** How the callback command gets the CallbackSecret, for its help. */
export const CALLBACK_SECRET_HELP = `The CallbackSecret (the ZEGO console's, not the ServerSecret) comes from the ${CALLBACK_SECRET_ENV}
environment variable or from --callback-secret-file PATH (the file wins; one trailing newline is
ignored). A secret on the command line is refused.`;

/**
 * Reads the ServerSecret from `--secret-file` (one trailing newline trimmed) or ZEGO_SERVER_SECRET,
 * the file first, and checks it with the core's `assertSecret` (whose message names the source,
 * hints at the usual copy mistakes and never repeats the value).
 */
export function loadSecret(
  secretFile: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
  readFile: (path: string) => string,
): SecretSource {
  return loadSecretOf(SERVER_SECRET, secretFile, env, readFile);
}

/** Reads the CallbackSecret from `--callback-secret-file` (one trailing newline trimmed) or ZEGO_CALLBACK_SECRET, the file first. */
export function loadCallbackSecret(
  secretFile: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
  readFile: (path: string) => string,
): SecretSource {
  return loadSecretOf(CALLBACK_SECRET, secretFile, env, readFile);
}

function loadSecretOf(
  kind: SecretKind,
  secretFile: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
  readFile: (path: string) => string,
): SecretSource {
  let secret: string;
  let from: string;
  if (secretFile !== undefined) {
    if (secretFile.length === 0) throw new UsageError(`${kind.flag} needs a path`);
    // A value the length of a ServerSecret (or an AppSign) may be the secret itself, pasted where
    // the path belongs: it is never repeated.
    const looksLikeSecret = [32, 64].includes(Buffer.byteLength(secretFile.trim(), 'utf8'));
    from = looksLikeSecret ? kind.flag : `${kind.flag} ${secretFile}`;
    try {
      secret = readFile(secretFile).replace(/\r?\n$/, '');
    } catch (error) {
      const reason = (error as { code?: unknown }).code;
      const hint = looksLikeSecret ? ': its value is as long as a secret; pass the path of a file that holds it' : '';
      throw new UsageError(`cannot read ${from}${typeof reason === 'string' ? ` (${reason})` : ''}${hint}`);
    }
  } else {
    const value = env[kind.env];
    if (value === undefined || value === '') {
      throw new UsageError(
        `no ${kind.what}: set ${kind.env} or pass ${kind.flag} PATH (a secret on the command line is refused)`,
      );
    }
    secret = value;
    from = kind.env;
  }
  kind.check(secret, from);
  return { secret, from };
}
