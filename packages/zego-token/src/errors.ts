/**
 * Every error this package throws is a `ZegoTokenError` with one of these stable codes.
 * Messages may be reworded between versions; codes may not.
 */
export type ZegoTokenErrorCode =
  // Inputs to encoding and configuration
  | 'APP_ID_INVALID'
  | 'USER_ID_INVALID'
  | 'SECRET_INVALID'
  | 'EFFECTIVE_TIME_INVALID'
  | 'PAYLOAD_INVALID'
  | 'NONCE_INVALID'
  | 'IV_INVALID'
  | 'OPTION_INVALID'
  // Reading a token
  | 'TOKEN_MALFORMED'
  | 'TOKEN_VERSION_UNSUPPORTED'
  | 'TOKEN_DECRYPT_FAILED'
  | 'TOKEN_EXPIRED'
  | 'TOKEN_NOT_YET_VALID'
  | 'TOKEN_APP_ID_MISMATCH'
  | 'TOKEN_USER_ID_MISMATCH'
  // UIKit's kit tokens
  | 'KIT_TOKEN_INVALID'
  // The token route
  | 'UNAUTHENTICATED'
  | 'METHOD_NOT_ALLOWED'
  | 'NOT_FOUND'
  // Ending access (the route's revocation store)
  | 'SESSION_ISSUED_AT_INVALID'
  | 'SESSION_REVOKED'
  | 'USER_BANNED'
  | 'REVOCATION_UNAVAILABLE'
  | 'SIGN_OUT_INCOMPLETE'
  // ZEGO's callbacks
  | 'CALLBACK_SIGNATURE_INVALID'
  | 'CALLBACK_EXPIRED'
  | 'CALLBACK_BODY_INVALID'
  | 'CALLBACK_BODY_TOO_LARGE'
  | 'CALLBACK_EVENT_INVALID'
  // ZEGO's Server APIs
  | 'SERVER_API_ERROR'
  | 'SERVER_API_UNREACHABLE'
  | 'SERVER_API_REDIRECTED'
  | 'SERVER_API_ANSWER_TOO_LARGE'
  | 'SERVER_API_BATCH_FAILED';

/**
 * The HTTP status each code maps to when it reaches a response (`error.status`; the README lists them). Input and configuration errors are
 * the server's own fault (500, never exposed); token errors are the caller's (4xx).
 */
export const ZEGO_TOKEN_ERROR_STATUS: Readonly<Record<ZegoTokenErrorCode, number>> = Object.freeze({
  APP_ID_INVALID: 500,
  USER_ID_INVALID: 500,
  SECRET_INVALID: 500,
  EFFECTIVE_TIME_INVALID: 500,
  PAYLOAD_INVALID: 500,
  NONCE_INVALID: 500,
  IV_INVALID: 500,
  OPTION_INVALID: 500,
  TOKEN_MALFORMED: 400,
  TOKEN_VERSION_UNSUPPORTED: 400,
  TOKEN_DECRYPT_FAILED: 401,
  TOKEN_EXPIRED: 401,
  TOKEN_NOT_YET_VALID: 401,
  TOKEN_APP_ID_MISMATCH: 401,
  TOKEN_USER_ID_MISMATCH: 401,
  KIT_TOKEN_INVALID: 400,
  UNAUTHENTICATED: 401,
  METHOD_NOT_ALLOWED: 405,
  NOT_FOUND: 404,
  SESSION_ISSUED_AT_INVALID: 500,
  SESSION_REVOKED: 401,
  USER_BANNED: 403,
  REVOCATION_UNAVAILABLE: 503,
  SIGN_OUT_INCOMPLETE: 502,
  CALLBACK_SIGNATURE_INVALID: 401,
  CALLBACK_EXPIRED: 401,
  CALLBACK_BODY_INVALID: 400,
  CALLBACK_BODY_TOO_LARGE: 413,
  CALLBACK_EVENT_INVALID: 400,
  SERVER_API_ERROR: 502,
  SERVER_API_UNREACHABLE: 502,
  SERVER_API_REDIRECTED: 502,
  SERVER_API_ANSWER_TOO_LARGE: 502,
  SERVER_API_BATCH_FAILED: 502,
});

/** The numeric `errorCode` ZEGO's own helper threw as `{ errorCode, errorMessage }`, where it had one. */
const HELPER_ERROR_CODES: Partial<Record<ZegoTokenErrorCode, number>> = {
  APP_ID_INVALID: 1,
  USER_ID_INVALID: 3,
  SECRET_INVALID: 5,
  EFFECTIVE_TIME_INVALID: 6,
};

// A registry symbol, so that the check works across the ESM and CJS builds (and duplicate installs).
const BRAND = Symbol.for('zego-token.ZegoTokenError');

export interface ZegoTokenErrorOptions {
  /** The underlying error. Never attach anything that holds the secret or a token's plaintext. */
  cause?: unknown;
}

/**
 * The one error class of this package. `code` is stable; `status` and `expose` follow the
 * `http-errors` convention so that Express and Koa error handlers answer it sensibly.
 */
export class ZegoTokenError extends Error {
  override readonly name = 'ZegoTokenError';
  readonly code: ZegoTokenErrorCode;
  /** HTTP status from the code table. */
  readonly status: number;
  /** Whether the message is safe to show to a client (`http-errors` convention): true for 4xx. */
  readonly expose: boolean;
  /** ZEGO helper compatibility: 1 appID, 3 userID, 5 secret, 6 effective time; undefined otherwise. */
  readonly errorCode: number | undefined;

  constructor(code: ZegoTokenErrorCode, message: string, options?: ZegoTokenErrorOptions) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = ZEGO_TOKEN_ERROR_STATUS[code];
    this.expose = this.status < 500;
    this.errorCode = HELPER_ERROR_CODES[code];
    Object.defineProperty(this, BRAND, { value: true });
  }

  /**
   * `error instanceof ZegoTokenError` holds for an error from any copy of this package (its ESM and CJS
   * builds, each entry's bundle, a duplicate install), as `isZegoTokenError` does.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    // The brand answers for this class only; a subclass (`ZegoServerApiError`) asks its prototype chain.
    // biome-ignore lint/complexity/noThisInStatic: `this` is the class `instanceof` was asked about, maybe a subclass.
    return this === ZegoTokenError ? isZegoTokenError(value) : Function.prototype[Symbol.hasInstance].call(this, value);
  }

  /** ZEGO helper compatibility: the same text as `message`. */
  get errorMessage(): string {
    return this.message;
  }

  toJSON(): { name: string; code: ZegoTokenErrorCode; message: string } {
    return { name: this.name, code: this.code, message: this.message };
  }
}

/** True for a `ZegoTokenError` from any copy of this package (ESM or CJS build), where `instanceof` may fail. */
export function isZegoTokenError(value: unknown): value is ZegoTokenError {
  return typeof value === 'object' && value !== null && (value as { [BRAND]?: unknown })[BRAND] === true;
}
