// The demo page: plain browser JavaScript, no framework, no build step. It signs in with the host
// app's own routes (POST /login, POST /logout, GET /me), then lets `zego-token/client` fetch a ZEGO
// token from GET /api/zego/token and renew it before it expires. The server serves the package's
// browser build at /vendor/zego-token-client.js; in your app, `import … from 'zego-token/client'`.
import { createTokenProvider, isTokenRequestError, readTokenExpiry } from '/vendor/zego-token-client.js';

const TOKEN_URL = '/api/zego/token';
/** ZEGO SDKs emit `tokenWillExpire` 30 s before expiry; the provider renews at the same point. */
const REFRESH_BEFORE_SECONDS = 30;
/** How long to wait before trying again when the server did not say (no `Retry-After`). */
const DEFAULT_RETRY_MS = 10_000;

/** @param {string} id */
const byId = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
const ui = {
  error: byId('error'),
  notice: byId('notice'),
  signedOut: byId('signed-out'),
  signedIn: byId('signed-in'),
  loginForm: /** @type {HTMLFormElement} */ (byId('login-form')),
  userIdInput: /** @type {HTMLInputElement} */ (byId('user-id')),
  currentUser: byId('current-user'),
  token: byId('token'),
  tokenLength: byId('token-length'),
  fullToken: byId('full-token'),
  expiresAt: byId('expires-at'),
  countdown: byId('countdown'),
  nextRenewal: byId('next-renewal'),
  renewalCount: byId('renewal-count'),
  log: byId('log'),
  renewNow: /** @type {HTMLButtonElement} */ (byId('renew-now')),
  logout: /** @type {HTMLButtonElement} */ (byId('logout')),
  logoutEverywhere: /** @type {HTMLButtonElement} */ (byId('logout-everywhere')),
};

/** @type {ReturnType<typeof createTokenProvider> | undefined} */
let provider;
/**
 * The token on show: its expiry (Unix seconds, from its header), when the provider renews it (ms) and
 * how long before expiry that is (s).
 */
let current = /** @type {{ expiresAt: number, renewAt: number, lead: number } | undefined} */ (undefined);
let tokensReceived = 0;
/** A retry the page has scheduled after an error, shown as a countdown. */
let retry = /** @type {{ at: number, timer: ReturnType<typeof setTimeout>, what: string } | undefined} */ (undefined);

// ---------------------------------------------------------------------------------------------
// Tokens

function startTokens() {
  stopTokens();
  tokensReceived = 0;
  provider = createTokenProvider({
    url: TOKEN_URL,
    refreshBeforeSeconds: REFRESH_BEFORE_SECONDS,
    // The demo retries failures itself, on a visible countdown, so that you see every 429 and network
    // error. An app can leave this out: the provider then retries quietly (3 times, with backoff).
    maxRetries: 0,
    // Called with every token: the first one, and each renewal before the previous one expires.
    onToken: (response) => {
      // ── In a real app, this is where the SDK gets the token ──────────────────────────────────
      // The first token goes to the SDK's init/login; each later one replaces it before it expires:
      //
      //   MiniGameEngine:  tokensReceived === 0
      //                      ? engine.init(appID, response.token, { userID: response.userId, userName })
      //                      : engine.updateToken(response.token);
      //   Express Web:     zg.renewToken(response.token, roomID);  // after zg.loginRoom(roomID, token, user)
      //   ZIM:             zim.renewToken(response.token);         // after zim.login(userID, { token })
      //
      // The provider renews at the point where the SDK emits `tokenWillExpire` (30 s before expiry).
      // As a fallback, the SDK's event can call `provider.refresh()`: onToken then gets the new token.
      // ────────────────────────────────────────────────────────────────────────────────────────────
      try {
        showToken(response);
      } catch (error) {
        showError(error);
      }
    },
    // Background renewals have no caller to reject, so their errors come here.
    onError: showError,
  });
  provider.getToken().catch(showError);
}

function stopTokens() {
  cancelRetry();
  provider?.stop();
  provider = undefined;
  current = undefined;
}

/** @param {{ token: string, userId: string, effectiveTimeInSeconds: number }} response */
function showToken({ token, userId, effectiveTimeInSeconds }) {
  cancelRetry();
  clearError();
  tokensReceived += 1;
  // The expiry is in the token's clear header: no secret needed to read it (and none to trust it).
  const expiresAt = readTokenExpiry(token);
  const renewInSeconds = Math.max(effectiveTimeInSeconds - REFRESH_BEFORE_SECONDS, effectiveTimeInSeconds / 2);
  current = {
    expiresAt,
    renewAt: Date.now() + renewInSeconds * 1000,
    lead: effectiveTimeInSeconds - renewInSeconds,
  };

  ui.currentUser.textContent = userId;
  ui.token.textContent = token.length > 28 ? `${token.slice(0, 16)}…${token.slice(-8)}` : token;
  ui.tokenLength.textContent = `(${token.length} characters)`;
  ui.fullToken.textContent = token;
  ui.expiresAt.textContent = formatTime(expiresAt * 1000);
  ui.expiresAt.setAttribute('datetime', new Date(expiresAt * 1000).toISOString());
  ui.renewalCount.textContent = String(tokensReceived - 1);
  addLog(
    tokensReceived === 1
      ? `Token issued for ${userId}, valid ${effectiveTimeInSeconds} s, expires at ${formatTime(expiresAt * 1000)}`
      : `Token renewed at ${formatTime(Date.now())}, expires at ${formatTime(expiresAt * 1000)}`,
  );
  render();
}

/**
 * Every error reaches the person: signed out, rate limited, network, server. Transient ones are
 * retried on a visible countdown.
 * @param {unknown} error
 */
function showError(error) {
  if (!isTokenRequestError(error)) {
    setError(`Something went wrong: ${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  switch (error.code) {
    case 'STOPPED':
      return; // The page stopped the provider itself (sign-out).
    case 'SIGNED_OUT':
      // The session is gone (expired, or signed out in another tab): no more tokens for it.
      stopTokens();
      showSignedOut();
      setError('Signed out: sign in again.');
      return;
    case 'RATE_LIMITED':
      scheduleRetry(error.retryAfterMs ?? DEFAULT_RETRY_MS, 'Too many requests');
      return;
    case 'NETWORK_ERROR':
      scheduleRetry(DEFAULT_RETRY_MS, 'Network error: the token route cannot be reached');
      return;
    case 'SERVER_ERROR':
      scheduleRetry(error.retryAfterMs ?? DEFAULT_RETRY_MS, `Server error (${error.status})`);
      return;
    default:
      setError(`Could not get a token: ${error.message}`);
  }
}

/**
 * @param {number} delayMs
 * @param {string} what
 */
function scheduleRetry(delayMs, what) {
  cancelRetry();
  const wait = Math.max(1000, delayMs);
  const timer = setTimeout(() => {
    retry = undefined;
    provider?.refresh().catch(showError);
  }, wait);
  retry = { at: Date.now() + wait, timer, what };
  addLog(`${what}; retrying in ${Math.ceil(wait / 1000)} s`);
  render();
}

function cancelRetry() {
  if (retry) clearTimeout(retry.timer);
  retry = undefined;
}

// ---------------------------------------------------------------------------------------------
// Sign-in, with the host app's own routes

/**
 * @param {string} path
 * @param {RequestInit} [init]
 */
async function callApi(path, init) {
  let response;
  try {
    response = await fetch(path, { cache: 'no-store', ...init });
  } catch {
    throw new Error('Network error: the server cannot be reached');
  }
  const body = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) {
    const message = body?.error?.message ?? response.statusText;
    if (response.status === 429) throw new Error(`Too many requests: ${message}`);
    throw new Error(message || `The server answered ${response.status}`);
  }
  return body;
}

ui.loginForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  clearError();
  try {
    const { user } = await callApi('/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ userId: ui.userIdInput.value.trim() }),
    });
    showSignedIn(user.id);
    startTokens();
  } catch (error) {
    setError(`Could not sign in: ${/** @type {Error} */ (error).message}`);
  }
});

ui.logout.addEventListener('click', async () => {
  clearError();
  try {
    await callApi('/logout', { method: 'POST' });
  } catch (error) {
    setError(`Could not sign out: ${/** @type {Error} */ (error).message}`);
    return;
  }
  stopTokens();
  showSignedOut();
  setNotice('Signed out.');
});

// Every session of this user ends (other browsers' token requests get 401 SESSION_REVOKED) and, with
// ZEGO_SERVER_API=1, ZEGO kicks the user from the rooms the server saw them enter. This page is signed
// out too. A 502 says the sign-out held but a kick failed; a 503 that nothing was done.
ui.logoutEverywhere.addEventListener('click', async () => {
  clearError();
  const response = await fetch('/logout/everywhere', { method: 'POST', credentials: 'same-origin' }).catch(
    () => undefined,
  );
  const body = await response?.json().catch(() => undefined);
  if (response === undefined || (response.status !== 200 && response.status !== 502)) {
    setError(`Could not sign out everywhere: ${body?.error?.message ?? 'the server could not be reached'}`);
    return;
  }
  stopTokens();
  showSignedOut();
  const result = response.status === 200 ? body : body.error;
  const rooms = [...(result.kicked?.rtc ?? []), ...(result.kicked?.zim ?? [])];
  const kicked = rooms.length === 0 ? 'no rooms to leave' : `removed from ${rooms.join(', ')}`;
  const until = result.tokensValidAtZegoUntil
    ? `; tokens already issued work at ZEGO until ${result.tokensValidAtZegoUntil}`
    : '';
  setNotice(
    response.status === 200
      ? `Signed out on every device (${kicked}${until}).`
      : `Signed out on every device, but not every step worked: ${result.message}`,
  );
});

ui.renewNow.addEventListener('click', () => {
  provider?.refresh().catch(showError);
});

// ---------------------------------------------------------------------------------------------
// Display

/** @param {string} userId */
function showSignedIn(userId) {
  ui.currentUser.textContent = userId;
  ui.token.textContent = '…';
  ui.tokenLength.textContent = '';
  ui.fullToken.textContent = '';
  ui.expiresAt.textContent = '';
  ui.renewalCount.textContent = '0';
  ui.log.replaceChildren();
  setNotice('');
  ui.signedOut.hidden = true;
  ui.signedIn.hidden = false;
}

function showSignedOut() {
  ui.signedIn.hidden = true;
  ui.signedOut.hidden = false;
  ui.userIdInput.focus();
}

/** @param {string} message */
function setError(message) {
  ui.error.textContent = message;
  ui.error.hidden = false;
}

function clearError() {
  ui.error.textContent = '';
  ui.error.hidden = true;
}

/** @param {string} message */
function setNotice(message) {
  ui.notice.textContent = message;
  ui.notice.hidden = message === '';
}

/** @param {string} message */
function addLog(message) {
  const item = document.createElement('li');
  item.textContent = message;
  ui.log.prepend(item);
}

/** @param {number} ms */
function formatTime(ms) {
  return new Date(ms).toLocaleTimeString();
}

/** The live parts: the countdowns. Runs every second. */
function render() {
  const now = Date.now();
  if (current) {
    const left = Math.round(current.expiresAt - now / 1000);
    ui.countdown.textContent = left > 0 ? `${left} s` : 'expired';
    const renewIn = Math.ceil((current.renewAt - now) / 1000);
    ui.nextRenewal.textContent = renewIn > 0 ? `in ${renewIn} s (${current.lead} s before expiry)` : 'now';
  } else {
    ui.countdown.textContent = '';
    ui.nextRenewal.textContent = '';
  }
  if (retry) {
    setError(`${retry.what}, retrying in ${Math.max(0, Math.ceil((retry.at - now) / 1000))} s`);
  }
}

setInterval(render, 1000);

// On load: already signed in (a session cookie from before)? Then go straight to the token.
try {
  const { user } = await callApi('/me');
  if (user) {
    showSignedIn(user.id);
    startTokens();
  } else {
    showSignedOut();
  }
} catch (error) {
  showSignedOut();
  setError(`Could not reach the app: ${/** @type {Error} */ (error).message}`);
}
