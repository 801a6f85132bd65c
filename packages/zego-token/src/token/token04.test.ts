import { Buffer } from 'node:buffer';
import { createDecipheriv } from 'node:crypto';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  expectCodedError,
  expectCodedRejection,
  OTHER_SECRET,
  SECRET,
  type Token04Vector,
  vectorInputs,
  VECTORS as vectors,
} from '../../../../test/support/index.js';
import * as nodeEntry from '../node/index.js';
import { generateToken04, type Token04Mode, type ZegoTokenError } from '../node/index.js';
import * as webEntry from '../web/index.js';

// Every behaviour below is run against both entries: `zego-token` (node:crypto, synchronous) and
// `zego-token/web` (Web Crypto, asynchronous). Each call is awaited, which a synchronous result
// passes through unchanged; generateToken04 (the Node drop-in for ZEGO's helper) is Node's only.
const entries = [
  { name: 'zego-token', api: nodeEntry },
  { name: 'zego-token/web', api: webEntry },
] as const;

/** An independent reader written from the wire format with node:crypto, sharing no code with the package. */
function independentDecrypt(token: string, secret: string) {
  expect(token.slice(0, 2)).toBe('04');
  const bytes = Buffer.from(token.slice(2), 'base64');
  const expire = Number(bytes.readBigInt64BE(0));
  const ivLength = bytes.readUInt16BE(8);
  const iv = bytes.subarray(10, 10 + ivLength);
  const cipherLength = bytes.readUInt16BE(10 + ivLength);
  const cipher = bytes.subarray(12 + ivLength, 12 + ivLength + cipherLength);
  const rest = bytes.subarray(12 + ivLength + cipherLength);
  const key = Buffer.from(secret, 'utf8');
  let plaintext: string;
  if (rest.length === 1 && rest[0] === 1) {
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAuthTag(cipher.subarray(cipher.length - 16));
    plaintext = Buffer.concat([decipher.update(cipher.subarray(0, cipher.length - 16)), decipher.final()]).toString();
  } else {
    const decipher = createDecipheriv('aes-256-cbc', key, iv);
    plaintext = Buffer.concat([decipher.update(cipher), decipher.final()]).toString();
  }
  return { expire, ivLength, rest, plaintext, claims: JSON.parse(plaintext) as Record<string, unknown> };
}

/** What decoding adds for a CBC token: a warning that its claims are not authenticated. */
function cbcWarnings(mode: Token04Mode) {
  return mode === 'cbc' ? { warnings: [expect.stringMatching(/not authenticated.*appId/)] } : {};
}

/** The claims decoding must give for a token encoded from `input`. */
function claimsOf(input: Omit<Token04Vector, 'name' | 'secret' | 'iv' | 'token'>) {
  return {
    version: '04',
    mode: input.mode,
    appId: input.appId,
    userId: input.userId,
    nonce: input.nonce,
    issuedAt: input.ctime,
    expiresAt: input.ctime + input.effectiveTimeInSeconds,
    payload: input.payload,
    ...cbcWarnings(input.mode),
  };
}

function tokenBytes(token: string): Buffer {
  return Buffer.from(token.slice(2), 'base64');
}
function fromBytes(bytes: Uint8Array): string {
  return `04${Buffer.from(bytes).toString('base64')}`;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe.each(entries)('$name', ({ api }) => {
  const {
    createToken04,
    decodeToken04,
    encodeToken04,
    inspectToken04,
    isZegoTokenError,
    MAX_TOKEN_LENGTH,
    roomPayload,
    verifyToken04,
    ZegoTokenError,
  } = api;

  /** Encodes a vector's inputs (optionally with another form of its payload). */
  async function encodeVector(
    vector: Token04Vector,
    payload: string | Record<string, unknown> = vector.payload,
  ): Promise<string> {
    return encodeToken04({ ...vectorInputs(vector), payload });
  }

  /** What `read` threw or rejected with; `undefined` when it succeeded. */
  async function failure(read: () => unknown): Promise<unknown> {
    try {
      await read();
    } catch (error) {
      return error;
    }
    return undefined;
  }

  describe('vectors', () => {
    it('has the vectors copied into the repo', async () => {
      expect(vectors.length).toBeGreaterThanOrEqual(4);
      expect(new Set(vectors.map((vector) => vector.mode))).toEqual(new Set(['gcm', 'cbc']));
    });

    it.each(vectors.map((vector) => [vector.name, vector] as const))(
      'encodes %s byte for byte',
      async (_name, vector) => {
        expect(await encodeVector(vector)).toBe(vector.token);
      },
    );

    it.each(vectors.map((vector) => [vector.name, vector] as const))(
      'decodes %s to its inputs',
      async (_name, vector) => {
        expect(await decodeToken04(vector.token, vector.secret)).toEqual(claimsOf(vector));
        expect(inspectToken04(vector.token)).toEqual({
          version: '04',
          mode: vector.mode,
          expiresAt: vector.ctime + vector.effectiveTimeInSeconds,
          ivLength: vector.iv.length / 2,
          cipherLength: tokenBytes(vector.token).readUInt16BE(10 + vector.iv.length / 2),
        });
      },
    );

    it('accepts an object payload as its JSON', async () => {
      const vector = vectors.find((candidate) => candidate.payload !== '');
      if (!vector) throw new Error('no vector with a payload');
      expect(await encodeVector(vector, JSON.parse(vector.payload) as Record<string, unknown>)).toBe(vector.token);
    });
  });

  describe('minting', () => {
    it('createToken04 gives a GCM token by default that an independent node:crypto reader decrypts', async () => {
      const before = Math.floor(Date.now() / 1000);
      const { token } = await createToken04({
        appId: 123456789,
        userId: 'user_1',
        serverSecret: SECRET,
        effectiveTimeInSeconds: 3600,
        payload: 'hello',
      });
      const after = Math.floor(Date.now() / 1000);
      const { expire, ivLength, rest, plaintext, claims } = independentDecrypt(token, SECRET);
      expect(ivLength).toBe(12);
      expect([...rest]).toEqual([1]);
      expect(Object.keys(claims)).toEqual(['app_id', 'user_id', 'nonce', 'ctime', 'expire', 'payload']);
      expect(claims).toMatchObject({ app_id: 123456789, user_id: 'user_1', payload: 'hello' });
      expect(claims.ctime).toBeGreaterThanOrEqual(before);
      expect(claims.ctime).toBeLessThanOrEqual(after);
      expect(claims.expire).toBe((claims.ctime as number) + 3600);
      expect(expire).toBe(claims.expire);
      expect(plaintext).toBe(JSON.stringify(claims));
    });

    it('createToken04 in CBC mode gives a legacy token that the independent reader decrypts', async () => {
      const created = await createToken04({
        appId: 7,
        userId: 'bob',
        serverSecret: SECRET,
        effectiveTimeInSeconds: 60,
        mode: 'cbc',
        now: () => 1_700_000_000_999,
      });
      expect(created).toMatchObject({ appId: 7, userId: 'bob', issuedAt: 1_700_000_000, expiresAt: 1_700_000_060 });
      expect(created.mode).toBe('cbc');
      expect(created.effectiveTimeInSeconds).toBe(60);
      const { ivLength, rest, claims } = independentDecrypt(created.token, SECRET);
      expect(ivLength).toBe(16);
      expect(rest.length).toBe(0);
      expect(claims).toMatchObject({ app_id: 7, user_id: 'bob', ctime: 1_700_000_000, expire: 1_700_000_060 });
    });

    it('serialises an object payload with JSON', async () => {
      const { token } = await createToken04({
        appId: 1,
        userId: 'u',
        serverSecret: SECRET,
        effectiveTimeInSeconds: 60,
        payload: { room_id: 'r', privilege: { 1: 1, 2: 0 }, stream_id_list: null },
      });
      expect((await decodeToken04(token, SECRET)).payload).toBe(
        '{"room_id":"r","privilege":{"1":1,"2":0},"stream_id_list":null}',
      );
    });

    it('draws a fresh IV and nonce for every token, over the whole int32 range', async () => {
      const ivs = new Set<string>();
      const nonces: number[] = [];
      for (let i = 0; i < 2000; i++) {
        const { token } = await createToken04({
          appId: 1,
          userId: 'u',
          serverSecret: SECRET,
          effectiveTimeInSeconds: 60,
        });
        ivs.add(tokenBytes(token).subarray(10, 22).toString('hex'));
        nonces.push((await decodeToken04(token, SECRET)).nonce);
      }
      expect(ivs.size).toBe(2000);
      expect(new Set(nonces).size).toBeGreaterThan(1990);
      // With a uniform int32 the chance that 2000 draws are all of one sign is 2^-1999.
      expect(nonces.some((nonce) => nonce < 0)).toBe(true);
      expect(nonces.some((nonce) => nonce > 0)).toBe(true);
      expect(nonces.every((nonce) => Number.isInteger(nonce) && nonce >= -(2 ** 31) && nonce < 2 ** 31)).toBe(true);
    });

    it('never calls Math.random and never writes to the console', async () => {
      const random = vi.spyOn(Math, 'random');
      const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((method) =>
        vi.spyOn(console, method).mockImplementation(() => undefined),
      );
      const { token } = await createToken04({
        appId: 1,
        userId: 'u',
        serverSecret: SECRET,
        effectiveTimeInSeconds: 60,
      });
      await createToken04({ appId: 1, userId: 'u', serverSecret: SECRET, effectiveTimeInSeconds: 60, mode: 'cbc' });
      await decodeToken04(token, SECRET);
      await verifyToken04(token, { serverSecret: SECRET });
      await expectCodedRejection(async () => decodeToken04(`${token}x`, SECRET), 'TOKEN_MALFORMED');
      await expectCodedRejection(
        async () => createToken04({ appId: 0, userId: 'u', serverSecret: SECRET, effectiveTimeInSeconds: 60 }),
        'APP_ID_INVALID',
      );
      expect(random).not.toHaveBeenCalled();
      for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    });
  });

  describe('round trips (property)', () => {
    // userIds of 1..64 UTF-8 bytes without control characters, from the whole Unicode range.
    const userId = fc
      .string({ unit: 'grapheme', minLength: 1, maxLength: 24 })
      // biome-ignore lint/suspicious/noControlCharactersInRegex: strips the characters userIds may not hold.
      .map((value) => value.replace(/[\u0000-\u001f\u007f-\u009f]/g, ''))
      .filter((value) => value.length > 0 && Buffer.byteLength(value) <= 64);

    it('decode(encode(x)) gives x back, in both modes', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.record({
            appId: fc.integer({ min: 1, max: 0xffffffff }),
            userId,
            ctime: fc.integer({ min: 0, max: 2 ** 40 }),
            effectiveTimeInSeconds: fc.integer({ min: 1, max: 2 ** 40 }),
            nonce: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
            payload: fc.string({ unit: 'binary', maxLength: 300 }),
            mode: fc.constantFrom<Token04Mode>('gcm', 'cbc'),
            seed: fc.uint8Array({ minLength: 16, maxLength: 16 }),
          }),
          async ({ seed, ...input }) => {
            const iv = input.mode === 'gcm' ? seed.subarray(0, 12) : seed;
            const token = await encodeToken04({ ...input, serverSecret: SECRET, iv });
            expect(await decodeToken04(token, SECRET)).toEqual(claimsOf(input));
            expect(independentDecrypt(token, SECRET).claims.user_id).toBe(input.userId);
          },
        ),
        { numRuns: 300 },
      );
    });
  });

  describe('decoding hostile input', () => {
    const gcmToken = generateToken04(42, 'victim', SECRET, 3600, 'p');
    // Minted by the Node entry: tokens are the same whichever entry mints them.
    const cbcToken = nodeEntry.createToken04({
      appId: 42,
      userId: 'victim',
      serverSecret: SECRET,
      effectiveTimeInSeconds: 3600,
      mode: 'cbc',
    }).token;

    async function onlyTypedErrors(input: unknown) {
      for (const read of [() => decodeToken04(input as string, SECRET), () => inspectToken04(input as string)]) {
        const error = await failure(read);
        if (error === undefined) continue;
        if (!isZegoTokenError(error)) throw error;
        expect(error.message).not.toContain(SECRET);
      }
    }

    it('rejects non-strings, empty and wrong versions with typed codes', async () => {
      for (const value of [undefined, null, 42, {}, [], Symbol('x'), Buffer.from('04')]) {
        await expectCodedRejection(async () => decodeToken04(value as unknown as string, SECRET), 'TOKEN_MALFORMED');
      }
      await expectCodedRejection(async () => decodeToken04('', SECRET), 'TOKEN_MALFORMED');
      await expectCodedRejection(async () => decodeToken04('hello', SECRET), 'TOKEN_MALFORMED');
      await expectCodedRejection(
        async () => decodeToken04(`03${gcmToken.slice(2)}`, SECRET),
        'TOKEN_VERSION_UNSUPPORTED',
      );
    });

    it('checks the base64 alphabet and padding itself', async () => {
      // A fixed token whose base64 ends in padding ("gcm minimal"), so every case below applies.
      const body = (vectors[0] as Token04Vector).token.slice(2);
      expect(body.endsWith('==')).toBe(true);
      expect((await decodeToken04(`04${body}`, SECRET)).userId).toBe('demo');
      await expectCodedRejection(async () => decodeToken04(`04${body.replace(/=+$/, '')}`, SECRET), 'TOKEN_MALFORMED');
      await expectCodedRejection(async () => decodeToken04(`04${body}==`, SECRET), 'TOKEN_MALFORMED');
      await expectCodedRejection(
        async () => decodeToken04(`04${body.slice(0, 10)}!${body.slice(11)}`, SECRET),
        'TOKEN_MALFORMED',
      );
      await expectCodedRejection(
        async () => decodeToken04(`04${body.slice(0, 10)} ${body.slice(10)}`, SECRET),
        'TOKEN_MALFORMED',
      );
      // Node would read the URL-safe alphabet as the same bytes; ZEGO's servers would not.
      await expectCodedRejection(
        async () => decodeToken04(`04${body.slice(0, 4)}-${body.slice(5)}`, SECRET),
        'TOKEN_MALFORMED',
      );
      await expectCodedRejection(
        async () => decodeToken04(`04${body.slice(0, 4)}_${body.slice(5)}`, SECRET),
        'TOKEN_MALFORMED',
      );
    });

    it('refuses tokens longer than the format allows before doing any work', async () => {
      expect(MAX_TOKEN_LENGTH).toBe(87_422);
      const huge = `04${'A'.repeat(10_000_000)}`;
      const error = await expectCodedRejection<ZegoTokenError>(
        async () => decodeToken04(huge, SECRET),
        'TOKEN_MALFORMED',
      );
      expect(error.message).toMatch(/at most 87422/);
    });

    it('fails every truncation with a typed error', async () => {
      for (const token of [gcmToken, cbcToken]) {
        const bytes = tokenBytes(token);
        for (let length = 0; length < bytes.length; length++) {
          const truncated = fromBytes(bytes.subarray(0, length));
          // A CBC token cut right after its ciphertext only loses nothing: it has no mode byte.
          expect(isZegoTokenError(await failure(() => decodeToken04(truncated, SECRET)))).toBe(true);
        }
        for (let length = 0; length < token.length; length++) await onlyTypedErrors(token.slice(0, length));
      }
    });

    it('fails every single-bit flip of a GCM token', async () => {
      const bytes = tokenBytes(gcmToken);
      for (let bit = 0; bit < bytes.length * 8; bit++) {
        const flipped = Buffer.from(bytes);
        flipped[bit >> 3] = (flipped[bit >> 3] as number) ^ (1 << (bit & 7));
        expect(isZegoTokenError(await failure(() => decodeToken04(fromBytes(flipped), SECRET))), `bit ${bit}`).toBe(
          true,
        );
      }
    });

    it('never throws anything but ZegoTokenError for bit flips of a CBC token', async () => {
      const bytes = tokenBytes(cbcToken);
      for (let bit = 0; bit < bytes.length * 8; bit++) {
        const flipped = Buffer.from(bytes);
        flipped[bit >> 3] = (flipped[bit >> 3] as number) ^ (1 << (bit & 7));
        await onlyTypedErrors(fromBytes(flipped));
      }
    });

    it('rejects a GCM token whose clear expiry was altered (TOKEN_MALFORMED)', async () => {
      const bytes = tokenBytes(gcmToken);
      const expire = bytes.readBigInt64BE(0);
      bytes.writeBigInt64BE(expire + 86_400n, 0);
      const error = await expectCodedRejection<ZegoTokenError>(
        async () => decodeToken04(fromBytes(bytes), SECRET),
        'TOKEN_MALFORMED',
      );
      expect(error.message).toMatch(/header/);
      // inspect, which cannot check, reports the header as it is.
      expect(inspectToken04(fromBytes(bytes)).expiresAt).toBe(Number(expire) + 86_400);
    });

    it('rejects unknown mode bytes and extra trailing bytes', async () => {
      const bytes = tokenBytes(gcmToken);
      bytes[bytes.length - 1] = 2;
      await expectCodedRejection(async () => decodeToken04(fromBytes(bytes), SECRET), 'TOKEN_MALFORMED');
      const extra = fromBytes(Buffer.concat([tokenBytes(gcmToken), Buffer.from([1])]));
      await expectCodedRejection(async () => decodeToken04(extra, SECRET), 'TOKEN_MALFORMED');
    });

    it('accepts an explicit CBC mode byte 0', async () => {
      const withZero = fromBytes(Buffer.concat([tokenBytes(cbcToken), Buffer.from([0])]));
      expect(await decodeToken04(withZero, SECRET)).toMatchObject({ mode: 'cbc', userId: 'victim' });
    });

    it('reports a wrong secret as TOKEN_DECRYPT_FAILED, for CBC every time (never garbage claims)', async () => {
      await expectCodedRejection(async () => decodeToken04(gcmToken, OTHER_SECRET), 'TOKEN_DECRYPT_FAILED');
      // About one wrong key in 256 passes the CBC padding check; 1500 tokens make that happen several times.
      for (let i = 0; i < 1500; i++) {
        const { token } = await createToken04({
          appId: 1,
          userId: `u${i}`,
          serverSecret: SECRET,
          effectiveTimeInSeconds: 60,
          mode: 'cbc',
        });
        await expectCodedRejection(async () => decodeToken04(token, OTHER_SECRET), 'TOKEN_DECRYPT_FAILED');
      }
    });

    it('only throws ZegoTokenError on arbitrary strings (property)', async () => {
      await fc.assert(fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 400 }), onlyTypedErrors), {
        numRuns: 2000,
      });
      await fc.assert(
        fc.asyncProperty(fc.string({ maxLength: 400 }), (value) => onlyTypedErrors(`04${value}`)),
        { numRuns: 2000 },
      );
    });

    it('only throws ZegoTokenError on arbitrary bytes after "04" (property)', async () => {
      await fc.assert(
        fc.asyncProperty(fc.uint8Array({ maxLength: 600 }), (bytes) => onlyTypedErrors(fromBytes(bytes))),
        { numRuns: 3000 },
      );
    });

    it('only throws ZegoTokenError on structurally valid tokens with random content (property)', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
          fc.constantFrom(0, 12, 16, 17),
          fc.uint8Array({ maxLength: 200 }),
          fc.constantFrom<number[]>([], [0], [1], [2], [1, 1]),
          (expire, ivLength, cipher, tail) => {
            const header = Buffer.alloc(10);
            header.writeBigInt64BE(expire, 0);
            header.writeUInt16BE(ivLength, 8);
            const length = Buffer.alloc(2);
            length.writeUInt16BE(cipher.length, 0);
            return onlyTypedErrors(
              fromBytes(Buffer.concat([header, Buffer.alloc(ivLength, 7), length, cipher, Buffer.from(tail)])),
            );
          },
        ),
        { numRuns: 3000 },
      );
    });
  });

  describe('verifyToken04', () => {
    const issuedAtMs = 1_700_000_000_000;
    const { token } = nodeEntry.createToken04({
      appId: 99,
      userId: 'carol',
      serverSecret: SECRET,
      effectiveTimeInSeconds: 600,
      now: () => issuedAtMs,
    });

    it('returns the claims of a valid token', async () => {
      const claims = await verifyToken04(token, {
        serverSecret: SECRET,
        appId: 99,
        userId: 'carol',
        now: () => issuedAtMs,
      });
      expect(claims).toMatchObject({ appId: 99, userId: 'carol', issuedAt: 1_700_000_000, expiresAt: 1_700_000_600 });
    });

    it('rejects an expired token, honouring the clock tolerance', async () => {
      const at = (seconds: number) => () => issuedAtMs + seconds * 1000;
      expect((await verifyToken04(token, { serverSecret: SECRET, now: at(599) })).userId).toBe('carol');
      await expectCodedRejection(
        async () => verifyToken04(token, { serverSecret: SECRET, now: at(600) }),
        'TOKEN_EXPIRED',
      );
      expect(
        (await verifyToken04(token, { serverSecret: SECRET, now: at(629), clockToleranceSeconds: 30 })).userId,
      ).toBe('carol');
      await expectCodedRejection(
        async () => verifyToken04(token, { serverSecret: SECRET, now: at(630), clockToleranceSeconds: 30 }),
        'TOKEN_EXPIRED',
      );
    });

    it('rejects a token issued in the future beyond the clock tolerance (TOKEN_NOT_YET_VALID)', async () => {
      const at = (seconds: number) => () => issuedAtMs + seconds * 1000;
      expect((await verifyToken04(token, { serverSecret: SECRET, now: at(0) })).userId).toBe('carol');
      const error = await expectCodedRejection(
        async () => verifyToken04(token, { serverSecret: SECRET, now: at(-1) }),
        'TOKEN_NOT_YET_VALID',
      );
      expect(error.message).toMatch(/1 s from now.*clockToleranceSeconds/);
      expect(
        (await verifyToken04(token, { serverSecret: SECRET, now: at(-30), clockToleranceSeconds: 30 })).userId,
      ).toBe('carol');
      await expectCodedRejection(
        async () => verifyToken04(token, { serverSecret: SECRET, now: at(-31), clockToleranceSeconds: 30 }),
        'TOKEN_NOT_YET_VALID',
      );
    });

    it('warns that a CBC token’s claims are not authenticated, and says nothing for GCM', async () => {
      const cbc = await createToken04({
        appId: 99,
        userId: 'carol',
        serverSecret: SECRET,
        effectiveTimeInSeconds: 600,
        mode: 'cbc',
      });
      for (const claims of [
        await decodeToken04(cbc.token, SECRET),
        await verifyToken04(cbc.token, { serverSecret: SECRET, appId: 99 }),
      ]) {
        expect(claims.warnings).toEqual([expect.stringMatching(/legacy CBC has no integrity.*appId/)]);
      }
      expect((await decodeToken04(token, SECRET)).warnings).toBeUndefined();
    });

    it('rejects a token for another app or another user', async () => {
      const now = () => issuedAtMs;
      await expectCodedRejection(
        async () => verifyToken04(token, { serverSecret: SECRET, appId: 98, now }),
        'TOKEN_APP_ID_MISMATCH',
      );
      const userError = await expectCodedRejection<ZegoTokenError>(
        async () => verifyToken04(token, { serverSecret: SECRET, userId: 'mallory', now }),
        'TOKEN_USER_ID_MISMATCH',
      );
      expect(userError.message).toContain('"carol"');
    });

    it('rejects a wrong secret and bad options with typed codes', async () => {
      await expectCodedRejection(
        async () => verifyToken04(token, { serverSecret: OTHER_SECRET, now: () => issuedAtMs }),
        'TOKEN_DECRYPT_FAILED',
      );
      await expectCodedRejection(
        async () => verifyToken04(token, { serverSecret: SECRET, clockToleranceSeconds: -1 }),
        'OPTION_INVALID',
      );
      await expectCodedRejection(async () => verifyToken04(token, undefined as never), 'OPTION_INVALID');
      await expectCodedRejection(async () => verifyToken04(token, { secret: SECRET } as never), 'OPTION_INVALID');
    });
  });

  describe('validation', () => {
    const base = { appId: 1, userId: 'u', serverSecret: SECRET, effectiveTimeInSeconds: 60 };

    const label = (override: object) =>
      Object.entries(override)
        .map(
          ([key, value]) =>
            `${key}: ${typeof value === 'string' ? `"${value.slice(0, 20)}"` : typeof value === 'object' ? 'object' : String(value)}`,
        )
        .join(', ');

    const cases = [
      [{ appId: 0 }, 'APP_ID_INVALID'],
      [{ appId: -1 }, 'APP_ID_INVALID'],
      [{ appId: 1.5 }, 'APP_ID_INVALID'],
      [{ appId: 4294967296 }, 'APP_ID_INVALID'],
      [{ appId: '1' }, 'APP_ID_INVALID'],
      [{ appId: Number.NaN }, 'APP_ID_INVALID'],
      [{ userId: '' }, 'USER_ID_INVALID'],
      [{ userId: 'a'.repeat(65) }, 'USER_ID_INVALID'],
      [{ userId: 'é'.repeat(33) }, 'USER_ID_INVALID'],
      [{ userId: 'tab\there' }, 'USER_ID_INVALID'],
      [{ userId: 'nul\u0000' }, 'USER_ID_INVALID'],
      [{ userId: 'c1\u0085' }, 'USER_ID_INVALID'],
      [{ userId: 'lone\ud800' }, 'USER_ID_INVALID'],
      [{ userId: 42 }, 'USER_ID_INVALID'],
      [{ serverSecret: SECRET.slice(1) }, 'SECRET_INVALID'],
      [{ serverSecret: `${SECRET}0` }, 'SECRET_INVALID'],
      // 32 characters but 33 bytes: ZEGO's helper counted characters and let this through.
      [{ serverSecret: `${SECRET.slice(1)}é` }, 'SECRET_INVALID'],
      [{ serverSecret: Buffer.from(SECRET) }, 'SECRET_INVALID'],
      [{ serverSecret: undefined }, 'SECRET_INVALID'],
      [{ effectiveTimeInSeconds: 0 }, 'EFFECTIVE_TIME_INVALID'],
      [{ effectiveTimeInSeconds: -5 }, 'EFFECTIVE_TIME_INVALID'],
      [{ effectiveTimeInSeconds: 1.5 }, 'EFFECTIVE_TIME_INVALID'],
      [{ effectiveTimeInSeconds: '60' }, 'EFFECTIVE_TIME_INVALID'],
      [{ effectiveTimeInSeconds: Number.MAX_SAFE_INTEGER }, 'EFFECTIVE_TIME_INVALID'],
      [{ payload: 42 }, 'PAYLOAD_INVALID'],
      [{ payload: { big: 1n } }, 'PAYLOAD_INVALID'],
      [{ payload: { tooLong: 'x'.repeat(70_000) } }, 'PAYLOAD_INVALID'],
      [{ mode: 'ecb' }, 'OPTION_INVALID'],
      [{ now: () => Number.NaN }, 'OPTION_INVALID'],
      [{ secret: SECRET }, 'OPTION_INVALID'],
    ] as const;

    it.each(cases.map(([override, code]) => [label(override), override, code] as const))(
      'createToken04 { %s } → %s',
      async (_label, override, code) => {
        const error = await expectCodedRejection(async () => createToken04({ ...base, ...override } as never), code);
        expect(error.message).not.toContain(SECRET);
        expect(JSON.stringify(error)).not.toContain(SECRET);
      },
    );

    it('accepts the boundaries', async () => {
      expect((await createToken04({ ...base, appId: 4294967295, userId: 'a'.repeat(64) })).appId).toBe(4294967295);
      expect((await createToken04({ ...base, userId: 'é'.repeat(32) })).userId).toBe('é'.repeat(32));
      // The largest payload that still fits the 16-bit length field, in both modes.
      const fixed = JSON.stringify({ app_id: 1, user_id: 'u', nonce: 0, ctime: 0, expire: 60, payload: '' }).length;
      const gcmMax = 65535 - 16 - fixed;
      const iv12 = new Uint8Array(12);
      const encode = (payload: string, mode: Token04Mode, iv: Uint8Array) =>
        encodeToken04({ ...base, ctime: 0, nonce: 0, iv, payload, mode });
      expect((await decodeToken04(await encode('x'.repeat(gcmMax), 'gcm', iv12), SECRET)).payload.length).toBe(gcmMax);
      await expectCodedRejection(async () => encode('x'.repeat(gcmMax + 1), 'gcm', iv12), 'PAYLOAD_INVALID');
      const cbcMax = 65535 - 16 - fixed; // 65519 bytes pad to 65520
      expect(
        (await decodeToken04(await encode('x'.repeat(cbcMax), 'cbc', new Uint8Array(16)), SECRET)).payload.length,
      ).toBe(cbcMax);
    });

    it('encodeToken04 checks nonce, iv and ctime', async () => {
      const encodeBase = { ...base, ctime: 0, nonce: 0, iv: new Uint8Array(12) };
      await expectCodedRejection(async () => encodeToken04({ ...encodeBase, nonce: 2 ** 31 }), 'NONCE_INVALID');
      await expectCodedRejection(async () => encodeToken04({ ...encodeBase, nonce: -(2 ** 31) - 1 }), 'NONCE_INVALID');
      await expectCodedRejection(async () => encodeToken04({ ...encodeBase, iv: new Uint8Array(16) }), 'IV_INVALID');
      await expectCodedRejection(async () => encodeToken04({ ...encodeBase, mode: 'cbc' }), 'IV_INVALID');
      await expectCodedRejection(async () => encodeToken04({ ...encodeBase, iv: 'abc' as never }), 'IV_INVALID');
      await expectCodedRejection(async () => encodeToken04({ ...encodeBase, ctime: -1 }), 'OPTION_INVALID');
    });

    it('isZegoTokenError tells our errors from look-alikes', async () => {
      expect(isZegoTokenError(new Error('x'))).toBe(false);
      expect(isZegoTokenError({ code: 'TOKEN_EXPIRED', name: 'ZegoTokenError' })).toBe(false);
      expect(isZegoTokenError(null)).toBe(false);
      expect(isZegoTokenError(new ZegoTokenError('TOKEN_EXPIRED', 'x'))).toBe(true);
    });

    it('gives token errors a 4xx status that is safe to expose, and input errors a 500 that is not', async () => {
      const expired = new ZegoTokenError('TOKEN_EXPIRED', 'x');
      expect([expired.status, expired.expose]).toEqual([401, true]);
      const secret = new ZegoTokenError('SECRET_INVALID', 'x');
      expect([secret.status, secret.expose]).toEqual([500, false]);
    });
  });

  describe('roomPayload', () => {
    it('builds ZEGO privilege payloads', async () => {
      expect(roomPayload({ roomId: 'room1' })).toBe(
        '{"room_id":"room1","privilege":{"1":1,"2":0},"stream_id_list":null}',
      );
      expect(roomPayload({ roomId: 'r', login: false, publish: true, streamIds: ['s1', 's2'] })).toBe(
        '{"room_id":"r","privilege":{"1":0,"2":1},"stream_id_list":["s1","s2"]}',
      );
    });

    it('matches the payload in the room vector', async () => {
      const vector = vectors.find((candidate) => candidate.payload.includes('room_id'));
      expect(roomPayload({ roomId: 'room1', login: true, publish: false })).toBe(vector?.payload);
    });

    it('rejects bad rooms and streams', async () => {
      await expectCodedRejection(async () => roomPayload({ roomId: '' }), 'PAYLOAD_INVALID');
      await expectCodedRejection(async () => roomPayload({ roomId: 'r'.repeat(128) }), 'PAYLOAD_INVALID');
      expect(() => roomPayload({ roomId: 'r'.repeat(127) })).not.toThrow();
      await expectCodedRejection(async () => roomPayload({ roomId: 'r', streamIds: [1] as never }), 'PAYLOAD_INVALID');
      await expectCodedRejection(async () => roomPayload({ roomId: 'r', publish: 'yes' as never }), 'PAYLOAD_INVALID');
      await expectCodedRejection(async () => roomPayload(undefined as never), 'PAYLOAD_INVALID');
    });
  });
});

describe('generateToken04 (the Node entry only: a drop-in for ZEGO’s synchronous helper)', () => {
  it('gives a GCM token, synchronously, that decodes to its arguments', () => {
    const token = generateToken04(123456789, 'user_1', SECRET, 3600, 'hello');
    expect(typeof token).toBe('string');
    expect(nodeEntry.decodeToken04(token, SECRET)).toMatchObject({ mode: 'gcm', appId: 123456789, payload: 'hello' });
  });

  it('keeps the helper-compatible errorCode and errorMessage', () => {
    const cases = [
      [() => generateToken04(0, 'u', SECRET, 60), 'APP_ID_INVALID', 1],
      [() => generateToken04(1, '', SECRET, 60), 'USER_ID_INVALID', 3],
      [() => generateToken04(1, 'u', 'short', 60), 'SECRET_INVALID', 5],
      [() => generateToken04(1, 'u', SECRET, 0), 'EFFECTIVE_TIME_INVALID', 6],
    ] as const;
    for (const [call, code, errorCode] of cases) {
      const error = expectCodedError<ZegoTokenError>(call, code);
      expect(error.errorCode).toBe(errorCode);
      expect(error.errorMessage).toBe(error.message);
      expect(error).toBeInstanceOf(Error);
      expect(nodeEntry.isZegoTokenError(error)).toBe(true);
    }
    expect(
      expectCodedError<ZegoTokenError>(() => generateToken04(1, 'u', SECRET, 60, 5 as never), 'PAYLOAD_INVALID')
        .errorCode,
    ).toBeUndefined();
  });
});
