// Construction-time behaviour of the built koa-zego-token: a bad configuration fails at startup, not at
// the first request, and the middleware has a name that reads well in stack traces.
import { zegoToken, zegoTokenHandler } from 'koa-zego-token';
import { describe, expect, it } from 'vitest';
import { APP_ID, expectCodedError, SECRET } from '../../../test/support/index.js';

const good = { appId: APP_ID, serverSecret: SECRET, resolveUser: () => 'alice' };

describe('koa-zego-token options', () => {
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

  it('rejects path and methods on the plain handler, whose route the host decides', () => {
    const misplaced = { path: { ...good, path: '/x' }, methods: { ...good, methods: ['POST'] } };
    for (const [option, options] of Object.entries(misplaced)) {
      const error = expectCodedError(() => zegoTokenHandler(options as never), 'OPTION_INVALID');
      expect(error.message).toContain(`\`${option}\``);
    }
  });

  it('returns named functions', () => {
    expect(zegoToken(good).name).toBe('zegoTokenMiddleware');
    expect(zegoTokenHandler(good).name).toBe('zegoTokenRouteHandler');
  });
});
