// ZEGO's callbacks on Web Crypto: the shared checks and route (../callback-core.ts,
// ../callback-route-core.ts) with `crypto.subtle`'s SHA-1 and a constant-time comparison written
// here. `verifyZegoCallback` is asynchronous, as `crypto.subtle.digest` is; the route already was.
import { type VerifyZegoCallbackOptions, verifyCallbackWith } from '../callback-core.js';
import {
  type CallbackFetchHandlerOptions,
  createCallbackFetchHandlerWith,
  createCallbackReceiverWith,
  type ZegoCallbackHandlerOptions,
  type ZegoCallbackHandlerReceiver,
  type ZegoCallbackOptions,
  type ZegoCallbackReceiver,
} from '../callback-route-core.js';

const encoder = new TextEncoder();
const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/**
 * Whether two byte arrays are equal, in time that depends on their length only: every byte is
 * compared (XOR, accumulated with OR), with no early exit. Arrays of different lengths are unequal
 * at once; the lengths are not secret (a signature is always 40 hex characters).
 */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let index = 0; index < a.length; index += 1) {
    difference |= (a[index] as number) ^ (b[index] as number);
  }
  return difference === 0;
}

/** The Web Crypto entry's matcher: `sha1(signed)` in lowercase hex against `signature`, in constant time. */
export async function sha1HexMatches(signed: string, signature: Uint8Array): Promise<boolean> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-1', encoder.encode(signed)));
  let hex = '';
  for (const byte of digest) hex += HEX[byte];
  return constantTimeEqual(signature, encoder.encode(hex));
}

/**
 * Verifies a ZEGO callback's signature and age, and resolves with the body: the Node entry's
 * `verifyZegoCallback` (same options, checks, codes and messages) on Web Crypto, so it returns a
 * promise. It rejects, never throws: `CALLBACK_SIGNATURE_INVALID` or `CALLBACK_EXPIRED` (401) for the
 * body, `SECRET_INVALID` or `OPTION_INVALID` for bad options.
 */
export async function verifyZegoCallback<T extends object = Record<string, unknown>>(
  body: unknown,
  options: VerifyZegoCallbackOptions,
): Promise<T> {
  return (await verifyCallbackWith(body, options, sha1HexMatches)) as T;
}

/** `createCallbackReceiver`'s overloads: routed (the default) or a handler on the host's own route. */
export interface CreateCallbackReceiver {
  <TArgs extends readonly unknown[]>(
    options: ZegoCallbackOptions<TArgs>,
    settings?: { routed?: true },
  ): ZegoCallbackReceiver<TArgs>;
  <TArgs extends readonly unknown[]>(
    options: ZegoCallbackHandlerOptions<TArgs>,
    settings: { routed: false },
  ): ZegoCallbackHandlerReceiver<TArgs>;
}

/**
 * Builds the callback route's logic once: validates every option (a bad one throws `ZegoTokenError`
 * `OPTION_INVALID` naming it), then answers callbacks with plain `{ status, headers, body }` results.
 * As the Node entry's, with signatures checked through Web Crypto.
 */
export const createCallbackReceiver = function createCallbackReceiver<TArgs extends readonly unknown[]>(
  options: ZegoCallbackOptions<TArgs>,
  settings: { routed?: boolean } = {},
): ZegoCallbackReceiver<TArgs> | ZegoCallbackHandlerReceiver<TArgs> {
  return createCallbackReceiverWith(options, settings, sha1HexMatches);
} as CreateCallbackReceiver;

/**
 * The callback route as a Web-standard handler, `(request: Request) => Promise<Response>`, as the
 * Node entry's `createCallbackFetchHandler` (same options, paths and responses), with signatures
 * checked through Web Crypto: for Workers, Vercel Edge, Next.js middleware and Deno.
 */
export function createCallbackFetchHandler(
  options: CallbackFetchHandlerOptions,
): (request: Request) => Promise<Response> {
  return createCallbackFetchHandlerWith(options, sha1HexMatches);
}
