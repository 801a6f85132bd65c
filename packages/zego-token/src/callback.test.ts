import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectCodedError, SECRET } from '../../../test/support/index.js';
import examples from '../../../test/support/zego-worked-examples.json' with { type: 'json' };
import { type VerifyZegoCallbackOptions, verifyZegoCallback } from './callback.js';
import { isZegoTokenError } from './errors.js';

const EXAMPLE = examples.callback;
const EXAMPLE_NOW = Number(EXAMPLE.timestamp) * 1000;
const exampleOptions: VerifyZegoCallbackOptions = { callbackSecret: EXAMPLE.callbackSecret, now: () => EXAMPLE_NOW };

// Written apart from the module: ZEGO's recipe as its documentation states it.
function zegoSign(secret: string, timestamp: string, nonce: string): string {
  const sorted = [secret, timestamp, nonce].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  return createHash('sha1').update(sorted.join('')).digest('hex');
}

describe('verifyZegoCallback', () => {
  it("matches ZEGO's worked example exactly", () => {
    expect([EXAMPLE.callbackSecret, EXAMPLE.timestamp, EXAMPLE.nonce].sort().join('')).toBe(EXAMPLE.sorted);
    expect(zegoSign(EXAMPLE.callbackSecret, EXAMPLE.timestamp, EXAMPLE.nonce)).toBe(EXAMPLE.signature);
    const body = {
      event: 'room_create',
      signature: EXAMPLE.signature,
      timestamp: EXAMPLE.timestamp,
      nonce: EXAMPLE.nonce,
    };
    expect(verifyZegoCallback(body, exampleOptions)).toBe(body);
  });

  it.each([
    ['RTC and ZIM', { signature: 'signature', timestamp: 'timestamp', nonce: 'nonce' }],
    ['MiniGame', { signature: 'Signature', timestamp: 'Timestamp', nonce: 'SignatureNonce' }],
    ['Digital Human', { signature: 'Signature', timestamp: 'Timestamp', nonce: 'Nonce' }],
  ])('accepts the %s field spelling, with strings or numbers, and refuses a wrong signature in it', (_name, names) => {
    for (const asNumbers of [false, true]) {
      const timestamp = asNumbers ? Number(EXAMPLE.timestamp) : EXAMPLE.timestamp;
      const nonce = asNumbers ? Number(EXAMPLE.nonce) : EXAMPLE.nonce;
      const body = {
        AppId: 12345,
        [names.signature]: EXAMPLE.signature,
        [names.timestamp]: timestamp,
        [names.nonce]: nonce,
      };
      expect(verifyZegoCallback(body, exampleOptions)).toEqual(body);
      const wrong = { ...body, [names.signature]: EXAMPLE.signature.replace(/.$/, '0') };
      expectCodedError(() => verifyZegoCallback(wrong, exampleOptions), 'CALLBACK_SIGNATURE_INVALID');
    }
  });

  it('accepts an uppercase hex signature', () => {
    const body = { signature: EXAMPLE.signature.toUpperCase(), timestamp: EXAMPLE.timestamp, nonce: EXAMPLE.nonce };
    expect(verifyZegoCallback(body, exampleOptions)).toBe(body);
  });

  it('returns the body typed as asked', () => {
    interface GameReport {
      Signature: string;
      Timestamp: number;
      SignatureNonce: string;
      GameId: string;
    }
    const body: unknown = {
      Signature: EXAMPLE.signature,
      Timestamp: Number(EXAMPLE.timestamp),
      SignatureNonce: EXAMPLE.nonce,
      GameId: 'g1',
    };
    const report = verifyZegoCallback<GameReport>(body, exampleOptions);
    expect(report.GameId).toBe('g1');
  });

  it('verifies any signed callback and refuses it under another secret or with a changed field', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 40 }),
        fc.integer({ min: 1, max: 2 ** 40 }),
        fc.oneof(fc.string({ minLength: 1, maxLength: 40 }), fc.integer({ min: 0 })),
        (secret, timestamp, nonce) => {
          const body = { signature: zegoSign(secret, String(timestamp), String(nonce)), timestamp, nonce };
          const options = { callbackSecret: secret, now: () => timestamp * 1000 };
          expect(verifyZegoCallback(body, options)).toBe(body);
          expectCodedError(
            () => verifyZegoCallback(body, { ...options, callbackSecret: `${secret}x` }),
            'CALLBACK_SIGNATURE_INVALID',
          );
          expectCodedError(
            () => verifyZegoCallback({ ...body, nonce: `${nonce}1` }, options),
            'CALLBACK_SIGNATURE_INVALID',
          );
        },
      ),
    );
  });

  it('allows toleranceSeconds (default 600) either side of now, and no more', () => {
    const body = { signature: EXAMPLE.signature, timestamp: EXAMPLE.timestamp, nonce: EXAMPLE.nonce };
    const at = (offsetSeconds: number, toleranceSeconds?: number) =>
      verifyZegoCallback(body, {
        callbackSecret: EXAMPLE.callbackSecret,
        now: () => EXAMPLE_NOW + offsetSeconds * 1000,
        toleranceSeconds,
      });
    expect(at(600)).toBe(body);
    expect(at(-600)).toBe(body);
    expect(expectCodedError(() => at(601), 'CALLBACK_EXPIRED').message).toContain('601 s behind');
    expect(expectCodedError(() => at(-601), 'CALLBACK_EXPIRED').message).toContain('601 s ahead of');
    expect(at(30, 30)).toBe(body);
    expectCodedError(() => at(31, 30), 'CALLBACK_EXPIRED');
    expectCodedError(() => at(1, 0), 'CALLBACK_EXPIRED');
  });

  it('checks the signature before the time, so a forged old callback is a signature error', () => {
    const body = { signature: '0'.repeat(40), timestamp: '1', nonce: 'n' };
    expectCodedError(() => verifyZegoCallback(body, exampleOptions), 'CALLBACK_SIGNATURE_INVALID');
  });

  it('reports a signed timestamp that is not whole seconds as expired', () => {
    const timestamp = '1470820198.5';
    const body = { signature: zegoSign('secret', timestamp, 'n'), timestamp, nonce: 'n' };
    expectCodedError(() => verifyZegoCallback(body, exampleOptions), 'CALLBACK_EXPIRED');
  });

  const signed = { signature: EXAMPLE.signature, timestamp: EXAMPLE.timestamp, nonce: EXAMPLE.nonce };
  it.each([
    ['null', null],
    ['undefined', undefined],
    ['a string', JSON.stringify(signed)],
    ['a number', 42],
    ['an array', [signed]],
    ['an empty object', {}],
    ['no signature', { timestamp: EXAMPLE.timestamp, nonce: EXAMPLE.nonce }],
    ['no timestamp', { signature: EXAMPLE.signature, nonce: EXAMPLE.nonce }],
    ['no nonce', { signature: EXAMPLE.signature, timestamp: EXAMPLE.timestamp }],
    ['mixed spellings', { signature: EXAMPLE.signature, Timestamp: EXAMPLE.timestamp, Nonce: EXAMPLE.nonce }],
    ['a null signature', { ...signed, signature: null }],
    ['a numeric signature', { ...signed, signature: 5 }],
    ['an array signature', { ...signed, signature: [EXAMPLE.signature] }],
    ['an object timestamp', { ...signed, timestamp: { toString: () => EXAMPLE.timestamp } }],
    ['an array nonce', { ...signed, nonce: [EXAMPLE.nonce] }],
    ['a boolean nonce', { ...signed, nonce: true }],
    ['an empty nonce', { ...signed, nonce: '' }],
    ['a NaN timestamp', { ...signed, timestamp: Number.NaN }],
    ['an Infinity timestamp', { ...signed, timestamp: Number.POSITIVE_INFINITY }],
    ['a huge nonce', { ...signed, nonce: 'n'.repeat(10_000_000) }],
    ['a huge signature', { ...signed, signature: 'a'.repeat(10_000_000) }],
    ['a 40-character non-ASCII signature', { ...signed, signature: 'é'.repeat(40) }],
    ['fields only on the prototype', Object.create(signed)],
    ['a JSON __proto__ key', JSON.parse(`{"__proto__": ${JSON.stringify(signed)}}`)],
  ])('refuses %s with CALLBACK_SIGNATURE_INVALID', (_name, body) => {
    const error = expectCodedError(() => verifyZegoCallback(body, exampleOptions), 'CALLBACK_SIGNATURE_INVALID');
    expect(error).toMatchObject({ status: 401, expose: true });
    expect(error.message.length).toBeLessThan(300);
  });

  it('answers any hostile body with a typed error, never a crash, never the secret', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.anything(),
          fc.record({
            signature: fc.anything(),
            timestamp: fc.anything(),
            nonce: fc.anything(),
          }),
          fc.record({ Signature: fc.anything(), Timestamp: fc.anything(), SignatureNonce: fc.anything() }),
        ),
        (body) => {
          try {
            verifyZegoCallback(body, { callbackSecret: SECRET });
          } catch (error) {
            expect(isZegoTokenError(error)).toBe(true);
            const coded = error as Error & { code: string };
            expect(['CALLBACK_SIGNATURE_INVALID', 'CALLBACK_EXPIRED']).toContain(coded.code);
            expect(coded.message).not.toContain(SECRET);
            expect(JSON.stringify(coded)).not.toContain(SECRET);
            return;
          }
          throw new Error('a body that was never signed passed');
        },
      ),
      { numRuns: 500 },
    );
  });

  it.each([
    ['a missing callbackSecret', {}, 'SECRET_INVALID'],
    ['an empty callbackSecret', { callbackSecret: '' }, 'SECRET_INVALID'],
    ['a numeric callbackSecret', { callbackSecret: 42 }, 'SECRET_INVALID'],
    ['a negative toleranceSeconds', { callbackSecret: SECRET, toleranceSeconds: -1 }, 'OPTION_INVALID'],
    ['a float toleranceSeconds', { callbackSecret: SECRET, toleranceSeconds: 1.5 }, 'OPTION_INVALID'],
    ['a clock that is not a function', { callbackSecret: SECRET, now: 5 }, 'OPTION_INVALID'],
    ['a clock returning NaN', { callbackSecret: SECRET, now: () => Number.NaN }, 'OPTION_INVALID'],
    ['serverSecret for callbackSecret', { serverSecret: SECRET }, 'OPTION_INVALID'],
  ])('refuses %s before reading the body', (_name, options, code) => {
    const error = expectCodedError(() => verifyZegoCallback(signed, options as never), code);
    expect(JSON.stringify(error) + error.message).not.toContain(SECRET);
  });

  it('points at callbackSecret when the ServerSecret option name is used', () => {
    const error = expectCodedError(
      () => verifyZegoCallback(signed, { serverSecret: SECRET } as never),
      'OPTION_INVALID',
    );
    expect(error.message).toContain('did you mean `callbackSecret`');
  });

  it.each([null, undefined, 'secret'])('refuses %j as options', (options) => {
    expectCodedError(() => verifyZegoCallback(signed, options as never), 'OPTION_INVALID');
  });
});
