// Type-checked by `pnpm typecheck` as a CommonJS TypeScript consumer (the .d.cts declarations).
import expressAdapter = require('express-zego-token');
import koaAdapter = require('koa-zego-token');
import core = require('zego-token');

const options: expressAdapter.ZegoTokenOptions = {
  resolveUser: (req) => (req.headers['x-user'] as string | undefined) ?? null,
  effectiveTimeInSeconds: 600,
};
const koaOptions: koaAdapter.ZegoTokenOptions = { resolveUser: (ctx) => ctx.state.user?.id as string | undefined };
const create = (serverSecret: string): core.IssuedToken =>
  core.createToken04({ appId: 1, userId: 'u', serverSecret, effectiveTimeInSeconds: 60 });
const code: core.ZegoTokenErrorCode = 'TOKEN_EXPIRED';
export = { options, koaOptions, create, code };
