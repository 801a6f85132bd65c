import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectCodedError, expectCodedRejection, SECRET } from '../../../../test/support/index.js';
import documented from '../../../../test/support/zego-callback-examples.json' with { type: 'json' };
import examples from '../../../../test/support/zego-worked-examples.json' with { type: 'json' };
import { isZegoTokenError } from '../errors.js';
import * as nodeEntry from '../node/index.js';
import type { VerifyZegoCallbackOptions } from '../public.js';
import * as webEntry from '../web/index.js';
import { constantTimeEqual, md5Hex as webMd5Hex } from '../web/runtime.js';

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

// MiniGame's scheme as its "Making API Requests" page states it:
// `Signature = MD5(AppId + SignatureNonce + CallbackSecret + Timestamp)`, 32 lowercase hex characters.
function miniGameMd5(appId: string, nonce: string, secret: string, timestamp: string): string {
  return createHash('md5').update(`${appId}${nonce}${secret}${timestamp}`).digest('hex');
}

const CALLBACK_SECRET = 'a CallbackSecret of the project';

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

  describe('timestamps in seconds or milliseconds', () => {
    // Each documented body, signed here with its own timestamp and nonce; the clock is set near its time.
    const signedAs = (
      body: Record<string, unknown>,
      names: { signature: string; timestamp: string; nonce: string },
    ): Record<string, unknown> => ({
      ...body,
      [names.signature]: zegoSign(CALLBACK_SECRET, String(body[names.timestamp]), String(body[names.nonce])),
    });
    const upper = { signature: 'Signature', timestamp: 'Timestamp', nonce: 'Nonce' };
    const lower = { signature: 'signature', timestamp: 'timestamp', nonce: 'nonce' };
    const at = (nowMs: number, toleranceSeconds?: number) => ({
      callbackSecret: CALLBACK_SECRET,
      now: () => nowMs,
      toleranceSeconds,
    });

    it("accepts AI Agent's documented example, whose Timestamp is in milliseconds", async () => {
      const body = signedAs(documented.aiAgent.body, upper);
      const verified = await verify(body, at(1745502313000 + 1234));
      expect(verified.body).toBe(body);
      expect(verified.signed).toMatchObject({
        naming: 'Signature/Timestamp/Nonce',
        timestamp: '1745502313000',
        nonce: '7450395512627324902',
        timestampMs: 1745502313000,
      });
    });

    it("accepts Digital Human's documented example (10 digits: seconds) and the same body in milliseconds", async () => {
      const inSeconds = signedAs(documented.digitalHuman.body, upper);
      expect((await verify(inSeconds, at(1681221510034))).signed.timestampMs).toBe(1681221510000);
      const inMs = signedAs({ ...documented.digitalHuman.body, Timestamp: '1681221510034' }, upper);
      expect((await verify(inMs, at(1681221510034 + 5000))).signed.timestampMs).toBe(1681221510034);
    });

    it('accepts the RTC room_create example, in seconds, and still refuses it 601 s later', async () => {
      const body = signedAs(documented.rtc.body, lower);
      expect((await verify(body, at(1499676978000))).signed.timestampMs).toBe(1499676978000);
      const late = await expectCodedRejection(() => verify(body, at((1499676978 + 601) * 1000)), 'CALLBACK_EXPIRED');
      expect(late.message).toContain('601 s behind');
    });

    it('allows toleranceSeconds exactly, to the millisecond, for a timestamp in milliseconds', async () => {
      const sent = 1745502313000;
      const body = signedAs(documented.aiAgent.body, upper);
      expect((await verify(body, at(sent + 600_000))).body).toBe(body);
      expect((await verify(body, at(sent - 600_000))).body).toBe(body);
      const behind = await expectCodedRejection(() => verify(body, at(sent + 600_001)), 'CALLBACK_EXPIRED');
      expect(behind.message).toContain('600001 ms behind');
      expect(behind.message).toContain('toleranceSeconds allows 600');
      const ahead = await expectCodedRejection(() => verify(body, at(sent - 600_001)), 'CALLBACK_EXPIRED');
      expect(ahead.message).toContain('600001 ms ahead of');
      expect((await verify(body, at(sent + 1000, 1))).body).toBe(body);
      await expectCodedRejection(() => verify(body, at(sent + 1001, 1)), 'CALLBACK_EXPIRED');
      expect((await verify(body, at(sent, 0))).body).toBe(body);
      await expectCodedRejection(() => verify(body, at(sent + 1, 0)), 'CALLBACK_EXPIRED');
      await expectCodedRejection(() => verify(body, at(sent - 1, 0)), 'CALLBACK_EXPIRED');
    });

    it('allows toleranceSeconds exactly, to the second, for a timestamp in seconds', async () => {
      const body = signedAs(documented.rtc.body, lower);
      const sent = 1499676978000;
      expect((await verify(body, at(sent + 600_999))).body).toBe(body);
      expect((await verify(body, at(sent - 600_000))).body).toBe(body);
      await expectCodedRejection(() => verify(body, at(sent + 601_000)), 'CALLBACK_EXPIRED');
      const ahead = await expectCodedRejection(() => verify(body, at(sent - 600_001)), 'CALLBACK_EXPIRED');
      expect(ahead.message).toContain('601 s ahead of');
    });

    it.each([
      ['9 digits', '999999999'],
      ['11 digits', '17455023130'],
      ['12 digits', '174550231300'],
      ['14 digits', '17455023130000'],
      ['microseconds', '1745502313000000'],
    ])(
      'refuses a signed timestamp of %s, neither seconds nor milliseconds, saying which units it reads',
      async (_name, timestamp) => {
        const body = { Signature: zegoSign(CALLBACK_SECRET, timestamp, 'n1'), Timestamp: timestamp, Nonce: 'n1' };
        const error = await expectCodedRejection(
          () => verify(body, at(Number(timestamp))),
          'CALLBACK_SIGNATURE_INVALID',
        );
        expect(error.message).toMatch(/seconds \(10 digits\) or milliseconds \(13 digits\)/);
      },
    );
  });

  describe("MiniGame's MD5 signature", () => {
    const miniGame = documented.miniGame.body;
    const appId = String(miniGame.AppId);
    const nonce = miniGame.SignatureNonce;
    const timestamp = String(miniGame.Timestamp);
    const options = { callbackSecret: CALLBACK_SECRET, now: () => miniGame.Timestamp * 1000 };

    it("accepts MiniGame's documented example signed MD5(AppId + SignatureNonce + CallbackSecret + Timestamp)", async () => {
      const body = { ...miniGame, Signature: miniGameMd5(appId, nonce, CALLBACK_SECRET, timestamp) };
      const verified = await verify(body, options);
      expect(verified.body).toBe(body);
      expect(verified.signed).toEqual({
        naming: 'Signature/Timestamp/SignatureNonce',
        algorithm: 'md5',
        signature: body.Signature,
        timestamp,
        nonce,
        timestampMs: miniGame.Timestamp * 1000,
        appId,
      });
    });

    it('still accepts the sorted SHA-1 of the Chinese callback page under MiniGame names', async () => {
      const body = { ...miniGame, Signature: zegoSign(CALLBACK_SECRET, timestamp, nonce) };
      expect((await verify(body, options)).signed.algorithm).toBe('sha1');
    });

    it('refuses an MD5 signature under another secret, another AppId, or with a field changed', async () => {
      const right = miniGameMd5(appId, nonce, CALLBACK_SECRET, timestamp);
      for (const body of [
        { ...miniGame, Signature: miniGameMd5(appId, nonce, 'another secret', timestamp) },
        { ...miniGame, Signature: right, AppId: miniGame.AppId + 1 },
        { ...miniGame, Signature: right, SignatureNonce: `${nonce}1` },
        { ...miniGame, Signature: right.replace(/^./, right.startsWith('0') ? '1' : '0') },
      ]) {
        await expectCodedRejection(() => verify(body, options), 'CALLBACK_SIGNATURE_INVALID');
      }
    });

    it('refuses an MD5 signature without an AppId, or with an AppId that is not a canonical positive integer', async () => {
      const { AppId: _, ...withoutAppId } = miniGame;
      const body = { ...withoutAppId, Signature: miniGameMd5('', nonce, CALLBACK_SECRET, timestamp) };
      const error = await expectCodedRejection(() => verify(body, options), 'CALLBACK_SIGNATURE_INVALID');
      expect(error.message).toContain('AppId');
      for (const AppId of ['01234567890', 1.5, -1, '']) {
        const signature = miniGameMd5(String(AppId), nonce, CALLBACK_SECRET, timestamp);
        await expectCodedRejection(
          () => verify({ ...miniGame, AppId, Signature: signature }, options),
          'CALLBACK_SIGNATURE_INVALID',
        );
      }
    });

    it('refuses an MD5 signature under the RTC or Digital Human names, which ZEGO signs with SHA-1 only', async () => {
      const md5 = miniGameMd5(appId, nonce, CALLBACK_SECRET, timestamp);
      for (const body of [
        { AppId: miniGame.AppId, signature: md5, timestamp, nonce },
        { AppId: miniGame.AppId, Signature: md5, Timestamp: timestamp, Nonce: nonce },
      ]) {
        const error = await expectCodedRejection(() => verify(body, options), 'CALLBACK_SIGNATURE_INVALID');
        expect(error.message).toContain('40 hex characters');
      }
    });
  });

  describe('one naming per body, a canonical timestamp', () => {
    const options = { callbackSecret: CALLBACK_SECRET, now: () => 1470820198000 };
    const timestamp = '1470820198';

    it('refuses a captured RTC callback re-sent with MiniGame fields beside its own', async () => {
      const captured = {
        event: 'room_create',
        signature: zegoSign(CALLBACK_SECRET, timestamp, 'n1'),
        timestamp,
        nonce: 'n1',
      };
      expect((await verify(captured, options)).body).toBe(captured);
      const resent = {
        ...captured,
        Signature: '0'.repeat(32),
        Timestamp: 1470820198,
        SignatureNonce: 'forged',
        ReportType: 2,
      };
      const error = await expectCodedRejection(() => verify(resent, options), 'CALLBACK_SIGNATURE_INVALID');
      expect(error.message).toContain('more than one naming');
      expect(error.message).toMatch(/signature.*Signature/);
    });

    it('refuses a verified nonce with another naming riding along unverified', async () => {
      const signature = zegoSign(CALLBACK_SECRET, timestamp, 'n1');
      const body = { Signature: signature, Timestamp: timestamp, SignatureNonce: 'n1', Nonce: 'not signed' };
      const error = await expectCodedRejection(() => verify(body, options), 'CALLBACK_SIGNATURE_INVALID');
      expect(error.message).toMatch(/SignatureNonce.*Nonce|Nonce.*SignatureNonce/);
    });

    it.each([
      ['signature and Signature', { signature: 'x', Signature: 'x', timestamp, nonce: 'n1' }],
      ['nonce and Nonce', { signature: 'x', timestamp, nonce: 'n1', Nonce: 'n1' }],
      ['timestamp and Timestamp', { signature: 'x', timestamp, Timestamp: timestamp, nonce: 'n1' }],
    ])('refuses a body with both %s, naming the fields', async (_name, fields) => {
      const signature = zegoSign(CALLBACK_SECRET, timestamp, 'n1');
      const body = { ...fields, signature, ...('Signature' in fields ? { Signature: signature } : {}) };
      const error = await expectCodedRejection(() => verify(body, options), 'CALLBACK_SIGNATURE_INVALID');
      expect(error.message).toContain('more than one naming');
    });

    it('refuses a timestamp with a leading zero, so nonce 00ab + timestamp 0T cannot pose as nonce 00ab0 + T', async () => {
      const genuine = { signature: zegoSign(CALLBACK_SECRET, timestamp, '00ab0'), timestamp, nonce: '00ab0' };
      expect((await verify(genuine, options)).signed.nonce).toBe('00ab0');
      const shifted = { ...genuine, timestamp: `0${timestamp}`, nonce: '00ab' };
      expect(zegoSign(CALLBACK_SECRET, shifted.timestamp, shifted.nonce)).toBe(genuine.signature);
      const error = await expectCodedRejection(() => verify(shifted, options), 'CALLBACK_SIGNATURE_INVALID');
      expect(error.message).toContain('timestamp');
    });

    it.each([
      ['a leading zero', `0${timestamp}`],
      ['a plus sign', `+${timestamp}`],
      ['a fraction', `${timestamp}.0`],
      ['an exponent', '1.470820198e9'],
      ['spaces', ` ${timestamp}`],
      ['a negative number', -1470820198],
      ['a fractional number', 1470820198.5],
      ['zero', '0'],
    ])('refuses a signed timestamp with %s', async (_name, value) => {
      const body = { signature: zegoSign(CALLBACK_SECRET, String(value), 'n1'), timestamp: value, nonce: 'n1' };
      await expectCodedRejection(() => verify(body, options), 'CALLBACK_SIGNATURE_INVALID');
    });
  });

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
        fc.oneof(fc.integer({ min: 1e9, max: 1e10 - 1 }), fc.integer({ min: 1e12, max: 1e13 - 1 })),
        fc.oneof(fc.string({ minLength: 1, maxLength: 40 }), fc.integer({ min: 0 })),
        async (secret, timestamp, nonce) => {
          const body = { signature: zegoSign(secret, String(timestamp), String(nonce)), timestamp, nonce };
          const options = { callbackSecret: secret, now: () => (timestamp < 1e10 ? timestamp * 1000 : timestamp) };
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

  it('refuses a signed timestamp that is not a whole number', async () => {
    const timestamp = '1470820198.5';
    const body = { signature: zegoSign('secret', timestamp, 'n'), timestamp, nonce: 'n' };
    await expectCodedRejection(() => verify(body, exampleOptions), 'CALLBACK_SIGNATURE_INVALID');
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

describe("the Web runtime's MD5 (Web Crypto has none)", () => {
  it("matches RFC 1321's test suite, ZEGO's Server API worked example and node:crypto on any text", () => {
    // RFC 1321, appendix A.5.
    expect(webMd5Hex('')).toBe('d41d8cd98f00b204e9800998ecf8427e');
    expect(webMd5Hex('abc')).toBe('900150983cd24fb0d6963f7d28e17f72');
    expect(webMd5Hex('message digest')).toBe('f96b697d7cb7938d525a2f31aaf161d0');
    const api = examples.serverApi;
    expect(webMd5Hex(`${api.appId}${api.signatureNonce}${api.serverSecret}${api.timestamp}`)).toBe(api.signature);
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        expect(webMd5Hex(text)).toBe(createHash('md5').update(text, 'utf8').digest('hex'));
      }),
    );
  });
});
