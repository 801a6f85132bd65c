import type { IssuedToken } from '../token/issued-token.js';
import { toKitToken } from '../token/kit-token.js';
import { isTokenRequestError, TokenRequestError } from './errors.js';
import { MAX_TIMER_MS, readOptions, type TokenProviderOptions } from './options.js';
import { isTransient, parseTokenResponse, statusError } from './response.js';

export interface TokenProvider {
  /**
   * The cached token while it is fresh (less than `max(lifetime − refreshBeforeSeconds, lifetime / 2)`
   * since it arrived), else a new one (sharing any request already in flight).
   */
  getToken(): Promise<string>;
  /** A new token, whatever the cache holds (sharing any request already in flight). */
  refresh(): Promise<string>;
  /**
   * A kit token for UIKit (`ZegoUIKitPrebuilt.create`, `renewToken`): the token `getToken()` gives,
   * for the AppID and userId of the route's answer, in `roomId` under `userName`. Rejects with a
   * `TokenRequestError` as `getToken()` does, or a `ZegoTokenError` (`KIT_TOKEN_INVALID`) for a room
   * ID the kit cannot carry.
   */
  getKitToken(options: KitTokenRoom): Promise<string>;
  /** Cancels renewal and aborts the request in flight; every pending and later call rejects with `'STOPPED'`. */
  stop(): void;
}

/** Where a kit token from `getKitToken` takes the user. */
export interface KitTokenRoom {
  /** The room to join: ZEGO's character set, under 128 bytes. */
  roomId: string;
  /** The name UIKit shows; any Unicode text. Defaults to `''`. */
  userName?: string | undefined;
}

/** A failed background renewal is tried again after at least this long. */
const MIN_BACKGROUND_RETRY_MS = 1000;

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
  response: IssuedToken;
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
  let inflight: Promise<IssuedToken> | undefined;
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

  function accept({ response, arrivedAt }: Received): IssuedToken {
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

  function load(): Promise<IssuedToken> {
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

  /** The cached answer while it is fresh, else a new one. */
  function fresh(): Promise<IssuedToken> {
    if (stopped) return Promise.reject(stoppedError());
    if (current !== undefined) {
      const ageMs = Date.now() - current.arrivedAt;
      // A negative age means the device clock went back: do not trust the cache then.
      if (ageMs >= 0 && ageMs < current.renewAfterMs) return Promise.resolve(current.response);
    }
    return load();
  }

  return {
    getToken() {
      return fresh().then((response) => response.token);
    },
    getKitToken({ roomId, userName }) {
      return fresh().then(({ token, appId, userId }) => toKitToken({ token, appId, userId, roomId, userName }));
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
