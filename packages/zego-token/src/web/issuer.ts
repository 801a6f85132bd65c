// The token route on Web Crypto: the shared policy (../issuer-core.ts, ../fetch-core.ts) with the
// asynchronous Web Crypto mint. Same options, same responses, same types as the Node entry.
import { createFetchHandlerWith, type FetchHandlerOptions } from '../fetch-core.js';
import {
  type CreateTokenIssuerSettings,
  createIssuer,
  type TokenHandlerIssuer,
  type TokenIssuer,
} from '../issuer-core.js';
import type { TokenIssuerOptions } from '../issuer-options.js';
import { mintToken04 } from './token04.js';

/** `createTokenIssuer`'s overloads: routed (the default) or a handler on the host's own route. */
export interface CreateTokenIssuer {
  <TArgs extends readonly unknown[]>(
    options: TokenIssuerOptions<TArgs>,
    settings?: { routed?: true },
  ): TokenIssuer<TArgs>;
  <TArgs extends readonly unknown[]>(
    options: TokenIssuerOptions<TArgs>,
    settings: { routed: false },
  ): TokenHandlerIssuer<TArgs>;
  <TArgs extends readonly unknown[]>(
    options: TokenIssuerOptions<TArgs>,
    settings?: CreateTokenIssuerSettings,
  ): TokenIssuer<TArgs> | TokenHandlerIssuer<TArgs>;
}

/**
 * Builds the token route's logic once: validates every option (a bad one throws
 * `ZegoTokenError` `OPTION_INVALID` naming it), then answers requests with plain
 * `{ status, headers, body }` results that any framework can write out. As the Node entry's, with
 * tokens minted through Web Crypto.
 */
export const createTokenIssuer = function createTokenIssuer<TArgs extends readonly unknown[]>(
  options: TokenIssuerOptions<TArgs>,
  settings: CreateTokenIssuerSettings = {},
): TokenIssuer<TArgs> | TokenHandlerIssuer<TArgs> {
  return createIssuer(options, settings, mintToken04);
} as CreateTokenIssuer;

/**
 * The token route as a Web-standard handler, `(request: Request) => Promise<Response>`, as the
 * Node entry's `createFetchHandler` (same options, paths, methods and responses), with tokens
 * minted through Web Crypto: for Workers, Vercel Edge, Next.js middleware and Deno.
 */
export function createFetchHandler(options: FetchHandlerOptions): (request: Request) => Promise<Response> {
  return createFetchHandlerWith(options, mintToken04);
}
