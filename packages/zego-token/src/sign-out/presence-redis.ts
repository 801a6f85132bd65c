// Room presence in Redis, shared by every instance: one hash per room and product, one set per user
// (the rooms to check when asked `roomsOf`), every `apply` one Lua script (atomic), sent through the
// host's own client (`sendCommand`, as the revocation store does). The script applies the same rules
// as the memory store (presence.ts, where ZEGO's algorithm is cited), with the store's clock passed in.
import { describe } from '../validate.js';
import {
  type PresenceChange,
  presenceChange,
  type RoomPresenceStore,
  type RoomPresenceStoreOptions,
  type RoomPresenceUpdate,
  readPresenceOptions,
  readProduct,
  sorted,
} from './presence.js';
import { createScriptRunner, type RedisSendCommand, type RedisStoreOptions, readRedisOptions } from './redis.js';

/** Options of `createRedisRoomPresenceStore`. */
export interface RedisRoomPresenceStoreOptions extends RoomPresenceStoreOptions, RedisStoreOptions {
  /** How to send a command through your client: `(args) => client.sendCommand(args)` (node-redis). Required. */
  sendCommand: RedisSendCommand;
  /**
   * The prefix of the store's keys (`<prefix>rtc:<roomId>`, `<prefix>zim:<roomId>`, `<prefix>user:<userId>`).
   * `roomsOf` reads several rooms in one script: on Redis Cluster, put a hash tag in it (`'{presence}:'`).
   * Defaults to `'zego-token:presence:'`.
   */
  prefix?: string | undefined;
}

// ARGV: op, now, retention, then the op's values. A room hash holds '#seq', '#time', '#closed' (RTC) or
// '#destroyed' (ZIM), '#swept', and per user 'u:<userId>' = 'loginTime:sessionId:live:expiresAt' (RTC)
// or 'time:entered:expiresAt' (ZIM), live/entered '1' or '0'. Rules: presence.ts.
const SCRIPT = `local op, now, retention = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3])
local expires = string.format('%.0f', now + retention)
local function later(a, b)
  if #a ~= #b then return #a > #b end
  return a > b
end
local function fields(value)
  local parts = {}
  for part in string.gmatch(value, '[^:]+') do parts[#parts + 1] = part end
  return parts
end
local function record(key, userId)
  local value = redis.call('HGET', key, 'u:' .. userId)
  if not value then return nil end
  local parts = fields(value)
  if tonumber(parts[#parts]) <= now then
    redis.call('HDEL', key, 'u:' .. userId)
    return nil
  end
  return parts
end
local function drop(key, gone)
  local all = redis.call('HGETALL', key)
  for i = 1, #all, 2 do
    if string.sub(all[i], 1, 2) == 'u:' and gone(fields(all[i + 1])) then redis.call('HDEL', key, all[i]) end
  end
end
local function touch(key)
  local swept = tonumber(redis.call('HGET', key, '#swept'))
  if (not swept) or now - swept >= retention then
    drop(key, function(parts) return tonumber(parts[#parts]) <= now end)
    redis.call('HSET', key, '#swept', string.format('%.0f', now))
  end
  redis.call('PEXPIRE', key, retention)
end
local function enter(key, member)
  redis.call('SADD', key, member)
  redis.call('PEXPIRE', key, retention)
end
if op == 'rtc' then
  local key, kind, roomId, seq, time = KEYS[1], ARGV[4], ARGV[5], ARGV[6], tonumber(ARGV[7])
  local room = redis.call('HMGET', key, '#seq', '#time', '#closed')
  if room[1] and room[1] ~= seq then
    local t = tonumber(room[2])
    if time < t or (time == t and not later(seq, room[1])) then return 'stale' end
    redis.call('DEL', key)
    room = { false, false, false }
  end
  if (not room[1]) or time > tonumber(room[2]) then
    redis.call('HSET', key, '#seq', seq, '#time', ARGV[7])
  end
  if kind == 'close' then
    drop(key, function() return true end)
    redis.call('HSET', key, '#closed', '1')
  end
  touch(key)
  if kind == 'create' or kind == 'close' then return 'applied' end
  if room[3] then return 'stale' end
  local userId, session, login = ARGV[8], ARGV[9], tonumber(ARGV[10])
  local live = kind == 'login'
  local current = record(key, userId)
  if current and not (login > tonumber(current[1]) or (login == tonumber(current[1]) and later(session, current[2]))) then
    if current[2] ~= session or (live and current[3] == '0') then return 'stale' end
  end
  redis.call('HSET', key, 'u:' .. userId, ARGV[10] .. ':' .. session .. ':' .. (live and '1' or '0') .. ':' .. expires)
  if live then enter(KEYS[2], 'rtc:' .. roomId) end
  return 'applied'
elseif op == 'zim' then
  local key, kind, roomId, time = KEYS[1], ARGV[4], ARGV[5], tonumber(ARGV[6])
  local destroyed = tonumber(redis.call('HGET', key, '#destroyed'))
  if kind == 'destroy' then
    if destroyed and time < destroyed then return 'stale' end
    redis.call('HSET', key, '#destroyed', ARGV[6])
    drop(key, function(parts)
      local at = tonumber(parts[1])
      return at < time or (at == time and parts[2] == '0')
    end)
    touch(key)
    return 'applied'
  end
  local entered = kind == 'enter'
  if destroyed and (time < destroyed or (time == destroyed and not entered)) then return 'stale' end
  local result = 'stale'
  for i = 7, #ARGV do
    local userId = ARGV[i]
    local member = record(key, userId)
    local at = member and tonumber(member[1])
    if not (member and (time < at or (time == at and member[2] == '1' and not entered))) then
      redis.call('HSET', key, 'u:' .. userId, ARGV[6] .. ':' .. (entered and '1' or '0') .. ':' .. expires)
      if entered then enter(KEYS[2], 'zim:' .. roomId) end
      result = 'applied'
    end
  end
  if result == 'applied' then touch(key) end
  return result
elseif op == 'rooms' then
  local found = {}
  for _, member in ipairs(redis.call('SMEMBERS', KEYS[1])) do
    local entry = record(ARGV[4] .. member, ARGV[5])
    if entry and entry[#entry - 1] == '1' then
      found[#found + 1] = member
    else
      redis.call('SREM', KEYS[1], member)
    end
  end
  return found
elseif op == 'users' then
  local found = {}
  local all = redis.call('HGETALL', KEYS[1])
  for i = 1, #all, 2 do
    if string.sub(all[i], 1, 2) == 'u:' then
      local parts = fields(all[i + 1])
      if tonumber(parts[#parts]) > now and parts[#parts - 1] == '1' then found[#found + 1] = string.sub(all[i], 3) end
    end
  end
  return found
end
return redis.error_reply('unknown op')`;

const decode = (part: unknown) => (part instanceof Uint8Array ? new TextDecoder().decode(part) : part);

function readStrings(reply: unknown): string[] {
  const parts = Array.isArray(reply) ? reply.map(decode) : undefined;
  if (parts === undefined || !parts.every((part) => typeof part === 'string')) {
    throw new Error(`zego-token: the presence script answered ${describe(reply)}, not a list of strings`);
  }
  return parts as string[];
}

/** The script's arguments for one change: its keys, then its ARGV after op, now and retention. */
function changeArgs(change: PresenceChange, prefix: string): { keys: string[]; values: string[] } {
  const room = `${prefix}${change.product}:${change.roomId}`;
  if (change.product === 'rtc') {
    const values = [change.kind, change.roomId, change.seq, String(change.time)];
    if (change.kind === 'create' || change.kind === 'close') return { keys: [room], values };
    return {
      keys: [room, `${prefix}user:${change.userId}`],
      values: [...values, change.userId, change.sessionId, String(change.loginTime)],
    };
  }
  const values = [change.kind, change.roomId, String(change.time)];
  if (change.kind === 'destroy') return { keys: [room], values };
  const index =
    change.kind === 'enter' && change.userIds[0] !== undefined ? [`${prefix}user:${change.userIds[0]}`] : [];
  return { keys: [room, ...index], values: [...values, ...change.userIds] };
}

/**
 * A presence store in Redis, shared by every instance of the app: one hash per room
 * (`<prefix>rtc:<roomId>`, `<prefix>zim:<roomId>`) and one set per user (`<prefix>user:<userId>`), each
 * expiring `retentionMs` after its last update; each `apply` is one Lua script, so two instances
 * applying callbacks of one room never interleave. Commands go through your client (`sendCommand`);
 * a failure rejects.
 *
 * ```ts
 * const presence = createRedisRoomPresenceStore({ sendCommand: (args) => redis.sendCommand(args) });
 * ```
 */
export function createRedisRoomPresenceStore(options: RedisRoomPresenceStoreOptions): RoomPresenceStore {
  const { retentionMs, now } = readPresenceOptions(options, 'createRedisRoomPresenceStore');
  const { sendCommand, prefix } = readRedisOptions(options, 'createRedisRoomPresenceStore', 'zego-token:presence:');
  const script = createScriptRunner(sendCommand, SCRIPT);
  const run = (op: string, keys: string[], values: readonly string[]) =>
    script(keys, [op, String(now()), String(retentionMs), ...values]);

  return {
    async apply(event) {
      const change = presenceChange(event);
      if (change === undefined) return 'ignored';
      const { keys, values } = changeArgs(change, prefix);
      const reply = decode(await run(change.product, keys, values));
      if (reply !== 'applied' && reply !== 'stale') {
        throw new Error(`zego-token: the presence script answered ${describe(reply)}`);
      }
      return reply satisfies RoomPresenceUpdate;
    },
    async roomsOf(userId) {
      const rooms = { rtc: [] as string[], zim: [] as string[] };
      for (const member of readStrings(await run('rooms', [`${prefix}user:${userId}`], [prefix, userId]))) {
        rooms[member.startsWith('rtc:') ? 'rtc' : 'zim'].push(member.slice(4));
      }
      return Object.freeze({ rtc: sorted(rooms.rtc), zim: sorted(rooms.zim) });
    },
    async usersIn(product, roomId) {
      const key = `${prefix}${readProduct(product)}:${roomId}`;
      return sorted(readStrings(await run('users', [key], [])));
    },
  };
}
