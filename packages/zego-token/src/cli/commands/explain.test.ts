import { describe, expect, it } from 'vitest';
import { SECRET } from '../../../../../test/support/index.js';
import { expectUsageError, runCli } from '../../../test/support/cli.js';
import { ZEGO_TOKEN_ERROR_STATUS } from '../../errors.js';
import { SERVER_API_RETURN_CODES } from '../server-api-codes.js';
import { localeLanguage } from './explain.js';

// Every code of ZEGO's token error tables that the CLI promises to explain.
const FACT_CODES = [
  1002033, 1002067, 1002074, 1002075, 1002076, 1002077, 1002078, 1002079, 1002080, 1002082, 1002056, 1003072, 1004003,
  1102016, 1102018, 6000101, 6000103, 6000106, 6000107, 6000108, 7000004, 7200401, 7201002, 7201003, 7201005, 1, 3, 5,
  6, 1001005, 1001004, 1000002, 100000004, 100000005,
  // Not a token error, but what a token passed as the room ID gives (zego_express_error_code.dart: room ID too long).
  1002013,
];
const OUR_CODES = Object.keys(ZEGO_TOKEN_ERROR_STATUS);

/** Splits the output of `explain A B C` into one block per code. */
function blocks(stdout: string): string[] {
  return stdout.trimEnd().split('\n\n');
}

describe('explain', () => {
  it('explains every ZEGO code of the table: meaning, cause and fix (exit 0)', async () => {
    const result = await runCli(['explain', ...FACT_CODES.map(String)], { secret: null });
    expect(result.code).toBe(0);
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

  it('explain 1002013 names the token passed as the room ID, and the kit token problem', async () => {
    const result = await runCli(['explain', '1002013'], { secret: null });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/room ID/);
    expect(result.stdout).toMatch(/Token04 .*passed as the room ID/);
    expect(result.stdout).toMatch(/KIT_TOKEN_INVALID/);
  });

  it.each([1002077, 6000106, 7201003, 5])('explains %i on its own', async (code) => {
    const result = await runCli(['explain', String(code)], { secret: null });
    expect(result.code).toBe(0);
    expect(result.stdout.startsWith(`${code}  `)).toBe(true);
    expect(blocks(result.stdout)).toHaveLength(1);
  });

  it('explains each of our own ZegoTokenError codes, in any case and with hyphens', async () => {
    const result = await runCli(['explain', ...OUR_CODES], { secret: null });
    expect(result.code).toBe(0);
    const explained = blocks(result.stdout);
    expect(explained).toHaveLength(OUR_CODES.length);
    OUR_CODES.forEach((code, index) => {
      const block = explained[index] ?? '';
      expect(block.startsWith(`${code}  zego-token error code (`), `block for ${code}`).toBe(true);
      expect(block).toMatch(/\n {2}fix: {3}\S/);
    });
    const lenient = await runCli(['explain', 'token-user-id-mismatch']);
    expect(lenient.stdout.startsWith('TOKEN_USER_ID_MISMATCH  ')).toBe(true);
    expect(lenient.stdout).toContain('SDK errors: Express 1002077');
  });

  it('links an SDK code to the problem decode reports and to the same problem in the other SDKs', async () => {
    const result = await runCli(['explain', '1102018'], { secret: null });
    expect(result.stdout).toContain('zego-token decode reports it as TOKEN_EXPIRED');
    expect(result.stdout).toContain(
      'the same problem elsewhere: Express 1002078 · Express 1002056 · ZIM 6000106 · MiniGame 7201005',
    );
    expect((await runCli(['explain', '1002067'])).stdout).not.toContain('decode reports it');
  });

  it('lists every code without an argument and with --list', async () => {
    const bare = await runCli(['explain'], { secret: null });
    expect(bare.code).toBe(0);
    expect((await runCli(['explain', '--list'], { secret: null })).stdout).toBe(bare.stdout);
    for (const code of FACT_CODES) expect(bare.stdout).toMatch(new RegExp(`\\n +${code}  `));
    for (const code of OUR_CODES) expect(bare.stdout).toContain(`\n  ${code} `);
  });

  it('--json: one object for one code, an array for several, both tables for the list', async () => {
    const one = JSON.parse((await runCli(['explain', '1002077', '--json'], { secret: null })).stdout);
    expect(one).toMatchObject({ kind: 'sdk', code: 1002077, related: 'TOKEN_USER_ID_MISMATCH', tokenError: true });
    expect(one.sameProblemElsewhere).toEqual([]);
    const two = JSON.parse((await runCli(['explain', '--json', 'TOKEN_EXPIRED', '1001005'], { secret: null })).stdout);
    expect(two).toHaveLength(2);
    expect(two[0]).toMatchObject({ kind: 'problem', code: 'TOKEN_EXPIRED', title: 'expired' });
    expect(two[0].sdkErrors).toContainEqual({ sdk: 'MiniGame', code: 7201005 });
    expect(two[1]).toMatchObject({ kind: 'sdk', tokenError: false, related: null });
    const list = JSON.parse((await runCli(['explain', '--list', '--json'], { secret: null })).stdout);
    const documented = [...FACT_CODES, ...SERVER_API_RETURN_CODES.map((entry) => entry.code)];
    expect(list.sdkCodes.map((entry: { code: number }) => entry.code).sort()).toEqual(documented.sort());
    expect(list.codes.map((entry: { code: string }) => entry.code).sort()).toEqual([...OUR_CODES].sort());
  });

  it('an unknown code: one line on stderr, exit 1, the known ones still explained', async () => {
    const result = await runCli(['explain', '12345'], { secret: null });
    expect(result.code).toBe(1);
    expect(result.stdout.trim()).toBe('');
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('unknown code 12345;');
    const mixed = await runCli(['explain', '1002077', 'nope']);
    expect(mixed.code).toBe(1);
    expect(mixed.stdout.startsWith('1002077  ')).toBe(true);
    expect(mixed.stderr).toContain('unknown code nope;');
  });

  it('does not repeat an unknown "code" that could be a secret', async () => {
    // runCli fails the test if SECRET shows up in the output.
    const result = await runCli(['explain', SECRET]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^zego-token explain: unknown code; /);
  });

  it('--list with codes is a usage error', async () => {
    expectUsageError(await runCli(['explain', '--list', '1002033']), /--list takes no codes/);
  });
});

describe('explain in Chinese', () => {
  it('--lang zh: the same codes and structure, Chinese texts', async () => {
    const result = await runCli(['explain', '1002056', 'TOKEN_EXPIRED', '100000004', '--lang', 'zh'], { secret: null });
    expect(result.code).toBe(0);
    const [sdk = '', problem = '', api = ''] = blocks(result.stdout);
    expect(sdk.split('\n')[0]).toBe('1002056  Express (native)');
    expect(sdk).toContain('Token 过期');
    expect(sdk).toMatch(/\n {2}可能原因：\S/);
    expect(sdk).toMatch(/\n {2}处理建议：\S/);
    expect(sdk).toContain('TOKEN_EXPIRED');
    expect(sdk).toContain('Express 1002078 · Web 1102018');
    expect(problem.startsWith('TOKEN_EXPIRED  zego-token 错误码（已过期）')).toBe(true);
    expect(api).toContain('签名过期');
  });

  it('--json --lang zh: the same keys and codes, the texts in Chinese', async () => {
    const en = JSON.parse((await runCli(['explain', '--json', '--lang', 'en'], { secret: null })).stdout);
    const zh = JSON.parse((await runCli(['explain', '--json', '--lang', 'zh'], { secret: null })).stdout);
    const shape = (list: { sdkCodes: object[]; codes: object[] }) => ({
      sdkCodes: list.sdkCodes.map((entry) => ({ ...entry, meaning: '', cause: '', fix: '' })),
      codes: list.codes.map((entry) => ({ ...entry, title: '', meaning: '', cause: '', fix: '' })),
    });
    expect(shape(zh)).toEqual(shape(en));
    expect(zh.sdkCodes.every((entry: { meaning: string }) => /[\u4e00-\u9fff]/.test(entry.meaning))).toBe(true);
  });

  it('follows the locale: LC_ALL, else LC_MESSAGES, else LANG (the first non-empty one)', async () => {
    expect(localeLanguage({ LANG: 'zh_CN.UTF-8' })).toBe('zh');
    expect(localeLanguage({ LANG: 'zh_TW.UTF-8' })).toBe('zh');
    expect(localeLanguage({ LC_ALL: 'en_US.UTF-8', LANG: 'zh_CN.UTF-8' })).toBe('en');
    expect(localeLanguage({ LC_ALL: '', LC_MESSAGES: 'zh_CN.UTF-8', LANG: 'C' })).toBe('zh');
    expect(localeLanguage({ LC_MESSAGES: 'C', LANG: 'zh_CN.UTF-8' })).toBe('en');
    expect(localeLanguage({})).toBe('en');
    const localized = await runCli(['explain', '1002077'], { secret: null, env: { LANG: 'zh_CN.UTF-8' } });
    expect(localized.stdout).toContain('可能原因：');
    const overridden = await runCli(['explain', '1002077', '--lang', 'en'], {
      secret: null,
      env: { LANG: 'zh_CN.UTF-8' },
    });
    expect(overridden.stdout).toContain('  cause: ');
  });

  it('lists every code in Chinese', async () => {
    const result = await runCli(['explain', '--list', '--lang', 'zh'], { secret: null });
    expect(result.stdout.startsWith('ZEGO 错误码：')).toBe(true);
    for (const code of FACT_CODES) expect(result.stdout).toMatch(new RegExp(`\\n +${code}  `));
  });

  it('wraps Chinese text to the width in terminal columns', async () => {
    const result = await runCli(['explain', '--lang', 'zh', ...FACT_CODES.map(String)], { secret: null });
    for (const line of result.stdout.split('\n')) {
      let columns = 0;
      for (const character of line) columns += /[\u2e80-\u9fff\uff00-\uff60]/.test(character) ? 2 : 1;
      expect(columns, line).toBeLessThanOrEqual(100);
    }
  });

  it('an unknown code: the same one line on stderr and exit 1, in Chinese', async () => {
    const result = await runCli(['explain', '12345', '--lang', 'zh'], { secret: null });
    expect(result.code).toBe(1);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^zego-token explain: 未知的错误码 12345；/);
  });

  it('--lang takes zh or en only; --help mentions it', async () => {
    expectUsageError(await runCli(['explain', '1002056', '--lang', 'fr']), /--lang must be zh or en/);
    expect((await runCli(['explain', '--help'])).stdout).toContain('--lang zh|en');
  });
});
