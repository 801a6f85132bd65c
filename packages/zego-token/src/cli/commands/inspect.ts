import { type InspectedToken04, inspectToken04, isZegoTokenError } from '../../node/index.js';
import { type Problem, readProblem } from '../check.js';
import { defineCommand, EXIT_INVALID, EXIT_OK } from '../command.js';
import { describeExpiry, isoSeconds, json, table, withIsoTimes } from '../format.js';
import { readTokenArgument } from '../io.js';
import { kitRows, mintedRow, problemJson, reportProblem, tokenHeading } from '../report.js';

export const inspect = defineCommand({
  name: 'inspect',
  synopsis: ['<token|-> [--json]'],
  summary: 'what a token shows without the secret: version, mode, expiry',
  options: { json: { type: 'boolean' } },
  help: `Usage: zego-token inspect <token|-> [--json]

Shows what a token reveals without the secret: version, encryption mode, expiry (from the clear
header, which only decode can authenticate) and field sizes. Needs no ServerSecret. For a UIKit kit
token (token#suffix), also the suffix's room, user and AppID (decode compares them with the claims);
says when the header has the shape of UIKit's in-browser generateKitTokenForTest.

Arguments:
  <token>             the token or kit token, or - to read it from stdin

Options:
  --json              print JSON on stdout
  -h, --help          this help

Exit codes: 0 well-formed and not expired by its header; 1 malformed, not a Token04, or expired;
2 usage error.
`,

  async run({ values, positionals }, ctx) {
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
    const exitCode = problems.length === 0 ? EXIT_OK : EXIT_INVALID;

    if (values.json) {
      ctx.out(
        json({
          wellFormed: header !== null,
          expired,
          checkedAt: now,
          header: header ? withIsoTimes(header) : null,
          problems: problems.map(problemJson),
        }),
      );
      return exitCode;
    }

    const out = ctx.outStyle;
    if (header) {
      ctx.out(out.bold(tokenHeading(header)));
      const expiry = `${isoSeconds(header.expiresAt)} (${describeExpiry(header.expiresAt, now)})`;
      ctx.out(
        table([
          ['version', header.version],
          ['mode', header.mode],
          ['expires', `${expired ? out.red(expiry) : expiry} ${out.dim('[clear header; decode verifies it]')}`],
          ['iv', `${header.ivLength} bytes`],
          ['cipher', `${header.cipherLength} bytes`],
          ['claims', out.dim('appId, userId and payload are encrypted: zego-token decode reads them with the secret')],
          ...(header.kit ? kitRows(header.kit, out) : []),
          ...mintedRow(header.looksMintedBy, out),
        ]),
      );
    }
    for (const problem of problems) reportProblem(ctx, problem);
    return exitCode;
  },
});
