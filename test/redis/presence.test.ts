// The Redis room presence store on a real redis-server, through both clients apps use (node-redis and
// ioredis): the store contract, callbacks delivered in any order (fast-check), what it leaves in Redis
// (expiring keys), two app instances applying one room's callbacks at once, and failing loudly while
// Redis is gone.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRedisRoomPresenceStore } from 'zego-token/sign-out';
import {
  checkDeliveryOrder,
  events,
  HOUR_MS,
  manualClock,
  roomPresenceStoreContract,
  START_MS,
  session,
  stateOf,
  stateOfWorld,
  worldArbitrary,
} from '../support/presence-store.js';
import { CLIENTS } from './clients.js';
import { hasRedis, inCI, MISSING_REDIS, startRedis } from './redis-server.js';

describe.skipIf(!hasRedis && !inCI)(
  `the Redis room presence store${hasRedis ? '' : ` (skipped: ${MISSING_REDIS})`}`,
  () => {
    for (const [name, connect] of Object.entries(CLIENTS)) {
      roomPresenceStoreContract(`createRedisRoomPresenceStore through ${name}`, async () => {
        const redis = await startRedis();
        const clock = manualClock();
        const sendCommand = await connect(redis.url);
        return {
          store: createRedisRoomPresenceStore({ sendCommand, now: clock.now, retentionMs: 24 * HOUR_MS }),
          clock,
        };
      });

      it(`through ${name}: delivered in any order, the callbacks of a history leave the state the history ends in (fast-check)`, async () => {
        const redis = await startRedis();
        const sendCommand = await connect(redis.url);
        let stores = 0;
        // A fresh store per history: its own prefix on the one server.
        await checkDeliveryOrder(
          async () => createRedisRoomPresenceStore({ sendCommand, prefix: `run${++stores}:`, now: () => START_MS }),
          40,
        );
      }, 60_000);
    }

    it('keeps one hash per room and one set per user under its prefix, each expiring a retention after its last update', async () => {
      const redis = await startRedis();
      const send = await CLIENTS['node-redis'](redis.url);
      const store = createRedisRoomPresenceStore({
        sendCommand: send,
        prefix: 'app:presence:',
        retentionMs: 2 * HOUR_MS,
      });
      const now = Date.now();
      await store.apply(events.login({ roomId: 'r1', roomSeq: '7', userId: 'alice', sessionId: '9', loginTime: now }));
      await store.apply(events.enter('z1', 'alice', now));
      expect(((await send(['KEYS', '*'])) as string[]).sort()).toEqual([
        'app:presence:rtc:r1',
        'app:presence:user:alice',
        'app:presence:zim:z1',
      ]);
      for (const key of ['app:presence:rtc:r1', 'app:presence:user:alice', 'app:presence:zim:z1']) {
        const ttl = Number(await send(['PTTL', key]));
        expect(ttl, key).toBeGreaterThan(2 * HOUR_MS - 60_000);
        expect(ttl, key).toBeLessThanOrEqual(2 * HOUR_MS);
      }
    });

    it("two app instances applying one room's callbacks at once, in any order, reach the history's end state", async () => {
      const redis = await startRedis();
      const a = createRedisRoomPresenceStore({ sendCommand: await CLIENTS['node-redis'](redis.url) });
      const b = createRedisRoomPresenceStore({ sendCommand: await CLIENTS.ioredis(redis.url) });
      const [world] = fc.sample(
        worldArbitrary.filter((played) => played.events.length > 30),
        { numRuns: 1, seed: 21 },
      );
      if (world === undefined) throw new Error('no history');
      await Promise.all(world.events.map((event, index) => (index % 2 === 0 ? a : b).apply(event)));
      expect(await stateOf(a)).toEqual(stateOfWorld(world));
      expect(await stateOf(b)).toEqual(stateOfWorld(world));
    });

    it('rejects while Redis is gone, rather than answering an empty list', async () => {
      const redis = await startRedis();
      const store = createRedisRoomPresenceStore({ sendCommand: await CLIENTS.ioredis(redis.url) });
      await store.apply(events.login(session('r1', '7', 'alice', '9', 0)));
      await redis.stop();
      await expect(store.roomsOf('alice')).rejects.toThrow();
      await expect(store.apply(events.enter('z1', 'alice', START_MS))).rejects.toThrow();
    });
  },
);
