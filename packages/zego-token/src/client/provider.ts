import type { IssuedToken } from '../issued-token.js';
import { isTokenRequestError, TokenRequestError, type TokenRequestErrorCode } from './errors.js';

/** The token route's 200 body: the server's `IssuedToken`. Times are Unix seconds by the server's clock. */
export type TokenResponse = IssuedToken;

/** What the provider reads from a response; the `Response` of any `fetch` has all of it. */
export interface TokenFetchResponse {
  readonly ok: boolean;
  readonly status: number;
  readonly headers: { get(name: string): string | null };
  text(): Promise<string>;
}

/** A `fetch`: `globalThis.fetch` fits, and so does a wrapper that adds an `Authorization` header. */
export type TokenFetch = (url: string, init: RequestInit) => Promise<TokenFetchResponse>;

export interface TokenProviderOptions {
  /** The token route, such as `'/zego/token'`. Outside a web page (Node, React Native) it must be absolute. */
  url: string | URL;
  /** Defaults to the global `fetch`. Pass one to add headers per request, or where there is no global `fetch`. */
  fetch?: TokenFetch | undefined;
  /**
   * Merged into every request. Defaults to `{}`: a `GET` with fetch's default `credentials: 'same-origin'`,
   * which sends the session cookie to the same origin. For a cookie session on another origin pass
   * `{ credentials: 'include' }`. Its `signal` is replaced by the provider's own (use `stop()`).
   */
  requestInit?: Omit<RequestInit, 'signal'> | undefined;
  /**
   * Renew this many seconds before the token expires, but never sooner than half its lifetime.
   * Defaults to `30`, when ZEGO SDKs emit `tokenWillExpire`.
   */
  refreshBeforeSeconds?: number | undefined;
  /** Called with every new token, including the first: call your SDK's `renewToken`/`updateToken` here. */
  onToken?: ((response: TokenResponse) => void) | undefined;
  /** Called when a background renewal fails, since no caller is waiting to be rejected. */
  onError?: ((error: TokenRequestError) => void) | undefined;
  /** Retries of a network error, 429, 502, 503 or 504 before the request fails. Defaults to `3`. */
  maxRetries?: number | undefined;
  /** The first retry waits about this long (with jitter), doubling each time. Defaults to `1000` ms. */
  retryDelayMs?: number | undefined;
  /**
   * The longest wait between retries. A `Retry-After` longer than this fails the request at once
   * (the error carries `retryAfterMs`). Defaults to `30000` ms.
   */
  maxRetryDelayMs?: number | undefined;
  /** Abort an attempt that has no answer after this long (it counts as a network error). `0` waits forever. Defaults to `10000` ms. */
  timeoutMs?: number | undefined;
}

export interface TokenProvider {
  /**
   * The cached token while it is fresh (less than `max(lifetime − refreshBeforeSeconds, lifetime / 2)`
   * since it arrived), else a new one (sharing any request already in flight).
   */
  getToken(): Promise<string>;
  /** A new token, whatever the cache holds (sharing any request already in flight). */
  refresh(): Promise<string>;
  /** Cancels renewal and aborts the request in flight; every pending and later call rejects with `'STOPPED'`. */
  stop(): void;
}

const DEFAULTS = {
  refreshBeforeSeconds: 30,
  maxRetries: 3,
  retryDelayMs: 1000,
  maxRetryDelayMs: 30_000,
  timeoutMs: 10_000,
};
/** The longest delay `setTimeout` takes (about 24.8 days); longer ones fire at once. */
const MAX_TIMER_MS = 2_147_483_647;
/** A failed background renewal is tried again after at least this long. */
const MIN_BACKGROUND_RETRY_MS = 1000;
/** The 5xx answers of a proxy or an overloaded server, worth trying again. */
const TRANSIENT_STATUSES: ReadonlySet<number> = new Set([502, 503, 504]);

/**
 * Worth trying again: a network error, a 429, or a 502/503/504. Any other 5xx is the server saying
 * that it failed for this request (a userId ZEGO would reject, say): asking again changes nothing.
 */
function isTransient(error: unknown): error is TokenRequestError {
  if (!isTokenRequestError(error)) return false;
  if (error.code === 'NETWORK_ERROR' || error.code === 'RATE_LIMITED') return true;
  return error.code === 'SERVER_ERROR' && error.status !== undefined && TRANSIENT_STATUSES.has(error.status);
}
const OPTION_KEYS: ReadonlySet<string> = new Set<keyof TokenProviderOptions>([
  'url',
  'fetch',
  'requestInit',
  'refreshBeforeSeconds',
  'onToken',
  'onError',
  'maxRetries',
  'retryDelayMs',
  'maxRetryDelayMs',
  'timeoutMs',
]);

/**
 * A fraction in [0, 1) that spreads retries of many clients apart, from Web Crypto (browsers, Node,
 * Deno, Bun). Where there is none (React Native without a polyfill) retries are not spread: 0.5.
 */
function jitterFraction(): number {
  const webCrypto = (globalThis as { crypto?: { getRandomValues?: <T extends Uint32Array>(array: T) => T } }).crypto;
  if (typeof webCrypto?.getRandomValues !== 'function') return 0.5;
  return (webCrypto.getRandomValues(new Uint32Array(1))[0] as number) / 0x1_0000_0000;
}

interface Received {
  response: TokenResponse;
  /** `Date.now()` when the response arrived. */
  arrivedAt: number;
}

interface Cached extends Received {
  /** How long after arrival the token counts as fresh; renewal is scheduled then. */
  renewAfterMs: number;
}

/**
 * Fetches ZEGO tokens from your token route, caches them, and renews them before they expire.
 * Nothing is fetched until the first `getToken()` or `refresh()`; after that the provider renews in
 * the background until `stop()`.
 */
export function createTokenProvider(options: TokenProviderOptions): TokenProvider {
  const config = readOptions(options);
  const stopController = new AbortController();
  let stopped = false;
  let current: Cached | undefined;
  let inflight: Promise<TokenResponse> | undefined;
  let renewTimer: ReturnType<typeof setTimeout> | undefined;

  const stoppedError = () => new TokenRequestError('STOPPED', 'the token provider was stopped');

  function sleep(ms: number): Promise<void> {
    return new Promise((resolve, reject) => {
      if (stopped) return reject(stoppedError());
      const onStop = () => {
        clearTimeout(timer);
        reject(stoppedError());
      };
      const timer = setTimeout(() => {
        stopController.signal.removeEventListener('abort', onStop);
        resolve();
      }, ms);
      stopController.signal.addEventListener('abort', onStop);
    });
  }

  /** One request. Throws only `TokenRequestError`. */
  async function attempt(): Promise<Received> {
    const controller = new AbortController();
    const abort = () => controller.abort();
    stopController.signal.addEventListener('abort', abort);
    let timedOut = false;
    const timer =
      config.timeoutMs > 0
        ? setTimeout(() => {
            timedOut = true;
            controller.abort();
          }, config.timeoutMs)
        : undefined;
    // Settles on abort even when a custom fetch ignores its signal.
    const aborted = new Promise<never>((_, reject) => {
      controller.signal.addEventListener('abort', () => reject(new Error('aborted')));
    });
    aborted.catch(() => {});
    const guard = async <T>(work: () => Promise<T>): Promise<T> => {
      try {
        return await Promise.race([new Promise<T>((resolve) => resolve(work())), aborted]);
      } catch (cause) {
        if (stopped) throw stoppedError();
        if (timedOut) {
          throw new TokenRequestError('NETWORK_ERROR', `the token route did not answer within ${config.timeoutMs} ms`);
        }
        throw new TokenRequestError(
          'NETWORK_ERROR',
          'the token request failed (offline, CORS, or the server is unreachable)',
          { cause },
        );
      }
    };
    try {
      const response = await guard(() =>
        config.fetch(config.url, { ...config.requestInit, signal: controller.signal }),
      );
      if (response.ok) {
        const text = await guard(() => response.text());
        return { response: parseTokenResponse(text, response.status), arrivedAt: Date.now() };
      }
      let text = '';
      try {
        text = await guard(() => response.text());
      } catch (error) {
        if (stopped) throw error;
      }
      throw statusError(response, text);
    } finally {
      clearTimeout(timer);
      stopController.signal.removeEventListener('abort', abort);
    }
  }

  /** Attempts with backoff: network errors, 429 and 502/503/504 are retried up to `maxRetries` times. */
  async function fetchWithRetries(): Promise<Received> {
    for (let retry = 0; ; retry++) {
      try {
        return await attempt();
      } catch (error) {
        if (!isTransient(error) || retry >= config.maxRetries) throw error;
        const retryAfterMs = error.retryAfterMs ?? 0;
        if (retryAfterMs > config.maxRetryDelayMs) throw error;
        const backoff = Math.min(config.maxRetryDelayMs, config.retryDelayMs * 2 ** retry);
        await sleep(Math.max(retryAfterMs, backoff / 2 + (jitterFraction() * backoff) / 2));
      }
    }
  }

  function accept({ response, arrivedAt }: Received): TokenResponse {
    if (stopped) throw stoppedError();
    // From the lifetime and the arrival, not `expiresAt` against a device clock that may be wrong; and
    // never sooner than half the lifetime, so that a short one cannot make the provider loop.
    const lifetimeMs = response.effectiveTimeInSeconds * 1000;
    const renewAfterMs = Math.max(lifetimeMs - config.refreshBeforeSeconds * 1000, lifetimeMs / 2);
    current = { response, arrivedAt, renewAfterMs };
    scheduleRenewal(renewAfterMs);
    report(config.onToken, response);
    return response;
  }

  function load(): Promise<TokenResponse> {
    if (stopped) return Promise.reject(stoppedError());
    if (inflight) return inflight;
    const run = fetchWithRetries().then(accept, (error: unknown) => {
      if (isTokenRequestError(error) && error.code === 'SIGNED_OUT') {
        // The user is gone: drop their token and stop renewing until someone asks again.
        current = undefined;
        cancelRenewal();
      }
      throw error;
    });
    inflight = run;
    const settle = () => {
      if (inflight === run) inflight = undefined;
    };
    run.then(settle, settle);
    return run;
  }

  function cancelRenewal(): void {
    clearTimeout(renewTimer);
    renewTimer = undefined;
  }

  function scheduleRenewal(delayMs: number): void {
    cancelRenewal();
    const arm = (remainingMs: number) => {
      const stepMs = Math.min(remainingMs, MAX_TIMER_MS);
      renewTimer = setTimeout(() => (remainingMs > stepMs ? arm(remainingMs - stepMs) : renewInBackground()), stepMs);
      // In Node, a pending renewal alone should not keep the process alive.
      (renewTimer as { unref?: () => unknown }).unref?.();
    };
    arm(delayMs);
  }

  function renewInBackground(): void {
    renewTimer = undefined;
    load().then(undefined, (error: unknown) => {
      if (!isTokenRequestError(error) || error.code === 'STOPPED') return;
      report(config.onError, error);
      // Keep trying after transient failures; give up on 401, other 4xx, other 5xx and bad bodies.
      if (isTransient(error) && !stopped && renewTimer === undefined) {
        scheduleRenewal(Math.max(MIN_BACKGROUND_RETRY_MS, config.maxRetryDelayMs, error.retryAfterMs ?? 0));
      }
    });
  }

  return {
    getToken() {
      if (stopped) return Promise.reject(stoppedError());
      if (current !== undefined) {
        const ageMs = Date.now() - current.arrivedAt;
        // A negative age means the device clock went back: do not trust the cache then.
        if (ageMs >= 0 && ageMs < current.renewAfterMs) return Promise.resolve(current.response.token);
      }
      return load().then((response) => response.token);
    },
    refresh() {
      return load().then((response) => response.token);
    },
    stop() {
      if (stopped) return;
      stopped = true;
      current = undefined;
      cancelRenewal();
      stopController.abort();
    },
  };
}

/** Calls an app callback; if it throws, the error is rethrown on its own (like an event listener's), not swallowed. */
function report<T>(callback: ((value: T) => void) | undefined, value: T): void {
  if (callback === undefined) return;
  try {
    callback(value);
  } catch (error) {
    setTimeout(() => {
      throw error;
    }, 0);
  }
}

// ---------------------------------------------------------------------------------------------
// Responses

type FieldCheck = readonly [check: (value: unknown) => boolean, rule: string];
const isNumber = (value: unknown) => typeof value === 'number' && Number.isFinite(value);
// Keyed by IssuedToken's fields: the compiler keeps the list complete when the shape grows.
const RESPONSE_FIELDS: { readonly [K in keyof TokenResponse]-?: FieldCheck } = {
  token: [(value) => typeof value === 'string' && value.length > 0, 'a non-empty string'],
  appId: [isNumber, 'a number'],
  userId: [(value) => typeof value === 'string', 'a string'],
  issuedAt: [isNumber, 'a number'],
  expiresAt: [isNumber, 'a number'],
  effectiveTimeInSeconds: [(value) => isNumber(value) && (value as number) > 0, 'a positive number'],
};

/** Checks a 2xx body. Its messages never quote the body, which may hold a token. */
function parseTokenResponse(text: string, status: number): TokenResponse {
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
  return record as unknown as TokenResponse;
}

function statusError(response: TokenFetchResponse, text: string): TokenRequestError {
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
function readRetryAfter(response: TokenFetchResponse): number | undefined {
  const value = response.headers.get('retry-after')?.trim();
  if (value === undefined || value === '') return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  if (Number.isNaN(at)) return undefined;
  const serverNow = Date.parse(response.headers.get('date') ?? '');
  return Math.max(0, at - (Number.isNaN(serverNow) ? Date.now() : serverNow));
}

// ---------------------------------------------------------------------------------------------
// Options

interface Config {
  url: string;
  fetch: TokenFetch;
  requestInit: Omit<RequestInit, 'signal'> | undefined;
  refreshBeforeSeconds: number;
  onToken: ((response: TokenResponse) => void) | undefined;
  onError: ((error: TokenRequestError) => void) | undefined;
  maxRetries: number;
  retryDelayMs: number;
  maxRetryDelayMs: number;
  timeoutMs: number;
}

function invalidOption(message: string): never {
  throw new TokenRequestError('OPTION_INVALID', message);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return `a string of ${value.length} characters`;
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function readOptions(options: TokenProviderOptions): Config {
  if (typeof options !== 'object' || options === null) {
    invalidOption(`createTokenProvider needs an options object with a \`url\`, got ${describe(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (!OPTION_KEYS.has(key)) invalidOption(`createTokenProvider has no option \`${key}\``);
  }
  const number = (name: keyof typeof DEFAULTS, integer: boolean, max: number): number => {
    const value: unknown = options[name];
    if (value === undefined) return DEFAULTS[name];
    if (typeof value !== 'number' || !(value >= 0 && value <= max) || (integer && !Number.isInteger(value))) {
      invalidOption(
        `${name} must be a non-negative ${integer ? 'integer' : 'number'} up to ${max}, got ${describe(value)}`,
      );
    }
    return value;
  };
  const callback = <T>(name: 'onToken' | 'onError', value: T): T => {
    if (value !== undefined && typeof value !== 'function')
      invalidOption(`${name} must be a function, got ${describe(value)}`);
    return value;
  };

  const fetchOption: unknown = options.fetch;
  if (fetchOption !== undefined && typeof fetchOption !== 'function') {
    invalidOption(`fetch must be a function, got ${describe(fetchOption)}`);
  }
  const fetch = fetchOption ?? (typeof globalThis.fetch === 'function' ? globalThis.fetch.bind(globalThis) : undefined);
  if (fetch === undefined) invalidOption('this runtime has no global fetch: pass one as the `fetch` option');

  const requestInit: unknown = options.requestInit;
  if (requestInit !== undefined && (typeof requestInit !== 'object' || requestInit === null)) {
    invalidOption(`requestInit must be an object, got ${describe(requestInit)}`);
  }

  return {
    url: readUrl(options.url),
    fetch: fetch as TokenFetch,
    requestInit: options.requestInit,
    refreshBeforeSeconds: number('refreshBeforeSeconds', false, Number.MAX_SAFE_INTEGER),
    onToken: callback('onToken', options.onToken),
    onError: callback('onError', options.onError),
    maxRetries: number('maxRetries', true, 100),
    retryDelayMs: number('retryDelayMs', false, MAX_TIMER_MS),
    maxRetryDelayMs: number('maxRetryDelayMs', false, MAX_TIMER_MS),
    timeoutMs: number('timeoutMs', false, MAX_TIMER_MS),
  };
}

function readUrl(value: unknown): string {
  let href: string | undefined;
  if (typeof value === 'string') href = value;
  else if (typeof value === 'object' && value !== null && typeof (value as { href?: unknown }).href === 'string') {
    href = (value as { href: string }).href;
  }
  if (href === undefined || href.trim() === '') {
    invalidOption(`url must be the token route's URL (a string or URL), got ${describe(value)}`);
  }
  // Relative URLs resolve against the page in browsers; Node and React Native have no page.
  const page = (globalThis as { location?: { href?: unknown } }).location?.href;
  const base = typeof page === 'string' ? page : undefined;
  if (typeof URL === 'function') {
    try {
      new URL(href, base);
    } catch {
      invalidOption(
        `url ${JSON.stringify(href)} is not a valid URL${base === undefined ? ' (outside a web page it must be absolute, like "https://example.com/zego/token")' : ''}`,
      );
    }
  }
  return href;
}
