// Construction-time behaviour the middleware adapters created at an app's start-up share (Express, Koa),
// run by each adapter's own tests: a bad configuration fails at startup, not at the first request, and
// the functions have names that read well in stack traces. (Hono's, built when a module loads, read
// their options at the first request: packages/hono-zego-token/test/options.test.ts.)
import { afterEach, describe, expect, it, vi } from 'vitest';
import { APP_ID, expectCodedError, SECRET } from './index.js';

/** An adapter's two token-route factories, whatever their framework's types. */
export interface TokenFactories {
  zegoToken: (options: never) => { name: string };
  zegoTokenHandler: (options: never) => { name: string };
}

const good = { appId: APP_ID, serverSecret: SECRET, resolveUser: () => 'alice' };

export function describeConstruction(name: string, { zegoToken, zegoTokenHandler }: TokenFactories): void {
  describe(`${name} options`, () => {
    afterEach(() => {
      vi.unstubAllEnvs();
    });

    it('throws OPTION_INVALID synchronously for a bad configuration', () => {
      const bad: unknown[] = [
        undefined,
        {},
        { ...good, serverSecret: 'too short' },
        { ...good, appId: -1 },
        { ...good, resolveUser: undefined },
        { ...good, unknownOption: true },
      ];
      for (const options of bad) {
        for (const factory of [zegoToken, zegoTokenHandler]) {
          const error = expectCodedError(() => factory(options as never), 'OPTION_INVALID');
          expect(error.message).not.toContain(SECRET);
        }
      }
    });

    it('throws at creation without ZEGO_APP_ID and ZEGO_SERVER_SECRET, naming both (unlike the fetch handler)', () => {
      vi.stubEnv('ZEGO_APP_ID', undefined);
      vi.stubEnv('ZEGO_SERVER_SECRET', undefined);
      for (const factory of [zegoToken, zegoTokenHandler]) {
        const error = expectCodedError(() => factory({ resolveUser: () => 'alice' } as never), 'OPTION_INVALID');
        expect(error.message).toMatch(/ZEGO_APP_ID[\s\S]*ZEGO_SERVER_SECRET/);
      }
    });

    it('rejects path and methods on the plain handler, whose route the host decides', () => {
      const misplaced = { path: { ...good, path: '/x' }, methods: { ...good, methods: ['POST'] } };
      for (const [option, options] of Object.entries(misplaced)) {
        const error = expectCodedError(() => zegoTokenHandler(options as never), 'OPTION_INVALID');
        expect(error.message).toContain(`\`${option}\``);
      }
    });

    it('returns named functions', () => {
      expect(zegoToken(good as never).name).toBe('zegoTokenMiddleware');
      expect(zegoTokenHandler(good as never).name).toBe('zegoTokenRouteHandler');
    });
  });
}
