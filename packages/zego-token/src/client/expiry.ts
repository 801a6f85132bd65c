import { parseToken04, type Token04ParseFailure } from '../token/wire.js';
import { TokenRequestError } from './errors.js';

const failParse: Token04ParseFailure = (_code, message) => {
  // The client has one code for any token it cannot read, a wrong version included.
  throw new TokenRequestError('TOKEN_MALFORMED', message);
};

/**
 * Reads a Token04's expiry (Unix seconds) from its clear header, without the secret. The header is
 * not authenticated, so this is for display and diagnostics; schedule renewals with the provider.
 * Throws a `TokenRequestError` with code `'TOKEN_MALFORMED'` for anything that is not a Token04.
 */
export function readTokenExpiry(token: string): number {
  return parseToken04(token, failParse).expiresAt;
}
