// End-to-end tests of the built bin: every case spawns `node dist/cli.js` (run `pnpm test`, which
// builds first), and every run is checked for never printing a secret.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeToken04, ZEGO_TOKEN_ERROR_STATUS } from '../src/index.js';

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const SECRET = 'fa94dd0f974cf2e293728a526b028271';
const OTHER_SECRET = '0123456789abcdef0123456789abcdef';
/** Looks like a secret; passed where secrets are refused, and must never come back. */
const LEAKY = 'S3cretThatMustNeverBeEchoed00000';
const APP_ID = 1234567890;
const NEVER_PRINTED = [SECRET, OTHER_SECRET, LEAKY];

interface Result {
  status: number | null;
  stdout: string;
  stderr: string;
}

interface RunOptions {
  /** The ServerSecret in ZEGO_SERVER_SECRET; null for none. Defaults to SECRET. */
  secret?: string | null;
  input?: string;
  env?: Record<string, string>;
}

/** Runs the CLI; every run is checked for printing no secret and no stack trace. */
async function cli(args: readonly string[], options: RunOptions = {}): Promise<Result> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !['ZEGO_SERVER_SECRET', 'NO_COLOR', 'FORCE_COLOR', 'TERM'].includes(key)) {
      env[key] = value;
    }
  }
  const secret = options.secret === undefined ? SECRET : options.secret;
  if (secret !== null) env.ZEGO_SERVER_SECRET = secret;
  Object.assign(env, options.env);
  const result = await new Promise<Result>((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env, stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
    child.stdin.on('error', () => {}); // the CLI may exit without reading stdin
    child.stdin.end(options.input ?? '');
  });
  for (const text of NEVER_PRINTED) {
    expect(result.stdout).not.toContain(text);
    expect(result.stderr).not.toContain(text);
  }
  expect(result.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
  return result;
}

/** A usage error: exit 2, exactly one line on stderr, nothing on stdout. */
function expectUsageError(result: Result, pattern?: RegExp): void {
  expect(result.status).toBe(2);
  expect(result.stdout).toBe('');
  expect(result.stderr.endsWith('\n')).toBe(true);
  expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  if (pattern) expect(result.stderr).toMatch(pattern);
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

function token(options: { userId?: string; appId?: number; ago?: number; ttl?: number; secret?: string } = {}): string {
  return encodeToken04({
    appId: options.appId ?? APP_ID,
    userId: options.userId ?? 'alice',
    serverSecret: options.secret ?? SECRET,
    ctime: nowSeconds() - (options.ago ?? 0),
    effectiveTimeInSeconds: options.ttl ?? 3600,
    nonce: 42,
    iv: new Uint8Array(12).fill(7),
  });
}

let dir: string;
beforeAll(() => {
  if (!existsSync(CLI))
    throw new Error(`${CLI} is missing: run \`pnpm test\` (it builds first) or \`pnpm --filter zego-token build\``);
  dir = mkdtempSync(join(tmpdir(), 'zego-token-cli-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe.concurrent('generate -> decode', () => {
  it('round-trips a token and reports it valid (exit 0)', async () => {
    const generated = await cli(['generate', '--app-id', String(APP_ID), '--user-id', 'alice']);
    expect(generated.status).toBe(0);
    expect(generated.stderr).toBe('');
    const minted = generated.stdout.trim();
    expect(generated.stdout).toBe(`${minted}\n`);
    expect(minted).toMatch(/^04[A-Za-z0-9+/]+=*$/);

    const decoded = await cli(['decode', minted, '--app-id', String(APP_ID), '--user-id', 'alice']);
    expect(decoded.status).toBe(0);
    expect(decoded.stderr).toBe('');
    expect(decoded.stdout).toContain('valid now');
    expect(decoded.stdout).toContain(String(APP_ID));
    expect(decoded.stdout).toContain('"alice"');
    expect(decoded.stdout).toMatch(/expires\s+\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \(expires in (59 min|1 h)\)/);
    expect(decoded.stdout).toMatch(/lifetime\s+3600 s/);
  });

  it('--json on both sides parses, with the claims and a valid flag', async () => {
    const generated = await cli(['generate', '--app-id', '7', '--user-id', 'bob', '--ttl', '2h', '--json']);
    expect(generated.status).toBe(0);
    const minted = JSON.parse(generated.stdout);
    expect(minted).toMatchObject({ appId: 7, userId: 'bob', mode: 'gcm', effectiveTimeInSeconds: 7200, payload: '' });
    expect(minted.expiresAt - minted.issuedAt).toBe(7200);
    expect(new Date(minted.expiresAtIso).getTime()).toBe(minted.expiresAt * 1000);

    const decoded = await cli(['decode', minted.token, '--json', '--app-id', '7', '--user-id', 'bob']);
    expect(decoded.status).toBe(0);
    const report = JSON.parse(decoded.stdout);
    expect(report).toMatchObject({ valid: true, problems: [], error: null, expected: { appId: 7, userId: 'bob' } });
    expect(report.claims).toMatchObject({ appId: 7, userId: 'bob', expiresAt: minted.expiresAt, mode: 'gcm' });
    expect(report.header).toMatchObject({ version: '04', mode: 'gcm', expiresAt: minted.expiresAt });
  });

  it('embeds a privilege payload with --room/--publish, and a --payload as it is', async () => {
    const room = await cli(['generate', '--app-id', '7', '--user-id', 'bob', '--room', 'lobby', '--publish']);
    expect(room.status).toBe(0);
    const decodedRoom = await cli(['decode', room.stdout.trim()]);
    expect(decodedRoom.status).toBe(0);
    expect(decodedRoom.stdout).toContain('{"room_id":"lobby","privilege":{"1":1,"2":1},"stream_id_list":null}');
    expect(decodedRoom.stdout).toContain('room "lobby": login allowed, publish allowed, any stream');

    const payload = '{"room_id":"r1","privilege":{"1":1,"2":0},"stream_id_list":["s1"]}';
    const custom = await cli(['generate', '--app-id', '7', '--user-id', 'bob', '--payload', payload, '--json']);
    expect(JSON.parse(custom.stdout).payload).toBe(payload);
    const decodedCustom = JSON.parse((await cli(['decode', JSON.parse(custom.stdout).token, '--json'])).stdout);
    expect(decodedCustom.claims.payload).toBe(payload);
  });

  it('mints the legacy CBC variant on request, with a note on stderr', async () => {
    const generated = await cli(['generate', '--app-id', '7', '--user-id', 'bob', '--mode', 'cbc']);
    expect(generated.status).toBe(0);
    expect(generated.stderr).toMatch(/note: cbc is the legacy variant/);
    const decoded = await cli(['decode', generated.stdout.trim()]);
    expect(decoded.status).toBe(0);
    expect(decoded.stdout).toContain('AES-CBC');
  });

  it('reads the secret from --secret-file, trimming one trailing newline, and prefers it to the env var', async () => {
    const file = join(dir, 'secret');
    writeFileSync(file, `${OTHER_SECRET}\n`);
    const generated = await cli(['generate', '--app-id', '7', '--user-id', 'bob', '--secret-file', file], {
      secret: null,
    });
    expect(generated.status).toBe(0);
    const minted = generated.stdout.trim();
    // The file wins over ZEGO_SERVER_SECRET: decoding with the env var's secret fails…
    expect((await cli(['decode', minted])).status).toBe(1);
    // …and with the file it works.
    expect((await cli(['decode', minted, '--secret-file', file])).status).toBe(0);
  });

  it("warns about userIDs outside ZEGO's character set, but still mints", async () => {
    const generated = await cli(['generate', '--app-id', '7', '--user-id', 'user name']);
    expect(generated.status).toBe(0);
    expect(generated.stderr).toMatch(/outside ZEGO's documented set/);
    expect(generated.stdout).toMatch(/^04\S+\n$/);
  });

  it('warns about lifetimes ZIM refuses', async () => {
    const generated = await cli(['generate', '--app-id', '7', '--user-id', 'bob', '--ttl', '30d']);
    expect(generated.status).toBe(0);
    expect(generated.stderr).toMatch(/ZIM refuses tokens valid for more than 24 days/);
  });
});

describe.concurrent('decode: each failure explains itself (exit 1)', () => {
  it('expired: names Express 1002078, Web 1102018, ZIM 6000106, MiniGame 7201005', async () => {
    const result = await cli(['decode', token({ ago: 7200 + 30 })]);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('NOT valid: expired');
    expect(result.stdout).toMatch(/expired 1 h (\d+ min )?ago/);
    expect(result.stderr).toContain('TOKEN_EXPIRED');
    expect(result.stderr).toContain('Express 1002078 · Express 1002056 · Web 1102018 · ZIM 6000106 · MiniGame 7201005');
    expect(result.stderr).toMatch(/fix: .*renew/i);
  });

  it('AppID mismatch: names 1002076', async () => {
    const result = await cli(['decode', token(), '--app-id', '42']);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('NOT valid: AppID mismatch');
    expect(result.stderr).toContain('TOKEN_APP_ID_MISMATCH');
    expect(result.stderr).toContain(`the token is for AppID ${APP_ID}, but the client uses 42`);
    expect(result.stderr).toContain('Express 1002076');
  });

  it('userID mismatch: names 1002077 and says the IDs must be equal', async () => {
    const result = await cli(['decode', token({ userId: 'alice' }), '--user-id', 'Alice']);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('TOKEN_USER_ID_MISMATCH');
    expect(result.stderr).toContain('the token is for userID "alice", but the client logs in as "Alice"');
    expect(result.stderr).toContain('Express 1002077');
    expect(result.stderr).toMatch(/must be equal/);
  });

  it('reports every problem that applies: expired and both mismatches at once', async () => {
    const minted = token({ ago: 7200, userId: 'alice' });
    const text = await cli(['decode', minted, '--user-id', 'bob', '--app-id', '42']);
    expect(text.status).toBe(1);
    expect(text.stdout).toContain('NOT valid: AppID mismatch, userID mismatch, expired');
    for (const code of ['TOKEN_APP_ID_MISMATCH', 'TOKEN_USER_ID_MISMATCH', 'TOKEN_EXPIRED']) {
      expect(text.stderr).toContain(code);
    }

    const json = await cli(['decode', minted, '--user-id', 'bob', '--app-id', '42', '--json']);
    expect(json.status).toBe(1);
    const report = JSON.parse(json.stdout);
    expect(report.valid).toBe(false);
    expect(report.problems.map((problem: { code: string }) => problem.code)).toEqual([
      'TOKEN_APP_ID_MISMATCH',
      'TOKEN_USER_ID_MISMATCH',
      'TOKEN_EXPIRED',
    ]);
    expect(report.error.code).toBe('TOKEN_APP_ID_MISMATCH');
    expect(report.problems[2].sdkErrors).toContainEqual({ sdk: 'ZIM', code: 6000106 });
    expect(report.claims.userId).toBe('alice');
  });

  it('wrong secret (or another app): cannot decrypt, names 1002033 and 7201002 and where the secret came from', async () => {
    const result = await cli(['decode', token({ secret: OTHER_SECRET })]);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('NOT valid: cannot decrypt');
    expect(result.stderr).toContain('TOKEN_DECRYPT_FAILED');
    expect(result.stderr).toContain('Express 1002033');
    expect(result.stderr).toContain('MiniGame 7201002');
    expect(result.stderr).toContain('the secret came from ZEGO_SERVER_SECRET');

    const json = JSON.parse((await cli(['decode', token({ secret: OTHER_SECRET }), '--json'])).stdout);
    expect(json).toMatchObject({ valid: false, claims: null, error: { code: 'TOKEN_DECRYPT_FAILED' } });
    expect(json.header.mode).toBe('gcm');
  });

  it('malformed: names Web 1102016 and MiniGame 7201003', async () => {
    const minted = token();
    const result = await cli(['decode', minted.slice(0, 40)]);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('NOT valid: malformed');
    expect(result.stderr).toContain('TOKEN_MALFORMED');
    expect(result.stderr).toContain('Web 1102016');
    expect(result.stderr).toContain('MiniGame 7201003');
  });

  it('malformed by URL decoding: points at the space that used to be a "+"', async () => {
    const minted = token();
    const mangled = minted.includes('+') ? minted.replace('+', ' ') : `${minted.slice(0, 20)} ${minted.slice(21)}`;
    const result = await cli(['decode', mangled]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('TOKEN_MALFORMED');
    expect(result.stderr).toContain('whitespace');
  });

  it('not a Token04: names Express 1002079 and ZIM 6000107', async () => {
    const result = await cli(['decode', `03${token().slice(2)}`]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('TOKEN_VERSION_UNSUPPORTED');
    expect(result.stderr).toContain('Express 1002079 · ZIM 6000107');
  });
});

describe.concurrent('stdin', () => {
  it('decode - reads the token from stdin (surrounding whitespace and quotes ignored)', async () => {
    const minted = token();
    const plain = await cli(['decode', '-', '--user-id', 'alice'], { input: `${minted}\n` });
    expect(plain.status).toBe(0);
    expect(plain.stdout).toContain('valid now');
    const quoted = await cli(['decode', '-', '--json'], { input: `  "${minted}"\r\n` });
    expect(quoted.status).toBe(0);
    expect(JSON.parse(quoted.stdout).claims.userId).toBe('alice');
  });

  it('inspect - reads stdin too', async () => {
    const result = await cli(['inspect', '-', '--json'], { input: token(), secret: null });
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout).header.mode).toBe('gcm');
  });

  it('an empty stdin is a usage error', async () => {
    expectUsageError(await cli(['decode', '-'], { input: '\n' }), /no token on stdin/);
  });
});

describe.concurrent('inspect (no secret needed)', () => {
  it('shows version, mode and expiry of a live token (exit 0)', async () => {
    const result = await cli(['inspect', token()], { secret: null });
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('Token04 (AES-GCM)');
    expect(result.stdout).toMatch(/expires\s+\S+Z \(expires in (59 min|1 h)\)/);
    expect(result.stdout).toMatch(/iv\s+12 bytes/);
  });

  it('exit 1 for a token whose header says it expired, or a malformed one', async () => {
    const expired = await cli(['inspect', token({ ago: 7200 })], { secret: null });
    expect(expired.status).toBe(1);
    expect(expired.stderr).toContain('TOKEN_EXPIRED');
    expect(expired.stderr).toContain('Express 1002078');

    const malformed = await cli(['inspect', 'not-a-token', '--json'], { secret: null });
    expect(malformed.status).toBe(1);
    const report = JSON.parse(malformed.stdout);
    expect(report).toMatchObject({ wellFormed: false, header: null, expired: null });
    expect(report.problems[0].code).toBe('TOKEN_MALFORMED');
  });
});

describe.concurrent('a secret on the command line is refused', () => {
  const cases: Array<readonly string[]> = [
    ['generate', '--app-id', '7', '--user-id', 'bob', '--secret', LEAKY],
    ['generate', '--app-id', '7', '--user-id', 'bob', `--secret=${LEAKY}`],
    ['generate', '--server-secret', LEAKY, '--app-id', '7', '--user-id', 'bob'],
    ['generate', `--serverSecret=${LEAKY}`],
    ['decode', 'x', '--secret', LEAKY],
    ['decode', '--server-secret', LEAKY, 'x'],
    ['inspect', 'x', '--secret', LEAKY],
    ['--secret', LEAKY, 'decode', 'x'],
  ];
  it.each(cases)('%s … exits 2, says why and what to use instead, never echoes the value', async (...args) => {
    const result = await cli(args, { secret: null });
    expectUsageError(result, /is refused/);
    expect(result.stderr).toMatch(/shell history/);
    expect(result.stderr).toContain('ZEGO_SERVER_SECRET');
    expect(result.stderr).toContain('--secret-file');
  });

  it('a secret passed as a stray argument is refused without being echoed', async () => {
    expectUsageError(await cli(['generate', '--app-id', '7', '--user-id', 'bob', LEAKY]), /takes no arguments/);
    expectUsageError(await cli(['decode', token(), LEAKY]), /takes one token/);
  });
});

describe.concurrent('the secret itself', () => {
  it('missing: one line, exit 2, says where to put it', async () => {
    expectUsageError(
      await cli(['generate', '--app-id', '7', '--user-id', 'bob'], { secret: null }),
      /no ServerSecret: set ZEGO_SERVER_SECRET or pass --secret-file PATH/,
    );
    expectUsageError(await cli(['decode', token()], { secret: null }), /no ServerSecret/);
  });

  it('not 32 bytes: one line, exit 2, names the source and the length, never the value', async () => {
    expectUsageError(
      await cli(['decode', token()], { secret: 'too-short' }),
      /ZEGO_SERVER_SECRET must be exactly 32 bytes.*got 9/,
    );
    const appSign = 'ab'.repeat(32);
    const result = await cli(['generate', '--app-id', '7', '--user-id', 'bob'], { secret: appSign });
    expectUsageError(result, /looks like the 64-character AppSign/);
    expect(result.stderr).not.toContain(appSign);
    expectUsageError(await cli(['decode', token()], { secret: ` ${SECRET}` }), /whitespace/);
  });

  it('an unreadable --secret-file: one line, exit 2', async () => {
    expectUsageError(
      await cli(['decode', token(), '--secret-file', join(dir, 'nope')]),
      /cannot read --secret-file .*ENOENT/,
    );
  });
});

describe.concurrent('explain', () => {
  // Every code of the token error table in /work/shared/zego-facts.md.
  const FACT_CODES = [
    1002033, 1002067, 1002074, 1002075, 1002076, 1002077, 1002078, 1002079, 1002080, 1002082, 1002056, 1003072, 1004003,
    1102016, 1102018, 6000103, 6000106, 6000107, 6000108, 7000004, 7200401, 7201002, 7201003, 7201005, 1, 3, 5, 6,
    1001005, 1001004, 1000002,
  ];

  /** Splits the output of `explain A B C` into one block per code. */
  function blocks(stdout: string): string[] {
    return stdout.trimEnd().split('\n\n');
  }

  it('explains every ZEGO code of the table: meaning, cause and fix (exit 0)', async () => {
    const result = await cli(['explain', ...FACT_CODES.map(String)], { secret: null });
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    const explained = blocks(result.stdout);
    expect(explained).toHaveLength(FACT_CODES.length);
    FACT_CODES.forEach((code, index) => {
      const block = explained[index] ?? '';
      expect(block.startsWith(`${code}  `), `block for ${code}`).toBe(true);
      expect(block).toMatch(/\n {2}cause: \S/);
      expect(block).toMatch(/\n {2}fix: {3}\S/);
    });
  });

  it.each([1002077, 6000106, 7201003, 5])('explains %i on its own', async (code) => {
    const result = await cli(['explain', String(code)], { secret: null });
    expect(result.status).toBe(0);
    expect(result.stdout.startsWith(`${code}  `)).toBe(true);
  });

  it('explains each of our own ZegoTokenError codes', async () => {
    const codes = Object.keys(ZEGO_TOKEN_ERROR_STATUS);
    const result = await cli(['explain', ...codes], { secret: null });
    expect(result.status).toBe(0);
    const explained = blocks(result.stdout);
    expect(explained).toHaveLength(codes.length);
    codes.forEach((code, index) => {
      const block = explained[index] ?? '';
      expect(block.startsWith(`${code}  `), `block for ${code}`).toBe(true);
      expect(block).toMatch(/\n {2}fix: {3}\S/);
    });
  });

  it('links an SDK code to the same problem in the other SDKs', async () => {
    const result = await cli(['explain', '1102018'], { secret: null });
    expect(result.stdout).toContain('zego-token decode reports it as TOKEN_EXPIRED');
    expect(result.stdout).toContain('Express 1002078 · Express 1002056 · ZIM 6000106 · MiniGame 7201005');
    expect((await cli(['explain', 'token-user-id-mismatch'], { secret: null })).stdout).toContain('Express 1002077');
  });

  it('lists every code without an argument and with --list', async () => {
    const bare = await cli(['explain'], { secret: null });
    expect(bare.status).toBe(0);
    expect((await cli(['explain', '--list'], { secret: null })).stdout).toBe(bare.stdout);
    for (const code of FACT_CODES.filter((code) => code > 6)) expect(bare.stdout).toContain(String(code));
    for (const code of Object.keys(ZEGO_TOKEN_ERROR_STATUS)) expect(bare.stdout).toContain(code);
  });

  it('--json parses, for one code, several, and the list', async () => {
    const one = JSON.parse((await cli(['explain', '1002077', '--json'], { secret: null })).stdout);
    expect(one).toMatchObject({ kind: 'sdk', code: 1002077, related: 'TOKEN_USER_ID_MISMATCH', tokenError: true });
    const two = JSON.parse((await cli(['explain', '--json', 'TOKEN_EXPIRED', '1001005'], { secret: null })).stdout);
    expect(two).toHaveLength(2);
    expect(two[0].sdkErrors).toContainEqual({ sdk: 'MiniGame', code: 7201005 });
    expect(two[1].tokenError).toBe(false);
    const list = JSON.parse((await cli(['explain', '--list', '--json'], { secret: null })).stdout);
    expect(list.sdkCodes.map((entry: { code: number }) => entry.code).sort()).toEqual([...FACT_CODES].sort());
    expect(list.codes.map((entry: { code: string }) => entry.code).sort()).toEqual(
      Object.keys(ZEGO_TOKEN_ERROR_STATUS).sort(),
    );
  });

  it('an unknown code: one line on stderr, exit 1', async () => {
    const result = await cli(['explain', '12345'], { secret: null });
    expect(result.status).toBe(1);
    expect(result.stdout.trim()).toBe('');
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('unknown code 12345');
  });
});

describe.concurrent('usage errors: exit 2, one line, no stack trace', () => {
  const cases: Array<[string, readonly string[], RegExp]> = [
    ['no command', [], /missing command/],
    ['an unknown command', ['mint'], /unknown command mint/],
    ['an unknown top-level flag', ['--frobnicate'], /unknown option --frobnicate/],
    ['an unknown flag', ['generate', '--app-id', '7', '--user-id', 'bob', '--colour'], /unknown option --colour/],
    [
      'a mistyped flag',
      ['generate', '--app-id', '7', '--user-id', 'bob', '--tll', '60'],
      /unknown option --tll \(did you mean --ttl\?\)/,
    ],
    ['an unknown short flag', ['decode', '-x', 'tok'], /unknown option -x/],
    ['a missing value', ['generate', '--user-id', 'bob', '--app-id'], /--app-id needs a value/],
    ['a value swallowed by the next flag', ['generate', '--app-id', '--user-id', 'bob'], /--app-id needs a value/],
    ['a value on a boolean flag', ['decode', 'tok', '--json=yes'], /--json does not take a value/],
    ['a missing --app-id', ['generate', '--user-id', 'bob'], /--app-id is required/],
    ['a missing --user-id', ['generate', '--app-id', '7'], /--user-id is required/],
    ['a bad --app-id', ['generate', '--app-id', '12ab', '--user-id', 'bob'], /--app-id must be an integer/],
    ['an AppID beyond 32 bits', ['decode', 'tok', '--app-id', '4294967296'], /--app-id must be an integer/],
    ['a too-long --user-id', ['generate', '--app-id', '7', '--user-id', 'u'.repeat(65)], /at most 64 UTF-8 bytes/],
    ['a bad --ttl', ['generate', '--app-id', '7', '--user-id', 'bob', '--ttl', '-5'], /--ttl needs a value|--ttl must/],
    ['a zero --ttl', ['generate', '--app-id', '7', '--user-id', 'bob', '--ttl', '0'], /--ttl must be a positive/],
    [
      'a bad --mode',
      ['generate', '--app-id', '7', '--user-id', 'bob', '--mode', 'ecb'],
      /--mode must be 'gcm' or 'cbc'/,
    ],
    ['a non-JSON --payload', ['generate', '--app-id', '7', '--user-id', 'bob', '--payload', '{no'], /1002075/],
    [
      '--payload with --room',
      ['generate', '--app-id', '7', '--user-id', 'bob', '--payload', '{}', '--room', 'r'],
      /cannot be combined/,
    ],
    [
      '--publish without --room',
      ['generate', '--app-id', '7', '--user-id', 'bob', '--publish'],
      /--publish needs --room/,
    ],
    [
      'a too-long --room',
      ['generate', '--app-id', '7', '--user-id', 'bob', '--room', 'r'.repeat(200)],
      /--room: roomId/,
    ],
    ['decode without a token', ['decode'], /missing token/],
    ['an empty token', ['decode', ''], /the token is empty/],
    ['--list with codes', ['explain', '--list', '1002033'], /--list takes no codes/],
    ['help for an unknown topic', ['help', 'mint'], /no help for mint/],
  ];
  it.each(cases)('%s', async (_name, args, pattern) => {
    expectUsageError(await cli(args), pattern);
  });
});

describe.concurrent('help, version and colour', () => {
  it('--help, -h and help print the overall help on stdout, exit 0', async () => {
    const results = await Promise.all([['--help'], ['-h'], ['help']].map((args) => cli(args, { secret: null })));
    for (const result of results) {
      expect(result.status).toBe(0);
      expect(result.stderr).toBe('');
      expect(result.stdout).toContain('Usage:');
      expect(result.stdout).toBe(results[0]?.stdout);
      for (const command of ['generate', 'decode', 'inspect', 'explain']) expect(result.stdout).toContain(command);
    }
  });

  it.each(['generate', 'decode', 'inspect', 'explain'])(
    '%s: --help, -h and the help command agree',
    async (command) => {
      const [own, short, topic] = await Promise.all([
        cli([command, '--help'], { secret: null }),
        cli([command, '-h'], { secret: null }),
        cli(['help', command], { secret: null }),
      ]);
      expect(own?.status).toBe(0);
      expect(own?.stdout).toContain(`Usage: zego-token ${command}`);
      expect(short?.stdout).toBe(own?.stdout);
      expect(topic?.stdout).toBe(own?.stdout);
    },
  );

  it('--version prints the package version', async () => {
    const result = await cli(['--version'], { secret: null });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^\d+\.\d+\.\d+\S*\n$/);
  });

  it('no colour into a pipe; FORCE_COLOR turns it on, NO_COLOR wins', async () => {
    const expired = token({ ago: 7200 });
    const piped = await cli(['decode', expired]);
    expect(piped.stdout + piped.stderr).not.toContain('\u001b[');
    const forced = await cli(['decode', expired], { env: { FORCE_COLOR: '1' } });
    expect(forced.stdout).toContain('\u001b[31m');
    expect(forced.stderr).toContain('\u001b[31m');
    const both = await cli(['decode', expired], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } });
    expect(both.stdout + both.stderr).not.toContain('\u001b[');
  });
});
