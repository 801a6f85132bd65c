// `zego-token/web/server-api`: ZEGO's Server API where only Web APIs exist (Workers without
// nodejs_compat, Vercel's edge runtime, Deno, Bun). ZEGO signs with MD5, which Web Crypto lacks: it is
// @noble/hashes' audited MD5, bundled; the nonce comes from `crypto.getRandomValues`. The same names
// as `zego-token/server-api` (node/server-api.ts), all as synchronous or asynchronous as there.
import { type ServerApiFunctions, serverApiFunctions } from '../server-api/index.js';
import { md5Hex, runtime } from './runtime.js';

export * from '../server-api/public.js';

const functions = serverApiFunctions({ md5Hex, randomBytes: runtime.randomBytes });
export const signZegoApiRequest: ServerApiFunctions['signZegoApiRequest'] = functions.signZegoApiRequest;
export const createZegoServerApi: ServerApiFunctions['createZegoServerApi'] = functions.createZegoServerApi;
export const createMiniGameApi: ServerApiFunctions['createMiniGameApi'] = functions.createMiniGameApi;
export const createRtcApi: ServerApiFunctions['createRtcApi'] = functions.createRtcApi;
export const createZimApi: ServerApiFunctions['createZimApi'] = functions.createZimApi;
