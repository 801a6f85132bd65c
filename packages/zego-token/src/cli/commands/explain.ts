import { UsageError } from '../args.js';
import { defineCommand, EXIT_INVALID, EXIT_OK } from '../command.js';
import {
  type ExplainEntry,
  findExplanation,
  PROBLEMS,
  type ProblemEntry,
  SDK_CODES,
  type SdkCodeEntry,
  siblingsOf,
} from '../explain-table.js';
import { chineseSdkText, PROBLEMS_ZH } from '../explain-zh.js';
import { displayWidth, formatSdkRefs, json, type Style, WRAP_WIDTH, wrap } from '../format.js';

/** The languages explain answers in. */
export type ExplainLanguage = 'en' | 'zh';

/**
 * The language the locale asks for: Chinese when the first non-empty of LC_ALL, LC_MESSAGES and
 * LANG (POSIX's precedence) starts with "zh", English otherwise.
 */
export function localeLanguage(env: Readonly<Record<string, string | undefined>>): ExplainLanguage {
  const locale = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((value) => value !== undefined && value !== '');
  return locale?.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

function parseLanguage(value: string | undefined, env: Readonly<Record<string, string | undefined>>): ExplainLanguage {
  if (value === undefined) return localeLanguage(env);
  if (value === 'zh' || value === 'en') return value;
  throw new UsageError('--lang must be zh or en');
}

/** The words around the texts; the structure of the output is the same in both languages. */
const LABELS = {
  en: {
    cause: 'cause: ',
    fix: 'fix:   ',
    ourCode: (title: string) => `zego-token error code (${title})`,
    decodeReports: 'zego-token decode reports it as ',
    elsewhere: 'the same problem elsewhere: ',
    sdkErrors: 'SDK errors: ',
    zegoCodes: 'ZEGO error codes:',
    ourCodes: 'zego-token error codes:',
    more: 'zego-token explain <code> shows the cause and the fix.',
    unknown: (shown: string, known: number) =>
      `unknown code${shown}; zego-token explain --list shows the ${known} it knows`,
  },
  zh: {
    cause: '可能原因：',
    fix: '处理建议：',
    ourCode: (title: string) => `zego-token 错误码（${title}）`,
    decodeReports: 'zego-token decode 报告为 ',
    elsewhere: '其他 SDK 中的同一问题：',
    sdkErrors: 'SDK 错误码：',
    zegoCodes: 'ZEGO 错误码：',
    ourCodes: 'zego-token 错误码：',
    more: 'zego-token explain <code> 显示可能原因和处理建议。',
    unknown: (shown: string, known: number) =>
      `未知的错误码${shown}；zego-token explain --list 列出已知的 ${known} 个错误码`,
  },
} as const satisfies Record<ExplainLanguage, Record<string, unknown>>;

/** The entry with its texts in `language`; codes and links stay as they are. */
function localizedSdk(entry: SdkCodeEntry, language: ExplainLanguage): SdkCodeEntry {
  if (language === 'en') return entry;
  return { ...entry, ...chineseSdkText(entry.code) };
}

function localizedProblem(entry: ProblemEntry, language: ExplainLanguage): ProblemEntry {
  return language === 'en' ? entry : { ...entry, ...PROBLEMS_ZH[entry.code] };
}

function localized(item: ExplainEntry, language: ExplainLanguage): ExplainEntry {
  return item.kind === 'sdk'
    ? { kind: 'sdk', entry: localizedSdk(item.entry, language) }
    : { kind: 'problem', entry: localizedProblem(item.entry, language) };
}

export const explain = defineCommand({
  name: 'explain',
  synopsis: ['[<code>... | --list] [--json] [--lang zh|en]'],
  summary: 'what a ZEGO error code means (token, Server API), its usual cause and the fix',
  options: { list: { type: 'boolean' }, json: { type: 'boolean' }, lang: { type: 'string' } },
  help: `Usage: zego-token explain [<code>...] [--list] [--json] [--lang zh|en]

Explains an error code: what it means, its usual cause and the fix. Takes ZEGO's token-related
numeric codes (Express native and Web, ZIM, MiniGame, and the token helper's errorCode 1/3/5/6),
the Server APIs' documented return codes (the gateway's 1000000xx, RTC's 1102xxxxx, ZIM's
66xxxxxxx, the MiniGameEngine's 72xxxxx) and this package's own codes (TOKEN_EXPIRED,
TOKEN_USER_ID_MISMATCH, ...). Without a code, or with --list, lists every code it knows.

Options:
  --list              list all codes
  --json              print JSON on stdout
  --lang zh|en        the language of the texts (the codes stay the same). Defaults to Chinese
                      when the locale is Chinese: the first non-empty of LC_ALL, LC_MESSAGES and
                      LANG starts with "zh" (LANG=zh_CN.UTF-8); English otherwise
  -h, --help          this help

Exit codes: 0 explained; 1 a code it does not know; 2 usage error.

Examples:
  zego-token explain 1002077
  zego-token explain TOKEN_EXPIRED
  zego-token explain 1002056 --lang zh
`,

  async run({ values, positionals }, ctx) {
    if (values.list && positionals.length > 0) throw new UsageError('--list takes no codes');
    const language = parseLanguage(values.lang, ctx.io.env);
    if (positionals.length === 0) {
      const sdkCodes = SDK_CODES.map((entry) => localizedSdk(entry, language));
      const problems = Object.values(PROBLEMS).map((entry) => localizedProblem(entry, language));
      if (values.json) {
        ctx.out(json({ sdkCodes: sdkCodes.map(sdkEntryJson), codes: problems.map(problemEntryJson) }));
      } else {
        ctx.out(listText(sdkCodes, problems, language, ctx.outStyle));
      }
      return EXIT_OK;
    }

    const found: ExplainEntry[] = [];
    let unknown = 0;
    for (const query of positionals) {
      const entry = findExplanation(query);
      if (entry) {
        found.push(localized(entry, language));
      } else {
        unknown += 1;
        // Repeated only when it has the shape of a code, so that a pasted secret or token is not.
        const shown = /^(\d{1,10}|[A-Za-z_-]{1,40})$/.test(query.trim()) ? ` ${query.trim()}` : '';
        ctx.err(
          `zego-token explain: ${LABELS[language].unknown(shown, SDK_CODES.length + Object.keys(PROBLEMS).length)}`,
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
      ctx.out(found.map((item) => explainText(item, language, ctx.outStyle)).join('\n\n'));
    }
    return unknown === 0 ? EXIT_OK : EXIT_INVALID;
  },
});

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
    sameProblemElsewhere: siblingsOf(entry),
  };
}

function problemEntryJson(entry: ProblemEntry) {
  return { kind: 'problem' as const, ...entry };
}

function explainText(item: ExplainEntry, language: ExplainLanguage, style: Style): string {
  const labels = LABELS[language];
  const { entry } = item;
  const heading =
    item.kind === 'sdk'
      ? `${style.bold(String(item.entry.code))}  ${style.cyan(item.entry.sdk)}`
      : `${style.bold(item.entry.code)}  ${style.cyan(labels.ourCode(item.entry.title))}`;
  const labelled = (label: string, text: string): string => {
    const indent = ' '.repeat(2 + displayWidth(label));
    return `  ${label}${wrap(text, WRAP_WIDTH - indent.length, indent)}`;
  };
  const lines = [
    heading,
    `  ${wrap(entry.meaning, WRAP_WIDTH - 2, '  ')}`,
    labelled(labels.cause, entry.cause),
    labelled(labels.fix, entry.fix),
  ];
  if (item.kind === 'sdk') {
    if (item.entry.related !== undefined) {
      lines.push(`  ${labels.decodeReports}${item.entry.related}`);
      const siblings = siblingsOf(item.entry);
      if (siblings.length > 0) lines.push(`  ${labels.elsewhere}${formatSdkRefs(siblings)}`);
    }
  } else if (item.entry.sdkErrors.length > 0) {
    lines.push(`  ${labels.sdkErrors}${formatSdkRefs(item.entry.sdkErrors)}`);
  }
  return lines.join('\n');
}

function listText(
  sdkCodes: readonly SdkCodeEntry[],
  problems: readonly ProblemEntry[],
  language: ExplainLanguage,
  style: Style,
): string {
  const labels = LABELS[language];
  const sdkWidth = Math.max(...sdkCodes.map((entry) => entry.sdk.length));
  const codeWidth = Math.max(...sdkCodes.map((entry) => String(entry.code).length));
  const lines = [style.bold(labels.zegoCodes)];
  for (const entry of sdkCodes) {
    lines.push(`  ${String(entry.code).padStart(codeWidth)}  ${entry.sdk.padEnd(sdkWidth)}  ${entry.meaning}`);
  }
  lines.push('', style.bold(labels.ourCodes));
  const nameWidth = Math.max(...problems.map((entry) => entry.code.length));
  for (const entry of problems) lines.push(`  ${entry.code.padEnd(nameWidth)}  ${entry.meaning}`);
  lines.push('', style.dim(labels.more));
  return lines.join('\n');
}
