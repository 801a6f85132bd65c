// One contract for every room presence store (the memory store in the unit project, the Redis store
// with node-redis and ioredis on a real redis-server), and one property: a history of logins, logouts,
// re-logins, rooms closing and being created again, delivered in any order, leaves the store in the
// state the history ends in. The events are ZEGO's documented example bodies, parsed, with the fields
// the history sets; the algorithm is ZEGO's (solution/maintain-the-room-user-list.mdx, see presence.ts).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CALLBACK_EXAMPLES } from '../../packages/zego-token/src/callback/events/examples.js';
import { parseZegoCallback, type ZegoCallbackEvent } from '../../packages/zego-token/src/callback/events/parse.js';
import type {
  RtcRoomCloseEvent,
  RtcRoomCreateEvent,
  RtcRoomLoginEvent,
  RtcRoomLogoutEvent,
} from '../../packages/zego-token/src/callback/events/rtc.js';
import type { CallbackExample } from '../../packages/zego-token/src/callback/events/types.js';
import type {
  ZimRoomDestroyEvent,
  ZimRoomEnterEvent,
  ZimRoomExitEvent,
} from '../../packages/zego-token/src/callback/events/zim.js';
import type { RoomPresenceStore } from '../../packages/zego-token/src/sign-out/index.js';
import { HOUR_MS, manualClock, START_MS } from './revocation-store.js';

export { HOUR_MS, manualClock, START_MS };

/** A documented example body, parsed to its typed event. */
const parseExample = (found: CallbackExample): ZegoCallbackEvent =>
  parseZegoCallback(
    found.contentType === 'application/json' ? found.text : Object.fromEntries(new URLSearchParams(found.text)),
  );

/** ZEGO's documented body of an event, parsed to its typed event. */
function example<E extends ZegoCallbackEvent>(product: string, event: string): E {
  const found = CALLBACK_EXAMPLES.find((candidate) => candidate.product === product && candidate.event === event);
  if (found === undefined) throw new Error(`no documented example of ${product} ${event}`);
  return parseExample(found) as E;
}

const LOGIN = example<RtcRoomLoginEvent>('rtc', 'room_login');
const LOGOUT = example<RtcRoomLogoutEvent>('rtc', 'room_logout');
const CREATE = example<RtcRoomCreateEvent>('rtc', 'room_create');
const CLOSE = example<RtcRoomCloseEvent>('rtc', 'room_close');
const ENTER = example<ZimRoomEnterEvent>('zim', 'room_enter');
const EXIT = example<ZimRoomExitEvent>('zim', 'room_exit');
const DESTROY = example<ZimRoomDestroyEvent>('zim', 'room_destroy');

/** One RTC session: who, where, in which room lifetime, and when it began. */
export interface Session {
  roomId: string;
  roomSeq: string;
  userId: string;
  sessionId: string;
  loginTime: number;
}

/** The typed callbacks of ZEGO's RTC and ZIM room events, from the fields presence reads. */
export const events = {
  login: (s: Session): RtcRoomLoginEvent => ({ ...LOGIN, ...s, userAccount: s.userId }),
  logout: (s: Session, logoutTime: number): RtcRoomLogoutEvent => ({
    ...LOGOUT,
    ...s,
    userAccount: s.userId,
    logoutTime,
  }),
  create: (roomId: string, roomSessionId: string, roomCreateTime: number): RtcRoomCreateEvent => ({
    ...CREATE,
    roomId,
    roomSessionId,
    roomCreateTime,
  }),
  close: (roomId: string, roomSessionId: string, roomCloseTime: number): RtcRoomCloseEvent => ({
    ...CLOSE,
    roomId,
    roomSessionId,
    roomCloseTime,
  }),
  enter: (roomId: string, userId: string, timestamp: number): ZimRoomEnterEvent => ({
    ...ENTER,
    roomId,
    operatorAccount: userId,
    timestamp,
  }),
  exit: (roomId: string, userIds: string[], timestamp: number): ZimRoomExitEvent => ({
    ...EXIT,
    roomId,
    operatorAccount: userIds[0] ?? '',
    exitUserIds: userIds,
    timestamp,
  }),
  destroy: (roomId: string, userIds: string[], timestamp: number): ZimRoomDestroyEvent => ({
    ...DESTROY,
    roomId,
    userIds,
    timestamp,
  }),
};

/** A session of `userId` in `roomId` (lifetime `roomSeq`), logged in at START_MS + `at`. */
export const session = (roomId: string, roomSeq: string, userId: string, sessionId: string, at: number): Session => ({
  roomId,
  roomSeq,
  userId,
  sessionId,
  loginTime: START_MS + at,
});

export interface PresenceStoreUnderTest {
  store: RoomPresenceStore;
  clock: ReturnType<typeof manualClock>;
}

/** Runs the contract; `create` gives a fresh, empty store with its clock at `START_MS` and a retention of 1 day. */
export function roomPresenceStoreContract(name: string, create: () => Promise<PresenceStoreUnderTest>): void {
  describe(`${name}: the room presence store contract`, () => {
    it("ZEGO's own example: c1 (u1 in), c2 (u2 in), c3 (u1 out), c4 (u1 in again) arrive as c1, c4, c2, c3, and u1 is still in r1", async () => {
      const { store } = await create();
      const first = session('r1', '858012925204410400', 'u1', '100', 1000);
      const second = session('r1', '858012925204410400', 'u1', '101', 4000);
      const c1 = events.login(first);
      const c2 = events.login(session('r1', '858012925204410400', 'u2', '200', 2000));
      const c3 = events.logout(first, START_MS + 3000);
      const c4 = events.login(second);
      expect([await store.apply(c1), await store.apply(c4), await store.apply(c2), await store.apply(c3)]).toEqual([
        'applied',
        'applied',
        'applied',
        'stale',
      ]);
      expect(await store.usersIn('rtc', 'r1')).toEqual(['u1', 'u2']);
      expect(await store.roomsOf('u1')).toEqual({ rtc: ['r1'], zim: [] });
    });

    it('a logout that arrives before its login ends the session: the late login is stale', async () => {
      const { store } = await create();
      const alice = session('r1', '7', 'alice', '100', 1000);
      expect(await store.apply(events.logout(alice, START_MS + 5000))).toBe('applied');
      expect(await store.apply(events.login(alice))).toBe('stale');
      expect(await store.usersIn('rtc', 'r1')).toEqual([]);
      expect(await store.roomsOf('alice')).toEqual({ rtc: [], zim: [] });
      // A later session of hers counts again; a repeat of a callback that counted is applied again.
      const again = session('r1', '7', 'alice', '101', 6000);
      expect(await store.apply(events.login(again))).toBe('applied');
      expect(await store.apply(events.login(again))).toBe('applied');
      expect(await store.roomsOf('alice')).toEqual({ rtc: ['r1'], zim: [] });
    });

    it('a room created again: its new lifetime (room_seq) supersedes every session of the old, whichever arrives first', async () => {
      for (const newFirst of [false, true]) {
        const { store } = await create();
        // The old lifetime's IDs are larger: lifetimes are ordered by their times, as ZEGO's flowcharts do.
        const old = [
          session('r1', '9000000000000000001', 'u1', '1', 1000),
          session('r1', '9000000000000000001', 'u2', '2', 2000),
        ];
        const fresh = session('r1', '42', 'u3', '3', 10_000);
        const oldEvents = [events.create('r1', '9000000000000000001', START_MS), ...old.map(events.login)];
        const newEvents = [events.create('r1', '42', START_MS + 9000), events.login(fresh)];
        const order = newFirst ? [...newEvents, ...oldEvents] : [...oldEvents, ...newEvents];
        const results = [];
        for (const event of order) results.push(await store.apply(event));
        expect(results).toEqual(
          newFirst ? ['applied', 'applied', 'stale', 'stale', 'stale'] : order.map(() => 'applied'),
        );
        expect(await store.usersIn('rtc', 'r1')).toEqual(['u3']);
        expect(await store.roomsOf('u1')).toEqual({ rtc: [], zim: [] });
        expect(await store.roomsOf('u3')).toEqual({ rtc: ['r1'], zim: [] });
      }
    });

    it('room_close ends every session of its lifetime, and a login of that lifetime arriving after it is stale', async () => {
      const { store } = await create();
      await store.apply(events.login(session('r1', '5', 'u1', '1', 1000)));
      await store.apply(events.login(session('r2', '6', 'u1', '2', 1500)));
      expect(await store.apply(events.close('r1', '5', START_MS + 3000))).toBe('applied');
      expect(await store.apply(events.login(session('r1', '5', 'u2', '3', 2000)))).toBe('stale');
      expect(await store.usersIn('rtc', 'r1')).toEqual([]);
      expect(await store.roomsOf('u1')).toEqual({ rtc: ['r2'], zim: [] });
      // A close of an older lifetime changes nothing; the room opened again counts.
      await store.apply(events.login(session('r1', '8', 'u2', '4', 5000)));
      expect(await store.apply(events.close('r1', '5', START_MS + 3000))).toBe('stale');
      expect(await store.usersIn('rtc', 'r1')).toEqual(['u2']);
    });

    it('ZIM rooms: the latest of enter, exit and destroy wins per user, whatever the order; at equal timestamps an enter wins', async () => {
      const { store } = await create();
      const second = (n: number) => START_MS + n * 1000;
      expect(await store.apply(events.exit('z1', ['u1', 'u2'], second(2)))).toBe('applied');
      expect(await store.apply(events.enter('z1', 'u1', second(1)))).toBe('stale');
      expect(await store.apply(events.enter('z1', 'u2', second(3)))).toBe('applied');
      expect(await store.apply(events.enter('z1', 'u3', second(3)))).toBe('applied');
      expect(await store.apply(events.exit('z1', ['u3'], second(3)))).toBe('stale');
      expect(await store.usersIn('zim', 'z1')).toEqual(['u2', 'u3']);
      expect(await store.roomsOf('u2')).toEqual({ rtc: [], zim: ['z1'] });
      expect(await store.apply(events.destroy('z1', ['u2', 'u3'], second(5)))).toBe('applied');
      expect(await store.apply(events.enter('z1', 'u4', second(4)))).toBe('stale');
      expect(await store.usersIn('zim', 'z1')).toEqual([]);
      expect(await store.apply(events.enter('z1', 'u2', second(6)))).toBe('applied');
      expect(await store.roomsOf('u2')).toEqual({ rtc: [], zim: ['z1'] });
    });

    it('ignores every event that is not about presence, and changes nothing', async () => {
      const { store } = await create();
      const ignored = CALLBACK_EXAMPLES.map(parseExample).filter(
        (event) =>
          ![
            'room_login',
            'room_logout',
            'room_create',
            'room_close',
            'room_enter',
            'room_exit',
            'room_destroy',
          ].includes(event.event),
      );
      expect(ignored.length).toBeGreaterThan(10);
      for (const event of ignored) expect(await store.apply(event)).toBe('ignored');
      expect(await store.apply(parseZegoCallback({ event: 'room_login_v2', room_id: 'r1' }))).toBe('ignored');
      expect(await store.roomsOf(LOGIN.userAccount)).toEqual({ rtc: [], zim: [] });
    });

    it('lists every room of a user, per product and sorted, and keeps IDs apart whatever characters they hold', async () => {
      const { store } = await create();
      const rooms = ['room-b', 'a:b', '{x}', '房间', 'room-a'];
      for (const [index, roomId] of rooms.entries()) {
        await store.apply(events.login(session(roomId, '1', 'user:1', String(index + 1), 1000)));
        await store.apply(events.enter(roomId, 'user:1', START_MS));
      }
      await store.apply(events.login(session('other', '1', 'user', '9', 1000)));
      const expected = [...rooms].sort();
      expect(await store.roomsOf('user:1')).toEqual({ rtc: expected, zim: expected });
      expect(await store.roomsOf('user')).toEqual({ rtc: ['other'], zim: [] });
      expect(await store.usersIn('rtc', 'a:b')).toEqual(['user:1']);
    });

    it('forgets a record once the retention has passed since its last update: a tombstone, a presence whose logout was lost', async () => {
      const { store, clock } = await create();
      const alice = session('r1', '1', 'alice', '1', 1000);
      await store.apply(events.logout(alice, START_MS + 2000));
      await store.apply(events.login(session('r2', '1', 'bob', '2', 1000)));
      clock.advance(23 * HOUR_MS);
      expect(await store.apply(events.login(alice))).toBe('stale');
      expect(await store.roomsOf('bob')).toEqual({ rtc: ['r2'], zim: [] });
      clock.advance(2 * HOUR_MS);
      expect(await store.roomsOf('bob')).toEqual({ rtc: [], zim: [] });
      expect(await store.usersIn('rtc', 'r2')).toEqual([]);
      // Past the retention the tombstone is gone: the late login counts (the price of bounded memory).
      expect(await store.apply(events.login(alice))).toBe('applied');
    });

    it("refuses an event whose fields are not ZEGO's (a hand-built event), naming the field", async () => {
      const { store } = await create();
      const bad = { ...events.login(session('r1', '1', 'u1', '1', 0)), roomSeq: 12 } as unknown as ZegoCallbackEvent;
      await expect(store.apply(bad)).rejects.toMatchObject({
        code: 'CALLBACK_EVENT_INVALID',
        message: expect.stringMatching(/roomSeq/),
      });
    });
  });
}

// The property: a world of a few users and rooms, acted on step by step; what the world emits, delivered
// in any order, leaves the store with who is where when the world stops.
const USERS = ['u1', 'u2', 'u3'];
const ROOMS = ['r1', 'r2'];

type Action =
  | { type: 'login'; user: number; room: number; announceOldLogout: boolean }
  | { type: 'logout'; user: number; room: number }
  | { type: 'close'; room: number; logoutEveryone: boolean }
  | { type: 'enter'; user: number; room: number }
  | { type: 'exit'; users: number[]; room: number }
  | { type: 'destroy'; room: number };

const user = fc.nat({ max: USERS.length - 1 });
const room = fc.nat({ max: ROOMS.length - 1 });
const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ type: fc.constant('login'), user, room, announceOldLogout: fc.boolean() }) },
  { weight: 3, arbitrary: fc.record({ type: fc.constant('logout'), user, room }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('close'), room, logoutEveryone: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('enter'), user, room }) },
  {
    weight: 1,
    arbitrary: fc.record({ type: fc.constant('exit'), users: fc.uniqueArray(user, { minLength: 1 }), room }),
  },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('destroy'), room }) },
);

export interface World {
  events: ZegoCallbackEvent[];
  rtc: Map<string, Set<string>>;
  zim: Map<string, Set<string>>;
}

/** Plays the actions, each at a strictly later time; returns what ZEGO would emit and who is where at the end. */
export function play(actions: readonly Action[], gaps: readonly number[]): World {
  const emitted: ZegoCallbackEvent[] = [];
  let time = START_MS;
  let step = 0;
  let ids = 0;
  // 64-bit IDs in no order (a room created again may get a smaller room_seq), some shorter than others.
  const nextId = () => String((BigInt(++ids) * 7_046_029_254_386_353_131n) % 10n ** BigInt(12 + (ids % 8)));
  const tick = () => {
    time += gaps[step++ % gaps.length] ?? 1;
    return time;
  };
  const lifetimes = new Map<string, { seq: string; sessions: Map<string, Session> }>();
  const zim = new Map<string, Set<string>>(ROOMS.map((roomId) => [roomId, new Set()]));
  for (const act of actions) {
    const roomId = ROOMS[act.room] as string;
    if (act.type === 'login') {
      const userId = USERS[act.user] as string;
      let lifetime = lifetimes.get(roomId);
      if (lifetime === undefined) {
        lifetime = { seq: nextId(), sessions: new Map() };
        lifetimes.set(roomId, lifetime);
        emitted.push(events.create(roomId, lifetime.seq, tick()));
      }
      const old = lifetime.sessions.get(userId);
      const fresh = { roomId, roomSeq: lifetime.seq, userId, sessionId: nextId(), loginTime: tick() };
      lifetime.sessions.set(userId, fresh);
      emitted.push(events.login(fresh));
      // A re-login: ZEGO may report the old session's end (reason 3) just after.
      if (old !== undefined && act.announceOldLogout) emitted.push(events.logout(old, tick()));
    } else if (act.type === 'logout') {
      const lifetime = lifetimes.get(roomId);
      const current = lifetime?.sessions.get(USERS[act.user] as string);
      if (lifetime === undefined || current === undefined) continue;
      lifetime.sessions.delete(current.userId);
      emitted.push(events.logout(current, tick()));
      if (lifetime.sessions.size === 0) {
        emitted.push(events.close(roomId, lifetime.seq, tick()));
        lifetimes.delete(roomId);
      }
    } else if (act.type === 'close') {
      const lifetime = lifetimes.get(roomId);
      if (lifetime === undefined) continue;
      if (act.logoutEveryone)
        for (const current of lifetime.sessions.values()) emitted.push(events.logout(current, tick()));
      emitted.push(events.close(roomId, lifetime.seq, tick()));
      lifetimes.delete(roomId);
    } else {
      // ZIM stamps its callbacks in seconds: one step per second keeps the history's order in them.
      const members = zim.get(roomId) as Set<string>;
      time = Math.ceil((time + 1) / 1000) * 1000;
      if (act.type === 'enter') {
        members.add(USERS[act.user] as string);
        emitted.push(events.enter(roomId, USERS[act.user] as string, time));
      } else if (act.type === 'exit') {
        const leaving = act.users.map((index) => USERS[index] as string).filter((userId) => members.has(userId));
        if (leaving.length === 0) continue;
        for (const userId of leaving) members.delete(userId);
        emitted.push(events.exit(roomId, leaving, time));
      } else {
        emitted.push(events.destroy(roomId, [...members], time));
        members.clear();
      }
      time += 999;
    }
  }
  const rtc = new Map(
    ROOMS.map((roomId) => [roomId, new Set(lifetimes.get(roomId)?.sessions.keys() ?? [])] as [string, Set<string>]),
  );
  return { events: emitted, rtc, zim };
}

/** Everything the store can be asked about this world's users and rooms. */
export async function stateOf(store: RoomPresenceStore) {
  const rooms = await Promise.all(USERS.map(async (userId) => [userId, await store.roomsOf(userId)] as const));
  const members = await Promise.all(
    ROOMS.map(
      async (roomId) => [roomId, await store.usersIn('rtc', roomId), await store.usersIn('zim', roomId)] as const,
    ),
  );
  return { rooms, members };
}

/** The state the world ends in, in the shape of `stateOf`. */
export function stateOfWorld(world: World) {
  const inRooms = (map: Map<string, Set<string>>, userId: string) =>
    [...map]
      .filter(([, users]) => users.has(userId))
      .map(([roomId]) => roomId)
      .sort();
  return {
    rooms: USERS.map(
      (userId) => [userId, { rtc: inRooms(world.rtc, userId), zim: inRooms(world.zim, userId) }] as const,
    ),
    members: ROOMS.map(
      (roomId) =>
        [roomId, [...(world.rtc.get(roomId) ?? [])].sort(), [...(world.zim.get(roomId) ?? [])].sort()] as const,
    ),
  };
}

/** A history of 5 to 60 actions, played. */
export const worldArbitrary: fc.Arbitrary<World> = fc
  .tuple(
    fc.array(action, { minLength: 5, maxLength: 60, size: 'max' }),
    fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1 }),
  )
  .map(([actions, gaps]) => play(actions, gaps));

/**
 * The property, `runs` times: a history applied in order leaves the world's end state, and the same
 * events in a random order (every one delivered once) leave the same. `create` gives a fresh, empty store.
 */
export async function checkDeliveryOrder(create: () => Promise<RoomPresenceStore>, runs: number): Promise<void> {
  await fc.assert(
    fc.asyncProperty(
      worldArbitrary.chain((played) =>
        fc.tuple(fc.constant(played), fc.shuffledSubarray(played.events, { minLength: played.events.length })),
      ),
      async ([played, shuffled]) => {
        const expected = stateOfWorld(played);
        const inOrder = await create();
        for (const event of played.events) await inOrder.apply(event);
        expect(await stateOf(inOrder)).toEqual(expected);
        const anyOrder = await create();
        for (const event of shuffled) await anyOrder.apply(event);
        expect(await stateOf(anyOrder)).toEqual(expected);
      },
    ),
    { numRuns: runs },
  );
}
