// Kit tokens: what ZEGO's prebuilt UIKits take instead of a bare Token04. The format is
// `@zegocloud/zego-uikit-prebuilt`'s `generateKitTokenForProduction`, byte for byte:
//
//   token + "#" + btoa(JSON.stringify({ userID, roomID, userName: encodeURIComponent(userName || ""), appID }))
//
// (key order as written). UIKit reads it back by splitting on "#", `JSON.parse(atob(…))`,
// `appID * 1` and `decodeURIComponent(userName)`. `btoa` throws on characters above U+00FF, so the
// IDs are held to ZEGO's own (ASCII) rules here, and a bad one is a `KIT_TOKEN_INVALID`, never a
// throw from `btoa`. No key, no cipher: the browser client builds kit tokens from this module too.

import { describe } from '../describe.js';
import { ZegoTokenError } from '../errors.js';
import { MAX_APP_ID, ZEGO_ROOM_ID_PATTERN, ZEGO_USER_ID_PATTERN } from '../validate.js';
import { decodeBase64, encodeBase64, parseToken04, TOKEN04_VERSION, type Token04ParseFailure } from './wire.js';

/** What `toKitToken` puts together: a Token04 from your token route and who joins which room. */
export interface KitTokenOptions {
  /** The Token04 your server minted for `userId` (with an empty payload, as the token route issues it). */
  token: string;
  /** Your AppID: the `appId` of the token route's answer. */
  appId: number;
  /** The room to join: 1 to 127 characters of ZEGO's set (digits, letters, ``~!@#$%^&*()_+=-`;',.<>/\``). */
  roomId: string;
  /** The userID the token is for: the `userId` of the token route's answer. */
  userId: string;
  /** The name UIKit shows; any Unicode text (it travels URI-encoded). Defaults to `''`. */
  userName?: string | undefined;
}

/** A kit token's parts, as UIKit reads them. */
export interface KitToken {
  /** The Token04 before the `#`. */
  token: string;
  appId: number;
  roomId: string;
  userId: string;
  /** Decoded from its URI encoding. */
  userName: string;
}

const KIT_KEYS: Readonly<Record<keyof KitTokenOptions, true>> = {
  token: true,
  appId: true,
  roomId: true,
  userId: true,
  userName: true,
};

/** A kit suffix longer than this is not UIKit's (its four fields fit in well under 1 KiB). */
const MAX_SUFFIX_LENGTH = 4096;

function invalid(message: string): never {
  throw new ZegoTokenError('KIT_TOKEN_INVALID', message);
}

const failParse: Token04ParseFailure = (code, message) => {
  throw new ZegoTokenError(code, message);
};

/** Whether `value` reads as a Token04 (the mistake of passing the token where the room ID goes). */
function looksLikeToken04(value: string): boolean {
  if (!value.startsWith(TOKEN04_VERSION) || value.length < 40) return false;
  try {
    parseToken04(value.split('#')[0], failParse);
    return true;
  } catch {
    return false;
  }
}

/** Why an ID cannot go into a kit token, or `undefined` when it can. */
function idProblem(value: unknown, name: string, pattern: RegExp, maxLength: number): string | undefined {
  if (typeof value !== 'string' || value.length === 0)
    return `${name} must be a non-empty string, got ${describe(value)}`;
  if (pattern.test(value)) return undefined;
  if (name === 'roomId' && looksLikeToken04(value)) {
    return "roomId is a Token04: pass the token as `token` and the room's own ID as roomId (ZEGO answers a token passed as the room ID with 1002013, room ID too long)";
  }
  if (/[\u0100-\uffff]/.test(value)) {
    return `${name} has characters above U+00FF, which a kit token cannot carry (UIKit's btoa throws on them); map it to ZEGO's character set (digits, letters and ~!@#$%^&*()_+=-\`;',.<>/\\)`;
  }
  if (value.length > maxLength) return `${name} must be at most ${maxLength} characters, got ${value.length}`;
  return `${name} has characters outside ZEGO's documented set (digits, letters and ~!@#$%^&*()_+=-\`;',.<>/\\); ZEGO SDKs refuse to log in with it`;
}

/** The bytes of a string whose characters are all below U+0100, one byte each (what `btoa` encodes). */
function latin1Bytes(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/**
 * The kit token UIKit takes (`ZegoUIKitPrebuilt.create(kitToken)`, `renewToken(kitToken)`): byte for
 * byte what `ZegoUIKitPrebuilt.generateKitTokenForProduction(appId, token, roomId, userId, userName)`
 * returns. Build it where the room is known (in the browser, from the token route's answer); the
 * ServerSecret never leaves the server. Throws `ZegoTokenError`: `KIT_TOKEN_INVALID` for an ID the
 * kit cannot carry (outside ZEGO's character set, above U+00FF, too long, a token passed as the room
 * ID) or a `userName` with unpaired surrogates; `TOKEN_MALFORMED` when `token` is not a Token04.
 */
export function toKitToken(options: KitTokenOptions): string {
  if (typeof options !== 'object' || options === null) {
    invalid(`toKitToken needs an options object, got ${describe(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (!Object.hasOwn(KIT_KEYS, key)) {
      invalid(`toKitToken: unknown option \`${key}\`; known options: ${Object.keys(KIT_KEYS).join(', ')}`);
    }
  }
  const { token, appId, roomId, userId, userName = '' } = options;
  if (typeof token === 'string' && token.includes('#')) {
    invalid('token is already a kit token: pass the Token04 (the part before "#")');
  }
  parseToken04(token, failParse);
  if (typeof appId !== 'number' || !Number.isInteger(appId) || appId < 1 || appId > MAX_APP_ID) {
    invalid(`appId must be an integer from 1 to ${MAX_APP_ID}, got ${describe(appId)}`);
  }
  const problems = [
    idProblem(userId, 'userId', ZEGO_USER_ID_PATTERN, 64),
    idProblem(roomId, 'roomId', ZEGO_ROOM_ID_PATTERN, 127),
  ].filter((problem) => problem !== undefined);
  if (problems.length > 0) invalid(problems.join('; '));
  if (typeof userName !== 'string') invalid(`userName must be a string, got ${describe(userName)}`);
  let encodedName: string;
  try {
    encodedName = encodeURIComponent(userName);
  } catch {
    return invalid('userName has unpaired surrogates, which encodeURIComponent (and so UIKit) cannot encode');
  }
  const suffix = JSON.stringify({ userID: userId, roomID: roomId, userName: encodedName, appID: appId });
  return `${token}#${encodeBase64(latin1Bytes(suffix))}`;
}

/** The suffix's fields, checked the way UIKit reads them (`appID * 1`, `decodeURIComponent`). */
function readSuffix(suffix: string): Omit<KitToken, 'token'> {
  if (suffix.length > MAX_SUFFIX_LENGTH)
    invalid(`the part after "#" is ${suffix.length} characters; UIKit's is far shorter`);
  const bytes = decodeBase64(suffix);
  if (bytes === undefined) return invalid('the part after "#" is not canonical base64 (as btoa writes it)');
  let value: unknown;
  try {
    value = JSON.parse(String.fromCharCode(...bytes));
  } catch {
    return invalid('the part after "#" is not base64 of JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    invalid('the part after "#" is not a JSON object');
  const { userID, roomID, userName, appID } = value as Record<string, unknown>;
  const appId = typeof appID === 'string' && /^\d+$/.test(appID) ? Number(appID) : appID;
  if (typeof appId !== 'number' || !Number.isInteger(appId) || appId < 1 || appId > MAX_APP_ID) {
    invalid(`its appID is not an AppID: ${describe(appID)}`);
  }
  if (typeof userID !== 'string' || userID === '')
    invalid(`its userID must be a non-empty string, got ${describe(userID)}`);
  if (typeof roomID !== 'string' || roomID === '')
    invalid(`its roomID must be a non-empty string, got ${describe(roomID)}`);
  if (typeof userName !== 'string') invalid(`its userName must be a string, got ${describe(userName)}`);
  let name: string;
  try {
    name = decodeURIComponent(userName);
  } catch {
    return invalid('its userName is not URI-encoded text (decodeURIComponent fails on it)');
  }
  return { appId, roomId: roomID, userId: userID, userName: name };
}

/**
 * Reads a kit token back into its parts, as UIKit does. Throws `ZegoTokenError`:
 * `KIT_TOKEN_INVALID` for a string without exactly one `#` or a suffix UIKit could not read, and
 * the Token04's own code (`TOKEN_MALFORMED`, …) when the part before `#` is not a Token04. Reads
 * without the secret: `decodeToken04` and `verifyToken04` take kit tokens too, and compare the parts
 * with the token's claims.
 */
export function parseKitToken(kitToken: string): KitToken {
  if (typeof kitToken !== 'string') return invalid(`a kit token must be a string, got ${describe(kitToken)}`);
  const parts = kitToken.split('#');
  if (parts.length !== 2) {
    invalid(
      parts.length === 1
        ? 'not a kit token: it has no "#" (a bare Token04? UIKit takes token + "#" + its suffix: toKitToken)'
        : `a kit token has one "#", this has ${parts.length - 1}`,
    );
  }
  const [token = '', suffix = ''] = parts;
  parseToken04(token, failParse);
  return { token, ...readSuffix(suffix) };
}

/** A token string as given: a bare Token04, or a kit token split into the Token04 and its parts. */
export function splitKitToken(value: string): { token: string; kit: KitToken | undefined } {
  if (typeof value === 'string' && value.includes('#')) {
    const kit = parseKitToken(value);
    return { token: kit.token, kit };
  }
  return { token: value, kit: undefined };
}

/**
 * Whether a token has the header of what UIKit's `generateKitTokenForTest` mints in the browser: legacy
 * CBC with an IV of 16 decimal digits (`Math.random().toString().substring(2, 18)`). ZEGO's server
 * helpers draw CBC IVs from digits and letters, this package from a CSPRNG: a shape, not a proof.
 */
export function hasKitTestHeader(mode: 'gcm' | 'cbc', iv: Uint8Array): boolean {
  return mode === 'cbc' && iv.length === 16 && iv.every((byte) => byte >= 0x30 && byte <= 0x39);
}
