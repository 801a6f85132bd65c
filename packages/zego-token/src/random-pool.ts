// CSPRNG bytes drawn in batches, for either entry's source (node:crypto's `randomFillSync` or Web
// Crypto's `getRandomValues`): one fill serves many tokens, which profiling showed matters
// (bench/README.md). Every byte is handed out once, and a refill allocates a new pool instead of
// rewriting the old one, so the bytes a caller got never change.

const POOL_BYTES = 4096;

/** `take(length)`: `length` fresh bytes (at most 4096), a view that nothing else is given. */
export function createRandomPool(fill: (bytes: Uint8Array<ArrayBuffer>) => Uint8Array): (length: number) => Uint8Array {
  let pool: Uint8Array = new Uint8Array(0);
  let poolOffset = 0;
  return function take(length: number): Uint8Array {
    if (poolOffset + length > pool.length) {
      pool = fill(new Uint8Array(POOL_BYTES));
      poolOffset = 0;
    }
    const bytes = pool.subarray(poolOffset, poolOffset + length);
    poolOffset += length;
    return bytes;
  };
}
