import { describe, expect, it } from 'vitest';
import { OTHER_SECRET, VECTORS } from '../../../../../test/support/index.js';
import { expectUsageError, mint, NOW, runCli, VECTOR } from '../../../test/support/cli.js';
import { inspectToken04, toKitToken } from '../../node/index.js';

const CTIME = VECTOR.ctime;

function vector(name: string) {
  const found = VECTORS.find((candidate) => candidate.name === name);
  if (found === undefined) throw new Error(`no vector ${name}`);
  return found;
}

describe('decode: a valid token (exit 0)', () => {
  it('prints its claims with ISO and relative times', async () => {
    const result = await runCli(['decode', VECTOR.token, '--app-id', '1', '--user-id', 'demo']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(
      [
        'Token04 (AES-GCM) - valid now',
        '  appId     1',
        '  userId    "demo"',
        '  issued    2023-11-14T22:13:20Z (10 min ago)',
        '  expires   2023-11-14T23:13:20Z (expires in 50 min)',
        '  lifetime  3600 s (1 h)',
        '  nonce     12345',
        '  payload   (none)',
        '',
      ].join('\n'),
    );
  });

  it('--json: valid, the expectations, the claims and the header, times in ISO form too', async () => {
    const result = await runCli(['decode', VECTOR.token, '--json', '--app-id', '1', '--user-id', 'demo']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      valid: true,
      checkedAt: NOW,
      checkedAtIso: '2023-11-14T22:23:20Z',
      expected: { appId: 1, userId: 'demo' },
      claims: {
        version: '04',
        mode: 'gcm',
        appId: 1,
        userId: 'demo',
        nonce: 12345,
        issuedAt: CTIME,
        issuedAtIso: '2023-11-14T22:13:20Z',
        expiresAt: CTIME + 3600,
        expiresAtIso: '2023-11-14T23:13:20Z',
        effectiveTimeInSeconds: 3600,
        payload: '',
      },
      header: { ...inspectToken04(VECTOR.token), expiresAtIso: '2023-11-14T23:13:20Z' },
      problems: [],
      error: null,
      warnings: [],
    });
    expect(JSON.parse((await runCli(['decode', VECTOR.token, '--json'])).stdout).expected).toEqual({
      appId: null,
      userId: null,
    });
  });

  it('describes a privilege payload', async () => {
    const room = vector('gcm room payload');
    const result = await runCli(['decode', room.token], { now: room.ctime });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`payload   ${room.payload}`);
    expect(result.stdout).toContain('room "room1": login allowed, publish denied, any stream');
  });

  it('reads the legacy CBC variant', async () => {
    const result = await runCli(['decode', vector('cbc legacy').token]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Token04 (AES-CBC, legacy) - valid now');
  });

  it('fails a token issued in the future (clock skew) as TOKEN_NOT_YET_VALID, with the fix', async () => {
    const result = await runCli(['decode', VECTOR.token], { now: CTIME - 300 });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('(in 5 min)');
    expect(result.stderr).toContain("TOKEN_NOT_YET_VALID: it was issued in 5 min: the minting server's clock is ahead");
  });

  it('warns that a legacy CBC token’s claims are not authenticated', async () => {
    const cbc = VECTORS.find((vector) => vector.mode === 'cbc');
    if (cbc === undefined) throw new Error('no CBC vector');
    const result = await runCli(['decode', cbc.token], { now: cbc.ctime * 1000, secret: cbc.secret });
    expect(result.stderr).toContain('note: it is a legacy CBC token, whose claims are not authenticated');
  });
});

describe('decode: each failure explains itself (exit 1)', () => {
  it('expired: how long ago, the SDK errors it leads to, and the fix', async () => {
    const result = await runCli(['decode', VECTOR.token], { now: CTIME + 3600 + 7200 });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Token04 (AES-GCM) - NOT valid: expired');
    expect(result.stdout).toContain('(expired 2 h ago)');
    expect(result.stderr).toContain('\u2717 TOKEN_EXPIRED: the token expired 2 h ago (at 2023-11-14T23:13:20Z)');
    expect(result.stderr).toContain(
      '  SDK errors: Express 1002078 · Express 1002056 · Web 1102018 · ZIM 6000106 · MiniGame 7201005\n',
    );
    expect(result.stderr).toMatch(/\n {2}fix: .*renew/i);
  });

  it.each([
    ['AppID', '--app-id', '42', 'TOKEN_APP_ID_MISMATCH: the token is for AppID 1, but the client uses 42', 1002076],
    [
      'userID',
      '--user-id',
      'Demo',
      'TOKEN_USER_ID_MISMATCH: the token is for userID "demo", but the client logs in as "Demo"; they must be equal',
      1002077,
    ],
  ] as const)('%s mismatch: says which, and names Express %i', async (what, flag, value, problem, sdkError) => {
    const result = await runCli(['decode', VECTOR.token, flag, value]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`NOT valid: ${what} mismatch`);
    expect(result.stderr.replace(/\n\s+/g, ' ')).toContain(problem);
    expect(result.stderr).toContain(`SDK errors: Express ${sdkError}`);
  });

  it('reports every problem that applies: both mismatches and expired at once', async () => {
    const argv = ['decode', VECTOR.token, '--user-id', 'bob', '--app-id', '42'];
    const later = { now: CTIME + 7200 };
    const text = await runCli(argv, later);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('NOT valid: AppID mismatch, userID mismatch, expired');
    const reported = text.stderr.match(/\u2717 [A-Z_]+/g);
    expect(reported).toEqual(['\u2717 TOKEN_APP_ID_MISMATCH', '\u2717 TOKEN_USER_ID_MISMATCH', '\u2717 TOKEN_EXPIRED']);

    const json = await runCli([...argv, '--json'], later);
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout);
    expect(report.valid).toBe(false);
    expect(report.problems.map((problem: { code: string }) => problem.code)).toEqual([
      'TOKEN_APP_ID_MISMATCH',
      'TOKEN_USER_ID_MISMATCH',
      'TOKEN_EXPIRED',
    ]);
    expect(report.error).toEqual(report.problems[0]);
    expect(report.problems[0]).toEqual({
      code: 'TOKEN_APP_ID_MISMATCH',
      title: 'AppID mismatch',
      message: 'the token is for AppID 1, but the client uses 42',
      sdkErrors: [{ sdk: 'Express', code: 1002076 }],
      fix: expect.stringMatching(/^Mint with the AppID/),
    });
    expect(report.problems[2].sdkErrors).toContainEqual({ sdk: 'ZIM', code: 6000106 });
    expect(report.claims.userId).toBe('demo');
  });

  it('wrong secret (or another app): cannot decrypt, names 1002033 and 7201002 and where the secret came from', async () => {
    const token = mint({ serverSecret: OTHER_SECRET });
    const result = await runCli(['decode', token]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Token04 (AES-GCM) - NOT valid: cannot decrypt');
    expect(result.stdout).toMatch(/expires\s+2023-11-14T23:13:20Z \(expires in 50 min\) \[clear header, unverified\]/);
    expect(result.stderr).toContain('TOKEN_DECRYPT_FAILED');
    expect(result.stderr).toContain('Express 1002033');
    expect(result.stderr).toContain('MiniGame 7201002');
    expect(result.stderr).toContain('the secret came from ZEGO_SERVER_SECRET');

    const json = JSON.parse((await runCli(['decode', token, '--json'])).stdout);
    expect(json).toMatchObject({ valid: false, claims: null, error: { code: 'TOKEN_DECRYPT_FAILED' } });
    expect(json.header.mode).toBe('gcm');
  });

  it('wrong secret on an expired token: notes that its clear header says so too', async () => {
    const result = await runCli(['decode', mint({ serverSecret: OTHER_SECRET })], { now: CTIME + 7200 });
    expect(result.stderr).toMatch(/note: its clear header .* also says it expired 1 h ago/);
  });

  it('malformed: names Web 1102016 and MiniGame 7201003', async () => {
    const result = await runCli(['decode', VECTOR.token.slice(0, 40)]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('NOT valid: malformed\n');
    expect(result.stderr).toContain('TOKEN_MALFORMED');
    expect(result.stderr).toContain('SDK errors: Web 1102016 · MiniGame 7201003\n');
  });

  it('malformed by URL decoding: points at the space that used to be a "+"', async () => {
    expect(VECTOR.token).toContain('+');
    const result = await runCli(['decode', VECTOR.token.replace('+', ' ')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('TOKEN_MALFORMED');
    expect(result.stderr).toContain('whitespace');
  });

  it('not a Token04: names Express 1002079 and ZIM 6000107', async () => {
    const result = await runCli(['decode', `03${VECTOR.token.slice(2)}`]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('TOKEN_VERSION_UNSUPPORTED');
    expect(result.stderr).toContain('Express 1002079 · ZIM 6000107');
  });
});

describe('decode: reading the token', () => {
  it('- reads it from stdin, surrounding whitespace and quotes ignored', async () => {
    const plain = await runCli(['decode', '-', '--user-id', 'demo'], { stdin: `${VECTOR.token}\n` });
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain('valid now');
    const quoted = await runCli(['decode', '-', '--json'], { stdin: `  "${VECTOR.token}"\r\n` });
    expect(quoted.code).toBe(0);
    expect(JSON.parse(quoted.stdout).claims.userId).toBe('demo');
    expect((await runCli(['decode', `'${VECTOR.token}'`])).code).toBe(0);
  });

  it('says it is waiting when stdin is a terminal', async () => {
    const result = await runCli(['decode', '-'], { stdin: VECTOR.token, tty: true, env: { NO_COLOR: '1' } });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('reading the token from stdin (finish with Ctrl-D)...\n');
  });

  it.each([
    ['an empty stdin', ['decode', '-'], { stdin: '\n' }, /no token on stdin/],
    [
      'stdin holding more than a token',
      ['decode', '-'],
      { stdin: 'A'.repeat(100_000) },
      /stdin holds more than a token/,
    ],
    ['no token', ['decode'], {}, /missing token: pass it as an argument, or - to read it from stdin/],
    ['an empty token', ['decode', ''], {}, /the token is empty/],
    [
      'a token and a stray argument',
      ['decode', VECTOR.token, OTHER_SECRET],
      {},
      /decode takes one token \(or -\), got 2/,
    ],
    ['an AppID out of range', ['decode', 'tok', '--app-id', '4294967296'], {}, /--app-id must be an integer from 1/],
    ['an empty --user-id', ['decode', 'tok', '--user-id='], {}, /--user-id must be a non-empty string/],
  ] as const)('%s: exit 2, one line', async (_name, argv, options, pattern) => {
    expectUsageError(await runCli(argv, options), pattern);
  });
});

describe('decode: UIKit kit tokens', () => {
  // VECTOR is for AppID 1 and userID "demo".
  const kitToken = (userId: string, appId = 1) =>
    toKitToken({ token: VECTOR.token, appId, roomId: 'room-1', userId, userName: '张伟 🎉' });

  it("reads a kit token: the claims, then the suffix's room, user, name and AppID", async () => {
    const result = await runCli(['decode', kitToken('demo'), '--app-id', '1', '--user-id', 'demo']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^UIKit kit token: Token04 \(AES-GCM\) \+ "#" \+ its suffix - valid now\n/);
    expect(result.stdout).toMatch(
      /\n {2}kit roomID +"room-1"\n {2}kit userID +"demo"\n {2}kit userName +"张伟 🎉"\n {2}kit appID +1\n/,
    );
    const json = JSON.parse((await runCli(['decode', kitToken('demo'), '--json'])).stdout);
    expect(json.claims.kit).toEqual({
      appId: 1,
      roomId: 'room-1',
      userId: 'demo',
      userName: '张伟 🎉',
      mismatches: [],
    });
    expect(json.header.kit).toEqual({ appId: 1, roomId: 'room-1', userId: 'demo', userName: '张伟 🎉' });
  });

  it("reports a suffix whose userID or AppID differs from the token's (exit 1)", async () => {
    const result = await runCli(['decode', kitToken('mallory', 7)]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/kit userID +"mallory" \(differs from the token's\)/);
    expect(result.stderr).toMatch(/TOKEN_APP_ID_MISMATCH: the kit token's suffix says appID 7/);
    expect(result.stderr).toMatch(/TOKEN_USER_ID_MISMATCH: the kit token's suffix says userID "mallory"/);
  });

  it('a suffix UIKit could not read is KIT_TOKEN_INVALID, with its fix', async () => {
    const result = await runCli(['decode', `${VECTOR.token}#not-base64`]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/KIT_TOKEN_INVALID: the part after "#" is not canonical base64/);
    expect(result.stderr).toMatch(/fix: +Build kit tokens with toKitToken/);
  });
});
