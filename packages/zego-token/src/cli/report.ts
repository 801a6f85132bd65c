// What decode and inspect both print: a problem with the SDK errors it leads to and its fix.
import type { Token04Mode } from '../node/index.js';
import type { Problem } from './check.js';
import { PROBLEMS } from './explain-table.js';
import { formatSdkRefs, printable, WRAP_WIDTH, wrap } from './format.js';
import type { Context } from './io.js';

/** Writes one problem to stderr: what, the SDK errors it leads to, and the fix. */
export function reportProblem(ctx: Context, problem: Problem): void {
  const style = ctx.errStyle;
  const entry = PROBLEMS[problem.code];
  const head = `\u2717 ${problem.code}: `;
  ctx.err(`${style.red(head)}${wrap(printable(problem.message), WRAP_WIDTH - head.length, '  ')}`);
  if (entry.sdkErrors.length > 0) ctx.err(`  SDK errors: ${formatSdkRefs(entry.sdkErrors)}`);
  ctx.err(`  fix: ${wrap(entry.fix, WRAP_WIDTH - 7, '       ')}`);
}

/** A problem in `--json` output: the check's message with the table's title, SDK errors and fix. */
export function problemJson(problem: Problem) {
  const { title, sdkErrors, fix } = PROBLEMS[problem.code];
  return { code: problem.code, title, message: problem.message, sdkErrors, fix };
}

export function modeName(mode: Token04Mode): string {
  return mode === 'gcm' ? 'AES-GCM' : 'AES-CBC, legacy';
}
