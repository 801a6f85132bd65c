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
  /** An `http:` or `https:` URL to call instead of ZEGO's host (a proxy, or a test server). Overrides `region`. */
  baseUrl?: string | undefined;
  /** The `fetch` to call. Defaults to the global `fetch`. */
  fetch?: typeof fetch | undefined;
  /** How long a call may take before it fails with `SERVER_API_UNREACHABLE`, in milliseconds. Defaults to `10000`. */
  timeoutMs?: number | undefined;
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

export interface ZegoServerApi {
  /** The URL every call goes to, with `?Action=…` and the signed parameters added. */
  readonly baseUrl: string;
  /**
   * Signs and sends one request, and resolves with the response's `Data` when its `Code` is 0. Rejects
   * with a `ZegoServerApiError`: `SERVER_API_ERROR` for any other `Code` (with ZEGO's `zegoCode`,
   * `zegoMessage` and `requestId`), `SERVER_API_UNREACHABLE` for a network error, a timeout or a
   * response that is not ZEGO's JSON. It never retries: retry only the calls you know are idempotent.
   */
  call<T = unknown>(action: string, params?: ZegoServerApiParams, options?: ZegoServerApiCallOptions): Promise<T>;
}

/** The error of a Server API call: a `ZegoTokenError` that also carries what ZEGO answered, where it answered. */
export class ZegoServerApiError extends ZegoTokenError {
  /** ZEGO's numeric `Code` (see `zego-token explain <code>`); undefined when ZEGO gave none. */
  readonly zegoCode: number | undefined;
  /** ZEGO's `Message`, where it gave one. */
  readonly zegoMessage: string | undefined;
  /** ZEGO's `RequestId`, for ZEGO's support, where it gave one. */
  readonly requestId: string | undefined;

  constructor(
    code: 'SERVER_API_ERROR' | 'SERVER_API_UNREACHABLE',
    message: string,
    answer: { zegoCode?: number; zegoMessage?: string; requestId?: string; cause?: unknown } = {},
  ) {
    super(code, message, { cause: answer.cause });
    this.zegoCode = answer.zegoCode;
    this.zegoMessage = answer.zegoMessage;
    this.requestId = answer.requestId;
  }
}

const DEFAULT_TIMEOUT_MS = 10_000;
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
} as const satisfies Record<keyof CreateZegoServerApiOptions, true>;

interface ServerApiConfig {
  appId: number;
  serverSecret: string;
  baseUrl: string;
  fetch: typeof fetch;
  timeoutMs: number;
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
  let url: URL | undefined;
  if (baseUrl !== undefined) {
    url = typeof baseUrl === 'string' && URL.canParse(baseUrl) ? new URL(baseUrl) : undefined;
    if (url === undefined || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.search || url.hash) {
      fail('OPTION_INVALID', `baseUrl must be an http: or https: URL without a query, got ${describe(baseUrl)}`);
    }
  }
  const fetchFunction = options.fetch ?? globalThis.fetch;
  if (typeof fetchFunction !== 'function') fail('OPTION_INVALID', 'fetch must be a function (no global fetch found)');
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (typeof timeoutMs !== 'number' || !Number.isSafeInteger(timeoutMs) || timeoutMs <= 0) {
    fail('OPTION_INVALID', `timeoutMs must be a positive integer, got ${describe(timeoutMs)}`);
  }
  const host = `https://${product}-api${region === undefined ? '' : `-${region}`}.zego.im/`;
  return Object.freeze({ appId, serverSecret, baseUrl: url?.href ?? host, fetch: fetchFunction, timeoutMs });
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

async function readAnswer(response: Response, action: string): Promise<unknown> {
  const text = await response.text();
  let answer: unknown;
  try {
    answer = JSON.parse(text);
  } catch (error) {
    throw unreachable(`${action}: ZEGO answered HTTP ${response.status} with a body that is not JSON`, error);
  }
  if (typeof answer !== 'object' || answer === null || typeof (answer as { Code?: unknown }).Code !== 'number') {
    throw unreachable(`${action}: ZEGO answered HTTP ${response.status} without a numeric Code`);
  }
  const { Code, Message, RequestId, Data } = answer as {
    Code: number;
    Message?: unknown;
    RequestId?: unknown;
    Data?: unknown;
  };
  if (Code === 0) return Data;
  const zegoMessage = typeof Message === 'string' ? Message.slice(0, MAX_QUOTED) : undefined;
  const requestId = typeof RequestId === 'string' ? RequestId.slice(0, MAX_QUOTED) : undefined;
  throw new ZegoServerApiError(
    'SERVER_API_ERROR',
    `${action}: ZEGO answered Code ${Code}${zegoMessage ? ` (${zegoMessage})` : ''}; zego-token explain ${Code} may say more`,
    {
      zegoCode: Code,
      ...(zegoMessage === undefined ? {} : { zegoMessage }),
      ...(requestId === undefined ? {} : { requestId }),
    },
  );
}

/** See `ServerApiFunctions.createZegoServerApi`. */
export function createZegoServerApi(primitives: SigningPrimitives, options: CreateZegoServerApiOptions): ZegoServerApi {
  const config = parseServerApiOptions(options);
  return Object.freeze({
    baseUrl: config.baseUrl,
    call: async function callZegoServerApi<T>(
      action: string,
      params?: ZegoServerApiParams,
      callOptions: ZegoServerApiCallOptions = {},
    ): Promise<T> {
      const signature = sign(primitives, config.appId, freshNonce(primitives), config.serverSecret, nowSeconds());
      const query = buildQuery(action, params, signature);
      assertOptionsObject(callOptions, 'call options');
      const { body } = callOptions;
      const method = callOptions.method ?? (body === undefined ? 'GET' : 'POST');
      if (method !== 'GET' && method !== 'POST') {
        fail('OPTION_INVALID', `method must be 'GET' or 'POST', got ${describe(method)}`);
      }
      if (method === 'GET' && body !== undefined) fail('OPTION_INVALID', 'a GET has no body: pass method: "POST"');
      const init: RequestInit = { method, signal: AbortSignal.timeout(config.timeoutMs) };
      if (method === 'POST') {
        init.headers = { 'content-type': 'application/json' };
        init.body = body === undefined ? '{}' : jsonBody(body);
      }
      try {
        return (await readAnswer(await config.fetch(`${config.baseUrl}?${query}`, init), action)) as T;
      } catch (error) {
        if (error instanceof ZegoServerApiError) throw error;
        const timedOut = error instanceof Error && error.name === 'TimeoutError';
        throw unreachable(
          timedOut
            ? `${action}: no answer from ZEGO within ${config.timeoutMs} ms`
            : `${action}: the request to ZEGO failed`,
          error,
        );
      }
    },
  });
}
