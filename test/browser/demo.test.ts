// The demo page in a real browser: the Express example on a loopback port, headless Chromium (Debian's
// `chromium` package) driven by playwright-core, and Playwright's clock instead of waiting for tokens to
// age. Outside CI a missing browser skips this file with the reason; in CI (CI set) it fails.
import type { RequestListener } from 'node:http';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { decodeToken04 } from 'zego-token';
import type { ExampleConfig } from '../example-config.js';
import { listen } from '../support/index.js';
import { hasBrowser, launchChromium, MISSING, requireBrowser } from './chromium.js';

/** Every wait in the page is bounded by this (real) time. */
const WAIT_MS = 10_000;
const TOKEN_TTL = 60;

const examplesDir = new URL('../../examples/', import.meta.url);
const load = async <T>(path: string): Promise<T> => (await import(new URL(path, examplesDir).href)) as T;

requireBrowser('test/browser/demo.test.ts', 'the demo page in headless Chromium');

describe.skipIf(!hasBrowser)(
  hasBrowser ? 'the demo page in headless Chromium' : `the demo page in headless Chromium (skipped: ${MISSING})`,
  () => {
    let browser: Browser | undefined;
    let createApp: (config: ExampleConfig) => RequestListener;
    let demo: { DEMO_APP_ID: number; DEMO_SERVER_SECRET: string };
    const contexts: BrowserContext[] = [];

    beforeAll(async () => {
      demo = await load('shared/config.js');
      createApp = (await load<{ createApp: typeof createApp }>('express/src/app.js')).createApp;
      browser = await launchChromium();
    });

    afterEach(async () => {
      // Servers started with listen() close after each test on their own.
      await Promise.all(contexts.splice(0).map((context) => context.close()));
    });

    afterAll(async () => {
      await browser?.close();
    });

    /** The Express example on a loopback port, with a short token lifetime so that renewal comes soon. */
    async function startApp(overrides: Partial<ExampleConfig> = {}): Promise<string> {
      const { url } = await listen(
        createApp({
          appId: demo.DEMO_APP_ID,
          serverSecret: demo.DEMO_SERVER_SECRET,
          tokenTtl: TOKEN_TTL,
          sessionSecret: 'a session secret for the browser test',
          tokenRateLimit: { windowMs: 60_000, limit: 100 },
          ...overrides,
        }),
      );
      return `${url}/`;
    }

    /** A fresh page (own cookies) on Playwright's clock, that fails the test on any uncaught page error. */
    async function openPage(url: string): Promise<{ page: Page; pageErrors: Error[] }> {
      if (!browser) throw new Error('the browser did not start');
      const context = await browser.newContext();
      contexts.push(context);
      context.setDefaultTimeout(WAIT_MS);
      const page = await context.newPage();
      const pageErrors: Error[] = [];
      page.on('pageerror', (error) => pageErrors.push(error));
      // Whatever the Content-Security-Policy refuses is an error too: the page must work under it.
      page.on('console', (message) => {
        if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) {
          pageErrors.push(new Error(message.text()));
        }
      });
      // Before the page loads, so that its timers and Date are the fake ones from the start.
      await page.clock.install();
      await page.goto(url);
      return { page, pageErrors };
    }

    async function signIn(page: Page, userId: string): Promise<string> {
      await page.getByTestId('signed-out').waitFor();
      await page.getByTestId('user-id-input').fill(userId);
      await page.getByTestId('login-button').click();
      await page.getByTestId('signed-in').waitFor();
      await page.getByTestId('renewal-count').filter({ hasText: /^0$/ }).waitFor();
      await page.getByTestId('full-token').filter({ hasText: /^04/ }).waitFor({ state: 'attached' });
      return fullToken(page);
    }

    async function fullToken(page: Page): Promise<string> {
      return (await page.getByTestId('full-token').textContent()) ?? '';
    }

    it('signs in, shows a token for that user with its expiry, and renews it before it expires', async () => {
      const { page, pageErrors } = await openPage(await startApp());
      const first = await signIn(page, 'alice');

      const decoded = decodeToken04(first, demo.DEMO_SERVER_SECRET);
      expect(decoded.userId).toBe('alice');
      expect(decoded.expiresAt - decoded.issuedAt).toBe(TOKEN_TTL);
      expect(await page.getByTestId('current-user').textContent()).toBe('alice');
      // The expiry shown is the one in the token's header.
      expect(await page.getByTestId('expires-at').getAttribute('datetime')).toBe(
        new Date(decoded.expiresAt * 1000).toISOString(),
      );
      expect(await page.getByTestId('countdown').textContent()).toMatch(/^\d+ s$/);
      expect(await page.getByTestId('token').textContent()).toBe(`${first.slice(0, 16)}…${first.slice(-8)}`);
      expect(await page.getByTestId('error').isHidden()).toBe(true);

      // The provider renews 30 s before expiry (half of 60 s): jump past that point.
      await page.clock.fastForward((TOKEN_TTL - 30 + 1) * 1000);
      await page.getByTestId('renewal-count').filter({ hasText: /^1$/ }).waitFor();
      const second = await fullToken(page);
      expect(second).not.toBe(first);
      expect(decodeToken04(second, demo.DEMO_SERVER_SECRET).userId).toBe('alice');
      expect(await page.getByTestId('log').textContent()).toMatch(/Token renewed at/);
      expect(await page.getByTestId('error').isHidden()).toBe(true);

      // And again, a renewal period later.
      await page.clock.fastForward((TOKEN_TTL - 30 + 1) * 1000);
      await page.getByTestId('renewal-count').filter({ hasText: /^2$/ }).waitFor();
      expect(await fullToken(page)).not.toBe(second);
      expect(pageErrors).toEqual([]);
    });

    it('shows "Signed out" when the session ends before a renewal, and signs out with the button', async () => {
      const { page, pageErrors } = await openPage(await startApp());
      await signIn(page, 'bob');
      // The session ends behind the page's back (another tab signs out): the next renewal gets a 401.
      const logout = await page.request.post(new URL('/logout', page.url()).href);
      expect(logout.status()).toBe(204);
      await page.clock.fastForward((TOKEN_TTL - 30 + 1) * 1000);
      await page.getByTestId('error').filter({ hasText: 'Signed out: sign in again' }).waitFor();
      await page.getByTestId('signed-out').waitFor();

      // Signing in again works, and the sign-out button ends it.
      await signIn(page, 'bob');
      await page.getByTestId('logout-button').click();
      await page.getByTestId('signed-out').waitFor();
      await page.getByTestId('notice').filter({ hasText: 'Signed out.' }).waitFor();
      expect(await page.getByTestId('error').isHidden()).toBe(true);
      // A reload stays signed out: the session is gone on the server too.
      await page.reload();
      await page.getByTestId('signed-out').waitFor();
      expect(pageErrors).toEqual([]);
    });

    it('"Sign out everywhere" ends the other page\'s session too: its next renewal says "Signed out"', async () => {
      const url = await startApp();
      const { page: phone, pageErrors: phoneErrors } = await openPage(url);
      const { page: laptop, pageErrors: laptopErrors } = await openPage(url);
      await signIn(phone, 'dana');
      await signIn(laptop, 'dana');

      await laptop.getByTestId('logout-everywhere-button').click();
      await laptop.getByTestId('signed-out').waitFor();
      await laptop.getByTestId('notice').filter({ hasText: 'Signed out on every device (no rooms to leave' }).waitFor();
      expect(await laptop.getByTestId('error').isHidden()).toBe(true);

      // The phone's session was not touched in its cookie jar: the token route refuses it at its next renewal.
      await phone.clock.fastForward((TOKEN_TTL - 30 + 1) * 1000);
      await phone.getByTestId('error').filter({ hasText: 'Signed out: sign in again' }).waitFor();
      await phone.getByTestId('signed-out').waitFor();
      // Signing in again on the phone: tokens again.
      await signIn(phone, 'dana');
      expect(decodeToken04(await fullToken(phone), demo.DEMO_SERVER_SECRET).userId).toBe('dana');
      expect([...phoneErrors, ...laptopErrors]).toEqual([]);
    });

    it('runs under its Content-Security-Policy, which refuses inline scripts', async () => {
      const url = await startApp();
      const { page, pageErrors } = await openPage(url);
      const response = await page.request.get(url);
      expect(response.headers()['content-security-policy']).toMatch(/script-src 'self'/);
      await signIn(page, 'frank');
      // What an injected <script> would do: refused.
      // (A string, run in the page: this file is type-checked without the DOM library.)
      const inlineRan = await page.evaluate(`(() => {
        const script = document.createElement('script');
        script.textContent = 'document.body.dataset.inlineRan = "yes"';
        document.body.append(script);
        return document.body.dataset.inlineRan === 'yes';
      })()`);
      expect(inlineRan).toBe(false);
      // Refusing it is reported; nothing else was.
      await expect.poll(() => pageErrors.length).toBe(1);
      expect(pageErrors[0]?.message).toMatch(/inline script/);
    });

    it('cannot be signed out by a form on another origin of the same site', async () => {
      const appUrl = await startApp();
      const { page, pageErrors } = await openPage(appUrl);
      await signIn(page, 'erin');
      // Another port on the same host is the same site: the SameSite=Lax cookie goes with its POST.
      const attacker = await listen((_req, res) => {
        res.setHeader('Content-Type', 'text/html');
        res.end(
          `<form method="post" action="${new URL('/logout', appUrl).href}"></form>` +
            '<script>document.forms[0].submit()</script>',
        );
      });
      const other = await page.context().newPage();
      const answer = other.waitForResponse(new URL('/logout', appUrl).href);
      await other.goto(attacker.url, { waitUntil: 'commit' });
      expect((await answer).status()).toBe(403);
      // Still signed in, on the server too.
      await page.reload();
      await page.getByTestId('signed-in').waitFor();
      expect(await page.getByTestId('current-user').textContent()).toBe('erin');
      expect(pageErrors).toEqual([]);
    });

    it('shows a 429 from the rate limiter with its retry countdown', async () => {
      const { page, pageErrors } = await openPage(await startApp({ tokenRateLimit: { windowMs: 60_000, limit: 1 } }));
      await signIn(page, 'carol');
      await page.getByTestId('renew-button').click();
      const error = page.getByTestId('error').filter({ hasText: /^Too many requests, retrying in \d+ s$/ });
      await error.waitFor();
      expect(await page.getByTestId('log').textContent()).toMatch(/Too many requests; retrying in \d+ s/);
      expect(pageErrors).toEqual([]);
    });

    it('shows a network error, retries, and recovers', async () => {
      const { page, pageErrors } = await openPage(await startApp());
      const first = await signIn(page, 'dave');
      await page.route('**/api/zego/token', (route) => route.abort('connectionrefused'));
      await page.getByTestId('renew-button').click();
      await page
        .getByTestId('error')
        .filter({ hasText: /^Network error: the token route cannot be reached, retrying in \d+ s$/ })
        .waitFor();
      await page.unroute('**/api/zego/token');
      await page.clock.fastForward(11_000);
      await page.getByTestId('renewal-count').filter({ hasText: /^1$/ }).waitFor();
      expect(await fullToken(page)).not.toBe(first);
      await page.getByTestId('error').waitFor({ state: 'hidden' });
      expect(pageErrors).toEqual([]);
    });
  },
);
