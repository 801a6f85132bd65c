// `zego-token/server-api`: ZEGO's Server API on node:crypto (its signature is MD5, which Web Crypto
// lacks; web/server-api.ts has the same names on @noble/hashes' MD5).
import { type ServerApiFunctions, serverApiFunctions } from '../server-api/index.js';
import { md5Hex, runtime } from './runtime.js';

export * from '../server-api/public.js';

const functions = serverApiFunctions({ md5Hex, randomBytes: runtime.randomBytes });
export const signZegoApiRequest: ServerApiFunctions['signZegoApiRequest'] = functions.signZegoApiRequest;
export const createZegoServerApi: ServerApiFunctions['createZegoServerApi'] = functions.createZegoServerApi;
export const createMiniGameApi: ServerApiFunctions['createMiniGameApi'] = functions.createMiniGameApi;
export const createRtcApi: ServerApiFunctions['createRtcApi'] = functions.createRtcApi;
export const createZimApi: ServerApiFunctions['createZimApi'] = functions.createZimApi;
