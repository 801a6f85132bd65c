// Loads the built packages with import, as an ESM app does, and mixes in the CJS build on purpose.
import { createRequire } from 'node:module';
import { zegoToken, zegoTokenHandler } from 'express-zego-token';
import { zegoToken as koaZegoToken } from 'koa-zego-token';
import { decodeToken04, generateToken04, isZegoTokenError, ZegoTokenError } from 'zego-token';
import * as client from 'zego-token/client';
import { thrown } from './thrown.cjs';

// test/support's SECRET, passed on the command line by imports.test.ts.
const secret = process.argv[2];
const cjs = createRequire(import.meta.url)('zego-token');
const fromCjs = thrown(() => cjs.decodeToken04('', secret));
process.stdout.write(
  JSON.stringify({
    userId: decodeToken04(generateToken04(1, 'esm-user', secret, 60), secret).userId,
    // Where both builds are loaded, instanceof and isZegoTokenError both work across them.
    cjsErrorInstanceOfEsmClass: fromCjs instanceof ZegoTokenError,
    cjsErrorRecognisedByEsm: isZegoTokenError(fromCjs),
    adapters: [typeof zegoToken, typeof zegoTokenHandler, typeof koaZegoToken],
    client: Object.keys(client).sort(),
  }),
);
