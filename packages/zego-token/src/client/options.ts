import { describe } from '../describe.js';
import type { IssuedToken } from '../token/issued-token.js';
import { TokenRequestError } from './errors.js';
import type { TokenFetchResponse } from './response.js';

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
  onToken?: ((response: IssuedToken) => void) | undefined;
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

/** The options after `readOptions`: every default filled in, checked once, never re-checked. */
export interface Config {
  readonly url: string;
  readonly fetch: TokenFetch;
  readonly requestInit: Omit<RequestInit, 'signal'> | undefined;
  readonly refreshBeforeSeconds: number;
  readonly onToken: ((response: IssuedToken) => void) | undefined;
  readonly onError: ((error: TokenRequestError) => void) | undefined;
  readonly maxRetries: number;
  readonly retryDelayMs: number;
  readonly maxRetryDelayMs: number;
  readonly timeoutMs: number;
}

const DEFAULTS = {
  refreshBeforeSeconds: 30,
  maxRetries: 3,
  retryDelayMs: 1000,
  maxRetryDelayMs: 30_000,
  timeoutMs: 10_000,
};
/** The longest delay `setTimeout` takes (about 24.8 days); longer ones fire at once. */
export const MAX_TIMER_MS = 2_147_483_647;

// Keyed by the options' names: the compiler keeps the list complete when an option is added.
const OPTION_KEYS: ReadonlySet<string> = new Set(
  Object.keys({
    url: true,
    fetch: true,
    requestInit: true,
    refreshBeforeSeconds: true,
    onToken: true,
    onError: true,
    maxRetries: true,
    retryDelayMs: true,
    maxRetryDelayMs: true,
    timeoutMs: true,
  } satisfies Record<keyof TokenProviderOptions, true>),
);

function invalidOption(message: string): never {
  throw new TokenRequestError('OPTION_INVALID', message);
}

/** Checks the options once, at construction; throws `OPTION_INVALID` with the first problem. */
export function readOptions(options: TokenProviderOptions): Config {
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

  return Object.freeze({
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
  });
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
