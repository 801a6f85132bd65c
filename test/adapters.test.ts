// Construction-time behaviour of the adapters: a bad configuration fails at startup, not at the
// first request, and the middleware has a name that reads well in stack traces.
import * as expressAdapter from 'express-zego-token';
import * as koaAdapter from 'koa-zego-token';
import { describe, expect, it } from 'vitest';
import { APP_ID, expectCodedError, SECRET } from './support/index.js';

const good = { appId: APP_ID, serverSecret: SECRET, resolveUser: () => 'alice' };

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
        const error = expectCodedError(() => factory(options as never), 'OPTION_INVALID');
        expect(error.message).not.toContain(SECRET);
      }
    }
  });

  it('rejects path and methods on the plain handler, whose route the host decides', () => {
    const misplaced = { path: { ...good, path: '/x' }, methods: { ...good, methods: ['POST'] } };
    for (const [option, options] of Object.entries(misplaced)) {
      const error = expectCodedError(() => adapter.zegoTokenHandler(options as never), 'OPTION_INVALID');
      expect(error.message).toContain(`\`${option}\``);
    }
  });

  it('returns named functions', () => {
    expect(adapter.zegoToken(good).name).toBe('zegoTokenMiddleware');
    expect(adapter.zegoTokenHandler(good).name).toBe('zegoTokenRouteHandler');
  });
});
