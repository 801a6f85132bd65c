// The Token04 API on Web Crypto: the same functions, options, validation and errors as the Node
// entry (../token04.ts), built on the same shared modules, but asynchronous wherever Web Crypto is
// (`crypto.subtle` has no synchronous cipher). `inspectToken04` needs no key and stays synchronous.
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
  readTokenToDecode,
  readVerifyOptions,
  type VerifyToken04Options,
} from '../token04-core.js';
import {
  claimsToPlaintext,
  encodeBase64,
  layoutToken04,
  TOKEN04_VERSION,
  type Token04Claims,
  type Token04Mode,
} from '../wire.js';
import { decrypt, encrypt, randomBytes } from './crypto.js';

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
} from '../token04-core.js';

const encoder = new TextEncoder();
const allocate = (size: number) => new Uint8Array(size);

/** The one place a token is assembled from validated claims and an IV of the mode's length. */
async function assemble(claims: Token04Claims, mode: Token04Mode, secret: string, iv: Uint8Array): Promise<string> {
  const plaintext = encoder.encode(claimsToPlaintext(claims));
  const cipherLength = checkedCipherLength(mode, plaintext.length);
  // Laid out first, so that the IV is copied before the await: the caller's array may change after.
  const layout = layoutToken04(mode, claims.expiresAt, iv, cipherLength, allocate);
  const cipher = await encrypt(mode, secret, layout.iv, plaintext);
  assertCipherLength(cipher.length, cipherLength);
  layout.bytes.set(cipher, layout.cipherAt);
  return TOKEN04_VERSION + encodeBase64(layout.bytes);
}

/** Mints from validated inputs with a fresh IV and nonce from the CSPRNG (the web issuer's mint). */
export async function mintToken04(
  inputs: MintInputs,
  issuedAt: number = Math.floor(Date.now() / 1000),
): Promise<CreatedToken04> {
  const { claims, iv } = freshClaims(inputs, issuedAt, randomBytes(randomBytesFor(inputs.mode)));
  return createdToken(await assemble(claims, inputs.mode, inputs.serverSecret, iv), inputs, claims);
}

/**
 * Encodes a Token04 from explicit inputs: no clock, no randomness. Use it for tests and vectors;
 * use `createToken04` to mint real tokens. Rejects with `ZegoTokenError` for bad inputs.
 */
export async function encodeToken04(options: EncodeToken04Options): Promise<string> {
  const { claims, mode, serverSecret, iv } = readEncodeOptions(options);
  return assemble(claims, mode, serverSecret, iv);
}

/**
 * Mints a token with a fresh random IV and nonce from `crypto.getRandomValues`, and tells you what
 * it holds. Rejects with `ZegoTokenError` for bad inputs.
 */
export async function createToken04(options: CreateToken04Options): Promise<CreatedToken04> {
  const { inputs, issuedAt } = readCreateOptions(options);
  return mintToken04(inputs, issuedAt);
}

/**
 * Decrypts a token with the ServerSecret and resolves with its claims. It does not check expiry or
 * identity: that is `verifyToken04`. Rejects only with `ZegoTokenError`.
 */
export async function decodeToken04(token: string, secret: string): Promise<DecodedToken04> {
  const parsed = readTokenToDecode(token, secret);
  return decodedClaims(parsed, await decrypt(parsed.mode, secret, parsed.iv, parsed.cipher));
}

/**
 * Decodes a token, then rejects one that has expired (`TOKEN_EXPIRED`), was issued in the future
 * (`TOKEN_NOT_YET_VALID`), or was minted for another app (`TOKEN_APP_ID_MISMATCH`) or user
 * (`TOKEN_USER_ID_MISMATCH`), as the Node entry's `verifyToken04` does. Pass `appId` when you
 * verify legacy CBC tokens: their claims are not authenticated.
 */
export async function verifyToken04(token: string, options: VerifyToken04Options): Promise<DecodedToken04> {
  const checkClaims = readVerifyOptions(options);
  return checkClaims(await decodeToken04(token, options.serverSecret));
}
