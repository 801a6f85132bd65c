/**
 * The stable codes of `TokenRequestError`. Messages may be reworded between versions; codes may not.
 *
 * - `SIGNED_OUT`: the token route answered 401 (the user is not signed in). Not retried.
 * - `HTTP_ERROR`: any other non-retryable status (400, 403, 404, …). Not retried.
 * - `NETWORK_ERROR`: `fetch` failed or timed out, or the body could not be read. Retried.
 * - `RATE_LIMITED`: 429. Retried, honouring `Retry-After`.
 * - `SERVER_ERROR`: 5xx. 502, 503 and 504 (a proxy, an overloaded server) are retried, honouring
 *   `Retry-After`; any other 5xx is final, since the server said it failed for this request (a userId
 *   ZEGO would reject, say) and asking again would change nothing.
 * - `INVALID_RESPONSE`: a 2xx whose body is not the expected JSON (a wrong `url` that serves an HTML page, say). Not retried.
 * - `STOPPED`: the provider was stopped with `stop()`.
 * - `OPTION_INVALID`: `createTokenProvider` was given a bad option.
 * - `TOKEN_MALFORMED`: `readTokenExpiry` was given something that is not a Token04.
 */
export type TokenRequestErrorCode =
  | 'SIGNED_OUT'
  | 'HTTP_ERROR'
  | 'NETWORK_ERROR'
  | 'RATE_LIMITED'
  | 'SERVER_ERROR'
  | 'INVALID_RESPONSE'
  | 'STOPPED'
  | 'OPTION_INVALID'
  | 'TOKEN_MALFORMED';

export interface TokenRequestErrorOptions {
  /** The HTTP status, when there was a response. */
  status?: number | undefined;
  /** `error.code` from the server's JSON error body, when it had one. */
  serverCode?: string | undefined;
  /** `error.message` from the server's JSON error body, when it had one. */
  serverMessage?: string | undefined;
  /** How long the server asked to wait (`Retry-After`), in milliseconds. */
  retryAfterMs?: number | undefined;
  /** The underlying error (a `fetch` failure, say). Never anything that holds a token. */
  cause?: unknown;
}

// A registry symbol, so that the check works across the ESM and CJS builds (and duplicate installs).
const BRAND = Symbol.for('zego-token.TokenRequestError');

/** The one error class of `zego-token/client`. It never carries a token. */
export class TokenRequestError extends Error {
  override readonly name = 'TokenRequestError';
  readonly code: TokenRequestErrorCode;
  /** The HTTP status, or `undefined` when there was no response (network errors, `STOPPED`, options). */
  readonly status: number | undefined;
  /** `error.code` from the server's JSON error body (such as `'UNAUTHENTICATED'`), when it had one. */
  readonly serverCode: string | undefined;
  /** `error.message` from the server's JSON error body, when it had one. */
  readonly serverMessage: string | undefined;
  /** `Retry-After` in milliseconds, when the server sent one. */
  readonly retryAfterMs: number | undefined;

  constructor(code: TokenRequestErrorCode, message: string, options: TokenRequestErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = options.status;
    this.serverCode = options.serverCode;
    this.serverMessage = options.serverMessage;
    this.retryAfterMs = options.retryAfterMs;
    Object.defineProperty(this, BRAND, { value: true });
  }

  toJSON(): { name: string; code: TokenRequestErrorCode; status: number | undefined; message: string } {
    return { name: this.name, code: this.code, status: this.status, message: this.message };
  }
}

/** True for a `TokenRequestError` from any copy of this package (ESM or CJS build), where `instanceof` may fail. */
export function isTokenRequestError(value: unknown): value is TokenRequestError {
  return typeof value === 'object' && value !== null && (value as { [BRAND]?: unknown })[BRAND] === true;
}
