// Ending access: the revocation store the token route consults before it hands out a token. A Token04
// cannot be revoked at ZEGO, so what an app can do is stop minting: for every session that began
// before "signed out everywhere at T", and for everyone while "banned until T". The store also keeps,
// per user, the latest expiry the route handed out, so that a ban knows how long the user's tokens
// can still be used at ZEGO. Times are milliseconds since the epoch throughout.
import { describe, fail } from '../validate.js';

/** What the store knows of one user. Every time is in milliseconds since the epoch. */
export interface TokenRevocationRecord {
  /** Sessions that began before this were signed out everywhere; `undefined` when never. */
  readonly signedOutAt: number | undefined;
  /** No token is minted for the user until this time; `undefined` when not banned. */
  readonly bannedUntil: number | undefined;
  /** The latest `expiresAt` (in ms) of a token the route handed out for the user, if it still counts. */
  readonly latestExpiry: number | undefined;
}

/** The store's answer to "may this session have a token?". */
export type TokenAdmission =
  | { readonly admitted: true }
  | { readonly admitted: false; readonly reason: 'signed-out'; readonly signedOutAt: number }
  | { readonly admitted: false; readonly reason: 'banned'; readonly bannedUntil: number };

/** What the route asks the store about, per request. */
export interface TokenAdmissionRequest {
  /** When the host's session (or JWT) was issued, in ms: from `resolveUser`'s `sessionIssuedAt`. */
  readonly sessionIssuedAt: number;
  /** When the token about to be handed out expires, in ms. */
  readonly expiresAt: number;
  /** The route's clock, in ms. */
  readonly now: number;
}

/**
 * Where sign-outs and bans are kept: in this process's memory (`createMemoryRevocationStore`), or in
 * Redis, shared by every instance (`createRedisRevocationStore`). Each method is one atomic step, so
 * that a sign-out and a token request racing each other cannot both win: either the token is refused,
 * or its expiry is recorded before the sign-out reads `latestExpiry`.
 */
export interface TokenRevocationStore {
  /**
   * Refuses a banned user (`now` before `bannedUntil`) and a session that began before `signedOutAt`;
   * otherwise records `expiresAt` as the user's latest expiry (when later) and admits.
   */
  admit(userId: string, request: TokenAdmissionRequest): Promise<TokenAdmission>;
  /** Records "every session that began before `at` is signed out" (a later sign-out wins). */
  signOutEverywhere(userId: string, at: number): Promise<TokenRevocationRecord>;
  /** Refuses the user every token until `until` (replaces an earlier ban, longer or shorter). */
  ban(userId: string, until: number): Promise<TokenRevocationRecord>;
  /** Lifts a ban; sign-outs stay. */
  unban(userId: string): Promise<TokenRevocationRecord>;
  /** What the store knows of the user now. */
  get(userId: string): Promise<TokenRevocationRecord>;
}

/** Options of both stores. */
export interface RevocationStoreOptions {
  /**
   * How long a sign-out is kept, in ms: at least your sessions' longest life, since a session older
   * than this that signed out would be admitted again once its record is gone. Defaults to 30 days.
   */
  signOutRetentionMs?: number | undefined;
  /** The clock, in ms. Defaults to `Date.now`. */
  now?: (() => number) | undefined;
}

export const DEFAULT_SIGN_OUT_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;
/** A time in ms before this (3 March 1973) is a time in seconds by mistake: JWT's `iat` is in seconds. */
const EARLIEST_MS = 100_000_000_000;
/** 1 January 3000: a larger time is not a time. */
const LATEST_MS = 32_503_680_000_000;

/** Checks a time in ms since the epoch; `Date`s are accepted where a host passes one. */
export function readTime(value: unknown, name: string, code: 'OPTION_INVALID' | 'SESSION_ISSUED_AT_INVALID'): number {
  const time = value instanceof Date ? value.getTime() : value;
  if (typeof time !== 'number' || !Number.isFinite(time)) {
    fail(code, `${name} must be a time in milliseconds since the epoch (or a Date), got ${describe(value)}`);
  }
  if (time > 0 && time < EARLIEST_MS) {
    fail(code, `${name} looks like seconds (${time}): pass milliseconds (a JWT's \`iat\` * 1000) or a Date`);
  }
  if (time < EARLIEST_MS || time > LATEST_MS) {
    fail(code, `${name} must be a time in milliseconds since the epoch, got ${describe(value)}`);
  }
  return Math.floor(time);
}

/** Checks the stores' options once. */
export function readStoreOptions(options: RevocationStoreOptions, name: string) {
  if (typeof options !== 'object' || options === null) {
    fail('OPTION_INVALID', `${name}: options must be an object, got ${describe(options)}`);
  }
  const retention = options.signOutRetentionMs ?? DEFAULT_SIGN_OUT_RETENTION_MS;
  if (typeof retention !== 'number' || !Number.isSafeInteger(retention) || retention < 1000) {
    fail(
      'OPTION_INVALID',
      `${name}: signOutRetentionMs must be an integer of at least 1000 (ms), got ${describe(retention)}`,
    );
  }
  const now = options.now ?? Date.now;
  if (typeof now !== 'function') fail('OPTION_INVALID', `${name}: now must be a function, got ${describe(now)}`);
  return { signOutRetentionMs: retention, now };
}

interface MutableRecord {
  signedOutAt: number | undefined;
  bannedUntil: number | undefined;
  latestExpiry: number | undefined;
}

/**
 * The rules every store applies, on one user's record at `now`: drops what no longer counts (an
 * ended ban, a token expiry in the past, a sign-out older than the retention), so that a record
 * with nothing left can be forgotten. Returns whether anything is left.
 */
export function pruneRecord(record: MutableRecord, now: number, signOutRetentionMs: number): boolean {
  if (record.bannedUntil !== undefined && record.bannedUntil <= now) record.bannedUntil = undefined;
  if (record.latestExpiry !== undefined && record.latestExpiry <= now) record.latestExpiry = undefined;
  if (record.signedOutAt !== undefined && record.signedOutAt + signOutRetentionMs <= now) {
    record.signedOutAt = undefined;
  }
  return record.bannedUntil !== undefined || record.latestExpiry !== undefined || record.signedOutAt !== undefined;
}

/** The admission rules on a pruned record; records the expiry when admitted. */
export function admitRecord(record: MutableRecord, request: TokenAdmissionRequest): TokenAdmission {
  if (record.bannedUntil !== undefined && record.bannedUntil > request.now) {
    return { admitted: false, reason: 'banned', bannedUntil: record.bannedUntil };
  }
  if (record.signedOutAt !== undefined && request.sessionIssuedAt < record.signedOutAt) {
    return { admitted: false, reason: 'signed-out', signedOutAt: record.signedOutAt };
  }
  if (record.latestExpiry === undefined || request.expiresAt > record.latestExpiry) {
    record.latestExpiry = request.expiresAt;
  }
  return { admitted: true };
}

const snapshot = (record: MutableRecord): TokenRevocationRecord =>
  Object.freeze({
    signedOutAt: record.signedOutAt,
    bannedUntil: record.bannedUntil,
    latestExpiry: record.latestExpiry,
  });

/**
 * A revocation store in this process's memory: one instance only (several instances share
 * `createRedisRevocationStore`), lost on restart. Records are dropped once nothing in them counts.
 */
export function createMemoryRevocationStore(
  options: RevocationStoreOptions = {},
): TokenRevocationStore & { readonly size: number } {
  const { signOutRetentionMs, now } = readStoreOptions(options, 'createMemoryRevocationStore');
  const records = new Map<string, MutableRecord>();
  let sweptAt = 0;

  /** The user's record, pruned at the store's clock; an occasional sweep forgets the empty ones. */
  function recordOf(userId: string): MutableRecord {
    const time = now();
    if (time - sweptAt > 60_000) {
      sweptAt = time;
      for (const [key, record] of records) if (!pruneRecord(record, time, signOutRetentionMs)) records.delete(key);
    }
    let record = records.get(userId);
    if (record === undefined) {
      record = { signedOutAt: undefined, bannedUntil: undefined, latestExpiry: undefined };
      records.set(userId, record);
    } else {
      pruneRecord(record, time, signOutRetentionMs);
    }
    return record;
  }

  function settle(userId: string, record: MutableRecord): TokenRevocationRecord {
    if (!pruneRecord(record, now(), signOutRetentionMs)) records.delete(userId);
    return snapshot(record);
  }

  return {
    get size() {
      return records.size;
    },
    async admit(userId, request) {
      const record = recordOf(userId);
      const admission = admitRecord(record, request);
      settle(userId, record);
      return admission;
    },
    async signOutEverywhere(userId, at) {
      const time = readTime(at, 'signOutEverywhere: at', 'OPTION_INVALID');
      const record = recordOf(userId);
      if (record.signedOutAt === undefined || time > record.signedOutAt) record.signedOutAt = time;
      return settle(userId, record);
    },
    async ban(userId, until) {
      const time = readTime(until, 'ban: until', 'OPTION_INVALID');
      const record = recordOf(userId);
      record.bannedUntil = time;
      return settle(userId, record);
    },
    async unban(userId) {
      const record = recordOf(userId);
      record.bannedUntil = undefined;
      return settle(userId, record);
    },
    async get(userId) {
      return settle(userId, recordOf(userId));
    },
  };
}
