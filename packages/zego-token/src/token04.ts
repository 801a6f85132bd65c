// The public Token04 API on Node: mint, encode, inspect, decode and verify. The format lives in
// wire.ts, the cryptography in crypto.ts, the validation and claim checks in token04-core.ts (shared
// with the Web Crypto entry); this module calls them in order, synchronously.
import { Buffer } from 'node:buffer';
import { decrypt, encryptInto, randomBytes } from './crypto.js';
import {
  assertCipherLength,
  type CreatedToken04,
  type CreateToken04Options,
  checkedCipherLength,
  createdToken,
  type DecodedToken04,
  decodedClaims,
  type EncodeToken04Options,
  freshClaims,
  type MintInputs,
  randomBytesFor,
  readCreateOptions,
  readEncodeOptions,
  readMintInputs,
  readTokenToDecode,
  readVerifyOptions,
  type Token04Payload,
  type VerifyToken04Options,
} from './token04-core.js';
import { claimsToPlaintext, layoutToken04, TOKEN04_VERSION, type Token04Claims, type Token04Mode } from './wire.js';

export {
  type CreatedToken04,
  type CreateToken04Options,
  type DecodedToken04,
  type EncodeToken04Options,
  type InspectedToken04,
  inspectToken04,
  MAX_TOKEN_LENGTH,
  type MintOptions,
  type Token04Mode,
  type Token04Payload,
  type VerifyToken04Options,
} from './token04-core.js';

/** The one place a token is assembled from validated claims and an IV of the mode's length. */
function assemble(claims: Token04Claims, mode: Token04Mode, secret: string, iv: Uint8Array): string {
  const plaintext = claimsToPlaintext(claims);
  const cipherLength = checkedCipherLength(mode, Buffer.byteLength(plaintext, 'utf8'));
  const layout = layoutToken04(mode, claims.expiresAt, iv, cipherLength, Buffer.allocUnsafe);
  const end = encryptInto(mode, secret, layout.iv, plaintext, layout.bytes, layout.cipherAt);
  assertCipherLength(end, layout.cipherAt + cipherLength);
  return TOKEN04_VERSION + layout.bytes.toString('base64');
}

/**
 * Mints from validated inputs with a fresh IV and nonce from the CSPRNG. For `createToken04`,
 * `generateToken04` and the token issuer (which validated the app, secret and mode once); not
 * part of the public API.
 */
export function mintToken04(inputs: MintInputs, issuedAt: number = Math.floor(Date.now() / 1000)): CreatedToken04 {
  const { claims, iv } = freshClaims(inputs, issuedAt, randomBytes(randomBytesFor(inputs.mode)));
  return createdToken(assemble(claims, inputs.mode, inputs.serverSecret, iv), inputs, claims);
}

// ---------------------------------------------------------------------------------------------
// Minting

/**
 * Encodes a Token04 from explicit inputs: no clock, no randomness. Use it for tests and vectors;
 * use `createToken04` or `generateToken04` to mint real tokens.
 */
export function encodeToken04(options: EncodeToken04Options): string {
  const { claims, mode, serverSecret, iv } = readEncodeOptions(options);
  return assemble(claims, mode, serverSecret, iv);
}

/** Mints a token with a fresh random IV and nonce from `node:crypto`, and tells you what it holds. */
export function createToken04(options: CreateToken04Options): CreatedToken04 {
  const { inputs, issuedAt } = readCreateOptions(options);
  return mintToken04(inputs, issuedAt);
}

/**
 * A drop-in for ZEGO's `generateToken04` helper: same positional arguments, returns the token
 * (AES-GCM). Unlike the helper it does not log, draws its IV and nonce from `node:crypto`, and
 * throws `ZegoTokenError` (which still carries the helper's `errorCode` and `errorMessage`).
 */
export function generateToken04(
  appId: number,
  userId: string,
  secret: string,
  effectiveTimeInSeconds: number,
  payload?: Token04Payload,
): string {
  const inputs = readMintInputs(
    { appId, userId, serverSecret: secret, effectiveTimeInSeconds, payload },
    'generateToken04',
    undefined,
    'secret',
  );
  return mintToken04(inputs).token;
}

// ---------------------------------------------------------------------------------------------
// Reading

/**
 * Decrypts a token with the ServerSecret and returns its claims. It does not check expiry or
 * identity: that is `verifyToken04`. Throws only `ZegoTokenError`.
 */
export function decodeToken04(token: string, secret: string): DecodedToken04 {
  const parsed = readTokenToDecode(token, secret);
  return decodedClaims(parsed, decrypt(parsed.mode, secret, parsed.iv, parsed.cipher));
}

/**
 * Decodes a token, then rejects one that has expired (`TOKEN_EXPIRED`), was issued in the future
 * (`TOKEN_NOT_YET_VALID`), or was minted for another app (`TOKEN_APP_ID_MISMATCH`) or user
 * (`TOKEN_USER_ID_MISMATCH`). Both time checks allow `clockToleranceSeconds`. Returns the claims.
 *
 * A legacy CBC token's claims are not authenticated: without the secret, flipping bits of its clear
 * IV rewrites the first 16 bytes of the plaintext, where the AppID's digits are. Pass `appId` when
 * you verify CBC tokens; the claims then carry a warning saying so.
 */
export function verifyToken04(token: string, options: VerifyToken04Options): DecodedToken04 {
  const checkClaims = readVerifyOptions(options);
  return checkClaims(decodeToken04(token, options.serverSecret));
}
