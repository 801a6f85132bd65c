// The one shape of an issued token. The token route's 200 body is exactly this; `createToken04`
// returns it, `onIssued` gets it without the token, the decoded claims share its identity and
// time fields, and `zego-token/client` reads it (through `import type`, erased from its build).
import type { Token04Mode } from './wire.js';

/** A minted token and what it holds. Times are Unix seconds by the issuing server's clock. */
export interface IssuedToken {
  /** The Token04 string to hand to the SDK. */
  token: string;
  appId: number;
  /** The ZEGO userID the token is for: the same string the client passes to the SDK's login. */
  userId: string;
  /** Unix seconds (the token's `ctime`). */
  issuedAt: number;
  /** Unix seconds (the token's `expire`): `issuedAt + effectiveTimeInSeconds`. */
  expiresAt: number;
  effectiveTimeInSeconds: number;
  /** 'gcm' or 'cbc' (legacy). */
  mode: Token04Mode;
}
