// What decode and inspect both print: a problem with the SDK errors it leads to and its fix.
import type { DecodedToken04, InspectedToken04, Token04Mode } from '../node/index.js';
import type { Problem } from './check.js';
import { PROBLEMS } from './explain-table.js';
import { formatSdkRefs, printable, quoted, type Style, WRAP_WIDTH, wrap } from './format.js';
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

/** The heading decode and inspect print: a bare Token04 or a UIKit kit token, and its mode. */
export function tokenHeading(header: Pick<InspectedToken04, 'mode' | 'kit'>): string {
  const kind = `Token04 (${modeName(header.mode)})`;
  return header.kit === undefined ? kind : `UIKit kit token: ${kind} + "#" + its suffix`;
}

/** A kit token's suffix as table rows, a mismatch with the claims marked. */
export function kitRows(
  kit: NonNullable<InspectedToken04['kit']> & { mismatches?: readonly string[] },
  style: Style,
): Array<[string, string]> {
  const mark = (field: string, text: string) =>
    kit.mismatches?.includes(field) ? style.red(`${text} (differs from the token's)`) : text;
  return [
    ['kit roomID', quoted(kit.roomId)],
    ['kit userID', mark('userId', quoted(kit.userId))],
    ['kit userName', quoted(kit.userName)],
    ['kit appID', mark('appId', String(kit.appId))],
  ];
}

/** The row that says a token was minted in a browser by UIKit's test helper, judged by its shape. */
export function mintedRow(origin: DecodedToken04['looksMintedBy'], style: Style): Array<[string, string]> {
  if (origin === undefined) return [];
  return [['minted', style.yellow(`client-side, by its shape: UIKit's ${origin} (legacy CBC, Math.random IV)`)]];
}
