// Type-checked by packaging.test.ts under TypeScript's old `node10` resolution, which ignores
// `exports`: `zego-token/client` and `zego-token/web` must still resolve, with their types, through
// `typesVersions`.

import { generateToken04 } from 'zego-token';
import { createTokenProvider, type TokenResponse } from 'zego-token/client';
import { type CreatedToken04, createToken04 } from 'zego-token/web';

export const provider = createTokenProvider({ url: 'https://example.com/zego/token' });
export const response: TokenResponse | undefined = undefined;
export const mint: (appId: number, userId: string, secret: string, seconds: number) => string = generateToken04;
export const mintOnWebCrypto: (options: Parameters<typeof createToken04>[0]) => Promise<CreatedToken04> = createToken04;
