import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectCodedError, expectCodedRejection, SECRET } from '../../../../test/support/index.js';
import examples from '../../../../test/support/zego-worked-examples.json' with { type: 'json' };
import { isZegoTokenError } from '../errors.js';
import * as nodeEntry from '../node/index.js';
import type { VerifyZegoCallbackOptions } from '../public.js';
import * as webEntry from '../web/index.js';
import { constantTimeEqual } from '../web/runtime.js';

// Every behaviour below is run against both entries: `zego-token` (node:crypto, synchronous) and
// `zego-token/web` (Web Crypto, asynchronous). Each call is awaited, which a synchronous result passes
// through unchanged, and each failure is expected as a rejection of an async wrapper, which a
// synchronous throw becomes; the blocks after this one check that each entry is as (a)synchronous as
// it is documented to be.
const entries = [
  { name: 'zego-token', api: nodeEntry },
  { name: 'zego-token/web', api: webEntry },
] as const;

const EXAMPLE = examples.callback;
const EXAMPLE_NOW = Number(EXAMPLE.timestamp) * 1000;
const exampleOptions: VerifyZegoCallbackOptions = { callbackSecret: EXAMPLE.callbackSecret, now: () => EXAMPLE_NOW };

// Written apart from the module: ZEGO's recipe as its documentation states it.
function zegoSign(secret: string, timestamp: string, nonce: string): string {
  const sorted = [secret, timestamp, nonce].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  return createHash('sha1').update(sorted.join('')).digest('hex');
}

describe.each(entries)('verifyZegoCallback of $name', ({ api }) => {
  // Awaited: the Node entry's result passes through unchanged, the Web Crypto entry's promise resolves.
  const verify = async <T extends object = Record<string, unknown>>(
    body: unknown,
    options: VerifyZegoCallbackOptions,
  ) => api.verifyZegoCallback<T>(body, options);

  it("matches ZEGO's worked example exactly", async () => {
    expect([EXAMPLE.callbackSecret, EXAMPLE.timestamp, EXAMPLE.nonce].sort().join('')).toBe(EXAMPLE.sorted);
    expect(zegoSign(EXAMPLE.callbackSecret, EXAMPLE.timestamp, EXAMPLE.nonce)).toBe(EXAMPLE.signature);
    const body = {
      event: 'room_create',
      signature: EXAMPLE.signature,
      timestamp: EXAMPLE.timestamp,
      nonce: EXAMPLE.nonce,
    };
    const verified = await verify(body, exampleOptions);
    expect(verified.body).toBe(body);
    expect(verified.signed).toEqual({
      naming: 'signature/timestamp/nonce',
      algorithm: 'sha1',
      signature: EXAMPLE.signature,
      timestamp: EXAMPLE.timestamp,
      nonce: EXAMPLE.nonce,
      timestampMs: EXAMPLE_NOW,
    });
  });

  it.each([
    ['RTC and ZIM', { signature: 'signature', timestamp: 'timestamp', nonce: 'nonce' }],
    ['MiniGame', { signature: 'Signature', timestamp: 'Timestamp', nonce: 'SignatureNonce' }],
    ['Digital Human', { signature: 'Signature', timestamp: 'Timestamp', nonce: 'Nonce' }],
  ])(
    'accepts the %s field spelling, with strings or numbers, and refuses a wrong signature in it',
    async (_name, names) => {
      for (const asNumbers of [false, true]) {
        const timestamp = asNumbers ? Number(EXAMPLE.timestamp) : EXAMPLE.timestamp;
        const nonce = asNumbers ? Number(EXAMPLE.nonce) : EXAMPLE.nonce;
        const body = {
          AppId: 12345,
          [names.signature]: EXAMPLE.signature,
          [names.timestamp]: timestamp,
          [names.nonce]: nonce,
        };
        expect((await verify(body, exampleOptions)).body).toEqual(body);
        const wrong = { ...body, [names.signature]: EXAMPLE.signature.replace(/.$/, '0') };
        await expectCodedRejection(() => verify(wrong, exampleOptions), 'CALLBACK_SIGNATURE_INVALID');
      }
    },
  );

  it('accepts an uppercase hex signature', async () => {
    const body = { signature: EXAMPLE.signature.toUpperCase(), timestamp: EXAMPLE.timestamp, nonce: EXAMPLE.nonce };
    expect((await verify(body, exampleOptions)).body).toBe(body);
  });

  it('refuses a signature that differs from the right one in any single character', async () => {
    const body = { signature: EXAMPLE.signature, timestamp: EXAMPLE.timestamp, nonce: EXAMPLE.nonce };
    for (let index = 0; index < EXAMPLE.signature.length; index += 1) {
      const changed = EXAMPLE.signature[index] === '0' ? '1' : '0';
      const signature = EXAMPLE.signature.slice(0, index) + changed + EXAMPLE.signature.slice(index + 1);
      await expectCodedRejection(() => verify({ ...body, signature }, exampleOptions), 'CALLBACK_SIGNATURE_INVALID');
    }
  });

  it('returns the body typed as asked', async () => {
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
    const { body: report } = await verify<GameReport>(body, exampleOptions);
    expect(report.GameId).toBe('g1');
  });

  it('verifies any signed callback and refuses it under another secret or with a changed field', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ minLength: 1, maxLength: 40 }),
        fc.integer({ min: 1, max: 2 ** 40 }),
        fc.oneof(fc.string({ minLength: 1, maxLength: 40 }), fc.integer({ min: 0 })),
        async (secret, timestamp, nonce) => {
          const body = { signature: zegoSign(secret, String(timestamp), String(nonce)), timestamp, nonce };
          const options = { callbackSecret: secret, now: () => timestamp * 1000 };
          expect((await verify(body, options)).body).toBe(body);
          await expectCodedRejection(
            () => verify(body, { ...options, callbackSecret: `${secret}x` }),
            'CALLBACK_SIGNATURE_INVALID',
          );
          await expectCodedRejection(
            () => verify({ ...body, nonce: `${nonce}1` }, options),
            'CALLBACK_SIGNATURE_INVALID',
          );
        },
      ),
    );
  });

  it('allows toleranceSeconds (default 600) either side of now, and no more', async () => {
    const body = { signature: EXAMPLE.signature, timestamp: EXAMPLE.timestamp, nonce: EXAMPLE.nonce };
    const at = (offsetSeconds: number, toleranceSeconds?: number) =>
      verify(body, {
        callbackSecret: EXAMPLE.callbackSecret,
        now: () => EXAMPLE_NOW + offsetSeconds * 1000,
        toleranceSeconds,
      });
    expect((await at(600)).body).toBe(body);
    expect((await at(-600)).body).toBe(body);
    expect((await expectCodedRejection(() => at(601), 'CALLBACK_EXPIRED')).message).toContain('601 s behind');
    expect((await expectCodedRejection(() => at(-601), 'CALLBACK_EXPIRED')).message).toContain('601 s ahead of');
    expect((await at(30, 30)).body).toBe(body);
    await expectCodedRejection(() => at(31, 30), 'CALLBACK_EXPIRED');
    await expectCodedRejection(() => at(1, 0), 'CALLBACK_EXPIRED');
  });

  it('checks the signature before the time, so a forged old callback is a signature error', async () => {
    const body = { signature: '0'.repeat(40), timestamp: '1', nonce: 'n' };
    await expectCodedRejection(() => verify(body, exampleOptions), 'CALLBACK_SIGNATURE_INVALID');
  });

  it('reports a signed timestamp that is not whole seconds as expired', async () => {
    const timestamp = '1470820198.5';
    const body = { signature: zegoSign('secret', timestamp, 'n'), timestamp, nonce: 'n' };
    await expectCodedRejection(() => verify(body, exampleOptions), 'CALLBACK_EXPIRED');
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
  ])('refuses %s with CALLBACK_SIGNATURE_INVALID', async (_name, body) => {
    const error = await expectCodedRejection(() => verify(body, exampleOptions), 'CALLBACK_SIGNATURE_INVALID');
    expect(error).toMatchObject({ status: 401, expose: true });
    expect(error.message.length).toBeLessThan(300);
  });

  it('answers any hostile body with a typed error, never a crash, never the secret', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.anything(),
          fc.record({
            signature: fc.anything(),
            timestamp: fc.anything(),
            nonce: fc.anything(),
          }),
          fc.record({ Signature: fc.anything(), Timestamp: fc.anything(), SignatureNonce: fc.anything() }),
        ),
        async (body) => {
          try {
            await verify(body, { callbackSecret: SECRET });
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
  ])('refuses %s before reading the body', async (_name, options, code) => {
    const error = await expectCodedRejection(() => verify(signed, options as never), code);
    expect(JSON.stringify(error) + error.message).not.toContain(SECRET);
  });

  it('points at callbackSecret when the ServerSecret option name is used', async () => {
    const error = await expectCodedRejection(() => verify(signed, { serverSecret: SECRET } as never), 'OPTION_INVALID');
    expect(error.message).toContain('did you mean `callbackSecret`');
  });

  it.each([null, undefined, 'secret'])('refuses %j as options', async (options) => {
    await expectCodedRejection(() => verify(signed, options as never), 'OPTION_INVALID');
  });
});

describe('each entry is as (a)synchronous as documented', () => {
  const body = { signature: EXAMPLE.signature, timestamp: EXAMPLE.timestamp, nonce: EXAMPLE.nonce };
  const forged = { ...body, signature: '0'.repeat(40) };

  it("zego-token's verifyZegoCallback returns the body itself and throws", () => {
    expect(nodeEntry.verifyZegoCallback(body, exampleOptions).body).toBe(body);
    expectCodedError(() => nodeEntry.verifyZegoCallback(forged, exampleOptions), 'CALLBACK_SIGNATURE_INVALID');
    expectCodedError(() => nodeEntry.verifyZegoCallback(body, { callbackSecret: '' }), 'SECRET_INVALID');
  });

  it("zego-token/web's verifyZegoCallback returns a promise and rejects, never throws, even for bad options", async () => {
    const verified = webEntry.verifyZegoCallback(body, exampleOptions);
    expect(verified).toBeInstanceOf(Promise);
    expect((await verified).body).toBe(body);
    for (const [input, options, code] of [
      [forged, exampleOptions, 'CALLBACK_SIGNATURE_INVALID'],
      [body, { callbackSecret: '' }, 'SECRET_INVALID'],
      [body, null, 'OPTION_INVALID'],
    ] as const) {
      let pending: Promise<unknown> | undefined;
      expect(() => {
        pending = webEntry.verifyZegoCallback(input, options as never);
      }).not.toThrow();
      await expectCodedRejection(pending as Promise<unknown>, code);
    }
  });

  it('both entries refuse with the same code and message', async () => {
    const bodies: unknown[] = [forged, {}, { ...body, nonce: [] }, { ...body, signature: 'x' }];
    for (const input of bodies) {
      const fromNode = expectCodedError(
        () => nodeEntry.verifyZegoCallback(input, exampleOptions),
        'CALLBACK_SIGNATURE_INVALID',
      );
      const fromWeb = await expectCodedRejection(
        () => webEntry.verifyZegoCallback(input, exampleOptions),
        fromNode.code,
      );
      expect(fromWeb.message).toBe(fromNode.message);
    }
  });
});

describe("the Web Crypto entry's constant-time comparison", () => {
  it('is true for equal bytes, false for a difference in any one byte or bit, or another length', () => {
    const bytes = new TextEncoder().encode(EXAMPLE.signature);
    expect(constantTimeEqual(bytes, bytes.slice())).toBe(true);
    expect(constantTimeEqual(new Uint8Array(0), new Uint8Array(0))).toBe(true);
    for (let index = 0; index < bytes.length; index += 1) {
      for (const bit of [0x01, 0x80]) {
        const changed = bytes.slice();
        changed[index] = (changed[index] as number) ^ bit;
        expect(constantTimeEqual(bytes, changed), `byte ${index}, bit ${bit}`).toBe(false);
      }
    }
    expect(constantTimeEqual(bytes, bytes.subarray(1))).toBe(false);
    expect(constantTimeEqual(bytes.subarray(1), bytes)).toBe(false);
  });
});
