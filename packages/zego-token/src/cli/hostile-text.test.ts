// Text the CLI did not write itself (a server's answer, a token's claims) reaches the terminal without
// its control characters: a hostile Message such as "\u001b]0;pwned\u0007\u001b[2J" would otherwise set
// the window title and clear the screen. Every C0 and C1 character (and DEL) is shown escaped, whether
// the output is for people or `--json`; the CLI's own line breaks are the only ones left.
import { createCipheriv, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { APP_ID, listen, SECRET } from '../../../../test/support/index.js';
import { NOW, runCli } from '../../test/support/cli.js';

/** A title change, a bell, a screen clear, an 8-bit CSI, DEL and a NEL: what a hostile server or token sends. */
const HOSTILE = '\u001b]0;pwned\u0007\u001b[2J\u009b31m\u007f\u0085end';
/** Any C0 character but the line break, DEL, or any C1 character. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

function expectNoControlCharacters(output: { stdout: string; stderr: string }): void {
  expect(output.stdout).not.toMatch(CONTROL);
  expect(output.stderr).not.toMatch(CONTROL);
}

async function zegoAnswering(answer: object) {
  const { url } = await listen((req: IncomingMessage, res: ServerResponse) => {
    req.resume();
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(answer));
  });
  return url;
}

const apiCall = (url: string, ...more: string[]) => [
  'api',
  'QueryUserOnlineState',
  '--app-id',
  String(APP_ID),
  '--product',
  'zim',
  '--base-url',
  url,
  ...more,
];

describe("zego-token api prints a server's text without its control characters", () => {
  it('a refused call: the Message and RequestId on stderr', async () => {
    const url = await zegoAnswering({ Code: 660000002, Message: HOSTILE, RequestId: `r${HOSTILE}` });
    const result = await runCli(apiCall(url));
    expect(result.code).toBe(1);
    expectNoControlCharacters(result);
    expect(result.stderr).toContain('pwned');
    expect(result.stderr).toContain('\\x1b]0;pwned\\x07');
  });

  it('a successful call: the answer on stdout, indented and as --json', async () => {
    const url = await zegoAnswering({
      Code: 0,
      Message: HOSTILE,
      RequestId: 'r1',
      Result: [{ UserId: HOSTILE, Status: 'Online' }],
    });
    for (const flags of [[], ['--json']]) {
      const result = await runCli(apiCall(url, ...flags));
      expect(result.code, result.stderr).toBe(0);
      expectNoControlCharacters(result);
      // Still JSON, and the same strings once parsed: the characters are escaped, not lost.
      expect(JSON.parse(result.stdout).Result[0].UserId).toBe(HOSTILE);
    }
  });
});

/** A GCM Token04 built with node:crypto from the wire format, claims and all (minting would refuse these). */
function handMadeToken(claims: { user_id: string; payload: string }): string {
  const iv = randomBytes(12);
  const plaintext = JSON.stringify({ app_id: APP_ID, nonce: 1, ctime: NOW - 60, expire: NOW + 3600, ...claims });
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(SECRET, 'utf8'), iv);
  const sealed = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  const header = Buffer.alloc(10);
  header.writeBigInt64BE(BigInt(NOW + 3600));
  header.writeUInt16BE(iv.length, 8);
  const length = Buffer.alloc(2);
  length.writeUInt16BE(sealed.length);
  return `04${Buffer.concat([header, iv, length, sealed, Buffer.from([1])]).toString('base64')}`;
}

describe("zego-token decode prints a token's claims without their control characters", () => {
  it.each([
    ['a hostile payload string', { user_id: 'alice', payload: HOSTILE }],
    [
      'a privilege payload with a hostile room and stream',
      {
        user_id: 'alice',
        payload: JSON.stringify({ room_id: HOSTILE, privilege: { 1: 1, 2: 0 }, stream_id_list: [HOSTILE] }),
      },
    ],
    ['a hostile userID', { user_id: HOSTILE, payload: '' }],
  ])('%s, as text and as --json, with a userID mismatch reported', async (_name, claims) => {
    const token = handMadeToken(claims);
    for (const flags of [[], ['--json']]) {
      const result = await runCli(['decode', token, '--user-id', 'bob', ...flags]);
      expect(result.code).toBe(1);
      expectNoControlCharacters(result);
    }
  });
});
