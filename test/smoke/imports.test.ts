// Imports the BUILT packages the way users will: require() from CommonJS and import from ESM, in
// separate Node processes (the TypeScript side is covered by `pnpm typecheck`, which compiles test/
// against the packages' published declarations).
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SECRET } from '../support/index.js';

/** Runs a consumer (plain JS, so it takes the secret as its argument) and returns what it reports. */
function run(file: string): Record<string, unknown> {
  const path = fileURLToPath(new URL(file, import.meta.url));
  return JSON.parse(execFileSync(process.execPath, [path, SECRET], { encoding: 'utf8' })) as Record<string, unknown>;
}

describe('the built packages', () => {
  it('load with require() from CommonJS', () => {
    const result = run('./consumer.cjs');
    expect(result).toMatchObject({ userId: 'cjs-user', errorCode: 'TOKEN_MALFORMED', isError: true });
    expect(result.adapters).toEqual(['function', 'function', 'function', 'function']);
    expect(result.client).toContain('createTokenProvider');
    // The ESM build of zego-token/testing runs in test/docs/testing-example.test.ts.
    expect(result.testing).toEqual(['startZegoStandIn']);
  });

  it('load with import from ESM, and recognise errors from the other build', () => {
    const result = run('./consumer.mjs');
    expect(result).toMatchObject({
      userId: 'esm-user',
      cjsErrorInstanceOfEsmClass: true,
      cjsErrorRecognisedByEsm: true,
    });
    expect(result.adapters).toEqual(['function', 'function', 'function']);
    expect(result.client).toContain('createTokenProvider');
  });
});
