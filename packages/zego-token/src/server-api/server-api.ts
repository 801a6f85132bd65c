// ZEGO's Server API: request signing (signature version 2.0) and a client that signs, sends and reads
// each call. Written against the primitives it needs (MD5, which Web Crypto lacks, and the CSPRNG),
// which the entry (node/server-api.ts) passes in: no `node:` import here.
import { ZegoTokenError } from '../errors.js';
import { assertAppId, assertKnownKeys, assertOptionsObject, assertSecret, describe, fail } from '../validate.js';

/** What signing needs from a runtime. */
export interface SigningPrimitives {
  /** `md5(text)` (its UTF-8 bytes) as 32 lowercase hex characters. */
  md5Hex(text: string): string;
  /** `length` fresh bytes from the CSPRNG. */
  randomBytes(length: number): Uint8Array;
}

/** A fresh `SignatureNonce`: 8 CSPRNG bytes as 16 hex characters. */
function freshNonce(primitives: SigningPrimitives): string {
  let hex = '';
  for (const byte of primitives.randomBytes(8)) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

export interface SignZegoApiRequestOptions {
  /** The AppID from the ZEGO console. */
  appId: number;
  /** The 32-byte ServerSecret from the ZEGO console (the one `createToken04` takes). */
  serverSecret: string;
  /**
   * The request's `SignatureNonce`: 1 to 64 letters, digits, `-` or `_`. Defaults to 8 bytes from the
   * CSPRNG as 16 hex characters, fresh for each call. Pass one only to reproduce a signature (tests).
   */
  signatureNonce?: string | undefined;
  /** The request's `Timestamp` in Unix seconds. Defaults to the current time. ZEGO refuses more than 10 minutes of skew. */
  timestamp?: number | undefined;
}

/** The public parameters every ZEGO Server API request carries in its query string, spelled as ZEGO spells them. */
export interface ZegoServerApiSignature {
  AppId: number;
  SignatureNonce: string;
  /** Unix seconds. */
  Timestamp: number;
  SignatureVersion: '2.0';
  /** `md5(AppId + SignatureNonce + ServerSecret + Timestamp)` as 32 lowercase hex characters. */
  Signature: string;
}

const SIGN_KEYS = {
  appId: true,
  serverSecret: true,
  signatureNonce: true,
  timestamp: true,
} as const satisfies Record<keyof SignZegoApiRequestOptions, true>;

const SIGN_HINTS = {
  secret: 'serverSecret',
  appID: 'appId',
  nonce: 'signatureNonce',
  SignatureNonce: 'signatureNonce',
};

const NONCE_PATTERN = /^[0-9A-Za-z_-]{1,64}$/;

/** See `ServerApiFunctions.signZegoApiRequest`. */
export function signZegoApiRequest(
  primitives: SigningPrimitives,
  options: SignZegoApiRequestOptions,
): ZegoServerApiSignature {
  assertOptionsObject(options, 'signZegoApiRequest options');
  assertKnownKeys(options as unknown as Record<string, unknown>, SIGN_KEYS, 'signZegoApiRequest', SIGN_HINTS);
  const { appId, serverSecret, signatureNonce, timestamp } = options;
  assertAppId(appId);
  assertSecret(serverSecret);
  if (signatureNonce !== undefined && (typeof signatureNonce !== 'string' || !NONCE_PATTERN.test(signatureNonce))) {
    fail('OPTION_INVALID', `signatureNonce must be 1 to 64 letters, digits, - or _, got ${describe(signatureNonce)}`);
  }
  if (timestamp !== undefined && (typeof timestamp !== 'number' || !Number.isSafeInteger(timestamp) || timestamp < 0)) {
    fail('OPTION_INVALID', `timestamp must be a non-negative integer number of seconds, got ${describe(timestamp)}`);
  }
  return sign(primitives, appId, signatureNonce ?? freshNonce(primitives), serverSecret, timestamp ?? nowSeconds());
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** Signs validated inputs: for `signZegoApiRequest` and the client, which validated them once. */
function sign(
  primitives: SigningPrimitives,
  appId: number,
  nonce: string,
  serverSecret: string,
  seconds: number,
): ZegoServerApiSignature {
  const signature = primitives.md5Hex(`${appId}${nonce}${serverSecret}${seconds}`);
  return { AppId: appId, SignatureNonce: nonce, Timestamp: seconds, SignatureVersion: '2.0', Signature: signature };
}

/** The products whose Server APIs live at `https://${product}-api.zego.im`. */
export type ZegoServerApiProduct = 'mini-game' | 'rtc' | 'zim' | 'cloudrecord';
/** ZEGO's regional hosts (`${product}-api-${region}.zego.im`): Shanghai, Hong Kong, Frankfurt, Los Angeles, Mumbai, Singapore. */
export type ZegoServerApiRegion = 'sha' | 'hkg' | 'fra' | 'lax' | 'bom' | 'sgp';

export interface CreateZegoServerApiOptions {
  /** The AppID from the ZEGO console. */
  appId: number;
  /** The 32-byte ServerSecret from the ZEGO console. */
  serverSecret: string;
  /** Which product's Server API: `'mini-game'` (MiniGameEngine), `'rtc'`, `'zim'` or `'cloudrecord'`. */
  product: ZegoServerApiProduct;
  /** A regional host. Defaults to none: `https://${product}-api.zego.im`. */
  region?: ZegoServerApiRegion | undefined;
  /**
   * A URL to call instead of ZEGO's host (a proxy, or a test server). Overrides `region`. `https:`, or
   * `http:` to a loopback host only (`localhost`, `127.0.0.0/8`, `[::1]`); no credentials, query or fragment.
   */
  baseUrl?: string | undefined;
  /** The `fetch` to call. Defaults to the global `fetch`. */
  fetch?: typeof fetch | undefined;
  /** How long a call may take before it fails with `SERVER_API_UNREACHABLE`, in milliseconds. Defaults to `10000`. */
  timeoutMs?: number | undefined;
  /**
   * The largest answer read, in bytes: a longer one fails with `SERVER_API_ANSWER_TOO_LARGE` as soon as
   * it passes the cap, and the rest is not read. Defaults to `1048576` (1 MiB).
   */
  maxAnswerBytes?: number | undefined;
}

/** A parameter value: arrays go in the query as ZEGO expects them, `Key[]=a&Key[]=b`. */
export type ZegoServerApiParamValue = string | number | boolean | readonly (string | number | boolean)[];
/** An action's parameters; `undefined` values are left out. */
export type ZegoServerApiParams = Readonly<Record<string, ZegoServerApiParamValue | undefined>>;

export interface ZegoServerApiCallOptions {
  /** Defaults to `'POST'` when there is a `body`, `'GET'` otherwise. */
  method?: 'GET' | 'POST' | undefined;
  /** The JSON body of a POST (its complex parameters); the signed parameters stay in the query. */
  body?: unknown;
}

/** The fields every Server API answer carries, spelled as ZEGO spells them. */
export interface ZegoServerApiEnvelope {
  /** 0: the call succeeded (some of it, for the batch actions that list failures: see the answer's own fields). */
  readonly Code: 0;
  /** ZEGO's description of the result (`'success'`). */
  readonly Message?: string | undefined;
  /** ZEGO's ID of the request, for ZEGO's support. */
  readonly RequestId?: string | undefined;
}

/**
 * What a call resolves with: ZEGO's whole answer, as its API reference shows it. `T` types the fields
 * beyond the envelope that the action's page lists: `{ Data: … }` for RTC, cloud recording and the
 * MiniGameEngine; the top-level fields for ZIM (`Result`, `ErrorList`, `List`, `Next`, `GroupId`, …).
 * Any other field is there too, as `unknown`.
 */
export type ZegoServerApiAnswer<T extends object = Record<string, unknown>> = ZegoServerApiEnvelope &
  Readonly<Omit<T, keyof ZegoServerApiEnvelope>> & { readonly [field: string]: unknown };

export interface ZegoServerApi {
  /** The URL every call goes to, with `?Action=…` and the signed parameters added. */
  readonly baseUrl: string;
  /**
   * Signs and sends one request, and resolves with ZEGO's whole answer (a `ZegoServerApiAnswer<T>`)
   * when its `Code` is 0: RTC's result is in its `Data`, ZIM's at the top level, and a batch action's
   * partial failures (ZIM's `ErrorList`, each with a `SubCode`) are in the answer, for the caller to
   * read. Rejects with a `ZegoServerApiError`: `SERVER_API_ERROR` for any other `Code` (with ZEGO's
   * `zegoCode`, `zegoMessage`, `requestId` and the whole `answer`), `SERVER_API_REDIRECTED` for a
   * redirect (never followed), `SERVER_API_ANSWER_TOO_LARGE` for an answer over `maxAnswerBytes`, and
   * `SERVER_API_UNREACHABLE` for a network error, a timeout or a response that is not ZEGO's JSON. It
   * never retries: retry only the calls you know are idempotent.
   */
  call<T extends object = Record<string, unknown>>(
    action: string,
    params?: ZegoServerApiParams,
    options?: ZegoServerApiCallOptions,
  ): Promise<ZegoServerApiAnswer<T>>;
}

/** The codes a `ZegoServerApiError` carries. */
export type ZegoServerApiErrorCode =
  | 'SERVER_API_ERROR'
  | 'SERVER_API_UNREACHABLE'
  | 'SERVER_API_REDIRECTED'
  | 'SERVER_API_ANSWER_TOO_LARGE'
  | 'SERVER_API_BATCH_FAILED';

/** The error of a Server API call: a `ZegoTokenError` that also carries what ZEGO answered, where it answered. */
export class ZegoServerApiError extends ZegoTokenError {
  /** ZEGO's numeric `Code` (see `zego-token explain <code>`); undefined when ZEGO gave none. */
  readonly zegoCode: number | undefined;
  /** ZEGO's `Message`, where it gave one. */
  readonly zegoMessage: string | undefined;
  /** ZEGO's `RequestId`, for ZEGO's support, where it gave one. */
  readonly requestId: string | undefined;
  /**
   * ZEGO's whole answer, for `SERVER_API_ERROR`: what else it said about the failure (ZIM's `ErrorList`
   * with each user's `SubCode`, when every user in a batch failed). Undefined for the other codes.
   */
  readonly answer: Readonly<Record<string, unknown>> | undefined;

  constructor(
    code: ZegoServerApiErrorCode,
    message: string,
    details: {
      zegoCode?: number;
      zegoMessage?: string;
      requestId?: string;
      answer?: Readonly<Record<string, unknown>>;
      cause?: unknown;
    } = {},
  ) {
    super(code, message, { cause: details.cause });
    this.zegoCode = details.zegoCode;
    this.zegoMessage = details.zegoMessage;
    this.requestId = details.requestId;
    this.answer = details.answer;
  }
}

/**
 * The error of a typed method that sends one list over several calls (ZEGO takes at most 5 users per
 * RTC `KickoutUser`, 50 per ZIM `KickoutRoomUser`) when one of the calls failed: the calls before it
 * succeeded, the ones after it were not made. Code `SERVER_API_BATCH_FAILED`; `zegoCode`, `zegoMessage`,
 * `requestId` and `answer` are the failed call's (undefined when ZEGO did not answer), and `cause` is
 * its own `ZegoServerApiError`.
 */
export class ZegoServerApiBatchError extends ZegoServerApiError {
  /** The users whose calls succeeded, in the order given. */
  readonly completedUserIds: readonly string[];
  /** The users of the call that failed: ZEGO may or may not have handled them (a timeout may hide a success). */
  readonly failedUserIds: readonly string[];
  /** The users not handled: `failedUserIds`, then those of the calls never made. Call again with these. */
  readonly remainingUserIds: readonly string[];

  constructor(
    action: string,
    cause: ZegoServerApiError,
    userIds: { completed: readonly string[]; failed: readonly string[]; remaining: readonly string[] },
  ) {
    super(
      'SERVER_API_BATCH_FAILED',
      `${action}: ${userIds.completed.length} of ${userIds.completed.length + userIds.remaining.length} users done, then a call for ${userIds.failed.length} failed (${cause.code}: ${cause.message}); ${userIds.remaining.length} not done (remainingUserIds)`,
      {
        ...(cause.zegoCode === undefined ? {} : { zegoCode: cause.zegoCode }),
        ...(cause.zegoMessage === undefined ? {} : { zegoMessage: cause.zegoMessage }),
        ...(cause.requestId === undefined ? {} : { requestId: cause.requestId }),
        ...(cause.answer === undefined ? {} : { answer: cause.answer }),
        cause,
      },
    );
    this.completedUserIds = Object.freeze([...userIds.completed]);
    this.failedUserIds = Object.freeze([...userIds.failed]);
    this.remainingUserIds = Object.freeze([...userIds.remaining]);
  }
}

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_MAX_ANSWER_BYTES = 1024 * 1024;
const PRODUCTS: readonly ZegoServerApiProduct[] = ['mini-game', 'rtc', 'zim', 'cloudrecord'];
const REGIONS: readonly ZegoServerApiRegion[] = ['sha', 'hkg', 'fra', 'lax', 'bom', 'sgp'];
const ACTION_PATTERN = /^[A-Za-z][A-Za-z0-9_.-]{0,127}$/;
const PUBLIC_PARAMETERS = new Set(['Action', 'AppId', 'SignatureNonce', 'Timestamp', 'SignatureVersion', 'Signature']);
// ZEGO's own text, quoted in an error message: cut so a hostile or broken answer cannot flood a log.
const MAX_QUOTED = 200;

const CREATE_KEYS = {
  appId: true,
  serverSecret: true,
  product: true,
  region: true,
  baseUrl: true,
  fetch: true,
  timeoutMs: true,
  maxAnswerBytes: true,
} as const satisfies Record<keyof CreateZegoServerApiOptions, true>;

interface ServerApiConfig {
  product: ZegoServerApiProduct;
  appId: number;
  serverSecret: string;
  baseUrl: string;
  fetch: typeof fetch;
  timeoutMs: number;
  maxAnswerBytes: number;
}

/** `localhost`, `127.0.0.0/8` and `[::1]`: the hosts plain `http:` may reach (a test server, a local proxy). */
function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(hostname);
}

/**
 * The checked `baseUrl`. Credentials are refused because the URL, signature and all, would otherwise
 * travel in errors and logs; plain `http:` leaves the host only for loopback, where nothing is on the wire.
 */
function parseBaseUrl(baseUrl: unknown): URL {
  const url = typeof baseUrl === 'string' && URL.canParse(baseUrl) ? new URL(baseUrl) : undefined;
  if (url === undefined || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.search || url.hash) {
    fail('OPTION_INVALID', `baseUrl must be an https: URL without a query or fragment, got ${describe(baseUrl)}`);
  }
  if (url.username || url.password) {
    fail(
      'OPTION_INVALID',
      'baseUrl must not hold a user name or password: they would travel with the signed URL into errors and logs; give a proxy its credentials another way',
    );
  }
  if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
    fail(
      'OPTION_INVALID',
      'baseUrl must be https: (plain http: is accepted for localhost, 127.0.0.0/8 and [::1] only): the signed request and its answer would cross the network in clear',
    );
  }
  return url;
}

function assertPositiveInteger(value: unknown, name: string): asserts value is number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) {
    fail('OPTION_INVALID', `${name} must be a positive integer, got ${describe(value)}`);
  }
}

function parseServerApiOptions(options: CreateZegoServerApiOptions): ServerApiConfig {
  assertOptionsObject(options, 'createZegoServerApi options');
  assertKnownKeys(options as unknown as Record<string, unknown>, CREATE_KEYS, 'createZegoServerApi', SIGN_HINTS);
  const { appId, serverSecret, product, region, baseUrl } = options;
  assertAppId(appId);
  assertSecret(serverSecret);
  if (!PRODUCTS.includes(product)) {
    fail('OPTION_INVALID', `product must be one of ${PRODUCTS.join(', ')}, got ${describe(product)}`);
  }
  if (region !== undefined && !REGIONS.includes(region)) {
    fail('OPTION_INVALID', `region must be one of ${REGIONS.join(', ')}, got ${describe(region)}`);
  }
  const url = baseUrl === undefined ? undefined : parseBaseUrl(baseUrl);
  // The global fetch bound to globalThis: Workers throw "Illegal invocation" when it is called with any
  // other `this` (such as the config object it is stored in).
  const fetchFunction = options.fetch ?? globalThis.fetch?.bind(globalThis);
  if (typeof fetchFunction !== 'function') fail('OPTION_INVALID', 'fetch must be a function (no global fetch found)');
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  assertPositiveInteger(timeoutMs, 'timeoutMs');
  const maxAnswerBytes = options.maxAnswerBytes ?? DEFAULT_MAX_ANSWER_BYTES;
  assertPositiveInteger(maxAnswerBytes, 'maxAnswerBytes');
  const host = `https://${product}-api${region === undefined ? '' : `-${region}`}.zego.im/`;
  return Object.freeze({
    product,
    appId,
    serverSecret,
    baseUrl: url?.href ?? host,
    fetch: fetchFunction,
    timeoutMs,
    maxAnswerBytes,
  });
}

function buildQuery(action: unknown, params: unknown, signature: ZegoServerApiSignature): URLSearchParams {
  if (typeof action !== 'string' || !ACTION_PATTERN.test(action)) {
    fail('OPTION_INVALID', `action must be a ZEGO Action name such as DescribeUserNum, got ${describe(action)}`);
  }
  const query = new URLSearchParams({ Action: action });
  for (const [key, value] of Object.entries(signature)) query.append(key, String(value));
  if (params === undefined) return query;
  assertOptionsObject(params, 'params');
  for (const [key, value] of Object.entries(params)) {
    if (PUBLIC_PARAMETERS.has(key)) fail('OPTION_INVALID', `params must not set ${key}: the client signs each call`);
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) {
      if (
        typeof item !== 'string' &&
        typeof item !== 'boolean' &&
        !(typeof item === 'number' && Number.isFinite(item))
      ) {
        fail(
          'OPTION_INVALID',
          `params.${key} must be a string, a number, a boolean or an array of them, got ${describe(item)}`,
        );
      }
      query.append(Array.isArray(value) ? `${key}[]` : key, String(item));
    }
  }
  return query;
}

function jsonBody(body: unknown): string {
  let json: string | undefined;
  try {
    json = JSON.stringify(body);
  } catch {
    fail('OPTION_INVALID', 'body could not be serialised to JSON (a cycle or a BigInt?)');
  }
  if (typeof json !== 'string') fail('OPTION_INVALID', `body must serialise to JSON, got ${describe(body)}`);
  return json;
}

function unreachable(message: string, cause?: unknown): ZegoServerApiError {
  return new ZegoServerApiError('SERVER_API_UNREACHABLE', message, { cause });
}

/** What stands for the request's signature in anything an error carries. */
const REDACTED = '[Signature]';
const MAX_CAUSE_DEPTH = 8;

/**
 * `error` as the cause of the client's error, unless its chain (messages, stacks, string properties,
 * causes, an AggregateError's errors) holds the request's signature: a fetch that names the URL it
 * failed on. That one is replaced, so that no error, logged or serialised, carries the signed URL.
 */
function safeCause(error: unknown, signature: string): unknown {
  const holds = (value: unknown, depth: number): boolean => {
    if (typeof value === 'string') return value.includes(signature);
    if (typeof value !== 'object' || value === null || depth > MAX_CAUSE_DEPTH) return false;
    const { message, stack, cause, errors } = value as Record<string, unknown>;
    return (
      [message, stack, ...Object.values(value)].some((field) => typeof field === 'string' && holds(field, depth)) ||
      holds(cause, depth + 1) ||
      (Array.isArray(errors) && errors.some((item) => holds(item, depth + 1)))
    );
  };
  if (!holds(error, 0)) return error;
  const name = error instanceof Error ? error.name : typeof error;
  return new Error(`a ${name} that named the signed URL (withheld: it holds the request's signature)`);
}

function tooLarge(action: string, maxBytes: number): ZegoServerApiError {
  return new ZegoServerApiError(
    'SERVER_API_ANSWER_TOO_LARGE',
    `${action}: the answer is longer than maxAnswerBytes (${maxBytes} bytes); the rest was not read`,
  );
}

/** The body as UTF-8 text, read chunk by chunk and given up on (the stream cancelled) once past `maxBytes`. */
async function readCapped(response: Response, action: string, maxBytes: number): Promise<string> {
  const body = response.body;
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declared > maxBytes) {
    body?.cancel().catch(() => {});
    throw tooLarge(action, maxBytes);
  }
  if (body === null) return '';
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    size += value.byteLength;
    if (size > maxBytes) {
      reader.cancel().catch(() => {});
      throw tooLarge(action, maxBytes);
    }
    text += decoder.decode(value, { stream: true });
  }
}

/** ZEGO's gateway codes, shared by every product's Server API: the ones `zego-token explain` knows. */
const GATEWAY_CODES = { first: 100_000_000, last: 100_000_017 } as const;

/** Where to read about a non-zero Code: `zego-token explain` for the gateway's codes, else the product's page. */
function serverApiCodeHint(code: number, product: ZegoServerApiProduct): string {
  if (Number.isInteger(code) && code >= GATEWAY_CODES.first && code <= GATEWAY_CODES.last) {
    return `zego-token explain ${code} says what it means`;
  }
  return `see the return codes of ZEGO's ${PRODUCT_NAMES[product]} Server API`;
}

const PRODUCT_NAMES: Readonly<Record<ZegoServerApiProduct, string>> = {
  'mini-game': 'MiniGameEngine',
  rtc: 'RTC',
  zim: 'ZIM',
  cloudrecord: 'cloud recording',
};

async function readAnswer(
  response: Response,
  action: string,
  config: ServerApiConfig,
  signature: string,
): Promise<ZegoServerApiAnswer> {
  const { status } = response;
  if (response.type === 'opaqueredirect' || (status >= 300 && status < 400)) {
    response.body?.cancel().catch(() => {});
    throw new ZegoServerApiError(
      'SERVER_API_REDIRECTED',
      `${action}: ZEGO answered HTTP ${status}, a redirect, which the client never follows (it would send the signed request to another origin); set baseUrl to the host you mean to call`,
    );
  }
  // ZEGO never sends the signature back, but a proxy's error page may quote the URL.
  const text = (await readCapped(response, action, config.maxAnswerBytes)).replaceAll(signature, REDACTED);
  let answer: unknown;
  try {
    answer = JSON.parse(text);
  } catch (error) {
    throw unreachable(`${action}: ZEGO answered HTTP ${status} with a body that is not JSON`, error);
  }
  if (typeof answer !== 'object' || answer === null || typeof (answer as { Code?: unknown }).Code !== 'number') {
    throw unreachable(`${action}: ZEGO answered HTTP ${status} without a numeric Code`);
  }
  const { Code, Message, RequestId } = answer as { Code: number; Message?: unknown; RequestId?: unknown };
  if (Code === 0) return answer as ZegoServerApiAnswer;
  const zegoMessage = typeof Message === 'string' ? Message.slice(0, MAX_QUOTED) : undefined;
  const requestId = typeof RequestId === 'string' ? RequestId.slice(0, MAX_QUOTED) : undefined;
  throw new ZegoServerApiError(
    'SERVER_API_ERROR',
    `${action}: ZEGO answered Code ${Code}${zegoMessage ? ` (${zegoMessage})` : ''}; ${serverApiCodeHint(Code, config.product)}`,
    {
      zegoCode: Code,
      ...(zegoMessage === undefined ? {} : { zegoMessage }),
      ...(requestId === undefined ? {} : { requestId }),
      answer: answer as Readonly<Record<string, unknown>>,
    },
  );
}

/** See `ServerApiFunctions.createZegoServerApi`. */
export function createZegoServerApi(primitives: SigningPrimitives, options: CreateZegoServerApiOptions): ZegoServerApi {
  const config = parseServerApiOptions(options);
  return Object.freeze({
    baseUrl: config.baseUrl,
    call: async function callZegoServerApi<T extends object>(
      action: string,
      params?: ZegoServerApiParams,
      callOptions: ZegoServerApiCallOptions = {},
    ): Promise<ZegoServerApiAnswer<T>> {
      const signature = sign(primitives, config.appId, freshNonce(primitives), config.serverSecret, nowSeconds());
      const query = buildQuery(action, params, signature);
      assertOptionsObject(callOptions, 'call options');
      const { body } = callOptions;
      const method = callOptions.method ?? (body === undefined ? 'GET' : 'POST');
      if (method !== 'GET' && method !== 'POST') {
        fail('OPTION_INVALID', `method must be 'GET' or 'POST', got ${describe(method)}`);
      }
      if (method === 'GET' && body !== undefined) fail('OPTION_INVALID', 'a GET has no body: pass method: "POST"');
      // 'manual': a redirect is answered, never followed, and refused in readAnswer with its own code.
      const init: RequestInit = { method, redirect: 'manual', signal: AbortSignal.timeout(config.timeoutMs) };
      if (method === 'POST') {
        init.headers = { 'content-type': 'application/json' };
        init.body = body === undefined ? '{}' : jsonBody(body);
      }
      try {
        // Called unbound (not as `config.fetch(…)`), so that a global fetch passed in as an option keeps
        // the `this` Workers require.
        const send = config.fetch;
        const response = await send(`${config.baseUrl}?${query}`, init);
        return (await readAnswer(response, action, config, signature.Signature)) as ZegoServerApiAnswer<T>;
      } catch (error) {
        // readAnswer's own errors hold nothing of the URL (the body it quotes from is redacted).
        if (error instanceof ZegoServerApiError) throw error;
        const timedOut = error instanceof Error && error.name === 'TimeoutError';
        throw unreachable(
          timedOut
            ? `${action}: no answer from ZEGO within ${config.timeoutMs} ms`
            : `${action}: the request to ZEGO failed`,
          safeCause(error, signature.Signature),
        );
      }
    },
  });
}
