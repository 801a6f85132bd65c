// The messages for a number that is not one: `appId: Number(process.env.ZEGO_APP_ID)` with the variable
// unset (or misspelt) is NaN, and an empty one is 0. Each check of a numeric option says what the value
// is and where it most likely came from, instead of "got NaN".
import { describe, expect, it } from 'vitest';
import { expectCodedError, SECRET } from '../../../test/support/index.js';
import { createTokenRoute } from './node/adapter.js';
import { createToken04 } from './node/index.js';
import { createZegoServerApi, signZegoApiRequest } from './node/server-api.js';

const unset: string | undefined = undefined;

describe('a numeric option that came from an unset environment variable', () => {
  it.each([
    [
      'createToken04 appId',
      'APP_ID_INVALID',
      () => createToken04({ appId: Number(unset), userId: 'u', serverSecret: SECRET, effectiveTimeInSeconds: 60 }),
    ],
    [
      'createToken04 effectiveTimeInSeconds',
      'EFFECTIVE_TIME_INVALID',
      () => createToken04({ appId: 1, userId: 'u', serverSecret: SECRET, effectiveTimeInSeconds: Number(unset) }),
    ],
    [
      'createTokenRoute appId',
      'OPTION_INVALID',
      () => createTokenRoute({ appId: Number(unset), serverSecret: SECRET, resolveUser: () => 'u' }),
    ],
    [
      'createZegoServerApi appId',
      'APP_ID_INVALID',
      () => createZegoServerApi({ appId: Number(unset), serverSecret: SECRET, product: 'rtc' }),
    ],
    [
      'createZegoServerApi timeoutMs',
      'OPTION_INVALID',
      () => createZegoServerApi({ appId: 1, serverSecret: SECRET, product: 'rtc', timeoutMs: Number('10s') }),
    ],
    [
      'signZegoApiRequest appId',
      'APP_ID_INVALID',
      () => signZegoApiRequest({ appId: Number(unset), serverSecret: SECRET }),
    ],
  ] as const)('%s: NaN is named as not a number, with its likely cause', (_name, code, create) => {
    const error = expectCodedError(create, code);
    expect(error.message).toMatch(/got NaN, which is not a number/);
    expect(error.message).toMatch(/Number\(\) of an unset or misspelt environment variable/);
  });

  it('appId 0, what Number() makes of an empty variable, says so', () => {
    const error = expectCodedError(
      () => createToken04({ appId: Number(''), userId: 'u', serverSecret: SECRET, effectiveTimeInSeconds: 60 }),
      'APP_ID_INVALID',
    );
    expect(error.message).toMatch(/got the integer 0 .*empty environment variable/);
  });
});
