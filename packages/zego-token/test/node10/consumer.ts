// Type-checked by packaging.test.ts under TypeScript's old `node10` resolution, which ignores
// `exports`: `zego-token/client` must still resolve, with its types, through `typesVersions`.

import { generateToken04 } from 'zego-token';
import { createTokenProvider, type TokenResponse } from 'zego-token/client';

export const provider = createTokenProvider({ url: 'https://example.com/zego/token' });
export const response: TokenResponse | undefined = undefined;
export const mint: (appId: number, userId: string, secret: string, seconds: number) => string = generateToken04;
