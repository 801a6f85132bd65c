// The published declarations type-check against Fastify 4's types as well as Fastify 5's (the
// package is built against 5): the plugin with register's prefix, the handler on a route, and a
// request property added by declaration merging, as an auth plugin adds `request.user`.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { typeCheck } from '../../../test/docs/markdown.js';

const APP = `
import Fastify from 'fastify';
import zegoToken, { zegoTokenHandler } from 'fastify-zego-token';

declare module 'fastify' {
  interface FastifyRequest {
    account?: { id: string };
  }
}

const app = Fastify();
await app.register(zegoToken, { prefix: '/api', resolveUser: (request) => request.account?.id });
app.post('/me/zego-token', zegoTokenHandler({ resolveUser: (request, reply) => (reply.statusCode, request.account?.id) }));
// @ts-expect-error: the router's setting, refused by the plugin's type as well as at boot
await app.register(zegoToken, { resolveUser: () => 'a', caseSensitive: false });
export {};
`;

describe.each(['fastify4', 'fastify5'])('the declarations with %s', (alias) => {
  it('type-check a Fastify app that registers the plugin and uses the handler', async () => {
    const types = fileURLToPath(new URL(`../../../node_modules/${alias}/fastify.d.ts`, import.meta.url));
    const folder = `packages/fastify-zego-token/.tmp/types-${alias}`;
    expect(await typeCheck(folder, { 'app.ts': APP }, { paths: { fastify: [types] } })).toBe('');
  }, 120_000);
});
