// The Token04 API: the validation of every input, the claims a mint writes, the checks on decoded
// claims, and the functions themselves, written once against the runtime seam (../runtime.ts). Each
// entry binds them to its runtime (`token04Functions(runtime)`), so both throw the same code and
// message for the same bad input; the format is wire.ts's, the cipher the runtime's.
import { ZegoTokenError } from '../errors.js';
import type { Runtime, RuntimeName, RuntimeValue } from '../runtime.js';
import {
  assertAppId,
  assertEffectiveTime,
  assertKnownKeys,
  assertMode,
  assertNonce,
  assertOptionsObject,
  assertSecret,
  assertUserId,
  describe,
  fail,
  normalizePayload,
  readClock,
} from '../validate.js';
import type { IssuedToken } from './issued-token.js';
import { hasKitTestHeader, type KitToken, splitKitToken } from './kit-token.js';
import {
  cipherLengthFor,
  claimsToPlaintext,
  ivLengthFor,
  layoutToken04,
  MAX_FIELD_BYTES,
  type ParsedToken04,
  parseToken04,
  plaintextToClaims,
  TOKEN04_VERSION,
  type Token04Claims,
  type Token04Mode,
  type Token04ParseFailure,
} from './wire.js';

export { MAX_TOKEN_LENGTH, type Token04Mode } from './wire.js';

/** A payload: the string the token carries, or an object serialised with `JSON.stringify`. */
export type Token04Payload = string | Readonly<Record<string, unknown>>;

/** What every way of minting validates the same way. */
export interface MintInputs {
  appId: number;
  userId: string;
  serverSecret: string;
  effectiveTimeInSeconds: number;
  /** The string the token carries. */
  payload: string;
  mode: Token04Mode;
}

/** The inputs every way of minting takes. */
export interface MintOptions {
  /** Your AppID: an integer from 1 to 4294967295. */
  appId: number;
  /** The user the token is for: 1 to 64 UTF-8 bytes, no control characters. */
  userId: string;
  /** The 32-byte ServerSecret from the ZEGO console, used as the AES-256 key as it is. */
  serverSecret: string;
  /** Lifetime in seconds (a positive integer). */
  effectiveTimeInSeconds: number;
  /** A string, or an object serialised with `JSON.stringify` (see `roomPayload`). Defaults to `''`. */
  payload?: Token04Payload | undefined;
  /** Defaults to `'gcm'`. */
  mode?: Token04Mode | undefined;
}

const SECRET_HINTS = { secret: 'serverSecret', appID: 'appId', userID: 'userId' } as const;

/**
 * The validation every entry point shares: the options object and its keys (when `known` is
 * given), then each input, named as the caller spells it (`generateToken04` says `secret`).
 */
export function readMintInputs(
  options: MintOptions,
  context: string,
  known?: Readonly<Record<string, true>>,
  secretName = 'serverSecret',
): MintInputs {
  if (known !== undefined) {
    assertOptionsObject(options, `${context} options`);
    assertKnownKeys(options as unknown as Record<string, unknown>, known, context, SECRET_HINTS);
  }
  const { appId, userId, serverSecret, effectiveTimeInSeconds } = options;
  const mode = options.mode ?? 'gcm';
  assertAppId(appId);
  assertUserId(userId);
  assertSecret(serverSecret, secretName);
  assertEffectiveTime(effectiveTimeInSeconds);
  assertMode(mode);
  return { appId, userId, serverSecret, effectiveTimeInSeconds, payload: normalizePayload(options.payload), mode };
}

function assertExpireFits(ctime: number, effectiveTimeInSeconds: number): void {
  if (!Number.isSafeInteger(ctime + effectiveTimeInSeconds)) {
    fail('EFFECTIVE_TIME_INVALID', 'effectiveTimeInSeconds is too large: the expiry time would overflow');
  }
}

/** The ciphertext's length for a plaintext of `plaintextBytes`, refused when the format cannot hold it. */
export function checkedCipherLength(mode: Token04Mode, plaintextBytes: number): number {
  const cipherLength = cipherLengthFor(mode, plaintextBytes);
  if (cipherLength > MAX_FIELD_BYTES) {
    fail(
      'PAYLOAD_INVALID',
      `the token's content is too large: ${cipherLength} encrypted bytes, the format allows ${MAX_FIELD_BYTES}; shorten the payload`,
    );
  }
  return cipherLength;
}

/** The encrypter wrote a ciphertext of another length than the layout holds: a bug, never input. */
function assertCipherLength(written: number, expected: number): void {
  if (written !== expected) throw new Error('zego-token: internal error: the ciphertext has an unexpected length');
}

/** A fresh token's claims and IV, from validated inputs, the issue time and CSPRNG bytes (IV, then 4 for the nonce). */
function freshClaims(
  inputs: MintInputs,
  issuedAt: number,
  random: Uint8Array,
): { claims: Token04Claims; iv: Uint8Array } {
  const { appId, userId, effectiveTimeInSeconds, payload, mode } = inputs;
  assertExpireFits(issuedAt, effectiveTimeInSeconds);
  const ivLength = ivLengthFor(mode);
  // Four random bytes read as a big-endian int32 (no DataView per token): the nonce covers the whole
  // range, negatives included.
  let nonce = 0;
  for (let i = ivLength; i < ivLength + 4; i++) nonce = (nonce << 8) | (random[i] as number);
  const claims = { appId, userId, nonce, issuedAt, expiresAt: issuedAt + effectiveTimeInSeconds, payload };
  return { claims, iv: random.subarray(0, ivLength) };
}

/** How many CSPRNG bytes a mint in `mode` takes: the IV and four for the nonce. */
function randomBytesFor(mode: Token04Mode): number {
  return ivLengthFor(mode) + 4;
}

/** The one place a token is assembled from validated claims and an IV of the mode's length. */
function seal<R extends RuntimeName>(
  runtime: Runtime<R>,
  claims: Token04Claims,
  mode: Token04Mode,
  secret: string,
  iv: Uint8Array,
): RuntimeValue<R, string> {
  const plaintext = claimsToPlaintext(claims);
  const cipherLength = checkedCipherLength(mode, runtime.utf8Length(plaintext));
  const layout = layoutToken04(mode, claims.expiresAt, iv, cipherLength, runtime.allocate);
  const written = runtime.encryptInto(mode, secret, iv, plaintext, layout.bytes, layout.cipherAt);
  return runtime.after(written, (length) => {
    assertCipherLength(length, cipherLength);
    return TOKEN04_VERSION + runtime.base64(layout.bytes);
  });
}

/**
 * Mints from validated inputs with a fresh IV and nonce from the runtime's CSPRNG: what
 * `createToken04`, `generateToken04` and the token route (which validated the app, secret and mode
 * once) call. Not part of the public API.
 */
export function mintToken04<R extends RuntimeName>(
  runtime: Runtime<R>,
  inputs: MintInputs,
  issuedAt: number = Math.floor(Date.now() / 1000),
): RuntimeValue<R, IssuedToken> {
  const { claims, iv } = freshClaims(inputs, issuedAt, runtime.randomBytes(randomBytesFor(inputs.mode)));
  const { appId, userId, effectiveTimeInSeconds, mode } = inputs;
  return runtime.after(seal(runtime, claims, mode, inputs.serverSecret, iv), (token) => ({
    token,
    appId,
    userId,
    issuedAt,
    expiresAt: claims.expiresAt,
    effectiveTimeInSeconds,
    mode,
  }));
}

// ---------------------------------------------------------------------------------------------
// Minting

/** The explicit inputs of `encodeToken04`: no clock, no randomness. */
export interface EncodeToken04Options extends MintOptions {
  /** Creation time in Unix seconds; the token expires at `ctime + effectiveTimeInSeconds`. */
  ctime: number;
  /** A 32-bit signed integer. */
  nonce: number;
  /** 12 bytes for GCM, 16 for CBC. */
  iv: Uint8Array;
}

const ENCODE_KEYS = {
  appId: true,
  userId: true,
  serverSecret: true,
  ctime: true,
  effectiveTimeInSeconds: true,
  nonce: true,
  iv: true,
  payload: true,
  mode: true,
} as const satisfies Record<keyof EncodeToken04Options, true>;

/** What `encodeToken04` encrypts: its options, checked, as claims, mode, secret and IV. */
interface TokenPlan {
  claims: Token04Claims;
  mode: Token04Mode;
  serverSecret: string;
  iv: Uint8Array;
}

/** Validates `encodeToken04`'s options into what to encrypt. */
function readEncodeOptions(options: EncodeToken04Options): TokenPlan {
  const inputs = readMintInputs(options, 'encodeToken04', ENCODE_KEYS);
  const { ctime, nonce, iv } = options;
  if (typeof ctime !== 'number' || !Number.isSafeInteger(ctime) || ctime < 0) {
    fail('OPTION_INVALID', `ctime must be a non-negative integer (Unix seconds), got ${describe(ctime)}`);
  }
  assertExpireFits(ctime, inputs.effectiveTimeInSeconds);
  assertNonce(nonce);
  const ivLength = ivLengthFor(inputs.mode);
  if (!(iv instanceof Uint8Array) || iv.length !== ivLength) {
    fail('IV_INVALID', `iv must be a Uint8Array of ${ivLength} bytes for ${inputs.mode}, got ${describe(iv)}`);
  }
  const { appId, userId, payload } = inputs;
  const claims = { appId, userId, nonce, issuedAt: ctime, expiresAt: ctime + inputs.effectiveTimeInSeconds, payload };
  return { claims, mode: inputs.mode, serverSecret: inputs.serverSecret, iv };
}

export interface CreateToken04Options extends MintOptions {
  /** The clock, in milliseconds like `Date.now` (the default). */
  now?: (() => number) | undefined;
}

const CREATE_KEYS = {
  appId: true,
  userId: true,
  serverSecret: true,
  effectiveTimeInSeconds: true,
  payload: true,
  mode: true,
  now: true,
} as const satisfies Record<keyof CreateToken04Options, true>;

/** Validates `createToken04`'s options, then reads the clock: the inputs and the issue time in Unix seconds. */
function readCreateOptions(options: CreateToken04Options): { inputs: MintInputs; issuedAt: number } {
  const inputs = readMintInputs(options, 'createToken04', CREATE_KEYS);
  return { inputs, issuedAt: Math.floor(readClock(options.now) / 1000) };
}

// ---------------------------------------------------------------------------------------------
// Reading

/** A kit token's suffix: who UIKit logs in as, and where. */
export type KitTokenSuffix = Omit<KitToken, 'token'>;

/** Who minted a token, judged by its shape alone. */
export type Token04Origin = 'generateKitTokenForTest';

export interface InspectedToken04 {
  version: '04';
  mode: Token04Mode;
  /** Unix seconds, from the token's clear header (not authenticated until decoded with the secret). */
  expiresAt: number;
  ivLength: number;
  cipherLength: number;
  /** For a kit token (`token#suffix`, what UIKit takes): the suffix's parts, not checked against the claims. */
  kit?: KitTokenSuffix;
  /**
   * `'generateKitTokenForTest'` when the header has the shape UIKit's test helper writes in the browser
   * (legacy CBC, an IV of 16 decimal digits): then the ServerSecret was in a web page.
   */
  looksMintedBy?: Token04Origin;
}

const failParse: Token04ParseFailure = (code, message) => {
  throw new ZegoTokenError(code, message);
};

/** Reads what a token shows without the secret: its version, mode, expiry and field sizes. */
export function inspectToken04(token: string): InspectedToken04 {
  const split = splitKitToken(token);
  const { mode, expiresAt, iv, cipher } = parseToken04(split.token, failParse);
  const inspected: InspectedToken04 = {
    version: TOKEN04_VERSION,
    mode,
    expiresAt,
    ivLength: iv.length,
    cipherLength: cipher.length,
  };
  if (split.kit !== undefined) inspected.kit = kitSuffix(split.kit);
  if (hasKitTestHeader(mode, iv)) inspected.looksMintedBy = 'generateKitTokenForTest';
  return inspected;
}

function kitSuffix({ appId, roomId, userId, userName }: KitToken): KitTokenSuffix {
  return { appId, roomId, userId, userName };
}

/** A token's claims: the identity and times of an `IssuedToken`, and what only the plaintext holds. */
export interface DecodedToken04 extends Pick<IssuedToken, 'appId' | 'userId' | 'issuedAt' | 'expiresAt'> {
  version: '04';
  mode: Token04Mode;
  nonce: number;
  /** The payload string the token carries (`''` when none). */
  payload: string;
  /**
   * Present for legacy CBC tokens only: CBC has no integrity, so the claims are not authenticated
   * (anyone can rewrite the AppID's digits by flipping bits of the clear IV). Check `appId`.
   */
  warnings?: readonly string[];
  /**
   * For a kit token: the suffix's parts, and which of them differ from the claims (UIKit logs in with
   * the suffix's userID and AppID, so ZEGO refuses a mismatch: 1002077, 1002076).
   */
  kit?: DecodedKitToken;
  /**
   * `'generateKitTokenForTest'` when the token has the shape UIKit's test helper mints in the browser
   * (legacy CBC, an IV of 16 decimal digits, no payload in the claims): the ServerSecret was in a web page.
   */
  looksMintedBy?: Token04Origin;
}

export interface DecodedKitToken extends KitTokenSuffix {
  /** The parts that differ from the token's claims; empty when they agree. */
  mismatches: readonly ('appId' | 'userId')[];
}

/** Why CBC claims deserve suspicion; one frozen list, shared by every CBC decode. */
const CBC_WARNINGS: readonly string[] = Object.freeze([
  "legacy CBC has no integrity: these claims are not authenticated (flipping bits of the token's clear IV rewrites the AppID's digits without the secret); check that appId is yours (verifyToken04's appId option), and mint GCM tokens",
]);

const DECRYPT_FAILED =
  'the token could not be decrypted with this ServerSecret (a wrong secret, or a token for another app?)';

const KIT_TEST_WARNING =
  "it has the shape of a token minted by UIKit's generateKitTokenForTest (legacy CBC, an IV of 16 decimal digits from Math.random, no payload): minted in a browser that held the ServerSecret; move minting to your server and rotate the ServerSecret";

/** `decodeToken04`'s checks before decrypting: the secret, then the token's structure (a kit token's too). */
function readTokenToDecode(token: string, secret: string): { parsed: ParsedToken04; kit: KitToken | undefined } {
  assertSecret(secret, 'secret');
  const split = splitKitToken(token);
  return { parsed: parseToken04(split.token, failParse), kit: split.kit };
}

/** The suffix's parts, the ones that differ from the claims, and a warning for each. */
function decodedKit(kit: KitToken, claims: DecodedToken04): { kit: DecodedKitToken; warnings: string[] } {
  const mismatches: Array<'appId' | 'userId'> = [];
  const warnings: string[] = [];
  if (kit.appId !== claims.appId) {
    mismatches.push('appId');
    warnings.push(
      `the kit token's suffix says appID ${kit.appId}, but the token is for AppID ${claims.appId}: ZEGO refuses it (1002076)`,
    );
  }
  if (kit.userId !== claims.userId) {
    mismatches.push('userId');
    warnings.push(
      `the kit token's suffix says userID ${JSON.stringify(kit.userId)}, but the token is for ${JSON.stringify(claims.userId)}: UIKit logs in with the suffix's, and ZEGO refuses it (1002077)`,
    );
  }
  return { kit: { ...kitSuffix(kit), mismatches }, warnings };
}

/** The decoded claims from the decrypted plaintext (`undefined` when decryption failed). */
function decodedClaims(parsed: ParsedToken04, plaintext: string | undefined, kit?: KitToken): DecodedToken04 {
  const read = plaintext === undefined ? undefined : plaintextToClaims(plaintext);
  if (read === undefined) throw new ZegoTokenError('TOKEN_DECRYPT_FAILED', DECRYPT_FAILED);
  // GCM does not authenticate the clear header, so it must agree with the encrypted expiry.
  if (read.expiresAt !== parsed.expiresAt) {
    failParse(
      'TOKEN_MALFORMED',
      "the expiry in the token's header does not match the encrypted one (the header was altered)",
    );
  }
  const { appId, userId, nonce, issuedAt, expiresAt, payload } = read;
  const claims: DecodedToken04 = {
    version: TOKEN04_VERSION,
    mode: parsed.mode,
    appId,
    userId,
    nonce,
    issuedAt,
    expiresAt,
    payload,
  };
  const more: string[] = [];
  if (kit !== undefined) {
    const decoded = decodedKit(kit, claims);
    claims.kit = decoded.kit;
    more.push(...decoded.warnings);
  }
  if (hasKitTestHeader(parsed.mode, parsed.iv) && read.payloadOmitted) {
    claims.looksMintedBy = 'generateKitTokenForTest';
    more.push(KIT_TEST_WARNING);
  }
  const cbc = parsed.mode === 'cbc' ? CBC_WARNINGS : [];
  if (cbc.length + more.length > 0) claims.warnings = more.length === 0 ? cbc : Object.freeze([...cbc, ...more]);
  return claims;
}

export interface VerifyToken04Options {
  /** The 32-byte ServerSecret from the ZEGO console. */
  serverSecret: string;
  /** When given, the token must be for this AppID. */
  appId?: number | undefined;
  /** When given, the token must be for this userId. */
  userId?: string | undefined;
  /** The clock, in milliseconds like `Date.now` (the default). */
  now?: (() => number) | undefined;
  /** Seconds of clock skew to allow past the expiry and before the issue time. Defaults to `0`. */
  clockToleranceSeconds?: number | undefined;
}

const VERIFY_KEYS = {
  serverSecret: true,
  appId: true,
  userId: true,
  now: true,
  clockToleranceSeconds: true,
} as const satisfies Record<keyof VerifyToken04Options, true>;

/**
 * Validates `verifyToken04`'s options and reads the clock, before anything is decrypted; returns
 * the checks to run on the decoded claims.
 */
function readVerifyOptions(options: VerifyToken04Options): (claims: DecodedToken04) => DecodedToken04 {
  assertOptionsObject(options, 'verifyToken04 options');
  assertKnownKeys(options as unknown as Record<string, unknown>, VERIFY_KEYS, 'verifyToken04', SECRET_HINTS);
  const tolerance = options.clockToleranceSeconds ?? 0;
  if (typeof tolerance !== 'number' || !Number.isSafeInteger(tolerance) || tolerance < 0) {
    fail('OPTION_INVALID', `clockToleranceSeconds must be a non-negative integer, got ${describe(tolerance)}`);
  }
  const { appId, userId } = options;
  if (appId !== undefined) assertAppId(appId);
  if (userId !== undefined) assertUserId(userId);
  assertSecret(options.serverSecret);
  const nowSeconds = Math.floor(readClock(options.now) / 1000);

  return function checkClaims(claims: DecodedToken04): DecodedToken04 {
    const kit = claims.kit;
    if (kit?.mismatches.includes('appId')) {
      throw new ZegoTokenError(
        'TOKEN_APP_ID_MISMATCH',
        `the kit token's suffix says appID ${kit.appId}, but the token is for AppID ${claims.appId}`,
      );
    }
    if (kit?.mismatches.includes('userId')) {
      throw new ZegoTokenError(
        'TOKEN_USER_ID_MISMATCH',
        `the kit token's suffix says userID ${JSON.stringify(kit.userId)}, but the token is for ${JSON.stringify(claims.userId)}`,
      );
    }
    if (appId !== undefined && claims.appId !== appId) {
      throw new ZegoTokenError('TOKEN_APP_ID_MISMATCH', `the token is for AppID ${claims.appId}, not ${appId}`);
    }
    if (userId !== undefined && claims.userId !== userId) {
      throw new ZegoTokenError(
        'TOKEN_USER_ID_MISMATCH',
        `the token is for userId ${JSON.stringify(claims.userId)}, not ${JSON.stringify(userId)}`,
      );
    }
    if (claims.issuedAt > nowSeconds + tolerance) {
      throw new ZegoTokenError(
        'TOKEN_NOT_YET_VALID',
        `the token was issued at ${new Date(claims.issuedAt * 1000).toISOString()}, ${claims.issuedAt - nowSeconds} s from now by this clock: the minting server's clock is ahead (allow for it with clockToleranceSeconds)`,
      );
    }
    if (nowSeconds >= claims.expiresAt + tolerance) {
      throw new ZegoTokenError(
        'TOKEN_EXPIRED',
        `the token expired at ${new Date(claims.expiresAt * 1000).toISOString()} (${nowSeconds - claims.expiresAt} s ago)`,
      );
    }
    return claims;
  };
}

// ---------------------------------------------------------------------------------------------
// The functions, bound to a runtime by each entry

/**
 * The Token04 functions of one runtime. In `zego-token` (node:crypto) each returns its value and
 * throws `ZegoTokenError`; in `zego-token/web` (Web Crypto) each returns a promise and rejects with
 * it instead, never throwing. Same options, checks, codes and messages in both.
 */
export interface Token04Functions<R extends RuntimeName> {
  /**
   * Encodes a Token04 from explicit inputs: no clock, no randomness, so the same inputs always give
   * the same token. For tests and vectors; mint real tokens with `createToken04`.
   */
  encodeToken04(options: EncodeToken04Options): RuntimeValue<R, string>;
  /** Mints a token with a fresh random IV and nonce from the runtime's CSPRNG, and tells you what it holds. */
  createToken04(options: CreateToken04Options): RuntimeValue<R, IssuedToken>;
  /**
   * Decrypts a token with the ServerSecret and gives its claims. It does not check expiry or
   * identity: that is `verifyToken04`. Takes a UIKit kit token too (`token#suffix`): the claims then
   * carry `kit`, the suffix's parts, and say which differ from the claims.
   */
  decodeToken04(token: string, secret: string): RuntimeValue<R, DecodedToken04>;
  /**
   * Decodes a token, then refuses one that has expired (`TOKEN_EXPIRED`), was issued in the future
   * (`TOKEN_NOT_YET_VALID`), or was minted for another app (`TOKEN_APP_ID_MISMATCH`) or user
   * (`TOKEN_USER_ID_MISMATCH`). Both time checks allow `clockToleranceSeconds`. Gives the claims.
   * A kit token is refused with the same codes when its suffix's appID or userID differs from the claims.
   *
   * A legacy CBC token's claims are not authenticated: without the secret, flipping bits of its clear
   * IV rewrites the first 16 bytes of the plaintext, where the AppID's digits are. Pass `appId` when
   * you verify CBC tokens; the claims then carry a warning saying so.
   */
  verifyToken04(token: string, options: VerifyToken04Options): RuntimeValue<R, DecodedToken04>;
}

/** The Token04 functions on `runtime`. */
export function token04Functions<R extends RuntimeName>(runtime: Runtime<R>): Token04Functions<R> {
  function decodeToken04(token: string, secret: string): RuntimeValue<R, DecodedToken04> {
    return runtime.call(() => {
      const { parsed, kit } = readTokenToDecode(token, secret);
      const plaintext = runtime.decrypt(parsed.mode, secret, parsed.iv, parsed.cipher);
      return runtime.after(plaintext, (text) => decodedClaims(parsed, text, kit));
    });
  }
  return {
    encodeToken04: (options) =>
      runtime.call(() => {
        const { claims, mode, serverSecret, iv } = readEncodeOptions(options);
        return seal(runtime, claims, mode, serverSecret, iv);
      }),
    createToken04: (options) =>
      runtime.call(() => {
        const { inputs, issuedAt } = readCreateOptions(options);
        return mintToken04(runtime, inputs, issuedAt);
      }),
    decodeToken04,
    verifyToken04: (token, options) =>
      runtime.call(() => {
        const checkClaims = readVerifyOptions(options);
        return runtime.after(decodeToken04(token, options.serverSecret), checkClaims);
      }),
  };
}
