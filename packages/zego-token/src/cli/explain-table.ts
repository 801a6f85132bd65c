import type { ZegoTokenErrorCode } from '../node/index.js';
import { MINIGAME_SERVER, SERVER_API, SERVER_API_RETURN_CODES } from './server-api-codes.js';

/**
 * What the CLI knows about token-related error codes. Embedded in code on purpose: the CLI reads
 * nothing at runtime. Sources: ZEGO's published error-code tables for Express (native:
 * `zego_express_error_code.dart`; Web: `client-sdk/error-code.mdx`), ZIM (`Authentication.mdx`),
 * MiniGame (`Error Codes.mdx`, `Return Codes.mdx`) and ZEGO's token helpers
 * (`zego_server_assistant`); the Server APIs' return codes are in `server-api-codes.ts`, with their sources.
 *
 * Each link between a ZEGO code and one of our problems is written once, as the code's `related`;
 * a problem's `sdkErrors` are derived from it, so the two directions cannot disagree.
 */

/** Who reports a code, as ZEGO's tables name it, and the short name used in a problem's list of SDK errors. */
const SHORT_SDK_NAME = {
  'Express (native)': 'Express',
  'Express Web': 'Web',
  ZIM: 'ZIM',
  'MiniGame (server)': 'MiniGame',
  'MiniGame (client)': 'MiniGame',
  'ZEGO token helper': 'helper',
  'ZEGO Server API': 'Server API',
  'RTC Server API': 'RTC Server API',
  'ZIM Server API': 'ZIM Server API',
} as const;

/** The SDKs and services whose error tables the CLI knows. */
export type SdkProduct = keyof typeof SHORT_SDK_NAME;
/** The short product names used when a problem lists the SDK errors it leads to. */
export type SdkName = (typeof SHORT_SDK_NAME)[SdkProduct];

export interface SdkRef {
  sdk: SdkName;
  code: number;
}

/** One numeric code from a ZEGO error table. */
export interface SdkCodeEntry {
  code: number;
  /** Which SDK or service reports it. */
  sdk: SdkProduct;
  meaning: string;
  cause: string;
  fix: string;
  /** The problem `zego-token decode` reports for it, where it can see it: the one place a link is written. */
  related?: ZegoTokenErrorCode | undefined;
  /** False for the codes that are often mistaken for token errors but are not. */
  tokenError: boolean;
}

/** One of this package's own `ZegoTokenError` codes. */
export interface ProblemEntry {
  code: ZegoTokenErrorCode;
  /** A few words, used in verdict lines ("expired", "user mismatch"). */
  title: string;
  meaning: string;
  cause: string;
  fix: string;
  /** The ZEGO errors this problem leads to, in table order: the codes whose `related` it is. */
  sdkErrors: readonly SdkRef[];
}

const EXPRESS = 'Express (native)';
const WEB = 'Express Web';
const ZIM = 'ZIM';
const MINIGAME_CLIENT = 'MiniGame (client)';
const HELPER = 'ZEGO token helper';

const DECODE_HINT = 'zego-token decode <token> --app-id <AppID> --user-id <userID>';
const RENEW =
  'Mint a fresh token for every login and renew it before it runs out: SDKs warn 30 s before expiry ' +
  '(native onRoomTokenWillExpire -> renewToken(roomID, token); Web and ZIM tokenWillExpire -> renewToken(token); ' +
  'MiniGame tokenWillExpire -> updateToken(token)).';

export const SDK_CODES: readonly SdkCodeEntry[] = [
  {
    code: 1002033,
    sdk: EXPRESS,
    meaning: 'Room login authentication failed: the token is wrong or has expired.',
    cause:
      "ZEGO could not accept the token passed to loginRoom. Most often it was minted with a ServerSecret that is not this AppID's " +
      '(a secret from another project, or a token minted for another app), or it was cut or altered on its way to the client, or it expired.',
    fix: `Decode it with the ServerSecret of the AppID the client uses: ${DECODE_HINT}. If it cannot be decrypted, copy the ServerSecret for that AppID from the ZEGO console into your server's configuration.`,
    related: 'TOKEN_DECRYPT_FAILED',
    tokenError: true,
  },
  {
    code: 1002067,
    sdk: EXPRESS,
    meaning: 'No token was passed: the engine was created without an AppSign and loginRoom got no token.',
    cause:
      "The token in the room config was empty, typically because the client's request to your token endpoint failed.",
    fix: 'Fetch a token from your server before loginRoom and pass it in the room config; check that request succeeded.',
    tokenError: true,
  },
  {
    code: 1002074,
    sdk: EXPRESS,
    meaning: 'Token internal error.',
    cause: "ZEGO's server failed to process the token and does not say why.",
    fix: `Rule out the usual problems first (${DECODE_HINT}); if the token decodes and is valid, contact ZEGO technical support with the AppID and the time.`,
    tokenError: true,
  },
  {
    code: 1002075,
    sdk: EXPRESS,
    meaning: 'Token format error: the payload inside the token is not JSON.',
    cause: 'The token was minted with a payload string that is not valid JSON.',
    fix: "Mint with a JSON payload (--payload '{...}' or --room ID) or with none; zego-token decode shows the payload a token carries.",
    related: 'PAYLOAD_INVALID',
    tokenError: true,
  },
  {
    code: 1002076,
    sdk: EXPRESS,
    meaning: 'The AppID in the token does not match the AppID the SDK uses, or it has the wrong type.',
    cause:
      'The server minted the token with another AppID than the client was created with: test and production projects mixed up, ' +
      'or the AppID passed as a string.',
    fix: 'Mint with the AppID the client uses, as a number. Check with: zego-token decode <token> --app-id <client AppID>.',
    related: 'TOKEN_APP_ID_MISMATCH',
    tokenError: true,
  },
  {
    code: 1002077,
    sdk: EXPRESS,
    meaning: 'The userID in the token does not match the userID used to log in, or it has the wrong type.',
    cause:
      'The token was minted for another user than the one passed to loginRoom: a cached token of a previous user, ' +
      'an ID that was trimmed, re-cased or converted between number and string on the way.',
    fix: "The token's userID must equal the userID passed to login, byte for byte. Mint the token for that user; check with: zego-token decode <token> --user-id <login userID>.",
    related: 'TOKEN_USER_ID_MISMATCH',
    tokenError: true,
  },
  {
    code: 1002078,
    sdk: EXPRESS,
    meaning: 'The token has expired, or its lifetime had the wrong type.',
    cause:
      'Its expiry time has passed: it was minted too long ago or with too short a lifetime, it was not renewed, ' +
      "or the minting server's clock is behind (a token from a slow clock expires early).",
    fix: `${RENEW} Keep the minting server's clock in sync (NTP).`,
    related: 'TOKEN_EXPIRED',
    tokenError: true,
  },
  {
    code: 1002079,
    sdk: EXPRESS,
    meaning: 'Wrong token version.',
    cause:
      'The string is not a Token04: an older token format, or something that is not a token at all (the ServerSecret or the AppSign by mistake).',
    fix: 'Mint Token04 tokens (they start with "04"); zego-token inspect <token> shows the version.',
    related: 'TOKEN_VERSION_UNSUPPORTED',
    tokenError: true,
  },
  {
    code: 1002080,
    sdk: EXPRESS,
    meaning: "The token's nonce has the wrong type.",
    cause: 'A hand-written generator wrote the nonce as a string or as a non-integer.',
    fix: "Mint with this package or one of ZEGO's generators: the nonce must be an integer.",
    related: 'NONCE_INVALID',
    tokenError: true,
  },
  {
    code: 1002082,
    sdk: EXPRESS,
    meaning: 'The renewed token lacks publish permission.',
    cause: 'renewToken got a privilege token whose payload denies publishing ("2": 0) while the user publishes.',
    fix: 'Mint the renewal with publishing allowed: zego-token generate ... --room <roomID> --publish.',
    tokenError: true,
  },
  {
    code: 1002056,
    sdk: EXPRESS,
    meaning: 'Kicked out of the room because the token expired (when ZEGO has enabled kick mode for the AppID).',
    cause: 'The token ran out while the user was in the room and was not renewed.',
    fix: RENEW,
    related: 'TOKEN_EXPIRED',
    tokenError: true,
  },
  {
    code: 1002013,
    sdk: EXPRESS,
    meaning:
      'The room ID passed to loginRoom is too long: 128 bytes or more. Not a token error, but often caused by one.',
    cause:
      'The usual cause is a Token04 (about 150 to 200 characters) passed as the room ID: arguments in the wrong order, ' +
      "as in UIKit's generateKitTokenForProduction(appID, token, roomID, userID, userName), where the token comes before the room ID. " +
      'Otherwise a room ID built from long parts.',
    fix:
      "Pass the token as the token and the room's own ID (under 128 bytes, ZEGO's character set) as the room ID. " +
      'For UIKit, build the kit token with toKitToken({ token, appId, roomId, userId, userName }), which refuses a token passed as the room ID (KIT_TOKEN_INVALID).',
    related: 'KIT_TOKEN_INVALID',
    tokenError: false,
  },
  {
    code: 1003072,
    sdk: EXPRESS,
    meaning: 'Publish authentication failed.',
    cause:
      'A wrong AppSign when the engine was created, or a wrong or expired token at login; with privilege tokens, publishing not allowed or the stream not listed.',
    fix: `Pass a valid token at login and renew it in time; for privilege tokens mint with --publish. ${DECODE_HINT} shows what the token allows.`,
    tokenError: true,
  },
  {
    code: 1004003,
    sdk: EXPRESS,
    meaning: 'Play authentication failed.',
    cause: 'A wrong or expired token, for example when playing a stream across apps.',
    fix: `Pass a valid token and renew it in time; check it with ${DECODE_HINT}.`,
    tokenError: true,
  },
  {
    code: 1102016,
    sdk: WEB,
    meaning: "The token's format is incorrect.",
    cause:
      'The string passed as the token is not a well-formed Token04: truncated, wrapped in quotes, URL-encoded on the way ("+" turned into a space), or not a token at all.',
    fix: 'Pass the token exactly as your server returned it; zego-token inspect <token> says what is wrong with its structure.',
    related: 'TOKEN_MALFORMED',
    tokenError: true,
  },
  {
    code: 1102018,
    sdk: WEB,
    meaning: 'The token has expired.',
    cause: "Its expiry time has passed: not renewed, too short a lifetime, or the minting server's clock is behind.",
    fix: RENEW,
    related: 'TOKEN_EXPIRED',
    tokenError: true,
  },
  {
    // core_products/zim/en/docs_zim_android/SDK Error Codes/ZIM.mdx (ZEGOCLOUD/docs_all)
    code: 6000101,
    sdk: ZIM,
    meaning: 'Login failed: the token is invalid or the AppID is incorrect.',
    cause:
      "The token passed to zim.login was minted for another AppID, with a ServerSecret that is not this AppID's, or is not a token; or the ZIM instance was created with the wrong AppID.",
    fix: `Create ZIM with the AppID the token was minted for, and check the token: ${DECODE_HINT}.`,
    tokenError: true,
  },
  {
    code: 6000103,
    sdk: ZIM,
    meaning: 'The token is invalid.',
    cause:
      "ZIM could not verify the token: minted with a ServerSecret that is not this AppID's, for another AppID or user, or malformed.",
    fix: `Decode it with the AppID and the userID passed to zim.login: ${DECODE_HINT}.`,
    related: 'TOKEN_DECRYPT_FAILED',
    tokenError: true,
  },
  {
    code: 6000106,
    sdk: ZIM,
    meaning: 'The token has expired.',
    cause:
      'Its expiry time has passed. Without a renewal ZIM drops the connection (connectionStateChanged, event TokenExpired).',
    fix: RENEW,
    related: 'TOKEN_EXPIRED',
    tokenError: true,
  },
  {
    code: 6000107,
    sdk: ZIM,
    meaning: 'Wrong token version.',
    cause: 'The string is not a Token04 (an older format, or not a token at all).',
    fix: 'Mint Token04 tokens (they start with "04"); zego-token inspect <token> shows the version.',
    related: 'TOKEN_VERSION_UNSUPPORTED',
    tokenError: true,
  },
  {
    code: 6000108,
    sdk: ZIM,
    meaning: "The token's lifetime is too short.",
    cause: 'It was minted with a very short effective time (seconds confused with minutes or hours?).',
    fix: 'Mint with a longer lifetime, e.g. --ttl 1h; ZIM tokens may not exceed 24 days.',
    tokenError: true,
  },
  {
    code: 7000004,
    sdk: MINIGAME_CLIENT,
    meaning: 'The token is invalid or expired.',
    cause: 'The token passed to init or updateToken could not be verified or has run out.',
    fix: `Check it with ${DECODE_HINT}; renew it on tokenWillExpire with updateToken(token).`,
    tokenError: true,
  },
  {
    code: 7200401,
    sdk: MINIGAME_SERVER,
    meaning: 'Token verification failed.',
    cause: "The token was not minted with this AppID's ServerSecret, or it was minted for another app or user.",
    fix: `Generate a new token with the right AppID and ServerSecret; check it with ${DECODE_HINT}.`,
    related: 'TOKEN_DECRYPT_FAILED',
    tokenError: true,
  },
  {
    code: 7201002,
    sdk: MINIGAME_SERVER,
    meaning: 'Token verification failed.',
    cause: "The token was not minted with this AppID's ServerSecret, or it was minted for another app.",
    fix: `Generate a new token with the right AppID and ServerSecret; check it with ${DECODE_HINT}.`,
    related: 'TOKEN_DECRYPT_FAILED',
    tokenError: true,
  },
  {
    code: 7201003,
    sdk: MINIGAME_SERVER,
    meaning: 'The token could not be decoded.',
    cause: 'The string is not a well-formed Token04: truncated, altered on the way, or not a token at all.',
    fix: 'Pass the token exactly as minted; zego-token inspect <token> says what is wrong with its structure.',
    related: 'TOKEN_MALFORMED',
    tokenError: true,
  },
  {
    code: 7201005,
    sdk: MINIGAME_SERVER,
    meaning: 'The token has expired.',
    cause: "Its expiry time has passed: not renewed, too short a lifetime, or the minting server's clock is behind.",
    fix: RENEW,
    related: 'TOKEN_EXPIRED',
    tokenError: true,
  },
  {
    code: 1,
    sdk: HELPER,
    meaning: 'The appID is invalid.',
    cause: 'The AppID passed to generateToken04 is not an integer from 1 to 4294967295 (a string, 0, or a float).',
    fix: 'Pass the AppID from the ZEGO console as a number.',
    related: 'APP_ID_INVALID',
    tokenError: true,
  },
  {
    code: 3,
    sdk: HELPER,
    meaning: 'The userID is invalid.',
    cause: 'The userID passed to generateToken04 is empty or not a string.',
    fix: 'Pass the userID the client logs in with: a non-empty string of at most 64 bytes.',
    related: 'USER_ID_INVALID',
    tokenError: true,
  },
  {
    code: 5,
    sdk: HELPER,
    meaning: 'The secret is invalid.',
    cause:
      'The ServerSecret is not a 32-character string (often the 64-character AppSign by mistake, or trailing whitespace).',
    fix: 'Copy the ServerSecret (32 characters) for this AppID from the ZEGO console.',
    related: 'SECRET_INVALID',
    tokenError: true,
  },
  {
    code: 6,
    sdk: HELPER,
    meaning: 'The effective time is invalid.',
    cause: 'The lifetime passed to generateToken04 is not a positive whole number of seconds.',
    fix: 'Pass the lifetime in seconds, e.g. 3600.',
    related: 'EFFECTIVE_TIME_INVALID',
    tokenError: true,
  },
  {
    code: 1001005,
    sdk: EXPRESS,
    meaning: 'Wrong AppSign. Not a token error.',
    cause: 'The engine was created with an AppSign that does not belong to the AppID.',
    fix: 'Copy the AppSign for this AppID from the ZEGO console. Tokens do not cause this error.',
    tokenError: false,
  },
  {
    code: 1001004,
    sdk: EXPRESS,
    meaning: 'Wrong AppID, or an AppID used in the wrong environment. Not a token error.',
    cause: 'The AppID is mistyped, or the environment set in the SDK does not match the one configured for the AppID.',
    fix: 'Check the AppID and its environment in the ZEGO console. Tokens do not cause this error.',
    tokenError: false,
  },
  {
    code: 1000002,
    sdk: EXPRESS,
    meaning: 'Not logged in to a room. Not a token error.',
    cause: 'A room function (renewToken among them) was called before loginRoom succeeded or after logoutRoom.',
    fix: 'Call it after a successful loginRoom; a login that failed on its token reports one of the token codes instead.',
    tokenError: false,
  },
  {
    code: 100000004,
    sdk: SERVER_API,
    meaning: 'The Server API request signature has expired. Not a token error.',
    cause:
      "The request's Timestamp is more than 10 minutes from ZEGO's clock: a stale signature, or the calling server's clock is off.",
    fix: "Sign every request afresh with signZegoApiRequest (it uses the current time); keep the server's clock in sync (NTP).",
    related: 'SERVER_API_ERROR',
    tokenError: false,
  },
  {
    code: 100000005,
    sdk: SERVER_API,
    meaning: 'The Server API request signature is wrong. Not a token error.',
    cause:
      "Signed with a ServerSecret that is not this AppID's, or the AppId, SignatureNonce or Timestamp sent differ from those signed.",
    fix: "Sign with signZegoApiRequest, using this AppID's ServerSecret, and send the parameters it returns unchanged.",
    related: 'SERVER_API_ERROR',
    tokenError: false,
  },
  ...SERVER_API_RETURN_CODES,
];

/** Our own codes, written without their SDK errors (derived below). */
const PROBLEM_TEXT = {
  TOKEN_MALFORMED: {
    title: 'malformed',
    meaning: 'The string is not a well-formed Token04.',
    cause:
      'Truncated or altered on the way (cut at a line break, "+" URL-decoded into a space, quotes included), or not a token at all.',
    fix: 'Pass the token exactly as your server returned it; compare its length on the server and on the client.',
  },
  TOKEN_VERSION_UNSUPPORTED: {
    title: 'not a Token04',
    meaning: 'The token is not a Token04 (it does not start with "04").',
    cause: 'Minted by an older generator, or something else was passed as the token (the ServerSecret, the AppSign).',
    fix: 'Mint Token04 tokens with this package or a current ZEGO generator.',
  },
  TOKEN_DECRYPT_FAILED: {
    title: 'cannot decrypt',
    meaning: 'The token cannot be decrypted with this ServerSecret.',
    cause:
      "A wrong ServerSecret, or a token minted for another app (each AppID has its own secret). ZEGO decrypts with the secret of the client's AppID.",
    fix: 'Use the ServerSecret shown for this AppID in the ZEGO console, on the server that mints and here (ZEGO_SERVER_SECRET or --secret-file).',
  },
  TOKEN_EXPIRED: {
    title: 'expired',
    meaning: 'The token has expired.',
    cause:
      "Minted too long ago or with too short a lifetime, not renewed, or the minting server's clock is behind ZEGO's.",
    fix: RENEW,
  },
  TOKEN_NOT_YET_VALID: {
    title: 'not yet valid',
    meaning: 'The token was issued in the future, by the checking clock.',
    cause: "The minting server's clock is ahead of the checker's (or the checker's is behind).",
    fix: "Keep the minting server's clock in sync (NTP); when verifying, allow some skew with clockToleranceSeconds.",
  },
  TOKEN_APP_ID_MISMATCH: {
    title: 'AppID mismatch',
    meaning: 'The token was minted for another AppID than the one the client uses.',
    cause: 'The server and the client are configured with different AppIDs (test and production projects mixed up).',
    fix: 'Mint with the AppID the client was created with.',
  },
  TOKEN_USER_ID_MISMATCH: {
    title: 'userID mismatch',
    meaning: 'The token was minted for another userID than the one the client logs in with.',
    cause:
      "The token's userID must equal the one passed to login, byte for byte: a cached token of a previous user, or an ID trimmed, re-cased or converted on the way.",
    fix: 'Mint the token for the userID the client passes to loginRoom / zim.login / init.',
  },
  KIT_TOKEN_INVALID: {
    title: 'invalid kit token',
    meaning:
      'A UIKit kit token (token + "#" + base64 of {userID, roomID, userName, appID}) cannot be built or read: an ID the kit cannot carry, or a suffix UIKit could not read.',
    cause:
      'A userID or roomID outside ZEGO\'s character set (UIKit\'s btoa throws on characters above U+00FF), a Token04 passed as the room ID, a userName with unpaired surrogates, or a kit token cut or altered after the "#".',
    fix: "Build kit tokens with toKitToken from the token route's answer (appId, userId) and a room ID in ZEGO's set; zego-token decode shows a kit token's parts.",
  },
  SECRET_INVALID: {
    title: 'invalid ServerSecret',
    meaning: 'The ServerSecret is not a 32-byte string.',
    cause: 'The 64-character AppSign used instead, a truncated copy, or whitespace around it.',
    fix: 'Copy the 32-character ServerSecret for this AppID from the ZEGO console.',
  },
  APP_ID_INVALID: {
    title: 'invalid AppID',
    meaning: 'The AppID is not an integer from 1 to 4294967295.',
    cause: 'A string, 0, a float, or a value beyond 32 bits.',
    fix: 'Use the AppID from the ZEGO console, as a number.',
  },
  USER_ID_INVALID: {
    title: 'invalid userID',
    meaning: 'The userID is empty, longer than 64 UTF-8 bytes, or has control characters.',
    cause: 'An empty or missing user, or an ID built from unchecked input.',
    fix: "Use the userID the client logs in with; ZEGO's documented set is digits, English letters and ~!@#$%^&*()_+=-`;',.<>/\\, up to 64 bytes.",
  },
  EFFECTIVE_TIME_INVALID: {
    title: 'invalid lifetime',
    meaning: 'The lifetime is not a positive whole number of seconds (or the expiry would overflow).',
    cause: 'Zero, a negative number, a float, or milliseconds where seconds were expected.',
    fix: 'Pass the lifetime in seconds, e.g. 3600 (ZIM tokens may not exceed 24 days).',
  },
  PAYLOAD_INVALID: {
    title: 'invalid payload',
    meaning: 'The payload cannot go into a token: not a string or JSON-serialisable object, not JSON, or too large.',
    cause: 'A payload built by hand; for privilege tokens, a room ID of 128 bytes or more.',
    fix: 'Pass JSON, or build the privilege payload with roomPayload() / --room.',
  },
  NONCE_INVALID: {
    title: 'invalid nonce',
    meaning: 'The nonce given to encodeToken04 is not a 32-bit signed integer.',
    cause: 'A hand-picked nonce out of range or not an integer.',
    fix: 'Let createToken04 draw the nonce, or pass an integer from -2147483648 to 2147483647.',
  },
  IV_INVALID: {
    title: 'invalid IV',
    meaning: 'The IV given to encodeToken04 has the wrong size for the mode.',
    cause: 'GCM needs 12 bytes, CBC 16.',
    fix: 'Let createToken04 draw the IV, or pass a Uint8Array of the right size.',
  },
  OPTION_INVALID: {
    title: 'invalid option',
    meaning: 'An options object has an unknown key or a value of the wrong type.',
    cause: 'A typo in an option name (secret instead of serverSecret, appID instead of appId) or a wrong type.',
    fix: "Follow the option names in the error message; they match the package's TypeScript types.",
  },
  UNAUTHENTICATED: {
    title: 'not signed in',
    meaning: 'The token route refused the request: resolveUser gave no user (HTTP 401).',
    cause: "The client asked for a token without your app's own session or credentials.",
    fix: 'Sign in to your app first, then fetch the token with its session (cookie or bearer token).',
  },
  METHOD_NOT_ALLOWED: {
    title: 'method not allowed',
    meaning: 'The token route was called with a method that is not in its `methods` (HTTP 405).',
    cause: 'A POST where the route serves GET, or the reverse.',
    fix: 'Use one of the methods the Allow header lists.',
  },
  NOT_FOUND: {
    title: 'not found',
    meaning:
      'The fetch handler got a request for another path than its `path`, or Express or koa-mount middleware was asked at its mount point while it answers at its own `path` below it (HTTP 404).',
    cause:
      'A wrong path or prefix in the client, or the route mounted at its own path (app.use("/zego/token", zegoToken()) answers at /zego/token/zego/token).',
    fix: 'Request the configured path (by default /zego/token); for a mount, do what the message says: mount it at the parent path, or without a path and give it the whole path as `path`.',
  },
  SESSION_ISSUED_AT_INVALID: {
    title: 'session start missing',
    meaning:
      'The token route has a revocation store, but resolveUser gave no usable sessionIssuedAt (HTTP 500; the message says what it got).',
    cause:
      "resolveUser returned a bare userId or { userId } without sessionIssuedAt, or a time in seconds (a JWT's iat) where milliseconds are expected.",
    fix: 'Return { userId, sessionIssuedAt } with when the session or JWT was issued: milliseconds since the epoch (iat * 1000) or a Date.',
  },
  SESSION_REVOKED: {
    title: 'session signed out',
    meaning:
      'The token route refused a token: this session began before the user was signed out everywhere (HTTP 401).',
    cause: "The app called signOutEverywhere for the user; this device's session is older than that.",
    fix: 'Sign in again: a new session gets tokens. The browser client treats it as SIGNED_OUT and stops renewing.',
  },
  USER_BANNED: {
    title: 'user banned',
    meaning: 'The token route refused a token: the user is banned until the time the message gives (HTTP 403).',
    cause: 'The app banned the user through its revocation store (ban, or banUser).',
    fix: 'Nothing on the client: wait for the ban to end, or lift it on the server (unban). The browser client does not retry.',
  },
  REVOCATION_UNAVAILABLE: {
    title: 'revocation store unavailable',
    meaning:
      'The token route could not ask its revocation store whether the user is signed out or banned, so it handed out no token (HTTP 503).',
    cause:
      'The store failed or answered nonsense: Redis down or unreachable, a timeout, a store of your own that threw.',
    fix: 'Bring the store back (check REDIS_URL and the server); the route fails closed on purpose. The browser client retries 503s on its own.',
  },
  SIGN_OUT_INCOMPLETE: {
    title: 'sign-out incomplete',
    meaning:
      'signOutEverywhere, banUser, refreshBan or unbanUser recorded the change in the revocation store (the token route refuses the user), but a later step failed: reading presence, a kick at ZEGO, or the forbid rule (HTTP 502).',
    cause:
      "The failed steps are in the error's report.failures, each with its own error: ZEGO refused a call (its zegoCode; 9 = forbid rules not enabled for the AppID), did not answer, or the presence store failed.",
    fix: 'Fix what each failure says, then call again: every step is idempotent. report says what was done (kicked, forbidRule).',
  },
  CALLBACK_SIGNATURE_INVALID: {
    title: 'callback signature invalid',
    meaning:
      'verifyZegoCallback refused a callback: its signature is missing, malformed or wrong, its fields mix two namings, or its timestamp is neither 10 digits (seconds) nor 13 (milliseconds) (HTTP 401).',
    cause:
      'The ServerSecret passed where the CallbackSecret belongs, a body that is not the one ZEGO sent (re-serialised or cut), or a request that did not come from ZEGO.',
    fix: 'Pass the CallbackSecret from the ZEGO console as callbackSecret, and verify the parsed body ZEGO sent.',
  },
  CALLBACK_EXPIRED: {
    title: 'callback expired',
    meaning: "The callback's timestamp is further from this server's clock than toleranceSeconds (HTTP 401).",
    cause: "A replayed or long-delayed callback, or this server's clock is off.",
    fix: "Keep the server's clock in sync (NTP); widen toleranceSeconds (default 600) only if ZEGO's retries arrive later.",
  },
  CALLBACK_BODY_INVALID: {
    title: 'callback body invalid',
    meaning: "The callback route could not read the request's body as a callback (HTTP 400).",
    cause:
      'Bad JSON, a body that is not an object, a content type other than JSON or form fields, a compressed body, or a body another middleware read without parsing.',
    fix: 'Send the callback as ZEGO does (a JSON object in a POST); mount the callback route before middleware that consumes the body, or let that middleware parse JSON.',
  },
  CALLBACK_BODY_TOO_LARGE: {
    title: 'callback body too large',
    meaning: "The callback's body is larger than the route's maxBodyBytes (HTTP 413).",
    cause: "A request that is not one of ZEGO's callbacks (they are a few KiB), or a limit set too low.",
    fix: 'Raise maxBodyBytes (default 65536) only if a real ZEGO callback is refused.',
  },
  CALLBACK_EVENT_INVALID: {
    title: 'callback event invalid',
    meaning:
      "parseZegoCallback (or the callback route's typed events) met a documented ZEGO event with a field of the wrong type (HTTP 400); the message names the field.",
    cause: 'A body that is not what ZEGO documents for that event: a hand-made test body, or ZEGO changed a field.',
    fix: "Send the body as ZEGO documents it (zego-token callback send sends ZEGO's own examples); if ZEGO really sends this, report it with the body.",
  },
  SERVER_API_ERROR: {
    title: 'Server API error',
    meaning: 'A ZEGO Server API call answered a non-zero Code (HTTP 502 if it reaches a response).',
    cause:
      "ZEGO refused the call: its signature (100000004 expired, 100000005 wrong), its parameters, or the product's state. The error's zegoCode, zegoMessage and requestId say which.",
    fix: "Look the zegoCode up: zego-token explain <code> knows the gateway's codes (1000000xx) and the documented RTC (1102xxxxx), ZIM (66xxxxxxx) and MiniGameEngine (72xxxxx) ones; otherwise the action's page. Read error.answer for the rest of ZEGO's answer; give ZEGO support the requestId.",
  },
  SERVER_API_UNREACHABLE: {
    title: 'Server API unreachable',
    meaning:
      'A ZEGO Server API call got no usable answer: a network error, a timeout, or a body that is not JSON with a Code (HTTP 502).',
    cause: 'No route to ZEGO (DNS, firewall, proxy), a wrong baseUrl or region, or a call slower than timeoutMs.',
    fix: 'Check the host and the network from the server; raise timeoutMs for slow calls. The client never retries: retry only idempotent calls.',
  },
  SERVER_API_REDIRECTED: {
    title: 'Server API redirected',
    meaning:
      'A ZEGO Server API call was answered with a redirect (HTTP 3xx), which the client refuses without following (HTTP 502).',
    cause:
      'A baseUrl that points at a proxy or host that redirects (http: to https:, a moved path). Following would send the signed request and its body to another origin.',
    fix: "Set baseUrl (or region) to the host that answers itself; ZEGO's own hosts do not redirect.",
  },
  SERVER_API_ANSWER_TOO_LARGE: {
    title: 'Server API answer too large',
    meaning:
      "A ZEGO Server API call's answer was longer than maxAnswerBytes (default 1 MiB); the client stopped reading it (HTTP 502).",
    cause:
      'A baseUrl that is not a ZEGO Server API (a proxy page, a download), or an action that answers more than the cap.',
    fix: 'Check baseUrl; for an action that legitimately answers more, raise maxAnswerBytes or ask for smaller pages (Limit, Next).',
  },
  SERVER_API_BATCH_FAILED: {
    title: 'Server API batch failed part-way',
    meaning:
      "A typed method that splits a list over several ZEGO calls (createRtcApi's kickoutUser, createZimApi's kickoutRoomUser) had one call fail: the users before it were handled, the rest were not (HTTP 502).",
    cause:
      "The failed call's own error, in the error's cause (and its zegoCode, zegoMessage and requestId): ZEGO refused it, or it did not answer. The calls after it were not made.",
    fix: "Read completedUserIds (handled) and remainingUserIds (not handled, the failed call's users first); fix the cause, then call again with remainingUserIds only.",
  },
} as const satisfies Record<ZegoTokenErrorCode, Omit<ProblemEntry, 'code' | 'sdkErrors'>>;

function refTo(entry: SdkCodeEntry): SdkRef {
  return { sdk: SHORT_SDK_NAME[entry.sdk], code: entry.code };
}

/** Every one of our codes with the SDK errors that name it as `related`. */
export const PROBLEMS: Readonly<Record<ZegoTokenErrorCode, ProblemEntry>> = Object.fromEntries(
  (Object.keys(PROBLEM_TEXT) as ZegoTokenErrorCode[]).map((code): [ZegoTokenErrorCode, ProblemEntry] => [
    code,
    { code, ...PROBLEM_TEXT[code], sdkErrors: SDK_CODES.filter((entry) => entry.related === code).map(refTo) },
  ]),
) as Record<ZegoTokenErrorCode, ProblemEntry>;

export type ExplainEntry = { kind: 'sdk'; entry: SdkCodeEntry } | { kind: 'problem'; entry: ProblemEntry };

/** Looks a code up: a numeric ZEGO code (`1002078`) or one of ours (`TOKEN_EXPIRED`, case-insensitive). */
export function findExplanation(query: string): ExplainEntry | undefined {
  const text = query.trim();
  if (/^\d{1,10}$/.test(text)) {
    const code = Number(text);
    const entry = SDK_CODES.find((candidate) => candidate.code === code);
    return entry ? { kind: 'sdk', entry } : undefined;
  }
  const key = text.toUpperCase().replaceAll('-', '_');
  if (Object.hasOwn(PROBLEMS, key)) {
    return { kind: 'problem', entry: PROBLEMS[key as ZegoTokenErrorCode] };
  }
  return undefined;
}

/** The other SDKs' codes for the problem an SDK code stands for (excluding the code itself). */
export function siblingsOf(entry: SdkCodeEntry): readonly SdkRef[] {
  if (entry.related === undefined) return [];
  return PROBLEMS[entry.related].sdkErrors.filter((ref) => ref.code !== entry.code);
}
