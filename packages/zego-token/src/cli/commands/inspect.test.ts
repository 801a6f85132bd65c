import { describe, expect, it } from 'vitest';
import { runCli, VECTOR } from '../../../test/support/cli.js';
import { inspectToken04, toKitToken } from '../../node/index.js';

describe('inspect (no secret needed)', () => {
  it('shows version, mode, expiry and sizes of a live token (exit 0)', async () => {
    const result = await runCli(['inspect', VECTOR.token], { secret: null });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const header = inspectToken04(VECTOR.token);
    expect(result.stdout).toBe(
      [
        'Token04 (AES-GCM)',
        '  version  04',
        '  mode     gcm',
        '  expires  2023-11-14T23:13:20Z (expires in 50 min) [clear header; decode verifies it]',
        `  iv       ${header.ivLength} bytes`,
        `  cipher   ${header.cipherLength} bytes`,
        '  claims   appId, userId and payload are encrypted: zego-token decode reads them with the secret',
        '',
      ].join('\n'),
    );
  });

  it('--json: the core header with the expiry in ISO form beside it', async () => {
    const result = await runCli(['inspect', VECTOR.token, '--json'], { secret: null });
    const report = JSON.parse(result.stdout);
    expect(report).toEqual({
      wellFormed: true,
      expired: false,
      checkedAt: VECTOR.ctime + 600,
      header: { ...inspectToken04(VECTOR.token), expiresAtIso: '2023-11-14T23:13:20Z' },
      problems: [],
    });
    expect(Object.keys(report.header).indexOf('expiresAtIso')).toBe(
      Object.keys(report.header).indexOf('expiresAt') + 1,
    );
  });

  it('exit 1 for a token whose header says it expired', async () => {
    const result = await runCli(['inspect', VECTOR.token], { secret: null, now: VECTOR.ctime + 7200 });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('(expired 1 h ago)');
    expect(result.stderr).toContain('TOKEN_EXPIRED: its header says it expired 1 h ago');
    expect(result.stderr).toContain('Express 1002078');
    const json = JSON.parse((await runCli(['inspect', VECTOR.token, '--json'], { now: VECTOR.ctime + 7200 })).stdout);
    expect(json).toMatchObject({ wellFormed: true, expired: true, problems: [{ code: 'TOKEN_EXPIRED' }] });
  });

  it('exit 1 for a malformed token', async () => {
    const text = await runCli(['inspect', 'not-a-token'], { secret: null });
    expect(text.code).toBe(1);
    expect(text.stdout).toBe('');
    expect(text.stderr).toContain('TOKEN_MALFORMED');

    const json = await runCli(['inspect', 'not-a-token', '--json'], { secret: null });
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout);
    expect(report).toMatchObject({ wellFormed: false, header: null, expired: null });
    expect(report.problems[0].code).toBe('TOKEN_MALFORMED');
  });

  it('- reads stdin too', async () => {
    const result = await runCli(['inspect', '-', '--json'], { stdin: VECTOR.token, secret: null });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).header.mode).toBe('gcm');
  });
});

describe('inspect: UIKit kit tokens', () => {
  it("shows the suffix's parts beside the header, no secret needed", async () => {
    const kitToken = toKitToken({ token: VECTOR.token, appId: 1, roomId: 'room-1', userId: 'demo', userName: 'Zoë' });
    const result = await runCli(['inspect', kitToken], { secret: null });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^UIKit kit token: Token04 \(AES-GCM\)/);
    expect(result.stdout).toMatch(
      /\n {2}kit roomID +"room-1"\n {2}kit userID +"demo"\n {2}kit userName +"Zoë"\n {2}kit appID +1\n/,
    );
    expect(result.stdout).not.toMatch(/minted/);
    expect(JSON.parse((await runCli(['inspect', kitToken, '--json'], { secret: null })).stdout).header.kit).toEqual({
      appId: 1,
      roomId: 'room-1',
      userId: 'demo',
      userName: 'Zoë',
    });
  });
});
