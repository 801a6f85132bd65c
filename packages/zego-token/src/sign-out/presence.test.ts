import { describe, expect, it } from 'vitest';
import { expectCodedError } from '../../../../test/support/index.js';
import {
  checkDeliveryOrder,
  events,
  HOUR_MS,
  manualClock,
  roomPresenceStoreContract,
  START_MS,
  session,
} from '../../../../test/support/presence-store.js';
import { createMemoryRoomPresenceStore, createRedisRoomPresenceStore } from './index.js';

roomPresenceStoreContract('createMemoryRoomPresenceStore', async () => {
  const clock = manualClock();
  return { store: createMemoryRoomPresenceStore({ now: clock.now, retentionMs: 24 * HOUR_MS }), clock };
});

describe('createMemoryRoomPresenceStore', () => {
  it('delivered in any order, the callbacks of a history leave the state the history ends in (fast-check)', async () => {
    await checkDeliveryOrder(async () => createMemoryRoomPresenceStore({ now: () => START_MS }), 300);
  });

  it('drops the records past their retention, so that memory does not grow with every room and user', async () => {
    const clock = manualClock();
    const store = createMemoryRoomPresenceStore({ now: clock.now, retentionMs: HOUR_MS });
    for (let index = 0; index < 100; index += 1) {
      await store.apply(events.login(session(`room${index}`, '1', `user${index}`, '1', 0)));
      await store.apply(events.enter(`room${index}`, `user${index}`, START_MS));
    }
    expect(store.size).toBe(300);
    clock.advance(2 * HOUR_MS);
    expect(await store.usersIn('rtc', 'room0')).toEqual([]);
    expect(store.size).toBe(0);
  });

  it('answers usersIn for rtc and zim only', async () => {
    const store = createMemoryRoomPresenceStore();
    await expect(store.usersIn('rtm' as never, 'r1')).rejects.toMatchObject({ code: 'OPTION_INVALID' });
  });

  it('defaults to a retention of 24 hours', async () => {
    const clock = manualClock();
    const store = createMemoryRoomPresenceStore({ now: clock.now });
    await store.apply(events.login(session('r1', '1', 'alice', '1', 0)));
    clock.advance(24 * HOUR_MS - 1);
    expect(await store.roomsOf('alice')).toEqual({ rtc: ['r1'], zim: [] });
    clock.advance(1);
    expect(await store.roomsOf('alice')).toEqual({ rtc: [], zim: [] });
  });

  it.each([
    ['a retention that is not a number', { retentionMs: '1d' }, /retentionMs must be an integer/],
    ['a retention under a second', { retentionMs: 10 }, /at least 1000/],
    ['a clock that is not a function', { now: 5 }, /now must be a function/],
    ['options that are not an object', null, /options must be an object/],
  ])('refuses %s at construction', (_name, options, message) => {
    const error = expectCodedError(() => createMemoryRoomPresenceStore(options as never), 'OPTION_INVALID');
    expect(error.message).toMatch(message);
  });
});

describe('createRedisRoomPresenceStore', () => {
  it('refuses a missing sendCommand and a bad retention at construction, saying what to pass', () => {
    const error = expectCodedError(() => createRedisRoomPresenceStore({} as never), 'OPTION_INVALID');
    expect(error.message).toMatch(/sendCommand must be a function such as \(args\) => client\.sendCommand\(args\)/);
    const retention = expectCodedError(
      () => createRedisRoomPresenceStore({ sendCommand: async () => 'applied', retentionMs: -1 }),
      'OPTION_INVALID',
    );
    expect(retention.message).toMatch(/createRedisRoomPresenceStore: retentionMs/);
  });

  it('sends one script per event, on the room and the user keys, and ignores non-presence events without a command', async () => {
    const sent: string[][] = [];
    const store = createRedisRoomPresenceStore({
      prefix: 'app:',
      now: () => START_MS,
      sendCommand: async (args) => {
        sent.push(args);
        return 'applied';
      },
    });
    expect(await store.apply(events.login(session('r1', '7', 'alice', '9', 0)))).toBe('applied');
    expect(sent).toHaveLength(1);
    expect(sent[0]?.slice(0, 1)).toEqual(['EVALSHA']);
    expect(sent[0]?.slice(2, 5)).toEqual(['2', 'app:rtc:r1', 'app:user:alice']);
    expect(await store.apply({ product: 'unknown', event: 'x', raw: {} })).toBe('ignored');
    expect(sent).toHaveLength(1);
  });

  it('rejects with what the client threw, and on a reply that is not its own', async () => {
    const failing = createRedisRoomPresenceStore({
      sendCommand: async () => {
        throw new Error('connect ECONNREFUSED');
      },
    });
    await expect(failing.roomsOf('alice')).rejects.toThrow('ECONNREFUSED');
    const odd = createRedisRoomPresenceStore({ sendCommand: async () => 'OK' });
    await expect(odd.apply(events.enter('z1', 'alice', START_MS))).rejects.toThrow(/presence script answered/);
  });
});
