// The token route on Node: the shared policy (issuer-core.ts) with node:crypto's synchronous mint,
// so that a synchronous resolver is answered without a promise per request.
import {
  type CreateTokenIssuerSettings,
  createIssuer,
  type TokenHandlerIssuer,
  type TokenIssuer,
} from './issuer-core.js';
import type { TokenIssuerOptions } from './issuer-options.js';
import { mintToken04 } from './token04.js';

export type { CreateTokenIssuerSettings, TokenHandlerIssuer, TokenIssuer } from './issuer-core.js';
export {
  DEFAULT_EFFECTIVE_TIME_IN_SECONDS,
  DEFAULT_METHODS,
  DEFAULT_PATH,
  type ResolvedUser,
  type TokenHandlerOptions,
  type TokenIssuedEvent,
  type TokenIssuerConfig,
  type TokenIssuerOptions,
  type TokenPayloadFunction,
  type TokenUser,
} from './issuer-options.js';
export type { TokenErrorBody, TokenIssuerResult, TokenResponseBody } from './responses.js';

/**
 * Builds the token route's logic once: validates every option (a bad one throws
 * `ZegoTokenError` `OPTION_INVALID` naming it), then answers requests with plain
 * `{ status, headers, body }` results that any framework can write out.
 */
export function createTokenIssuer<TArgs extends readonly unknown[]>(
  options: TokenIssuerOptions<TArgs>,
  settings?: { routed?: true },
): TokenIssuer<TArgs>;
export function createTokenIssuer<TArgs extends readonly unknown[]>(
  options: TokenIssuerOptions<TArgs>,
  settings: { routed: false },
): TokenHandlerIssuer<TArgs>;
export function createTokenIssuer<TArgs extends readonly unknown[]>(
  options: TokenIssuerOptions<TArgs>,
  settings?: CreateTokenIssuerSettings,
): TokenIssuer<TArgs> | TokenHandlerIssuer<TArgs>;
export function createTokenIssuer<TArgs extends readonly unknown[]>(
  options: TokenIssuerOptions<TArgs>,
  settings: CreateTokenIssuerSettings = {},
): TokenIssuer<TArgs> | TokenHandlerIssuer<TArgs> {
  return createIssuer(options, settings, mintToken04);
}
