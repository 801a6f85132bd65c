import { describe, expect, it } from 'vitest';
import { createMemoryIdempotencyStore, idempotencyTtlMs } from './idempotency.js';

describe('the in-memory idempotency store', () => {
  it('is set-if-absent with an expiry: the first claim wins until ttlMs has passed', () => {
    let clock = 1_000;
    const store = createMemoryIdempotencyStore({ now: () => clock });
    expect(store.claim('a', 500)).toBe(true);
    expect(store.claim('a', 500)).toBe(false);
    expect(store.claim('b', 500)).toBe(true);
    clock += 499;
    expect(store.claim('a', 500)).toBe(false);
    clock += 1;
    expect(store.claim('a', 500)).toBe(true);
    store.release('a');
    expect(store.claim('a', 500)).toBe(true);
  });

  it('drops expired keys as it goes, so a steady stream of callbacks does not grow it', () => {
    let clock = 0;
    const store = createMemoryIdempotencyStore({ now: () => clock });
    for (let i = 0; i < 10_000; i += 1) {
      clock += 10;
      expect(store.claim(`key-${i}`, 1_000)).toBe(true);
    }
    // Only the keys of the last second are alive, and only they are kept.
    expect(store.size).toBeLessThanOrEqual(101);
  });

  it('keeps at most maxKeys, forgetting the oldest first', () => {
    const store = createMemoryIdempotencyStore({ maxKeys: 3, now: () => 0 });
    for (const key of ['a', 'b', 'c', 'd', 'e']) expect(store.claim(key, 60_000)).toBe(true);
    expect(store.size).toBe(3);
    expect(store.claim('e', 60_000)).toBe(false);
    expect(store.claim('a', 60_000)).toBe(true);
  });

  it('is bounded by default', () => {
    const store = createMemoryIdempotencyStore({ now: () => 0 });
    for (let i = 0; i < 100_050; i += 1) store.claim(String(i), 60_000);
    expect(store.size).toBe(100_000);
  });
});

describe('idempotencyTtlMs', () => {
  it('is twice the tolerance and the second the clock rounds to', () => {
    expect(idempotencyTtlMs(600)).toBe(1_201_000);
    expect(idempotencyTtlMs(0)).toBe(1_000);
  });
});
