import {
  type DecodedToken04,
  decodeToken04,
  type InspectedToken04,
  type IssuedToken,
  inspectToken04,
  isZegoTokenError,
  ZEGO_USER_ID_PATTERN,
  type ZegoTokenError,
  type ZegoTokenErrorCode,
} from '../node/index.js';
import { describeExpiry, describeMoment, formatDuration, isoSeconds, quoted, safeJson } from './format.js';

/** What the client logs in with, to compare with the token. */
export type Expected = Partial<Pick<IssuedToken, 'appId' | 'userId'>>;

/** A reason the token would be refused now. */
export interface Problem {
  code: ZegoTokenErrorCode;
  message: string;
}

/** Something worth knowing that does not make the token invalid by itself. */
export interface Warning {
  kind:
    | 'cbc-unauthenticated'
    | 'payload-not-json'
    | 'user-id-charset'
    | 'long-lifetime'
    | 'expires-soon'
    | 'header-expired'
    | 'client-minted';
  message: string;
}

export interface CheckResult {
  valid: boolean;
  /** What the clear header says; null when the token is not even structurally a Token04. */
  header: InspectedToken04 | null;
  /** The decrypted claims; null when the token could not be decrypted. */
  claims: DecodedToken04 | null;
  problems: Problem[];
  warnings: Warning[];
  /** Unix seconds the check was made at. */
  now: number;
}

/** A problem from the core's error, with a hint for the most common way a token gets mangled. */
export function readProblem(error: ZegoTokenError, token: string): Problem {
  let message = error.message;
  if (error.code === 'TOKEN_MALFORMED' && /\s/.test(token)) {
    message += '; it contains whitespace: a "+" turned into a space by URL decoding, or a line break?';
  }
  return { code: error.code, message };
}

/** ZIM refuses tokens valid for more than 24 days; an old Web SDK misbehaved past 2^31-1 ms too. */
export const ZIM_MAX_LIFETIME = 24 * 86_400;
/** SDKs warn this long before expiry, or at once when less is left. */
const RENEW_WARNING_SECONDS = 30;

/**
 * Decodes a token with the secret and checks it the way `verifyToken04` does (expired when
 * `now >= expiresAt`, the AppID and userID must match when given), but collects every problem
 * instead of stopping at the first. `secret` must already be a valid 32-byte ServerSecret.
 */
export function checkToken(token: string, secret: string, expected: Expected, nowMs: number): CheckResult {
  const now = Math.floor(nowMs / 1000);
  const result: CheckResult = { valid: false, header: null, claims: null, problems: [], warnings: [], now };

  try {
    result.header = inspectToken04(token);
  } catch (error) {
    if (!isZegoTokenError(error)) throw error;
    result.problems.push(readProblem(error, token));
    return result;
  }

  let claims: DecodedToken04;
  try {
    claims = decodeToken04(token, secret);
  } catch (error) {
    if (!isZegoTokenError(error)) throw error;
    result.problems.push({ code: error.code, message: error.message });
    if (now >= result.header.expiresAt) {
      result.warnings.push({
        kind: 'header-expired',
        message: `its clear header (not verifiable without the right secret) also says it ${describeExpiry(result.header.expiresAt, now)}`,
      });
    }
    return result;
  }
  result.claims = claims;

  // UIKit logs in with the suffix's AppID and userID: the token must be for them.
  if (claims.kit?.mismatches.includes('appId')) {
    result.problems.push({
      code: 'TOKEN_APP_ID_MISMATCH',
      message: `the kit token's suffix says appID ${claims.kit.appId}, but the token is for AppID ${claims.appId}`,
    });
  }
  if (claims.kit?.mismatches.includes('userId')) {
    result.problems.push({
      code: 'TOKEN_USER_ID_MISMATCH',
      message: `the kit token's suffix says userID ${quoted(claims.kit.userId)}, but the token is for ${quoted(claims.userId)}; UIKit logs in with the suffix's`,
    });
  }
  if (expected.appId !== undefined && claims.appId !== expected.appId) {
    result.problems.push({
      code: 'TOKEN_APP_ID_MISMATCH',
      message: `the token is for AppID ${claims.appId}, but the client uses ${expected.appId}`,
    });
  }
  if (expected.userId !== undefined && claims.userId !== expected.userId) {
    result.problems.push({
      code: 'TOKEN_USER_ID_MISMATCH',
      message: `the token is for userID ${quoted(claims.userId)}, but the client logs in as ${quoted(expected.userId)}; they must be equal`,
    });
  }
  if (claims.issuedAt > now) {
    result.problems.push({
      code: 'TOKEN_NOT_YET_VALID',
      message: `it was issued ${describeMoment(claims.issuedAt, now)}: the minting server's clock is ahead of this machine's (or this one is behind)`,
    });
  }
  if (now >= claims.expiresAt) {
    result.problems.push({
      code: 'TOKEN_EXPIRED',
      message: `the token ${describeExpiry(claims.expiresAt, now)} (at ${isoSeconds(claims.expiresAt)})`,
    });
  }

  result.warnings.push(...warningsFor(claims, now));
  result.valid = result.problems.length === 0;
  return result;
}

function warningsFor(claims: DecodedToken04, now: number): Warning[] {
  const warnings: Warning[] = [];
  if (claims.mode === 'cbc') {
    warnings.push({
      kind: 'cbc-unauthenticated',
      message:
        "it is a legacy CBC token, whose claims are not authenticated: the AppID's digits can be rewritten without the secret; pass --app-id to check it, and mint GCM tokens",
    });
  }
  if (claims.looksMintedBy === 'generateKitTokenForTest') {
    warnings.push({
      kind: 'client-minted',
      message:
        "it was minted client-side, by the look of it: legacy CBC with an IV of 16 decimal digits (Math.random) and no payload is what UIKit's generateKitTokenForTest writes in the browser, so the ServerSecret was in a web page. Rotate the ServerSecret in the ZEGO console, mint on your server (the token route) and build kit tokens with toKitToken",
    });
  }
  if (claims.payload !== '' && !isJson(claims.payload)) {
    warnings.push({
      kind: 'payload-not-json',
      message: 'its payload is not JSON; Express rejects such tokens with 1002075',
    });
  }
  if (!ZEGO_USER_ID_PATTERN.test(claims.userId)) {
    warnings.push({
      kind: 'user-id-charset',
      message:
        "its userID has characters outside ZEGO's documented set (digits, letters, ~!@#$%^&*()_+=-`;',.<>/\\); SDKs may refuse to log in with it",
    });
  }
  const lifetime = claims.expiresAt - claims.issuedAt;
  if (lifetime > ZIM_MAX_LIFETIME) {
    warnings.push({
      kind: 'long-lifetime',
      message: `its lifetime is ${formatDuration(lifetime)}; ZIM refuses tokens valid for more than 24 days`,
    });
  }
  const left = claims.expiresAt - now;
  if (left > 0 && left <= RENEW_WARNING_SECONDS) {
    warnings.push({
      kind: 'expires-soon',
      message: `it expires in ${formatDuration(left)}: SDKs fire tokenWillExpire at once for it`,
    });
  }
  return warnings;
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** A readable summary of a privilege payload, or undefined when the payload is something else. */
export function describePayload(payload: string): string | undefined {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const { room_id: roomId, privilege, stream_id_list: streams } = value as Record<string, unknown>;
  if (typeof roomId !== 'string' || typeof privilege !== 'object' || privilege === null) return undefined;
  const grants = privilege as Record<string, unknown>;
  const allowed = (key: string): string => (grants[key] === 1 ? 'allowed' : 'denied');
  const streamText = Array.isArray(streams)
    ? `streams ${streams.map((id) => safeJson(id)).join(', ') || '(none)'}`
    : 'any stream';
  return `room ${quoted(roomId)}: login ${allowed('1')}, publish ${allowed('2')}, ${streamText}`;
}
