// Type-checked by `pnpm typecheck` as an ESM TypeScript consumer (the .d.ts declarations).
import { type ZegoTokenOptions, zegoToken } from 'express-zego-token';
import { zegoToken as koaZegoToken } from 'koa-zego-token';
import { type DecodedToken04, decodeToken04, isZegoTokenError, roomPayload } from 'zego-token';

const options: ZegoTokenOptions = {
  resolveUser: async (req) => (req.headers['x-user'] as string | undefined) ?? null,
  payload: (user, req) => roomPayload({ roomId: `${user.userId}-${req.path}` }),
  onIssued: (event) => event.expiresAt,
};
export const middleware = zegoToken(options);
export const koaMiddleware = koaZegoToken({ resolveUser: (ctx) => ctx.get('x-user') || null });
export function read(token: string, secret: string): DecodedToken04 | undefined {
  try {
    return decodeToken04(token, secret);
  } catch (error) {
    if (isZegoTokenError(error) && error.code === 'TOKEN_MALFORMED') return undefined;
    throw error;
  }
}
