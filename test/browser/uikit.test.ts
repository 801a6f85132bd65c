// ZEGO's own UIKit package (`@zegocloud/zego-uikit-prebuilt`, a devDependency) in headless Chromium:
// its `generateKitTokenForProduction` must give, byte for byte, what `toKitToken` gives for the same
// inputs (names with spaces, emoji and CJK among them), and the tokens its `generateKitTokenForTest`
// mints in the page (legacy CBC, Math.random) must decode with the secret, in the API and the CLI,
// which say they were minted client-side. Outside CI a missing browser skips this file; in CI it fails.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken04, decodeToken04, parseKitToken, toKitToken, verifyToken04 } from 'zego-token';
import * as client from 'zego-token/client';
import { listen, SECRET } from '../support/index.js';
import { hasBrowser, launchChromium, requireBrowser } from './chromium.js';

const UIKIT_FILE = createRequire(import.meta.url).resolve('@zegocloud/zego-uikit-prebuilt');
const BIN = fileURLToPath(new URL('../../packages/zego-token/bin/zego-token.js', import.meta.url));
const APP_ID = 1234567890;

/** One call of UIKit's `generateKitTokenForProduction(appID, token, roomID, userID, userName)`. */
interface KitInput {
  appId: number;
  token: string;
  roomId: string;
  userId: string;
  userName: string;
}

const ZEGO_ID_CHARS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz~!@#$%^&*()_+=-`;',.<>/\\".split(
  '',
);
const zegoId = (max: number) =>
  fc.array(fc.constantFrom(...ZEGO_ID_CHARS), { minLength: 1, maxLength: max }).map((chars) => chars.join(''));
/** A fresh Token04 for alice, as the token route would mint it. */
const aliceToken = () =>
  createToken04({ appId: APP_ID, userId: 'alice', serverSecret: SECRET, effectiveTimeInSeconds: 3600 }).token;
const NAMES = ['Alice Smith', '张伟', '山田 太郎', 'Zoë', '🎉 party 🎉', '👩‍👩‍👧 family', 'a%20b#c', ''];

requireBrowser('test/browser/uikit.test.ts', "ZEGO's UIKit in headless Chromium");

describe.skipIf(!hasBrowser)("ZEGO's UIKit package in headless Chromium", () => {
  let browser: Browser | undefined;
  let page: Page;
  const pageErrors: Error[] = [];

  beforeAll(async () => {
    const uikit = readFileSync(UIKIT_FILE);
    // The package's built file, served as it would be from an app's own origin.
    const { url } = await listen((request, response) => {
      if (request.url === '/uikit.js') {
        response.writeHead(200, { 'content-type': 'text/javascript' }).end(uikit);
      } else {
        response
          .writeHead(200, { 'content-type': 'text/html' })
          .end('<!doctype html><meta charset="utf-8"><body><script src="/uikit.js"></script></body>');
      }
    });
    browser = await launchChromium();
    page = await (await browser.newContext()).newPage();
    page.on('pageerror', (error) => pageErrors.push(error));
    await page.goto(`${url}/`);
    await page.waitForFunction(
      () => typeof (globalThis as { ZegoUIKitPrebuilt?: unknown }).ZegoUIKitPrebuilt === 'function',
    );
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  /** Runs UIKit's `generateKitTokenForProduction` in the page for each input. */
  function uikitKitTokens(inputs: readonly KitInput[]): Promise<string[]> {
    return page.evaluate((all) => {
      const kit = (
        globalThis as unknown as { ZegoUIKitPrebuilt: { generateKitTokenForProduction(...args: unknown[]): string } }
      ).ZegoUIKitPrebuilt;
      return all.map((input) =>
        kit.generateKitTokenForProduction(input.appId, input.token, input.roomId, input.userId, input.userName),
      );
    }, inputs);
  }

  it("generateKitTokenForProduction's output equals toKitToken's, byte for byte, for many inputs", async () => {
    const token = aliceToken();
    const input = fc.record({
      appId: fc.integer({ min: 1, max: 0xffff_ffff }),
      token: fc.constant(token),
      roomId: zegoId(127),
      userId: zegoId(64),
      userName: fc.oneof(fc.constantFrom(...NAMES), fc.string({ unit: 'grapheme', maxLength: 40 })),
    });
    const inputs = [
      ...NAMES.map((userName) => ({ appId: APP_ID, token, roomId: 'room-1', userId: 'alice', userName })),
      ...fc.sample(input, { numRuns: 300, seed: 22 }),
    ];
    const fromUikit = await uikitKitTokens(inputs);
    inputs.forEach((one, i) => {
      expect(toKitToken(one), JSON.stringify(one)).toBe(fromUikit[i]);
      expect(client.toKitToken(one)).toBe(fromUikit[i]);
      expect(parseKitToken(fromUikit[i] ?? '')).toEqual(one);
    });
    expect(pageErrors).toEqual([]);
  });

  it('where UIKit throws from btoa (an ID above U+00FF), toKitToken throws KIT_TOKEN_INVALID', async () => {
    const token = aliceToken();
    const input = { appId: APP_ID, token, roomId: '会议室', userId: 'alice', userName: 'x' };
    await expect(uikitKitTokens([input])).rejects.toThrow(/btoa|Latin1/i);
    expect(() => toKitToken(input)).toThrow(expect.objectContaining({ code: 'KIT_TOKEN_INVALID' }));
  });

  it('tokens generateKitTokenForTest mints in the page decode with the secret, and say they were minted client-side', async () => {
    const minted = await page.evaluate(
      ({ appId, secret }) => {
        const kit = (
          globalThis as unknown as { ZegoUIKitPrebuilt: { generateKitTokenForTest(...args: unknown[]): string } }
        ).ZegoUIKitPrebuilt;
        return ['alice', 'bob_2', 'carol@example.com'].map((userId, i) => ({
          userId,
          kitToken: kit.generateKitTokenForTest(appId, secret, `room-${i}`, userId, `名前 ${i} 🎉`, 600),
        }));
      },
      { appId: APP_ID, secret: SECRET },
    );
    for (const [i, { userId, kitToken }] of minted.entries()) {
      const claims = decodeToken04(kitToken, SECRET);
      expect(claims).toMatchObject({ appId: APP_ID, userId, mode: 'cbc', looksMintedBy: 'generateKitTokenForTest' });
      expect(claims.expiresAt - claims.issuedAt).toBe(600);
      expect(claims.kit).toEqual({
        appId: APP_ID,
        userId,
        roomId: `room-${i}`,
        userName: `名前 ${i} 🎉`,
        mismatches: [],
      });
      expect(verifyToken04(kitToken, { serverSecret: SECRET, appId: APP_ID, userId }).userId).toBe(userId);
    }

    const kitToken = minted[0]?.kitToken ?? '';
    const env = { ...process.env, ZEGO_SERVER_SECRET: SECRET, NO_COLOR: '1' };
    const decoded = spawnSync(process.execPath, [BIN, 'decode', kitToken], { env, encoding: 'utf8' });
    expect(decoded.status).toBe(0);
    expect(decoded.stdout).toMatch(/^UIKit kit token: Token04 \(AES-CBC, legacy\)/);
    expect(decoded.stdout).toMatch(/kit roomID\s+"room-0"/);
    expect(decoded.stdout).toMatch(/minted\s+client-side/);
    expect(decoded.stderr).toMatch(/minted client-side/);
    expect(decoded.stderr).toMatch(/legacy CBC/);
    expect(decoded.stdout + decoded.stderr).not.toContain(SECRET);
    const inspected = spawnSync(process.execPath, [BIN, 'inspect', kitToken, '--json'], { env, encoding: 'utf8' });
    expect(JSON.parse(inspected.stdout).header).toMatchObject({
      mode: 'cbc',
      looksMintedBy: 'generateKitTokenForTest',
      kit: { userId: 'alice', roomId: 'room-0' },
    });
    expect(pageErrors).toEqual([]);
  });
});
