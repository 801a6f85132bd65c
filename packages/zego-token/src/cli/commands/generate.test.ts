import { describe, expect, it } from 'vitest';
import { OTHER_SECRET, SECRET } from '../../../../../test/support/index.js';
import { expectUsageError, NOW, runCli } from '../../../test/support/cli.js';
import { decodeToken04, inspectToken04, roomPayload } from '../../node/index.js';

const GENERATE = ['generate', '--app-id', '7', '--user-id', 'bob'];

describe('generate', () => {
  it('prints the token and nothing else; decode reads it back as valid', async () => {
    const generated = await runCli(['generate', '--app-id', '1234567890', '--user-id', 'alice']);
    expect(generated.code).toBe(0);
    expect(generated.stderr).toBe('');
    const token = generated.stdout.trimEnd();
    expect(generated.stdout).toBe(`${token}\n`);
    expect(token).toMatch(/^04[A-Za-z0-9+/]+=*$/);
    expect(decodeToken04(token, SECRET)).toMatchObject({
      appId: 1_234_567_890,
      userId: 'alice',
      issuedAt: NOW,
      expiresAt: NOW + 3600,
      mode: 'gcm',
      payload: '',
    });

    const decoded = await runCli(['decode', token, '--app-id', '1234567890', '--user-id', 'alice']);
    expect(decoded.code).toBe(0);
    expect(decoded.stderr).toBe('');
    expect(decoded.stdout).toContain('valid now');
    expect(decoded.stdout).toMatch(/expires\s+\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \(expires in 1 h\)/);
    expect(decoded.stdout).toMatch(/lifetime\s+3600 s/);
  });

  it('--json: what createToken04 returns, its times in ISO form beside them, and the payload', async () => {
    const result = await runCli([...GENERATE, '--ttl', '2h', '--json']);
    expect(result.code).toBe(0);
    const minted = JSON.parse(result.stdout);
    expect(minted).toEqual({
      token: expect.stringMatching(/^04/),
      appId: 7,
      userId: 'bob',
      mode: 'gcm',
      issuedAt: NOW,
      issuedAtIso: '2023-11-14T22:23:20Z',
      expiresAt: NOW + 7200,
      expiresAtIso: '2023-11-15T00:23:20Z',
      effectiveTimeInSeconds: 7200,
      payload: '',
    });
    expect(Object.keys(minted).indexOf('expiresAtIso')).toBe(Object.keys(minted).indexOf('expiresAt') + 1);
    expect(decodeToken04(minted.token, SECRET)).toMatchObject({ appId: 7, userId: 'bob', expiresAt: NOW + 7200 });
  });

  it('embeds a privilege payload with --room/--publish, and decode describes it', async () => {
    const room = await runCli([...GENERATE, '--room', 'lobby', '--publish']);
    expect(room.code).toBe(0);
    const payload = roomPayload({ roomId: 'lobby', publish: true });
    expect(decodeToken04(room.stdout.trim(), SECRET).payload).toBe(payload);
    const decoded = await runCli(['decode', room.stdout.trim()]);
    expect(decoded.code).toBe(0);
    expect(decoded.stdout).toContain(payload);
    expect(decoded.stdout).toContain('room "lobby": login allowed, publish allowed, any stream');

    const loginOnly = await runCli([...GENERATE, '--room', 'lobby']);
    expect(decodeToken04(loginOnly.stdout.trim(), SECRET).payload).toBe(roomPayload({ roomId: 'lobby' }));
  });

  it('embeds a --payload as it is', async () => {
    const payload = '{"room_id":"r1","privilege":{"1":1,"2":0},"stream_id_list":["s1"]}';
    const result = await runCli([...GENERATE, '--payload', payload, '--json']);
    const minted = JSON.parse(result.stdout);
    expect(minted.payload).toBe(payload);
    const decoded = JSON.parse((await runCli(['decode', minted.token, '--json'])).stdout);
    expect(decoded.claims.payload).toBe(payload);
    expect(
      decodeToken04(JSON.parse((await runCli([...GENERATE, '--payload=', '--json'])).stdout).token, SECRET).payload,
    ).toBe('');
  });

  it('mints the legacy CBC variant on request (any case), with a note on stderr', async () => {
    const result = await runCli([...GENERATE, '--mode', 'CBC']);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^zego-token generate: note: cbc is the legacy variant/);
    expect(inspectToken04(result.stdout.trim()).mode).toBe('cbc');
    const decoded = await runCli(['decode', result.stdout.trim()]);
    expect(decoded.code).toBe(0);
    expect(decoded.stdout).toContain('Token04 (AES-CBC, legacy) - valid now');
  });

  it('uses the secret from --secret-file', async () => {
    const result = await runCli([...GENERATE, '--secret-file', '/s'], { files: { '/s': OTHER_SECRET }, secret: null });
    expect(result.code).toBe(0);
    expect(decodeToken04(result.stdout.trim(), OTHER_SECRET).userId).toBe('bob');
  });

  it("notes userIDs outside ZEGO's character set, but still mints", async () => {
    const result = await runCli(['generate', '--app-id', '7', '--user-id', 'user name']);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/outside ZEGO's documented set/);
    expect(result.stdout).toMatch(/^04\S+\n$/);
  });

  it('notes lifetimes ZIM refuses, and only those', async () => {
    const long = await runCli([...GENERATE, '--ttl', '30d']);
    expect(long.code).toBe(0);
    expect(long.stderr).toMatch(/a lifetime of 30 d: ZIM refuses tokens valid for more than 24 days/);
    expect((await runCli([...GENERATE, '--ttl', '24d'])).stderr).toBe('');
  });

  describe('usage errors: exit 2, one line naming the flag', () => {
    const cases: Array<[string, readonly string[], RegExp]> = [
      ['a missing --app-id', ['generate', '--user-id', 'bob'], /--app-id is required/],
      ['a missing --user-id', ['generate', '--app-id', '7'], /--user-id is required/],
      ['an AppID of 0', ['generate', '--app-id', '0', '--user-id', 'bob'], /--app-id must be an integer from 1 to/],
      [
        'an AppID beyond 32 bits',
        ['generate', '--app-id', '4294967296', '--user-id', 'bob'],
        /--app-id must be an integer from 1/,
      ],
      ['an empty --user-id', ['generate', '--app-id', '7', '--user-id', ''], /--user-id must be a non-empty string/],
      [
        'a too-long --user-id',
        ['generate', '--app-id', '7', '--user-id', 'u'.repeat(65)],
        /--user-id .*at most 64 UTF-8 bytes/,
      ],
      [
        'a control character in --user-id',
        ['generate', '--app-id', '7', '--user-id', 'a\tb'],
        /--user-id must not contain control/,
      ],
      ['a zero --ttl', [...GENERATE, '--ttl', '0'], /--ttl must be a positive/],
      ['a --ttl beyond safe integers', [...GENERATE, '--ttl', '99999999999999999'], /--ttl must be a positive/],
      ['a --ttl whose expiry overflows', [...GENERATE, '--ttl', String(Number.MAX_SAFE_INTEGER)], /--ttl: .*overflow/],
      ['a bad --mode', [...GENERATE, '--mode', 'ecb'], /--mode must be 'gcm' or 'cbc'/],
      ['a non-JSON --payload', [...GENERATE, '--payload', '{no'], /--payload must be JSON .*1002075/],
      ['--payload with --room', [...GENERATE, '--payload', '{}', '--room', 'r'], /cannot be combined/],
      ['--publish without --room', [...GENERATE, '--publish'], /--publish needs --room/],
      ['a too-long --room', [...GENERATE, '--room', 'r'.repeat(200)], /--room: roomId/],
      [
        'a payload too large for a token',
        [...GENERATE, '--payload', JSON.stringify('x'.repeat(70_000))],
        /--payload\/--room: .*too large/,
      ],
    ];
    it.each(cases)('%s', async (_name, argv, pattern) => {
      expectUsageError(await runCli(argv), pattern);
    });

    it('a stray argument (a secret, say) is refused without being echoed', async () => {
      expectUsageError(await runCli([...GENERATE, OTHER_SECRET]), /generate takes no arguments, only options/);
    });

    it('flags are checked before the secret is needed', async () => {
      expectUsageError(await runCli(['generate', '--app-id', '0', '--user-id', 'bob'], { secret: null }), /--app-id/);
    });
  });
});
