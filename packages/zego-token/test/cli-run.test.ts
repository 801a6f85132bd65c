// In-process tests of the CLI's pure parts: `run(argv, io)` with injected streams and clock, the
// check that decode relies on, the explain table and the formatting helpers.
import { describe, expect, it } from 'vitest';
import { loadSecret, parseDuration, UsageError } from '../src/cli/args.js';
import { checkToken, describePayload } from '../src/cli/check.js';
import { findExplanation, PROBLEMS, SDK_CODES } from '../src/cli/explain-table.js';
import { colourEnabled, describeExpiry, formatDuration, isoSeconds, wrap } from '../src/cli/format.js';
import { type CliIo, run } from '../src/cli/run.js';
import {
  encodeToken04,
  isZegoTokenError,
  roomPayload,
  verifyToken04,
  ZEGO_TOKEN_ERROR_STATUS,
  type ZegoTokenErrorCode,
} from '../src/index.js';

const SECRET = 'fa94dd0f974cf2e293728a526b028271';
const OTHER_SECRET = '0123456789abcdef0123456789abcdef';
const CTIME = 1_700_000_000;

/** The "gcm minimal" vector of test/fixtures/token04.json: appId 1, userId "demo", issued at CTIME for 1 h. */
const VECTOR =
  '04AAAAAGVT/xAADAABAgMEBQYHCAkKCwBvlo4HRoGUdkuLbKIoOhbZY6YpcMaBTLWHRtiSNdXNuWkV2JYrMFwLwjjq87Q0iYsgNxPm5ZgErGa8Vck+JDoGDtf3J0qWOFqGNFZfeMqNCNmU/0pkeR91TGFj+EcvonxOJL2x/t0B0viQxnvluGAUAQ==';

interface Captured {
  code: number;
  stdout: string;
  stderr: string;
}

async function runWith(
  argv: readonly string[],
  options: {
    env?: Record<string, string>;
    now?: number;
    tty?: boolean;
    stdin?: string;
    files?: Record<string, string>;
  } = {},
): Promise<Captured> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (chunk: string) => (stdout += chunk), isTTY: options.tty },
    stderr: { write: (chunk: string) => (stderr += chunk), isTTY: options.tty },
    env: { ZEGO_SERVER_SECRET: SECRET, ...options.env },
    readStdin: async () => options.stdin ?? '',
    stdinIsTTY: options.tty,
    readFile: (path) => {
      const content = options.files?.[path];
      if (content === undefined) throw Object.assign(new Error('no such file'), { code: 'ENOENT' });
      return content;
    },
    now: () => (options.now ?? CTIME + 600) * 1000,
    version: '9.9.9',
  };
  const code = await run(argv, io);
  expect(stdout).not.toContain(SECRET);
  expect(stderr).not.toContain(SECRET);
  return { code, stdout, stderr };
}

function mint(options: { userId?: string; appId?: number; secret?: string; ctime?: number; ttl?: number } = {}) {
  return encodeToken04({
    appId: options.appId ?? 1,
    userId: options.userId ?? 'demo',
    serverSecret: options.secret ?? SECRET,
    ctime: options.ctime ?? CTIME,
    effectiveTimeInSeconds: options.ttl ?? 3600,
    nonce: 12345,
    iv: new Uint8Array(12),
  });
}

describe('run(argv, io) with a fixed clock', () => {
  it('decodes the fixture vector: ISO and relative times', async () => {
    const result = await runWith(['decode', VECTOR, '--app-id', '1', '--user-id', 'demo']);
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

  it('says how long ago a token expired', async () => {
    const result = await runWith(['decode', VECTOR], { now: CTIME + 3600 + 7200 });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('(expired 2 h ago)');
    expect(result.stderr).toContain('TOKEN_EXPIRED: the token expired 2 h ago (at 2023-11-14T23:13:20Z)');
  });

  it('notes a token issued in the future (clock skew) without failing it', async () => {
    const result = await runWith(['decode', VECTOR], { now: CTIME - 300 });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('(in 5 min)');
    expect(result.stderr).toContain("note: it was issued in 5 min: the minting server's clock is ahead");
  });

  it('colours only on a TTY, and not with NO_COLOR', async () => {
    const args = ['decode', VECTOR, '--user-id', 'someone-else'];
    expect((await runWith(args, { tty: true })).stdout).toContain('\u001b[');
    expect((await runWith(args, { tty: true })).stderr).toContain('\u001b[31m');
    const plain = await runWith(args, { tty: true, env: { NO_COLOR: '1' } });
    expect(plain.stdout + plain.stderr).not.toContain('\u001b[');
    const piped = await runWith(args);
    expect(piped.stdout + piped.stderr).not.toContain('\u001b[');
  });

  it('reads "-" from the injected stdin, with a hint on a terminal', async () => {
    const result = await runWith(['decode', '-'], { stdin: `${VECTOR}\n`, tty: true, env: { NO_COLOR: '1' } });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('reading the token from stdin');
  });

  it('refuses stdin that holds more than a token', async () => {
    const result = await runWith(['decode', '-'], { stdin: 'A'.repeat(100_000) });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/stdin holds more than a token/);
  });

  it('uses --secret-file through the injected reader, trimming one trailing newline only', async () => {
    const ok = await runWith(['decode', VECTOR, '--secret-file', '/s'], { files: { '/s': `${SECRET}\n` }, env: {} });
    expect(ok.code).toBe(0);
    const crlf = await runWith(['decode', VECTOR, '--secret-file', '/s'], { files: { '/s': `${SECRET}\r\n` } });
    expect(crlf.code).toBe(0);
    const twoLines = await runWith(['decode', VECTOR, '--secret-file', '/s'], { files: { '/s': `${SECRET}\n\n` } });
    expect(twoLines.code).toBe(2);
    expect(twoLines.stderr).toMatch(/--secret-file \/s must be exactly 32 bytes/);
  });

  it('generate uses the injected clock', async () => {
    const result = await runWith(['generate', '--app-id', '5', '--user-id', 'u', '--ttl', '90s', '--json']);
    expect(result.code).toBe(0);
    const created = JSON.parse(result.stdout);
    expect(created).toMatchObject({
      issuedAt: CTIME + 600,
      expiresAt: CTIME + 690,
      expiresAtIso: '2023-11-14T22:24:50Z',
    });
  });

  it('does not mistake inherited names for commands or help topics', async () => {
    for (const argv of [['toString'], ['help', 'toString'], ['constructor', '--help'], ['explain', 'constructor']]) {
      const result = await runWith(argv);
      expect(result.code, argv.join(' ')).toBeGreaterThan(0);
      expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    }
  });

  it('prints the version it was given', async () => {
    expect((await runWith(['--version'])).stdout).toBe('9.9.9\n');
  });

  it('never throws: an unexpected failure is reported on one line', async () => {
    let stderr = '';
    const code = await run(['decode', '-'], {
      stdout: { write: () => true },
      stderr: { write: (chunk: string) => (stderr += chunk) },
      env: { ZEGO_SERVER_SECRET: SECRET },
      readStdin: async () => {
        throw new Error('stdin exploded');
      },
    });
    expect(code).toBe(1);
    expect(stderr).toBe('zego-token decode: unexpected error: stdin exploded\n');
  });
});

describe('checkToken agrees with verifyToken04', () => {
  const now = (CTIME + 600) * 1000;
  const scenarios: Array<{ name: string; token: string; appId?: number; userId?: string; at?: number }> = [
    { name: 'valid', token: VECTOR, appId: 1, userId: 'demo' },
    { name: 'expired', token: VECTOR, at: (CTIME + 3600) * 1000 },
    { name: 'expires the second after', token: VECTOR, at: (CTIME + 3599) * 1000 + 999 },
    { name: 'app mismatch', token: VECTOR, appId: 2 },
    { name: 'user mismatch', token: VECTOR, userId: 'Demo' },
    { name: 'wrong secret', token: mint({ secret: OTHER_SECRET }) },
    { name: 'malformed', token: VECTOR.slice(0, -8) },
    { name: 'version', token: `03${VECTOR.slice(2)}` },
    { name: 'empty-ish', token: '04' },
  ];
  it.each(scenarios)('$name', ({ token, appId, userId, at }) => {
    const result = checkToken(token, SECRET, { appId, userId }, at ?? now);
    let expected: ZegoTokenErrorCode | undefined;
    try {
      verifyToken04(token, { serverSecret: SECRET, appId, userId, now: () => at ?? now });
    } catch (error) {
      if (!isZegoTokenError(error)) throw error;
      expected = error.code;
    }
    expect(result.valid).toBe(expected === undefined);
    expect(result.problems[0]?.code).toBe(expected);
  });

  it('collects every problem where verifyToken04 stops at the first', () => {
    const result = checkToken(VECTOR, SECRET, { appId: 9, userId: 'x' }, (CTIME + 4000) * 1000);
    expect(result.problems.map((problem) => problem.code)).toEqual([
      'TOKEN_APP_ID_MISMATCH',
      'TOKEN_USER_ID_MISMATCH',
      'TOKEN_EXPIRED',
    ]);
    expect(result.claims?.userId).toBe('demo');
  });

  it("warns about payloads that are not JSON, userIDs outside ZEGO's set and very long lifetimes", () => {
    const odd = encodeToken04({
      appId: 1,
      userId: 'user name',
      serverSecret: SECRET,
      ctime: CTIME,
      effectiveTimeInSeconds: 30 * 86_400,
      nonce: 1,
      iv: new Uint8Array(12),
      payload: 'not json',
    });
    const kinds = checkToken(odd, SECRET, {}, CTIME * 1000).warnings.map((warning) => warning.kind);
    expect(kinds).toEqual(['payload-not-json', 'user-id-charset', 'long-lifetime']);
  });

  it('describes privilege payloads', () => {
    expect(describePayload(roomPayload({ roomId: 'r', publish: false, streamIds: ['a', 'b'] }))).toBe(
      'room "r": login allowed, publish denied, streams "a", "b"',
    );
    expect(describePayload('{"x":1}')).toBeUndefined();
    expect(describePayload('nope')).toBeUndefined();
  });
});

describe('the explain table', () => {
  it('has an entry for every ZegoTokenError code', () => {
    for (const code of Object.keys(ZEGO_TOKEN_ERROR_STATUS)) {
      expect(findExplanation(code)?.kind).toBe('problem');
    }
    expect(Object.keys(PROBLEMS).sort()).toEqual(Object.keys(ZEGO_TOKEN_ERROR_STATUS).sort());
  });

  it('lists each SDK code once, and every SDK error a problem names is in the table', () => {
    const codes = SDK_CODES.map((entry) => entry.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const problem of Object.values(PROBLEMS)) {
      for (const ref of problem.sdkErrors) expect(codes).toContain(ref.code);
    }
    for (const entry of SDK_CODES) {
      if (entry.related !== undefined) expect(Object.keys(PROBLEMS)).toContain(entry.related);
    }
  });

  it('names the SDK errors from the issue for each failure kind', () => {
    const refs = (code: ZegoTokenErrorCode) => PROBLEMS[code].sdkErrors.map((ref) => `${ref.sdk} ${ref.code}`);
    expect(refs('TOKEN_EXPIRED')).toEqual([
      'Express 1002078',
      'Express 1002056',
      'Web 1102018',
      'ZIM 6000106',
      'MiniGame 7201005',
    ]);
    expect(refs('TOKEN_APP_ID_MISMATCH')).toContain('Express 1002076');
    expect(refs('TOKEN_USER_ID_MISMATCH')).toContain('Express 1002077');
    expect(refs('TOKEN_DECRYPT_FAILED')).toEqual(expect.arrayContaining(['Express 1002033', 'MiniGame 7201002']));
    expect(refs('TOKEN_MALFORMED')).toEqual(expect.arrayContaining(['Web 1102016', 'MiniGame 7201003']));
  });

  it('looks codes up leniently', () => {
    expect(findExplanation(' 1002078 ')?.kind).toBe('sdk');
    expect(findExplanation('token-expired')?.kind).toBe('problem');
    expect(findExplanation('toString')).toBeUndefined();
    expect(findExplanation('__proto__')).toBeUndefined();
    expect(findExplanation('2')).toBeUndefined();
  });
});

describe('helpers', () => {
  it('formats durations roughly, rounding down', () => {
    expect(formatDuration(0)).toBe('0 s');
    expect(formatDuration(59)).toBe('59 s');
    expect(formatDuration(60)).toBe('1 min');
    expect(formatDuration(3599)).toBe('59 min');
    expect(formatDuration(3600)).toBe('1 h');
    expect(formatDuration(2 * 3600 + 5 * 60 + 9)).toBe('2 h 5 min');
    expect(formatDuration(12 * 3600 + 5 * 60)).toBe('12 h');
    expect(formatDuration(3 * 86_400 + 4 * 3600)).toBe('3 d 4 h');
    expect(formatDuration(812 * 86_400)).toBe('812 d');
  });

  it('describes expiry relative to now (expired when now >= expiresAt)', () => {
    expect(describeExpiry(1000, 1000 - 54 * 60)).toBe('expires in 54 min');
    expect(describeExpiry(1000, 1000)).toBe('expired just now');
    expect(describeExpiry(1000, 1000 + 7200)).toBe('expired 2 h ago');
  });

  it('prints times a Date cannot hold without throwing', () => {
    expect(isoSeconds(0)).toBe('1970-01-01T00:00:00Z');
    expect(isoSeconds(Number.MAX_SAFE_INTEGER)).toContain('beyond the calendar');
  });

  it('wraps to a width', () => {
    expect(wrap('aa bb cc dd', 5, '>')).toBe('aa bb\n>cc dd');
  });

  it('decides on colour from the stream and the environment', () => {
    expect(colourEnabled({ write: () => true, isTTY: true }, {})).toBe(true);
    expect(colourEnabled({ write: () => true, isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(colourEnabled({ write: () => true, isTTY: true }, { NO_COLOR: '' })).toBe(true);
    expect(colourEnabled({ write: () => true, isTTY: true }, { TERM: 'dumb' })).toBe(false);
    expect(colourEnabled({ write: () => true }, {})).toBe(false);
    expect(colourEnabled({ write: () => true }, { FORCE_COLOR: '1' })).toBe(true);
    expect(colourEnabled({ write: () => true }, { FORCE_COLOR: '0' })).toBe(false);
  });

  it('parses lifetimes with units', () => {
    expect(parseDuration('3600', '--ttl')).toBe(3600);
    expect(parseDuration('90s', '--ttl')).toBe(90);
    expect(parseDuration('30m', '--ttl')).toBe(1800);
    expect(parseDuration('2h', '--ttl')).toBe(7200);
    expect(parseDuration('7d', '--ttl')).toBe(604_800);
    for (const bad of ['-1', '1.5h', 'h', '', '1w']) {
      expect(() => parseDuration(bad, '--ttl')).toThrow(UsageError);
    }
  });

  it('never puts the secret into its messages', () => {
    const read = (content: string) => () => content;
    for (const content of [`${SECRET}x`, ` ${SECRET}`, `${SECRET}\n\n`, 'short']) {
      try {
        loadSecret('/s', {}, read(content));
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(UsageError);
        expect((error as Error).message).not.toContain(SECRET);
        expect((error as Error).message).not.toContain('short');
      }
    }
  });
});
