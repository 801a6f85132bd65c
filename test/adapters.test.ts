// Construction-time behaviour of the adapters: a bad configuration fails at startup, not at the
// first request, and the middleware has a name that reads well in stack traces.
import * as expressAdapter from 'express-zego-token';
import * as koaAdapter from 'koa-zego-token';
import { describe, expect, it } from 'vitest';
import { isZegoTokenError } from 'zego-token';

const SECRET = 'fa94dd0f974cf2e293728a526b028271';
const good = { appId: 1, serverSecret: SECRET, resolveUser: () => 'alice' };

describe.each([
  ['express-zego-token', expressAdapter],
  ['koa-zego-token', koaAdapter],
] as const)('%s', (_name, adapter) => {
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
      for (const factory of [adapter.zegoToken, adapter.zegoTokenHandler]) {
        let caught: unknown;
        try {
          factory(options as never);
        } catch (error) {
          caught = error;
        }
        expect(isZegoTokenError(caught) && caught.code).toBe('OPTION_INVALID');
        expect(String((caught as Error).message)).not.toContain(SECRET);
      }
    }
  });

  it('rejects path and methods on the plain handler, whose route the host decides', () => {
    expect(() => adapter.zegoTokenHandler({ ...good, path: '/x' } as never)).toThrow(/`path`/);
    expect(() => adapter.zegoTokenHandler({ ...good, methods: ['POST'] } as never)).toThrow(/`methods`/);
  });

  it('returns named functions', () => {
    expect(adapter.zegoToken(good).name).toBe('zegoTokenMiddleware');
    expect(adapter.zegoTokenHandler(good).name).toBe('zegoTokenRouteHandler');
  });
});
