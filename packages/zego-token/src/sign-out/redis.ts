// The revocation store in Redis, shared by every instance: one hash per user, every change one Lua
// script (atomic), sent through the host's own client as rate-limit-redis does (`sendCommand`), so
// that node-redis and ioredis both fit without an adapter of ours. The script applies the same rules as
// the memory store (revocation.ts), with the store's clock passed in.
import { sha1 } from '@noble/hashes/legacy';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';
import { describe, fail } from '../validate.js';
import {
  type RevocationStoreOptions,
  readStoreOptions,
  readTime,
  type TokenAdmission,
  type TokenRevocationRecord,
  type TokenRevocationStore,
} from './revocation.js';

/**
 * Sends one Redis command (`['EVALSHA', sha, '1', key, …]`) and resolves to its reply: node-redis's
 * `(args) => client.sendCommand(args)`, ioredis's `(args) => client.call(...args)`.
 */
export type RedisSendCommand = (args: string[]) => Promise<unknown>;

/** Options of `createRedisRevocationStore`. */
export interface RedisRevocationStoreOptions extends RevocationStoreOptions, RedisStoreOptions {
  /** How to send a command through your client: `(args) => client.sendCommand(args)` (node-redis). Required. */
  sendCommand: RedisSendCommand;
  /** The prefix of the store's keys (one hash per user). Defaults to `'zego-token:revocation:'`. */
  prefix?: string | undefined;
}

// ARGV: op, now, retention, then the op's value(s). Fields: s signedOutAt, b bannedUntil, e latestExpiry,
// each the decimal text of a time in ms. Returns { verdict, s, b, e } as strings ('' for none).
const SCRIPT = `local key = KEYS[1]
local op, now, retention = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3])
local v = redis.call('HMGET', key, 's', 'b', 'e')
local s, b, e = tonumber(v[1]), tonumber(v[2]), tonumber(v[3])
if b and b <= now then b = nil end
if e and e <= now then e = nil end
if s and s + retention <= now then s = nil end
local verdict = 'ok'
if op == 'admit' then
  local issued, expires = tonumber(ARGV[4]), tonumber(ARGV[5])
  if b then verdict = 'banned'
  elseif s and issued < s then verdict = 'signed-out'
  elseif (not e) or expires > e then e = expires end
elseif op == 'signout' then
  local at = tonumber(ARGV[4])
  if (not s) or at > s then s = at end
elseif op == 'ban' then
  b = tonumber(ARGV[4])
  if b <= now then b = nil end
elseif op == 'unban' then
  b = nil
end
local keep = 0
if e and e > keep then keep = e end
if b and b > keep then keep = b end
if s and s + retention > keep then keep = s + retention end
local function text(x) if x then return string.format('%.0f', x) end return '' end
redis.call('DEL', key)
if keep > now then
  local fields = {}
  if s then table.insert(fields, 's'); table.insert(fields, text(s)) end
  if b then table.insert(fields, 'b'); table.insert(fields, text(b)) end
  if e then table.insert(fields, 'e'); table.insert(fields, text(e)) end
  redis.call('HSET', key, unpack(fields))
  redis.call('PEXPIRE', key, string.format('%.0f', keep - now))
end
return { verdict, text(s), text(b), text(e) }`;

/** The seam every Redis store shares: the host's client, and the prefix of the store's keys. */
export interface RedisStoreOptions {
  sendCommand: RedisSendCommand;
  prefix?: string | undefined;
}

/** Checks `sendCommand` and `prefix` once, at construction. */
export function readRedisOptions(options: RedisStoreOptions, name: string, defaultPrefix: string) {
  const { sendCommand } = options;
  if (typeof sendCommand !== 'function') {
    fail(
      'OPTION_INVALID',
      `${name}: sendCommand must be a function such as (args) => client.sendCommand(args), got ${describe(sendCommand)}`,
    );
  }
  const prefix = options.prefix ?? defaultPrefix;
  if (typeof prefix !== 'string') fail('OPTION_INVALID', `${name}: prefix must be a string, got ${describe(prefix)}`);
  return { sendCommand, prefix };
}

/**
 * Runs one Lua script atomically through the host's client: EVALSHA, and EVAL on the first call to a
 * server that has not seen the script (NOSCRIPT), which loads it for the later calls.
 */
export function createScriptRunner(sendCommand: RedisSendCommand, script: string) {
  const sha = bytesToHex(sha1(utf8ToBytes(script)));
  return async function runScript(keys: readonly string[], args: readonly string[]): Promise<unknown> {
    const tail = [String(keys.length), ...keys, ...args];
    try {
      return await sendCommand(['EVALSHA', sha, ...tail]);
    } catch (error) {
      if (!String((error as { message?: unknown } | null)?.message).startsWith('NOSCRIPT')) throw error;
      return await sendCommand(['EVAL', script, ...tail]);
    }
  };
}

type Reply = { verdict: string; record: TokenRevocationRecord };

function readReply(reply: unknown): Reply {
  const parts = Array.isArray(reply)
    ? reply.map((part) => (part instanceof Uint8Array ? new TextDecoder().decode(part) : part))
    : [];
  if (parts.length !== 4 || !parts.every((part) => typeof part === 'string' && /^\d*$|^[a-z-]+$/.test(part))) {
    throw new Error(`zego-token: the revocation script answered ${describe(reply)}, not its four strings`);
  }
  const [verdict, s, b, e] = parts as [string, string, string, string];
  const time = (text: string) => (text === '' ? undefined : Number(text));
  return { verdict, record: Object.freeze({ signedOutAt: time(s), bannedUntil: time(b), latestExpiry: time(e) }) };
}

/**
 * A revocation store in Redis, shared by every instance of the app: one hash per user
 * (`prefix + userId`), expiring when nothing in it counts any more; each change is one Lua script, so
 * a sign-out and a token request never interleave. Commands go through your client
 * (`sendCommand`); a failure rejects, and the token route answers 503 `REVOCATION_UNAVAILABLE`.
 *
 * ```ts
 * const store = createRedisRevocationStore({ sendCommand: (args) => redis.sendCommand(args) });
 * ```
 */
export function createRedisRevocationStore(options: RedisRevocationStoreOptions): TokenRevocationStore {
  const { signOutRetentionMs, now } = readStoreOptions(options, 'createRedisRevocationStore');
  const { sendCommand, prefix } = readRedisOptions(options, 'createRedisRevocationStore', 'zego-token:revocation:');

  const script = createScriptRunner(sendCommand, SCRIPT);
  async function run(userId: string, op: string, ...values: number[]): Promise<Reply> {
    return readReply(
      await script([prefix + userId], [op, String(now()), String(signOutRetentionMs), ...values.map(String)]),
    );
  }

  return {
    async admit(userId, request): Promise<TokenAdmission> {
      const { verdict, record } = await run(userId, 'admit', request.sessionIssuedAt, request.expiresAt);
      if (verdict === 'banned' && record.bannedUntil !== undefined) {
        return { admitted: false, reason: 'banned', bannedUntil: record.bannedUntil };
      }
      if (verdict === 'signed-out' && record.signedOutAt !== undefined) {
        return { admitted: false, reason: 'signed-out', signedOutAt: record.signedOutAt };
      }
      if (verdict !== 'ok') throw new Error(`zego-token: the revocation script answered ${describe(verdict)}`);
      return { admitted: true };
    },
    async signOutEverywhere(userId, at) {
      return (await run(userId, 'signout', readTime(at, 'signOutEverywhere: at', 'OPTION_INVALID'))).record;
    },
    async ban(userId, until) {
      return (await run(userId, 'ban', readTime(until, 'ban: until', 'OPTION_INVALID'))).record;
    },
    async unban(userId) {
      return (await run(userId, 'unban')).record;
    },
    async get(userId) {
      return (await run(userId, 'get')).record;
    },
  };
}
