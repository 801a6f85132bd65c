import { createHash, randomBytes } from 'node:crypto';
import { assertAppId, assertKnownKeys, assertOptionsObject, assertSecret, describe, fail } from './validate.js';

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
export interface ZegoApiSignature {
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

/**
 * Signs one ZEGO Server API request (signature version 2.0): returns the public parameters to put in
 * its query string. Sign each request afresh: ZEGO refuses a timestamp more than 10 minutes off its clock.
 * Throws `APP_ID_INVALID`, `SECRET_INVALID` or `OPTION_INVALID`; no message holds the secret.
 */
export function signZegoApiRequest(options: SignZegoApiRequestOptions): ZegoApiSignature {
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
  const nonce = signatureNonce ?? randomBytes(8).toString('hex');
  const seconds = timestamp ?? Math.floor(Date.now() / 1000);
  const signature = createHash('md5').update(`${appId}${nonce}${serverSecret}${seconds}`, 'utf8').digest('hex');
  return { AppId: appId, SignatureNonce: nonce, Timestamp: seconds, SignatureVersion: '2.0', Signature: signature };
}
