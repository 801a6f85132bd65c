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
import { formatSdkRefs, json, type Style, WRAP_WIDTH, wrap } from '../format.js';

export const explain = defineCommand({
  name: 'explain',
  synopsis: ['[<code>... | --list] [--json]'],
  summary: 'what a ZEGO error code means (token, Server API), its usual cause and the fix',
  options: { list: { type: 'boolean' }, json: { type: 'boolean' } },
  help: `Usage: zego-token explain [<code>...] [--list] [--json]

Explains an error code: what it means, its usual cause and the fix. Takes ZEGO's token-related
numeric codes (Express native and Web, ZIM, MiniGame, and the token helper's errorCode 1/3/5/6),
the Server APIs' documented return codes (the gateway's 1000000xx, RTC's 1102xxxxx, ZIM's
66xxxxxxx, the MiniGameEngine's 72xxxxx) and this package's own codes (TOKEN_EXPIRED,
TOKEN_USER_ID_MISMATCH, ...). Without a code, or with --list, lists every code it knows.

Options:
  --list              list all codes
  --json              print JSON on stdout
  -h, --help          this help

Exit codes: 0 explained; 1 a code it does not know; 2 usage error.

Examples:
  zego-token explain 1002077
  zego-token explain TOKEN_EXPIRED
`,

  async run({ values, positionals }, ctx) {
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
        // Repeated only when it has the shape of a code, so that a pasted secret or token is not.
        const shown = /^(\d{1,10}|[A-Za-z_-]{1,40})$/.test(query.trim()) ? ` ${query.trim()}` : '';
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
