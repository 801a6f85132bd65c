import type { IssuedToken } from '../token/issued-token.js';
import { isTokenRequestError, TokenRequestError, type TokenRequestErrorCode } from './errors.js';

/** What the provider reads from a response; the `Response` of any `fetch` has all of it. */
export interface TokenFetchResponse {
  readonly ok: boolean;
  readonly status: number;
  readonly headers: { get(name: string): string | null };
  text(): Promise<string>;
}

/** The 5xx answers of a proxy or an overloaded server, worth trying again. */
const TRANSIENT_STATUSES: ReadonlySet<number> = new Set([502, 503, 504]);

/**
 * Worth trying again: a network error, a 429, or a 502/503/504. Any other 5xx is the server saying
 * that it failed for this request (a userId ZEGO would reject, say): asking again changes nothing.
 */
export function isTransient(error: unknown): error is TokenRequestError {
  if (!isTokenRequestError(error)) return false;
  if (error.code === 'NETWORK_ERROR' || error.code === 'RATE_LIMITED') return true;
  return error.code === 'SERVER_ERROR' && error.status !== undefined && TRANSIENT_STATUSES.has(error.status);
}

type FieldCheck = readonly [check: (value: unknown) => boolean, rule: string];
const isNumber = (value: unknown) => typeof value === 'number' && Number.isFinite(value);
// Keyed by IssuedToken's fields: the compiler keeps the list complete when the shape grows.
const RESPONSE_FIELDS: { readonly [K in keyof IssuedToken]-?: FieldCheck } = {
  token: [(value) => typeof value === 'string' && value.length > 0, 'a non-empty string'],
  appId: [isNumber, 'a number'],
  userId: [(value) => typeof value === 'string', 'a string'],
  issuedAt: [isNumber, 'a number'],
  expiresAt: [isNumber, 'a number'],
  effectiveTimeInSeconds: [(value) => isNumber(value) && (value as number) > 0, 'a positive number'],
  mode: [(value) => value === 'gcm' || value === 'cbc', "'gcm' or 'cbc'"],
};

/** Checks a 2xx body. Its messages never quote the body, which may hold a token. */
export function parseTokenResponse(text: string, status: number): IssuedToken {
  const invalid = (problem: string) => {
    const message = `the token route answered ${status}, but ${problem} (is \`url\` right?)`;
    return new TokenRequestError('INVALID_RESPONSE', message, { status });
  };
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw invalid('the body is not JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalid('the body is not a JSON object');
  const record = body as Record<string, unknown>;
  for (const [key, [check, rule]] of Object.entries(RESPONSE_FIELDS)) {
    if (!check(record[key])) throw invalid(`\`${key}\` in the body is not ${rule}`);
  }
  return record as unknown as IssuedToken;
}

/** The error for a non-2xx answer: its code from the status, its detail from the server's JSON error body. */
export function statusError(response: TokenFetchResponse, text: string): TokenRequestError {
  const { status } = response;
  let serverCode: string | undefined;
  let serverMessage: string | undefined;
  try {
    const error = (JSON.parse(text) as { error?: { code?: unknown; message?: unknown } } | null)?.error;
    if (typeof error?.code === 'string') serverCode = error.code;
    if (typeof error?.message === 'string') serverMessage = error.message;
  } catch {
    // Not a JSON error body: the status says enough.
  }
  const detail =
    serverCode === undefined ? '' : ` (${serverCode}${serverMessage === undefined ? '' : `: ${serverMessage}`})`;
  const code: TokenRequestErrorCode =
    status === 401 ? 'SIGNED_OUT' : status === 429 ? 'RATE_LIMITED' : status >= 500 ? 'SERVER_ERROR' : 'HTTP_ERROR';
  const what = status === 401 ? '401: the user is not signed in' : status === 429 ? '429 Too Many Requests' : status;
  return new TokenRequestError(code, `the token route answered ${what}${detail}`, {
    status,
    serverCode,
    serverMessage,
    retryAfterMs: readRetryAfter(response),
  });
}

/**
 * `Retry-After` in milliseconds: delay-seconds, or an HTTP date measured against the response's own
 * `Date` header when it has one (so that a wrong device clock does not matter), else against `Date.now()`.
 */
export function readRetryAfter(response: TokenFetchResponse): number | undefined {
  const value = response.headers.get('retry-after')?.trim();
  if (value === undefined || value === '') return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  if (Number.isNaN(at)) return undefined;
  const serverNow = Date.parse(response.headers.get('date') ?? '');
  return Math.max(0, at - (Number.isNaN(serverNow) ? Date.now() : serverNow));
}
