// Both routes' responses as plain `{ status, headers, body }` values that any framework can write
// out. Statuses come from the error codes' table (errors.ts); bodies are JSON.
import { ZEGO_TOKEN_ERROR_STATUS, type ZegoTokenError, type ZegoTokenErrorCode } from '../errors.js';
import type { IssuedToken } from '../token/issued-token.js';

/**
 * What a route answers, for the adapter to write out as it is: the token route's and the callback
 * route's alike.
 */
export interface RouteResult {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** JSON text, or `''` for no body (write none: no `Content-Type` is added for it). */
  readonly body: string;
}

/** Every error body of both routes: `{ "error": { "code", "message" } }`. */
export interface RouteErrorBody {
  error: { code: string; message: string };
}

/**
 * The reason phrases of the statuses a response can carry (the 4xx a resolver may throw, and the 5xx
 * of this package's codes), as Node's `STATUS_CODES` spells them; a table of its own so that the
 * route needs no `node:http` (a test keeps it equal to Node's).
 */
export const STATUS_TEXT: Readonly<Record<number, string>> = Object.freeze({
  400: 'Bad Request',
  401: 'Unauthorized',
  402: 'Payment Required',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  407: 'Proxy Authentication Required',
  408: 'Request Timeout',
  409: 'Conflict',
  410: 'Gone',
  411: 'Length Required',
  412: 'Precondition Failed',
  413: 'Payload Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  416: 'Range Not Satisfiable',
  417: 'Expectation Failed',
  418: "I'm a Teapot",
  421: 'Misdirected Request',
  422: 'Unprocessable Entity',
  423: 'Locked',
  424: 'Failed Dependency',
  425: 'Too Early',
  426: 'Upgrade Required',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  451: 'Unavailable For Legal Reasons',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
});

const JSON_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'Content-Type': 'application/json; charset=utf-8',
  'Cache-Control': 'no-store',
});

/**
 * The 200 response for a minted token: the `IssuedToken` as JSON, in its key order, byte for byte
 * what `JSON.stringify(issued)` gives (a test holds it to that). Written as a template because
 * `JSON.stringify` scans the ~220-character token for characters to escape, and there are none to
 * find (it is "04" and base64, `mode` is `gcm` or `cbc`, the numbers are integers): that scan was a
 * tenth of the route's CPU per request (bench/README.md). The userId goes through `JSON.stringify`.
 */
export function tokenResult(issued: IssuedToken): RouteResult {
  const { token, appId, userId, issuedAt, expiresAt, effectiveTimeInSeconds, mode } = issued;
  const body = `{"token":"${token}","appId":${appId},"userId":${JSON.stringify(userId)},"issuedAt":${issuedAt},"expiresAt":${expiresAt},"effectiveTimeInSeconds":${effectiveTimeInSeconds},"mode":"${mode}"}`;
  return { status: 200, headers: JSON_HEADERS, body };
}

function errorResult(
  status: number,
  code: string,
  message: string,
  extraHeaders?: Readonly<Record<string, string>>,
): RouteResult {
  const body: RouteErrorBody = { error: { code, message } };
  return {
    status,
    headers: extraHeaders ? { ...JSON_HEADERS, ...extraHeaders } : JSON_HEADERS,
    body: JSON.stringify(body),
  };
}

/** An error response for one of this package's codes, with the code's status. */
export function codeResult(
  code: ZegoTokenErrorCode,
  message: string,
  extraHeaders?: Readonly<Record<string, string>>,
): RouteResult {
  return errorResult(ZEGO_TOKEN_ERROR_STATUS[code], code, message, extraHeaders);
}

/**
 * A `ZegoTokenError` as a response: its code and status, its message only when it is exposed (4xx).
 * A 5xx says what failed (`USER_ID_INVALID`) but not how: the details are for `onError` and the logs.
 */
export function zegoErrorResult(error: ZegoTokenError): RouteResult {
  return codeResult(error.code, error.expose ? error.message : (STATUS_TEXT[error.status] ?? 'Error'));
}

/** `FORBIDDEN` for 403, `TOO_MANY_REQUESTS` for 429: the code for a 4xx error that has none of its own. */
function statusName(status: number): string {
  return (STATUS_TEXT[status] ?? 'Error').toUpperCase().replace(/[^A-Z0-9]+/g, '_');
}

/**
 * An `http-errors`-style client error (a 4xx `status` or `statusCode`) becomes that response, its
 * message shown only when `expose` is set; anything else is `undefined`.
 */
export function clientErrorResult(error: unknown): RouteResult | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { status, statusCode, code, expose, message } = error as Record<string, unknown>;
  const candidate = status ?? statusCode;
  if (typeof candidate !== 'number' || !Number.isInteger(candidate) || candidate < 400 || candidate > 499) {
    return undefined;
  }
  const bodyCode = typeof code === 'string' && /^[A-Za-z0-9_.-]{1,64}$/.test(code) ? code : statusName(candidate);
  const bodyMessage =
    expose === true && typeof message === 'string' && message !== ''
      ? message.slice(0, 500)
      : (STATUS_TEXT[candidate] ?? 'Error');
  return errorResult(candidate, bodyCode, bodyMessage);
}
