import type { DecodedToken04 } from '../../node/index.js';
import { assertAppId, assertUserId } from '../../validate.js';
import { IDENTITY_OPTIONS, loadSecret, parseInteger, SECRET_HELP, SECRET_OPTIONS } from '../args.js';
import { type CheckResult, checkToken, describePayload, type Expected } from '../check.js';
import { defineCommand, EXIT_INVALID, EXIT_OK } from '../command.js';
import { PROBLEMS } from '../explain-table.js';
import {
  describeExpiry,
  describeMoment,
  formatDuration,
  isoOrNull,
  isoSeconds,
  json,
  printable,
  quoted,
  type Style,
  table,
  withIsoTimes,
} from '../format.js';
import { readTokenArgument } from '../io.js';
import { kitRows, mintedRow, problemJson, reportProblem, tokenHeading } from '../report.js';

export const decode = defineCommand({
  name: 'decode',
  synopsis: ['<token|-> [--app-id N] [--user-id ID] [--json]'],
  summary: 'decrypt a token with the ServerSecret and check it: expiry, AppID, userID',
  options: {
    ...SECRET_OPTIONS,
    ...IDENTITY_OPTIONS,
    json: { type: 'boolean' },
  },
  help: `Usage: zego-token decode <token|-> [options]

Decrypts a token with the ServerSecret and prints its claims, with times in ISO form and relative
to now. Checks it the way ZEGO does: not expired, and, when given, the AppID and userID the client
uses. Every problem found is explained on stderr with the SDK errors it leads to. Takes a UIKit kit
token (token#suffix) too: prints the suffix's room, user and AppID, and reports a suffix whose
userID or AppID differs from the token's; says when a token has the shape of one minted in the
browser by UIKit's generateKitTokenForTest.

Arguments:
  <token>             the token or kit token, or - to read it from stdin

Options:
  --app-id N          the AppID the client uses: report a mismatch (Express 1002076)
  --user-id ID        the userID the client logs in with: report a mismatch (Express 1002077)
  --secret-file PATH  read the ServerSecret from this file instead of ZEGO_SERVER_SECRET
  --json              print JSON on stdout: valid, claims, header, problems, warnings
  -h, --help          this help

${SECRET_HELP}

Exit codes: 0 the token is valid now; 1 it is not (expired, mismatch, wrong secret, malformed);
2 usage error (bad flags, no secret, a secret that is not 32 bytes).
`,

  async run({ values, positionals }, ctx) {
    const expected: Expected = {};
    if (values['app-id'] !== undefined) {
      expected.appId = parseInteger(values['app-id'], '--app-id');
      assertAppId(expected.appId, '--app-id');
    }
    if (values['user-id'] !== undefined) {
      expected.userId = values['user-id'];
      assertUserId(expected.userId, '--user-id');
    }
    const { secret, from } = loadSecret(values['secret-file'], ctx.io.env, ctx.readFile);
    const token = await readTokenArgument(positionals, ctx, 'decode');
    const result = checkToken(token, secret, expected, ctx.now());
    for (const problem of result.problems) {
      if (problem.code === 'TOKEN_DECRYPT_FAILED') problem.message += `; the secret came from ${from}`;
    }
    const exitCode = result.valid ? EXIT_OK : EXIT_INVALID;

    if (values.json) {
      ctx.out(json(decodeJson(result, expected)));
      return exitCode;
    }

    const out = ctx.outStyle;
    const verdict = result.valid
      ? out.green('valid now')
      : out.red(`NOT valid: ${result.problems.map((problem) => PROBLEMS[problem.code].title).join(', ')}`);
    ctx.out(result.header ? `${out.bold(tokenHeading(result.header))} - ${verdict}` : verdict);
    if (result.claims) {
      const { kit, looksMintedBy } = result.claims;
      ctx.out(
        table([
          ...claimRows(result.claims, result.now, out),
          ...(kit ? kitRows(kit, out) : []),
          ...mintedRow(looksMintedBy, out),
        ]),
      );
    } else if (result.header) {
      const { expiresAt, kit } = result.header;
      const expiry = `${isoSeconds(expiresAt)} (${describeExpiry(expiresAt, result.now)})`;
      ctx.out(
        table([['expires', `${expiry} ${out.dim('[clear header, unverified]')}`], ...(kit ? kitRows(kit, out) : [])]),
      );
    }

    for (const problem of result.problems) reportProblem(ctx, problem);
    for (const warning of result.warnings) ctx.err(ctx.errStyle.yellow(`note: ${warning.message}`));
    return exitCode;
  },
});

function claimRows(claims: DecodedToken04, now: number, style: Style): Array<[string, string]> {
  const expired = now >= claims.expiresAt;
  const expiry = `${isoSeconds(claims.expiresAt)} (${describeExpiry(claims.expiresAt, now)})`;
  const lifetime = claims.expiresAt - claims.issuedAt;
  const rows: Array<[string, string]> = [
    ['appId', String(claims.appId)],
    ['userId', quoted(claims.userId)],
    ['issued', `${isoSeconds(claims.issuedAt)} (${describeMoment(claims.issuedAt, now)})`],
    ['expires', expired ? style.red(expiry) : expiry],
    ['lifetime', lifetime < 60 ? `${lifetime} s` : `${lifetime} s (${formatDuration(lifetime)})`],
    ['nonce', String(claims.nonce)],
    ['payload', claims.payload === '' ? style.dim('(none)') : printable(claims.payload)],
  ];
  const privilege = claims.payload === '' ? undefined : describePayload(claims.payload);
  if (privilege !== undefined) rows.push(['', style.dim(privilege)]);
  return rows;
}

function decodeJson(result: CheckResult, expected: Expected) {
  const problems = result.problems.map(problemJson);
  return {
    valid: result.valid,
    checkedAt: result.now,
    checkedAtIso: isoOrNull(result.now),
    expected: { appId: expected.appId ?? null, userId: expected.userId ?? null },
    // The decoded claims and the lifetime they imply.
    claims: result.claims
      ? withIsoTimes({ ...result.claims, effectiveTimeInSeconds: result.claims.expiresAt - result.claims.issuedAt })
      : null,
    header: result.header ? withIsoTimes(result.header) : null,
    problems,
    /** The first problem, for scripts that want one answer; null when valid. */
    error: problems[0] ?? null,
    warnings: result.warnings,
  };
}
