// What the typed RTC and ZIM methods share: their camelCase inputs checked against ZEGO's documented
// limits before anything is sent, and a list of users sent over several calls when ZEGO takes fewer
// per call, one call at a time and spaced to stay under the action's rate limit.

import { utf8ByteLength } from '../utf8.js';
import { assertKnownKeys, assertOptionsObject, describe, fail } from '../validate.js';
import {
  type CreateZegoServerApiOptions,
  type ZegoServerApi,
  type ZegoServerApiAnswer,
  ZegoServerApiBatchError,
  ZegoServerApiError,
  type ZegoServerApiParams,
  type ZegoServerApiProduct,
} from './server-api.js';

/** `createZegoServerApi`'s options without `product`: `createRtcApi` and `createZimApi` each know theirs. */
export type CreateProductApiOptions = Omit<CreateZegoServerApiOptions, 'product'>;

/** Refuses `product` in a product client's options: the factory's name says which product it calls. */
export function assertNoProduct(options: unknown, factory: string, product: ZegoServerApiProduct): void {
  assertOptionsObject(options, `${factory} options`);
  if (Object.hasOwn(options, 'product')) {
    fail('OPTION_INVALID', `${factory}: \`product\` is always ${product}; use createZegoServerApi for another`);
  }
}

/** Checks an input object's keys, suggesting the camelCase name for ZEGO's PascalCase one (`RoomId` → `roomId`). */
export function assertInput(
  value: unknown,
  name: string,
  shape: Readonly<Record<string, true>>,
): asserts value is Record<string, unknown> {
  assertOptionsObject(value, name);
  const hints: Record<string, string> = { UserId: 'userIds', DisabledPrivilege: 'disabledPrivileges' };
  for (const key of Object.keys(shape)) hints[(key[0] ?? '').toUpperCase() + key.slice(1)] ??= key;
  assertKnownKeys(value, shape, name, hints);
}

/** An ID ZEGO takes: a non-empty string of at most `maxBytes` UTF-8 bytes in `pattern`'s character set. */
export interface IdRule {
  maxBytes: number;
  pattern: RegExp;
  /** The character set, for the message: "digits, English letters and …". */
  characters: string;
}

export function assertId(value: unknown, name: string, rule: IdRule): asserts value is string {
  if (typeof value !== 'string' || value.length === 0) {
    fail('OPTION_INVALID', `${name} must be a non-empty string, got ${describe(value)}`);
  }
  const bytes = utf8ByteLength(value);
  if (bytes > rule.maxBytes) fail('OPTION_INVALID', `${name} must be at most ${rule.maxBytes} bytes, got ${bytes}`);
  if (!rule.pattern.test(value)) fail('OPTION_INVALID', `${name} must hold only ${rule.characters}`);
}

/**
 * A non-empty list of IDs, each checked with `rule`, at most `max` of them when given; duplicates
 * dropped (the first kept), so that no user costs a second call.
 */
export function idList(value: unknown, name: string, rule: IdRule, max?: number): string[] {
  if (!Array.isArray(value) || value.length === 0) {
    fail('OPTION_INVALID', `${name} must be a non-empty array of IDs, got ${describe(value)}`);
  }
  value.forEach((id, index) => {
    assertId(id, `${name}[${index}]`, rule);
  });
  const ids = [...new Set(value as string[])];
  if (max !== undefined && ids.length > max) {
    fail('OPTION_INVALID', `${name} must hold at most ${max} IDs (ZEGO's limit per call), got ${ids.length}`);
  }
  return ids;
}

/** An optional free text of at most `maxBytes` UTF-8 bytes (ZEGO's `CustomReason`). */
export function assertOptionalText(value: unknown, name: string, maxBytes: number): void {
  if (value === undefined) return;
  if (typeof value !== 'string' || value.length === 0) {
    fail('OPTION_INVALID', `${name} must be a non-empty string when given, got ${describe(value)}`);
  }
  const bytes = utf8ByteLength(value);
  if (bytes > maxBytes) fail('OPTION_INVALID', `${name} must be at most ${maxBytes} bytes, got ${bytes}`);
}

/** One of `allowed`. */
export function assertOneOf<T>(value: unknown, name: string, allowed: readonly T[]): asserts value is T {
  if (!allowed.includes(value as T)) {
    fail('OPTION_INVALID', `${name} must be one of ${allowed.join(', ')}, got ${describe(value)}`);
  }
}

/** What a method that sent its users over several calls resolves with. */
export interface ZegoBatchResult {
  /** The users sent, in the order given, duplicates dropped. */
  readonly userIds: readonly string[];
  /** ZEGO's answer to each call, in order (each with its `RequestId`). */
  readonly answers: readonly ZegoServerApiAnswer[];
}

/** How one action's users are split: at most `size` per call, call starts at least `intervalMs` apart. */
export interface BatchPlan {
  action: string;
  size: number;
  /** 1000 / the action's documented QPS limit. */
  intervalMs: number;
  /** The call's parameters for one chunk of users. */
  params: (userIds: readonly string[]) => ZegoServerApiParams;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** ZEGO's documented rate limits per AppID, in calls per second (each action's page). */
export const ZEGO_CALLS_PER_SECOND = Object.freeze({
  KickoutUser: 50,
  SetForbidUserRule: 10,
  DelForbidUserRule: 10,
  KickoutRoomUser: 20,
});

/**
 * Starts calls on a grid `gapMs` apart, across every caller sharing the returned function: the first
 * goes at once, each later one waits for its slot. On the real clock: a rate limit is about real time.
 */
export function createPacer(gapMs: number): () => Promise<void> {
  let next = 0;
  return async () => {
    const time = Date.now();
    const slot = Math.max(time, next);
    next = slot + gapMs;
    if (slot > time) await sleep(slot - time);
  };
}

/**
 * Sends `userIds` in chunks of `plan.size`, one call after the other. When one fails, no further call
 * is made and a `ZegoServerApiBatchError` (its cause the call's own error) says which users were
 * handled and which were not.
 */
export async function sendInChunks(api: ZegoServerApi, userIds: string[], plan: BatchPlan): Promise<ZegoBatchResult> {
  const answers: ZegoServerApiAnswer[] = [];
  // Spaced by the action's rate limit (per AppID), so that a long list does not trip it itself.
  const pace = createPacer(plan.intervalMs);
  for (let at = 0; at < userIds.length; at += plan.size) {
    const chunk = userIds.slice(at, at + plan.size);
    await pace();
    try {
      answers.push(await api.call(plan.action, plan.params(chunk)));
    } catch (error) {
      // Wrapped even when there was one call only, so that a caller reads the outcome one way.
      if (!(error instanceof ZegoServerApiError)) throw error;
      throw new ZegoServerApiBatchError(plan.action, error, {
        completed: userIds.slice(0, at),
        failed: chunk,
        remaining: userIds.slice(at),
      });
    }
  }
  return Object.freeze({ userIds: Object.freeze(userIds), answers: Object.freeze(answers) });
}
