import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { APP_ID, expectCodedError, SECRET } from '../../../test/support/index.js';
import examples from '../../../test/support/zego-worked-examples.json' with { type: 'json' };
import { signZegoApiRequest } from './server-api.js';

const md5 = (text: string) => createHash('md5').update(text).digest('hex');

afterEach(() => {
  vi.useRealTimers();
});

describe('signZegoApiRequest', () => {
  it("matches ZEGO's worked example exactly", () => {
    const { appId, signatureNonce, serverSecret, timestamp, signature } = examples.serverApi;
    expect(signZegoApiRequest({ appId, serverSecret, signatureNonce, timestamp })).toEqual({
      AppId: 12345,
      SignatureNonce: '4fd24687296dd9f3',
      Timestamp: 1615186943,
      SignatureVersion: '2.0',
      Signature: signature,
    });
  });

  it('signs md5(AppId + SignatureNonce + ServerSecret + Timestamp) for any nonce and time', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 0xffff_ffff }),
        fc.stringMatching(/^[0-9A-Za-z_-]{1,64}$/),
        fc.integer({ min: 0, max: 2 ** 40 }),
        (appId, signatureNonce, timestamp) => {
          const signed = signZegoApiRequest({ appId, serverSecret: SECRET, signatureNonce, timestamp });
          expect(signed.Signature).toBe(md5(`${appId}${signatureNonce}${SECRET}${timestamp}`));
          expect(signed.Signature).toMatch(/^[0-9a-f]{32}$/);
        },
      ),
    );
  });

  it('draws a fresh 16-hex-character nonce from the CSPRNG for each call, never Math.random', () => {
    const random = vi.spyOn(Math, 'random');
    const nonces = new Set(
      Array.from({ length: 50 }, () => signZegoApiRequest({ appId: APP_ID, serverSecret: SECRET }).SignatureNonce),
    );
    expect(nonces.size).toBe(50);
    for (const nonce of nonces) expect(nonce).toMatch(/^[0-9a-f]{16}$/);
    expect(random).not.toHaveBeenCalled();
    random.mockRestore();
  });

  it('uses the current time in seconds unless given one', () => {
    vi.useFakeTimers({ now: 1_700_000_000_999, toFake: ['Date'] });
    const signed = signZegoApiRequest({ appId: APP_ID, serverSecret: SECRET, signatureNonce: 'abc' });
    expect(signed.Timestamp).toBe(1_700_000_000);
    expect(signed.Signature).toBe(md5(`${APP_ID}abc${SECRET}1700000000`));
  });

  it.each([
    ['a string AppId', { appId: '12345' }, 'APP_ID_INVALID'],
    ['AppId 0', { appId: 0 }, 'APP_ID_INVALID'],
    ['a short secret', { serverSecret: 'short' }, 'SECRET_INVALID'],
    ['a secret with a newline', { serverSecret: `${SECRET}\n` }, 'SECRET_INVALID'],
    ['an empty nonce', { signatureNonce: '' }, 'OPTION_INVALID'],
    ['a nonce with & in it', { signatureNonce: 'a&b=c' }, 'OPTION_INVALID'],
    ['a 65-character nonce', { signatureNonce: 'a'.repeat(65) }, 'OPTION_INVALID'],
    ['a numeric nonce', { signatureNonce: 1234 }, 'OPTION_INVALID'],
    ['a timestamp in milliseconds as a float', { timestamp: 1615186943.5 }, 'OPTION_INVALID'],
    ['a negative timestamp', { timestamp: -1 }, 'OPTION_INVALID'],
    ['a string timestamp', { timestamp: '1615186943' }, 'OPTION_INVALID'],
    ['an unknown key', { secret: SECRET }, 'OPTION_INVALID'],
  ])('refuses %s with a typed error that holds no secret', (_name, change, code) => {
    const options = { appId: APP_ID, serverSecret: SECRET, ...change } as never;
    const error = expectCodedError(() => signZegoApiRequest(options), code);
    expect(error.message).not.toContain(SECRET);
    expect(JSON.stringify(error)).not.toContain(SECRET);
  });

  it('names the right option when the secret is passed as `secret`', () => {
    const error = expectCodedError(
      () => signZegoApiRequest({ appId: APP_ID, secret: SECRET } as never),
      'OPTION_INVALID',
    );
    expect(error.message).toContain('did you mean `serverSecret`');
  });

  it.each([null, undefined, 'options', []])('refuses %j as options', (options) => {
    expectCodedError(() => signZegoApiRequest(options as never), 'OPTION_INVALID');
  });
});
