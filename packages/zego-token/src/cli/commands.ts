import { Buffer } from 'node:buffer';
import {
  createToken04,
  type DecodedToken04,
  type InspectedToken04,
  inspectToken04,
  isZegoTokenError,
  MAX_TOKEN_LENGTH,
  roomPayload,
  ZEGO_USER_ID_PATTERN,
  type ZegoTokenErrorCode,
} from '../index.js';
import {
  COMMON_OPTIONS,
  loadSecret,
  parseAppId,
  parseCommandArgs,
  parseMode,
  parseTtl,
  parseUserId,
  SECRET_OPTIONS,
  UsageError,
} from './args.js';
import { type CheckResult, checkToken, describePayload, type Problem, readProblem } from './check.js';
import {
  type ExplainEntry,
  findExplanation,
  PROBLEMS,
  type ProblemEntry,
  SDK_CODES,
  type SdkCodeEntry,
  siblingsOf,
} from './explain-table.js';
import {
  describeExpiry,
  describeMoment,
  formatDuration,
  formatSdkRefs,
  isoOrNull,
  isoSeconds,
  type Style,
  table,
  wrap,
} from './format.js';
import { DECODE_HELP, EXPLAIN_HELP, GENERATE_HELP, INSPECT_HELP } from './help.js';
import type { Context } from './io.js';

export const EXIT_OK = 0;
/** The token is not valid (or, for explain, the code is unknown). */
export const EXIT_INVALID = 1;
export const EXIT_USAGE = 2;

export type Command = (args: readonly string[], ctx: Context) => Promise<number>;

const WRAP_WIDTH = 100;
const ZIM_MAX_LIFETIME = 24 * 86_400;

function json(value: unknown): string {
  return JSON.stringify(value, null, 2);
}

// ---------------------------------------------------------------------------------------------
// generate

const GENERATE_OPTIONS = {
  ...COMMON_OPTIONS,
  ...SECRET_OPTIONS,
  'app-id': { type: 'string' },
  'user-id': { type: 'string' },
  ttl: { type: 'string' },
  payload: { type: 'string' },
  room: { type: 'string' },
  publish: { type: 'boolean' },
  mode: { type: 'string' },
  json: { type: 'boolean' },
} as const;

/** Which flag a core validation error is about, so that the one-line message can name it. */
const FLAG_FOR_CODE: Partial<Record<ZegoTokenErrorCode, string>> = {
  APP_ID_INVALID: '--app-id',
  USER_ID_INVALID: '--user-id',
  EFFECTIVE_TIME_INVALID: '--ttl',
  PAYLOAD_INVALID: '--payload/--room',
  OPTION_INVALID: '--mode',
};

export const generate: Command = async (args, ctx) => {
  const { values, positionals } = parseCommandArgs(args, GENERATE_OPTIONS);
  if (values.help) {
    ctx.io.stdout.write(GENERATE_HELP);
    return EXIT_OK;
  }
  if (positionals.length > 0) {
    throw new UsageError(
      `generate takes no arguments, only options (got ${positionals.length}); the ServerSecret goes in ZEGO_SERVER_SECRET or --secret-file, never on the command line`,
    );
  }
  if (values['app-id'] === undefined) throw new UsageError('--app-id is required');
  if (values['user-id'] === undefined) throw new UsageError('--user-id is required');
  const appId = parseAppId(values['app-id']);
  const userId = parseUserId(values['user-id']);
  const effectiveTimeInSeconds = parseTtl(values.ttl ?? '3600');
  const mode = parseMode(values.mode ?? 'gcm');

  let payload = '';
  if (values.payload !== undefined && values.room !== undefined) {
    throw new UsageError('--payload and --room cannot be combined (--room builds the payload)');
  }
  if (values.publish && values.room === undefined) throw new UsageError('--publish needs --room');
  if (values.payload !== undefined && values.payload !== '') {
    try {
      JSON.parse(values.payload);
    } catch {
      throw new UsageError('--payload must be JSON (ZEGO rejects tokens whose payload is not JSON: 1002075)');
    }
    payload = values.payload;
  }
  if (values.room !== undefined) {
    try {
      payload = roomPayload({ roomId: values.room, publish: values.publish === true });
    } catch (error) {
      if (isZegoTokenError(error)) throw new UsageError(`--room: ${error.message}`);
      throw error;
    }
  }

  const { secret } = loadSecret(values['secret-file'], ctx.io.env, ctx.readFile);
  let created: ReturnType<typeof createToken04>;
  try {
    created = createToken04({
      appId,
      userId,
      serverSecret: secret,
      effectiveTimeInSeconds,
      payload,
      mode,
      now: ctx.now,
    });
  } catch (error) {
    if (isZegoTokenError(error)) {
      const flag = FLAG_FOR_CODE[error.code];
      throw new UsageError(flag ? `${flag}: ${error.message}` : error.message);
    }
    throw error;
  }

  const note = (text: string) => ctx.err(ctx.errStyle.yellow(`zego-token generate: note: ${text}`));
  if (effectiveTimeInSeconds > ZIM_MAX_LIFETIME) {
    note(`a lifetime of ${formatDuration(effectiveTimeInSeconds)}: ZIM refuses tokens valid for more than 24 days`);
  }
  if (!ZEGO_USER_ID_PATTERN.test(userId)) {
    note(
      "the userID has characters outside ZEGO's documented set (digits, letters, ~!@#$%^&*()_+=-`;',.<>/\\); SDKs may refuse to log in with it",
    );
  }
  if (mode === 'cbc') {
    note("cbc is the legacy variant of ZEGO's older helpers; use it only for a verifier that needs it");
  }

  if (values.json) {
    ctx.out(
      json({
        token: created.token,
        appId: created.appId,
        userId: created.userId,
        mode: created.mode,
        issuedAt: created.issuedAt,
        issuedAtIso: isoOrNull(created.issuedAt),
        expiresAt: created.expiresAt,
        expiresAtIso: isoOrNull(created.expiresAt),
        effectiveTimeInSeconds: created.effectiveTimeInSeconds,
        payload,
      }),
    );
  } else {
    ctx.out(created.token);
  }
  return EXIT_OK;
};

// ---------------------------------------------------------------------------------------------
// Reading a token argument

/** Generous: a token at its longest, plus room for a newline and quotes. */
const MAX_INPUT_BYTES = MAX_TOKEN_LENGTH + 1024;

async function readTokenArgument(positionals: readonly string[], ctx: Context, command: string): Promise<string> {
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

// ---------------------------------------------------------------------------------------------
// Reporting problems

function problemEntry(code: ZegoTokenErrorCode): ProblemEntry {
  return PROBLEMS[code];
}

/** Writes one problem to stderr: what, the SDK errors it leads to, and the fix. */
function reportProblem(ctx: Context, problem: Problem): void {
  const style = ctx.errStyle;
  const entry = problemEntry(problem.code);
  const head = `\u2717 ${problem.code}: `;
  ctx.err(`${style.red(head)}${wrap(problem.message, WRAP_WIDTH - head.length, '  ')}`);
  if (entry.sdkErrors.length > 0) ctx.err(`  SDK errors: ${formatSdkRefs(entry.sdkErrors)}`);
  ctx.err(`  fix: ${wrap(entry.fix, WRAP_WIDTH - 7, '       ')}`);
}

function problemJson(problem: Problem) {
  const entry = problemEntry(problem.code);
  return {
    code: problem.code,
    title: entry.title,
    message: problem.message,
    sdkErrors: entry.sdkErrors.map((ref) => ({ sdk: ref.sdk, code: ref.code })),
    fix: entry.fix,
  };
}

function modeName(mode: 'gcm' | 'cbc'): string {
  return mode === 'gcm' ? 'AES-GCM' : 'AES-CBC, legacy';
}

// ---------------------------------------------------------------------------------------------
// decode

const DECODE_OPTIONS = {
  ...COMMON_OPTIONS,
  ...SECRET_OPTIONS,
  'app-id': { type: 'string' },
  'user-id': { type: 'string' },
  json: { type: 'boolean' },
} as const;

export const decode: Command = async (args, ctx) => {
  const { values, positionals } = parseCommandArgs(args, DECODE_OPTIONS);
  if (values.help) {
    ctx.io.stdout.write(DECODE_HELP);
    return EXIT_OK;
  }
  const expected = {
    appId: values['app-id'] === undefined ? undefined : parseAppId(values['app-id']),
    userId: values['user-id'] === undefined ? undefined : parseUserId(values['user-id']),
  };
  const { secret, from } = loadSecret(values['secret-file'], ctx.io.env, ctx.readFile);
  const token = await readTokenArgument(positionals, ctx, 'decode');
  const result = checkToken(token, secret, expected, ctx.now());
  for (const problem of result.problems) {
    if (problem.code === 'TOKEN_DECRYPT_FAILED') problem.message += `; the secret came from ${from}`;
  }

  if (values.json) {
    ctx.out(json(decodeJson(result, expected)));
    return result.valid ? EXIT_OK : EXIT_INVALID;
  }

  const out = ctx.outStyle;
  const verdict = result.valid
    ? out.green('valid now')
    : out.red(`NOT valid: ${result.problems.map((problem) => problemEntry(problem.code).title).join(', ')}`);
  ctx.out(result.header ? `${out.bold(`Token04 (${modeName(result.header.mode)})`)} - ${verdict}` : verdict);
  if (result.claims) {
    ctx.out(table(claimRows(result.claims, result.now, out)));
  } else if (result.header) {
    ctx.out(
      table([
        [
          'expires',
          `${isoSeconds(result.header.expiresAt)} (${describeExpiry(result.header.expiresAt, result.now)}) ${out.dim('[clear header, unverified]')}`,
        ],
      ]),
    );
  }

  for (const problem of result.problems) reportProblem(ctx, problem);
  for (const warning of result.warnings) ctx.err(ctx.errStyle.yellow(`note: ${warning.message}`));
  return result.valid ? EXIT_OK : EXIT_INVALID;
};

function claimRows(claims: DecodedToken04, now: number, style: Style): Array<[string, string]> {
  const expired = now >= claims.expiresAt;
  const expiry = `${isoSeconds(claims.expiresAt)} (${describeExpiry(claims.expiresAt, now)})`;
  const rows: Array<[string, string]> = [
    ['appId', String(claims.appId)],
    ['userId', JSON.stringify(claims.userId)],
    ['issued', `${isoSeconds(claims.issuedAt)} (${describeMoment(claims.issuedAt, now)})`],
    ['expires', expired ? style.red(expiry) : expiry],
    ['lifetime', lifetimeText(claims.expiresAt - claims.issuedAt)],
    ['nonce', String(claims.nonce)],
    ['payload', claims.payload === '' ? style.dim('(none)') : claims.payload],
  ];
  const privilege = claims.payload === '' ? undefined : describePayload(claims.payload);
  if (privilege !== undefined) rows.push(['', style.dim(privilege)]);
  return rows;
}

function lifetimeText(seconds: number): string {
  return seconds < 60 ? `${seconds} s` : `${seconds} s (${formatDuration(seconds)})`;
}

function claimsJson(claims: DecodedToken04) {
  return {
    version: claims.version,
    mode: claims.mode,
    appId: claims.appId,
    userId: claims.userId,
    nonce: claims.nonce,
    issuedAt: claims.issuedAt,
    issuedAtIso: isoOrNull(claims.issuedAt),
    expiresAt: claims.expiresAt,
    expiresAtIso: isoOrNull(claims.expiresAt),
    effectiveTimeInSeconds: claims.expiresAt - claims.issuedAt,
    payload: claims.payload,
  };
}

function headerJson(header: InspectedToken04) {
  return {
    version: header.version,
    mode: header.mode,
    expiresAt: header.expiresAt,
    expiresAtIso: isoOrNull(header.expiresAt),
    ivLength: header.ivLength,
    cipherLength: header.cipherLength,
  };
}

function decodeJson(result: CheckResult, expected: { appId?: number | undefined; userId?: string | undefined }) {
  const problems = result.problems.map(problemJson);
  return {
    valid: result.valid,
    checkedAt: result.now,
    checkedAtIso: isoOrNull(result.now),
    expected: { appId: expected.appId ?? null, userId: expected.userId ?? null },
    claims: result.claims ? claimsJson(result.claims) : null,
    header: result.header ? headerJson(result.header) : null,
    problems,
    /** The first problem, for scripts that want one answer; null when valid. */
    error: problems[0] ?? null,
    warnings: result.warnings,
  };
}

// ---------------------------------------------------------------------------------------------
// inspect

const INSPECT_OPTIONS = { ...COMMON_OPTIONS, json: { type: 'boolean' } } as const;

export const inspect: Command = async (args, ctx) => {
  const { values, positionals } = parseCommandArgs(args, INSPECT_OPTIONS);
  if (values.help) {
    ctx.io.stdout.write(INSPECT_HELP);
    return EXIT_OK;
  }
  const token = await readTokenArgument(positionals, ctx, 'inspect');
  const now = Math.floor(ctx.now() / 1000);
  const problems: Problem[] = [];
  let header: InspectedToken04 | null = null;
  try {
    header = inspectToken04(token);
  } catch (error) {
    if (!isZegoTokenError(error)) throw error;
    problems.push(readProblem(error, token));
  }
  const expired = header ? now >= header.expiresAt : null;
  if (header && expired) {
    problems.push({
      code: 'TOKEN_EXPIRED',
      message: `its header says it ${describeExpiry(header.expiresAt, now)} (at ${isoSeconds(header.expiresAt)}); decode with the ServerSecret confirms it`,
    });
  }

  if (values.json) {
    ctx.out(
      json({
        wellFormed: header !== null,
        expired,
        checkedAt: now,
        header: header ? headerJson(header) : null,
        problems: problems.map(problemJson),
      }),
    );
    return problems.length === 0 ? EXIT_OK : EXIT_INVALID;
  }

  const out = ctx.outStyle;
  if (header) {
    ctx.out(out.bold(`Token04 (${modeName(header.mode)})`));
    const expiry = `${isoSeconds(header.expiresAt)} (${describeExpiry(header.expiresAt, now)})`;
    ctx.out(
      table([
        ['version', header.version],
        ['mode', header.mode],
        ['expires', `${expired ? out.red(expiry) : expiry} ${out.dim('[clear header; decode verifies it]')}`],
        ['iv', `${header.ivLength} bytes`],
        ['cipher', `${header.cipherLength} bytes`],
        ['claims', out.dim('appId, userId and payload are encrypted: zego-token decode reads them with the secret')],
      ]),
    );
  }
  for (const problem of problems) reportProblem(ctx, problem);
  return problems.length === 0 ? EXIT_OK : EXIT_INVALID;
};

// ---------------------------------------------------------------------------------------------
// explain

const EXPLAIN_OPTIONS = { ...COMMON_OPTIONS, list: { type: 'boolean' }, json: { type: 'boolean' } } as const;

export const explain: Command = async (args, ctx) => {
  const { values, positionals } = parseCommandArgs(args, EXPLAIN_OPTIONS);
  if (values.help) {
    ctx.io.stdout.write(EXPLAIN_HELP);
    return EXIT_OK;
  }
  if (values.list && positionals.length > 0) throw new UsageError('--list takes no codes');
  if (positionals.length === 0) {
    if (values.json) {
      ctx.out(json({ sdkCodes: SDK_CODES.map(sdkEntryJson), codes: Object.values(PROBLEMS).map(problemEntryJson) }));
    } else {
      ctx.out(listText(ctx.outStyle));
    }
    return EXIT_OK;
  }

  const found: ExplainEntry[] = [];
  let unknown = 0;
  for (const query of positionals) {
    const entry = findExplanation(query);
    if (entry) {
      found.push(entry);
    } else {
      unknown += 1;
      const shown = /^[\w-]{1,40}$/.test(query.trim()) ? ` ${query.trim()}` : '';
      ctx.err(
        `zego-token explain: unknown code${shown}; zego-token explain --list shows the ${SDK_CODES.length + Object.keys(PROBLEMS).length} it knows`,
      );
    }
  }
  if (values.json) {
    const entries = found.map((item) =>
      item.kind === 'sdk' ? sdkEntryJson(item.entry) : problemEntryJson(item.entry),
    );
    if (entries.length === 1) ctx.out(json(entries[0]));
    else if (entries.length > 1) ctx.out(json(entries));
  } else {
    ctx.out(found.map((item) => explainText(item, ctx.outStyle)).join('\n\n'));
  }
  return unknown === 0 ? EXIT_OK : EXIT_INVALID;
};

function sdkEntryJson(entry: SdkCodeEntry) {
  return {
    kind: 'sdk' as const,
    code: entry.code,
    sdk: entry.sdk,
    tokenError: entry.tokenError,
    meaning: entry.meaning,
    cause: entry.cause,
    fix: entry.fix,
    related: entry.related ?? null,
    sameProblemElsewhere: siblingsOf(entry).map((ref) => ({ sdk: ref.sdk, code: ref.code })),
  };
}

function problemEntryJson(entry: ProblemEntry) {
  return {
    kind: 'problem' as const,
    code: entry.code,
    title: entry.title,
    meaning: entry.meaning,
    cause: entry.cause,
    fix: entry.fix,
    sdkErrors: entry.sdkErrors.map((ref) => ({ sdk: ref.sdk, code: ref.code })),
  };
}

function explainText(item: ExplainEntry, style: Style): string {
  const indent = '         ';
  const { entry } = item;
  const heading =
    item.kind === 'sdk'
      ? `${style.bold(String(item.entry.code))}  ${style.cyan(item.entry.sdk)}`
      : `${style.bold(item.entry.code)}  ${style.cyan(`zego-token error code (${item.entry.title})`)}`;
  const lines = [
    heading,
    `  ${wrap(entry.meaning, WRAP_WIDTH - 2, '  ')}`,
    `  cause: ${wrap(entry.cause, WRAP_WIDTH - indent.length, indent)}`,
    `  fix:   ${wrap(entry.fix, WRAP_WIDTH - indent.length, indent)}`,
  ];
  if (item.kind === 'sdk') {
    if (item.entry.related !== undefined) {
      lines.push(`  zego-token decode reports it as ${item.entry.related}`);
      const siblings = siblingsOf(item.entry);
      if (siblings.length > 0) lines.push(`  the same problem elsewhere: ${formatSdkRefs(siblings)}`);
    }
  } else if (item.entry.sdkErrors.length > 0) {
    lines.push(`  SDK errors: ${formatSdkRefs(item.entry.sdkErrors)}`);
  }
  return lines.join('\n');
}

function listText(style: Style): string {
  const sdkWidth = Math.max(...SDK_CODES.map((entry) => entry.sdk.length));
  const codeWidth = Math.max(...SDK_CODES.map((entry) => String(entry.code).length));
  const lines = [style.bold('ZEGO error codes:')];
  for (const entry of SDK_CODES) {
    lines.push(`  ${String(entry.code).padStart(codeWidth)}  ${entry.sdk.padEnd(sdkWidth)}  ${entry.meaning}`);
  }
  lines.push('', style.bold('zego-token error codes:'));
  const problems = Object.values(PROBLEMS);
  const nameWidth = Math.max(...problems.map((entry) => entry.code.length));
  for (const entry of problems) lines.push(`  ${entry.code.padEnd(nameWidth)}  ${entry.meaning}`);
  lines.push('', style.dim('zego-token explain <code> shows the cause and the fix.'));
  return lines.join('\n');
}
