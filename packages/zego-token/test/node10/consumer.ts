// Type-checked by packaging.test.ts under TypeScript's old `node10` resolution, which ignores
// `exports`: `zego-token/client` and `zego-token/web` must still resolve, with their types, through
// `typesVersions`. With @types/node, as a Node server's project has it (the Node entry's declarations
// name node:stream's `Readable`); that the web and client declarations need no Node types is checked
// by web-build.test.ts and client-build.test.ts.

import { generateToken04 } from 'zego-token';
import { createTokenProvider, type TokenResponse } from 'zego-token/client';
import { type CreatedToken04, createToken04 } from 'zego-token/web';

export const provider = createTokenProvider({ url: 'https://example.com/zego/token' });
export const response: TokenResponse | undefined = undefined;
export const mint: (appId: number, userId: string, secret: string, seconds: number) => string = generateToken04;
export const mintOnWebCrypto: (options: Parameters<typeof createToken04>[0]) => Promise<CreatedToken04> = createToken04;
