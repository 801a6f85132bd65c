// The Redis revocation store on a real redis-server, through both clients apps use (node-redis and
// ioredis): the store contract, what it leaves in Redis (one expiring hash per user), and the token
// route of two app instances sharing one Redis, failing closed while Redis is gone.
import { describe, expect, it } from 'vitest';
import { createFetchHandler, decodeToken04 } from 'zego-token';
import { createRedisRevocationStore } from 'zego-token/sign-out';
import { SECRET } from '../support/index.js';
import { HOUR_MS, manualClock, revocationStoreContract } from '../support/revocation-store.js';
import { CLIENTS } from './clients.js';
import { hasRedis, inCI, MISSING_REDIS, startRedis } from './redis-server.js';

const { ioredis: connectIoredis, 'node-redis': connectNodeRedis } = CLIENTS;

describe.skipIf(!hasRedis && !inCI)(
  `the Redis revocation store${hasRedis ? '' : ` (skipped: ${MISSING_REDIS})`}`,
  () => {
    for (const [name, connect] of Object.entries(CLIENTS)) {
      revocationStoreContract(`createRedisRevocationStore through ${name}`, async () => {
        const redis = await startRedis();
        const clock = manualClock();
        const sendCommand = await connect(redis.url);
        return {
          store: createRedisRevocationStore({ sendCommand, now: clock.now, signOutRetentionMs: 24 * HOUR_MS }),
          clock,
        };
      });
    }

    it('keeps one hash per user under its prefix, expiring when the last thing in it stops counting', async () => {
      const redis = await startRedis();
      const send = await connectNodeRedis(redis.url);
      const now = Date.now();
      const store = createRedisRevocationStore({
        sendCommand: send,
        prefix: 'app:rev:',
        signOutRetentionMs: 2 * HOUR_MS,
      });
      await store.admit('alice', { sessionIssuedAt: now, expiresAt: now + HOUR_MS, now });
      await store.signOutEverywhere('alice', now);
      expect(await send(['KEYS', '*'])).toEqual(['app:rev:alice']);
      expect(await send(['HGETALL', 'app:rev:alice'])).toEqual({ s: String(now), e: String(now + HOUR_MS) });
      const ttl = Number(await send(['PTTL', 'app:rev:alice']));
      expect(ttl).toBeGreaterThan(2 * HOUR_MS - 60_000);
      expect(ttl).toBeLessThanOrEqual(2 * HOUR_MS);
    });

    it('two app instances on one Redis: a sign-out through one is refused by the other at once; with Redis stopped both answer 503, never a token', async () => {
      const redis = await startRedis();
      const sessionIssuedAt = Date.now() - HOUR_MS;
      const instance = async () => {
        const store = createRedisRevocationStore({ sendCommand: await connectIoredis(redis.url) });
        const handler = createFetchHandler({
          appId: 1,
          serverSecret: SECRET,
          resolveUser: () => ({ userId: 'alice', sessionIssuedAt }),
          revocation: store,
        });
        return { store, ask: async () => handler(new Request('http://127.0.0.1/zego/token')) };
      };
      const a = await instance();
      const b = await instance();
      const minted = await a.ask();
      expect(minted.status).toBe(200);
      const { token, expiresAt } = (await minted.json()) as { token: string; expiresAt: number };
      expect(decodeToken04(token, SECRET).userId).toBe('alice');

      // B signs alice out and learns how long A's token can still be used at ZEGO.
      const record = await b.store.signOutEverywhere('alice', Date.now());
      expect(record.latestExpiry).toBe(expiresAt * 1000);
      const refused = await a.ask();
      expect(refused.status).toBe(401);
      expect(await refused.json()).toEqual({
        error: { code: 'SESSION_REVOKED', message: 'This session was signed out everywhere: sign in again' },
      });

      await redis.stop();
      for (const side of [a, b]) {
        const answer = await side.ask();
        expect(answer.status).toBe(503);
        const text = await answer.text();
        expect(JSON.parse(text)).toEqual({ error: { code: 'REVOCATION_UNAVAILABLE', message: 'Service Unavailable' } });
      }
    });
  },
);
