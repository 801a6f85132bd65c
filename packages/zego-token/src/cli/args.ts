import { Buffer } from 'node:buffer';
import { type ParseArgsConfig, parseArgs } from 'node:util';

/**
 * A mistake in how the command was called: reported as one line on stderr, exit code 2. Its
 * message must never contain a secret; the helpers here never echo option values back.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export type OptionSpecs = NonNullable<ParseArgsConfig['options']>;

/** Options every command takes. */
export const COMMON_OPTIONS = {
  help: { type: 'boolean', short: 'h' },
} as const satisfies OptionSpecs;

/** The one place a secret may be named on the command line: a file that holds it. */
export const SECRET_OPTIONS = {
  'secret-file': { type: 'string' },
} as const satisfies OptionSpecs;

const SECRET_ENV = 'ZEGO_SERVER_SECRET';

/** Option names that look like a secret passed on the command line (`--secret`, `--server-secret`, `--serverSecret`…). */
function isSecretOptionName(name: string): boolean {
  const normalized = name.toLowerCase().replace(/[-_]/g, '');
  return (normalized.includes('secret') && normalized !== 'secretfile') || normalized === 'appsign';
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
          `set ${SECRET_ENV} or pass --secret-file PATH instead`,
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

export interface ParsedCommand<T extends OptionSpecs> {
  values: ReturnType<typeof parseArgs<{ options: T; strict: true; allowPositionals: true }>>['values'];
  positionals: string[];
}

/** Parses one command's arguments with `node:util` parseArgs (strict); every mistake becomes a UsageError. */
export function parseCommandArgs<T extends OptionSpecs>(args: readonly string[], options: T): ParsedCommand<T> {
  refuseSecretOnArgv(args);
  try {
    const { values, positionals } = parseArgs({ args: [...args], options, strict: true, allowPositionals: true });
    return { values, positionals };
  } catch (error) {
    throw usageFromParseError(error, Object.keys(options));
  }
}

// ---------------------------------------------------------------------------------------------
// Values

const MAX_APP_ID = 0xffff_ffff;

/** An AppID from a flag: decimal digits, 1 to 4294967295. */
export function parseAppId(value: string, flag = '--app-id'): number {
  const text = value.trim();
  const appId = /^\d{1,10}$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isInteger(appId) || appId < 1 || appId > MAX_APP_ID) {
    throw new UsageError(`${flag} must be an integer from 1 to ${MAX_APP_ID} (the AppID in the ZEGO console)`);
  }
  return appId;
}

const MAX_USER_ID_BYTES = 64;

/** A userID from a flag: what the core accepts (1 to 64 UTF-8 bytes, no control characters). */
export function parseUserId(value: string, flag = '--user-id'): string {
  if (value.length === 0) throw new UsageError(`${flag} must not be empty`);
  const bytes = Buffer.byteLength(value, 'utf8');
  if (bytes > MAX_USER_ID_BYTES) {
    throw new UsageError(`${flag} must be at most ${MAX_USER_ID_BYTES} UTF-8 bytes, got ${bytes}`);
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point.
  if (/[\u0000-\u001f\u007f-\u009f]/.test(value) || !value.isWellFormed()) {
    throw new UsageError(`${flag} must not contain control characters`);
  }
  return value;
}

const TTL_UNITS: Readonly<Record<string, number>> = { s: 1, m: 60, min: 60, h: 3600, d: 86_400 };

/** A lifetime: seconds (`3600`) or with a unit (`90s`, `30m`, `2h`, `7d`). */
export function parseTtl(value: string, flag = '--ttl'): number {
  const match = /^(\d{1,15})\s*(s|m|min|h|d)?$/i.exec(value.trim());
  const unit = TTL_UNITS[(match?.[2] ?? 's').toLowerCase()];
  const seconds = match?.[1] !== undefined && unit !== undefined ? Number(match[1]) * unit : Number.NaN;
  if (!Number.isSafeInteger(seconds) || seconds <= 0) {
    throw new UsageError(
      `${flag} must be a positive number of seconds, optionally with a unit (3600, 90s, 30m, 2h, 7d)`,
    );
  }
  return seconds;
}

export function parseMode(value: string, flag = '--mode'): 'gcm' | 'cbc' {
  const mode = value.trim().toLowerCase();
  if (mode !== 'gcm' && mode !== 'cbc') throw new UsageError(`${flag} must be gcm or cbc`);
  return mode;
}

// ---------------------------------------------------------------------------------------------
// The secret

export interface SecretSource {
  secret: string;
  /** Where it came from, for messages: "ZEGO_SERVER_SECRET" or "--secret-file PATH". */
  from: string;
}

/**
 * Reads the ServerSecret from `--secret-file` (one trailing newline trimmed) or ZEGO_SERVER_SECRET,
 * the file first. Anything wrong is a UsageError that names the source and never the value.
 */
export function loadSecret(
  secretFile: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
  readFile: (path: string) => string,
): SecretSource {
  let secret: string;
  let from: string;
  if (secretFile !== undefined) {
    from = `--secret-file ${secretFile}`;
    if (secretFile.length === 0) throw new UsageError('--secret-file needs a path');
    try {
      secret = readFile(secretFile).replace(/\r?\n$/, '');
    } catch (error) {
      const reason = (error as { code?: unknown }).code;
      throw new UsageError(
        `cannot read --secret-file ${secretFile}${typeof reason === 'string' ? ` (${reason})` : ''}`,
      );
    }
  } else {
    const value = env[SECRET_ENV];
    if (value === undefined || value === '') {
      throw new UsageError(
        `no ServerSecret: set ${SECRET_ENV} or pass --secret-file PATH (a secret on the command line is refused)`,
      );
    }
    secret = value;
    from = SECRET_ENV;
  }
  const bytes = Buffer.byteLength(secret, 'utf8');
  if (bytes !== 32) {
    let hint = '';
    if (secret.trim().length === 32) hint = '; it has whitespace around it';
    else if (/^[0-9a-f]{64}$/i.test(secret.trim()))
      hint = '; that looks like the 64-character AppSign, not the ServerSecret';
    else if (bytes === 0) hint = '; it is empty';
    throw new UsageError(
      `the ServerSecret from ${from} must be exactly 32 bytes (the ServerSecret in the ZEGO console), got ${bytes}${hint}`,
    );
  }
  return { secret, from };
}
