import { describe, expect, it } from 'vitest';
import { expectCodedError } from '../../../../test/support/index.js';
import { HOUR_MS, manualClock, revocationStoreContract, START_MS } from '../../../../test/support/revocation-store.js';
import { createMemoryRevocationStore, createRedisRevocationStore } from './index.js';

revocationStoreContract('createMemoryRevocationStore', async () => {
  const clock = manualClock();
  return { store: createMemoryRevocationStore({ now: clock.now, signOutRetentionMs: 24 * HOUR_MS }), clock };
});

describe('createMemoryRevocationStore', () => {
  it('drops the records with nothing left in them, so that memory does not grow with every user', async () => {
    const clock = manualClock();
    const store = createMemoryRevocationStore({ now: clock.now });
    for (let index = 0; index < 100; index += 1) {
      await store.admit(`user${index}`, { sessionIssuedAt: START_MS, expiresAt: START_MS + HOUR_MS, now: START_MS });
    }
    expect(store.size).toBe(100);
    clock.advance(2 * HOUR_MS);
    await store.get('someone');
    expect(store.size).toBe(0);
  });

  it.each([
    ['a retention that is not a number', { signOutRetentionMs: '1d' }, /signOutRetentionMs must be an integer/],
    ['a retention under a second', { signOutRetentionMs: 10 }, /at least 1000/],
    ['a clock that is not a function', { now: 5 }, /now must be a function/],
  ])('refuses %s at construction', (_name, options, message) => {
    const error = expectCodedError(() => createMemoryRevocationStore(options as never), 'OPTION_INVALID');
    expect(error.message).toMatch(message);
  });

  it.each([
    ['seconds (a JWT iat)', 1_764_547_200, /looks like seconds/],
    ['not a number', 'yesterday', /milliseconds since the epoch/],
    ['NaN', Number.NaN, /milliseconds since the epoch/],
  ])('refuses a sign-out time in %s', async (_name, at, message) => {
    const store = createMemoryRevocationStore();
    await expect(store.signOutEverywhere('alice', at as number)).rejects.toMatchObject({
      code: 'OPTION_INVALID',
      message: expect.stringMatching(message),
    });
  });

  it('takes a Date where a time is asked for', async () => {
    const store = createMemoryRevocationStore({ now: () => START_MS });
    expect((await store.ban('alice', new Date(START_MS + HOUR_MS) as never)).bannedUntil).toBe(START_MS + HOUR_MS);
  });
});

describe('createRedisRevocationStore', () => {
  it('refuses a missing sendCommand at construction, saying what to pass', () => {
    const error = expectCodedError(() => createRedisRevocationStore({} as never), 'OPTION_INVALID');
    expect(error.message).toMatch(/sendCommand must be a function such as \(args\) => client\.sendCommand\(args\)/);
  });

  it('loads its script with EVAL when Redis answers NOSCRIPT, and rejects with what the client threw otherwise', async () => {
    const sent: string[][] = [];
    const store = createRedisRevocationStore({
      now: () => START_MS,
      sendCommand: async (args) => {
        sent.push(args);
        if (args[0] === 'EVALSHA') throw new Error('NOSCRIPT No matching script. Please use EVAL.');
        return ['ok', '', '', ''];
      },
    });
    expect(await store.get('alice')).toEqual({
      signedOutAt: undefined,
      bannedUntil: undefined,
      latestExpiry: undefined,
    });
    expect(sent.map((args) => args[0])).toEqual(['EVALSHA', 'EVAL']);
    const failing = createRedisRevocationStore({
      sendCommand: async () => {
        throw new Error('connect ECONNREFUSED');
      },
    });
    await expect(failing.get('alice')).rejects.toThrow('ECONNREFUSED');
  });
});
