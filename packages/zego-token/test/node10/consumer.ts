// Type-checked by packaging.test.ts under TypeScript's old `node10` resolution, which ignores
// `exports`: `zego-token/client`, `zego-token/web`, `zego-token/adapter`, `zego-token/server-api`,
// `zego-token/web/server-api`, `zego-token/sign-out` and `zego-token/testing` must still resolve, with their types, through `typesVersions`. With @types/node, as a Node server's project has it (the Node entry's declarations
// name node:stream's `Readable`); that the web and client declarations need no Node types is checked
// by web-build.test.ts and client-build.test.ts.

import { generateToken04 } from 'zego-token';
import { createTokenRoute, type RouteResult } from 'zego-token/adapter';
import { createTokenProvider, type IssuedToken } from 'zego-token/client';
import { createZegoServerApi, type ZegoServerApi } from 'zego-token/server-api';
import { createMemoryRevocationStore, type TokenRevocationStore } from 'zego-token/sign-out';
import { startZegoStandIn, type ZegoStandIn } from 'zego-token/testing';
import { createToken04 } from 'zego-token/web';
import { createRtcApi as createRtcApiOnTheWeb, type ZegoRtcApi } from 'zego-token/web/server-api';

export const provider = createTokenProvider({ url: 'https://example.com/zego/token' });
export const response: IssuedToken | undefined = undefined;
export const route: (options: { resolveUser: () => string }) => {
  handle(m: string, p: string): Promise<RouteResult> | undefined;
} = createTokenRoute;
export const api: (options: { appId: number; serverSecret: string; product: 'rtc' }) => ZegoServerApi =
  createZegoServerApi;
export const mint: (appId: number, userId: string, secret: string, seconds: number) => string = generateToken04;
export const mintOnWebCrypto: (options: Parameters<typeof createToken04>[0]) => Promise<IssuedToken> = createToken04;
export const rtcOnTheWeb: (options: { appId: number; serverSecret: string }) => ZegoRtcApi = createRtcApiOnTheWeb;
export const revocation: () => TokenRevocationStore = createMemoryRevocationStore;
export const standIn: (options: { appId: number; serverSecret: string }) => Promise<ZegoStandIn> = startZegoStandIn;
