// One contract for every revocation store (the memory store in the unit project, the Redis store with
// node-redis and ioredis on a real redis-server): the rules the token route relies on, on the store's
// own clock, which each suite drives.
import { describe, expect, it } from 'vitest';
import type { TokenRevocationStore } from '../../packages/zego-token/src/sign-out/index.js';

export const HOUR_MS = 3_600_000;
/** The stores' clock starts here in every test: 2026-12-01T00:00:00Z. */
export const START_MS = Date.UTC(2026, 11, 1);

/** A clock the test moves by hand. */
export function manualClock(start = START_MS) {
  let time = start;
  return {
    now: () => time,
    advance(ms: number) {
      time += ms;
    },
  };
}

export interface StoreUnderTest {
  store: TokenRevocationStore;
  clock: ReturnType<typeof manualClock>;
}

/** Runs the contract; `create` gives a fresh store (empty) with its clock at `START_MS`, retention 1 day. */
export function revocationStoreContract(name: string, create: () => Promise<StoreUnderTest>): void {
  describe(`${name}: the revocation store contract`, () => {
    const admit = (
      store: TokenRevocationStore,
      userId: string,
      sessionIssuedAt: number,
      expiresAt: number,
      now: number,
    ) => store.admit(userId, { sessionIssuedAt, expiresAt, now });

    it('admits a user it knows nothing of, and keeps the latest expiry it handed out', async () => {
      const { store } = await create();
      expect(await store.get('alice')).toEqual({
        signedOutAt: undefined,
        bannedUntil: undefined,
        latestExpiry: undefined,
      });
      expect(await admit(store, 'alice', START_MS - HOUR_MS, START_MS + HOUR_MS, START_MS)).toEqual({ admitted: true });
      expect(await admit(store, 'alice', START_MS - HOUR_MS, START_MS + 3 * HOUR_MS, START_MS)).toEqual({
        admitted: true,
      });
      expect(await admit(store, 'alice', START_MS - HOUR_MS, START_MS + 2 * HOUR_MS, START_MS)).toEqual({
        admitted: true,
      });
      expect((await store.get('alice')).latestExpiry).toBe(START_MS + 3 * HOUR_MS);
      expect((await store.get('bob')).latestExpiry).toBeUndefined();
    });

    it('signed out everywhere at T: refuses sessions that began before T, admits those that began at T or later', async () => {
      const { store } = await create();
      await admit(store, 'alice', START_MS - HOUR_MS, START_MS + HOUR_MS, START_MS);
      const record = await store.signOutEverywhere('alice', START_MS);
      expect(record).toEqual({ signedOutAt: START_MS, bannedUntil: undefined, latestExpiry: START_MS + HOUR_MS });
      expect(await admit(store, 'alice', START_MS - 1, START_MS + 2 * HOUR_MS, START_MS)).toEqual({
        admitted: false,
        reason: 'signed-out',
        signedOutAt: START_MS,
      });
      // The refused token's expiry is not recorded: it was never handed out.
      expect((await store.get('alice')).latestExpiry).toBe(START_MS + HOUR_MS);
      expect(await admit(store, 'alice', START_MS, START_MS + 2 * HOUR_MS, START_MS)).toEqual({ admitted: true });
      expect(await admit(store, 'bob', START_MS - 1, START_MS + HOUR_MS, START_MS)).toEqual({ admitted: true });
    });

    it('keeps the later of two sign-outs', async () => {
      const { store } = await create();
      await store.signOutEverywhere('alice', START_MS);
      expect((await store.signOutEverywhere('alice', START_MS - HOUR_MS)).signedOutAt).toBe(START_MS);
      expect((await store.signOutEverywhere('alice', START_MS + 1000)).signedOutAt).toBe(START_MS + 1000);
    });

    it('banned until U: refuses every session until U, admits again after U or once unbanned', async () => {
      const { store, clock } = await create();
      await admit(store, 'alice', START_MS, START_MS + 2 * HOUR_MS, START_MS);
      const record = await store.ban('alice', START_MS + HOUR_MS);
      expect(record).toEqual({
        signedOutAt: undefined,
        bannedUntil: START_MS + HOUR_MS,
        latestExpiry: START_MS + 2 * HOUR_MS,
      });
      expect(await admit(store, 'alice', START_MS + 1, START_MS + 2 * HOUR_MS, START_MS)).toEqual({
        admitted: false,
        reason: 'banned',
        bannedUntil: START_MS + HOUR_MS,
      });
      clock.advance(HOUR_MS);
      expect(await admit(store, 'alice', START_MS + 1, START_MS + 3 * HOUR_MS, clock.now())).toEqual({
        admitted: true,
      });
      await store.ban('alice', START_MS + 5 * HOUR_MS);
      expect((await store.unban('alice')).bannedUntil).toBeUndefined();
      expect(await admit(store, 'alice', START_MS + 1, START_MS + 3 * HOUR_MS, clock.now())).toEqual({
        admitted: true,
      });
    });

    it('a later ban replaces an earlier one, shorter or longer; a ban in the past is none', async () => {
      const { store } = await create();
      await store.ban('alice', START_MS + 5 * HOUR_MS);
      expect((await store.ban('alice', START_MS + HOUR_MS)).bannedUntil).toBe(START_MS + HOUR_MS);
      expect((await store.ban('alice', START_MS - 1)).bannedUntil).toBeUndefined();
    });

    it('forgets what no longer counts: a passed expiry, an ended ban, a sign-out past its retention', async () => {
      const { store, clock } = await create();
      await admit(store, 'alice', START_MS, START_MS + HOUR_MS, START_MS);
      await store.ban('alice', START_MS + 2 * HOUR_MS);
      await store.signOutEverywhere('alice', START_MS);
      clock.advance(3 * HOUR_MS);
      expect(await store.get('alice')).toEqual({
        signedOutAt: START_MS,
        bannedUntil: undefined,
        latestExpiry: undefined,
      });
      // The retention (one day here) is how long a sign-out is kept: an older session is admitted after it.
      clock.advance(24 * HOUR_MS);
      expect(await store.get('alice')).toEqual({
        signedOutAt: undefined,
        bannedUntil: undefined,
        latestExpiry: undefined,
      });
      expect(await admit(store, 'alice', START_MS - 1, clock.now() + HOUR_MS, clock.now())).toEqual({ admitted: true });
    });

    it('keeps user IDs apart, whatever characters they hold', async () => {
      const { store } = await create();
      const ids = ['alice', 'alice ', 'a:b', '{x}', '用户', "'--", 'a\\b'];
      for (const [index, id] of ids.entries()) await store.ban(id, START_MS + (index + 1) * HOUR_MS);
      for (const [index, id] of ids.entries())
        expect((await store.get(id)).bannedUntil).toBe(START_MS + (index + 1) * HOUR_MS);
    });

    it('a sign-out racing token requests: every token handed out for an older session is in the latest expiry it reports', async () => {
      const { store } = await create();
      const requests = Array.from({ length: 40 }, (_, index) =>
        admit(store, 'alice', START_MS - 1, START_MS + (index + 1) * 60_000, START_MS).then((admission) => ({
          admission,
          expiresAt: START_MS + (index + 1) * 60_000,
        })),
      );
      const signOut = store.signOutEverywhere('alice', START_MS);
      const [results, record] = await Promise.all([Promise.all(requests), signOut]);
      const admitted = results.filter((result) => result.admission.admitted);
      const refused = results.filter((result) => !result.admission.admitted);
      expect(admitted.length + refused.length).toBe(40);
      // Each request ran wholly before the sign-out (admitted, and counted in what it reported) or wholly after (refused).
      for (const { expiresAt } of admitted) expect(expiresAt).toBeLessThanOrEqual(record.latestExpiry ?? 0);
      for (const { admission } of refused)
        expect(admission).toEqual({ admitted: false, reason: 'signed-out', signedOutAt: START_MS });
    });
  });
}
