// Loads the built packages with import, as an ESM app does, and mixes in the CJS build on purpose.
import { createRequire } from 'node:module';
import { zegoToken, zegoTokenHandler } from 'express-zego-token';
import { zegoToken as koaZegoToken } from 'koa-zego-token';
import { decodeToken04, generateToken04, isZegoTokenError, ZegoTokenError } from 'zego-token';
import * as client from 'zego-token/client';

const secret = 'fa94dd0f974cf2e293728a526b028271';
const cjs = createRequire(import.meta.url)('zego-token');
let fromCjs;
try {
  cjs.decodeToken04('', secret);
} catch (caught) {
  fromCjs = caught;
}
process.stdout.write(
  JSON.stringify({
    userId: decodeToken04(generateToken04(1, 'esm-user', secret, 60), secret).userId,
    // Where both builds are loaded, instanceof fails across them and isZegoTokenError still works.
    cjsErrorInstanceOfEsmClass: fromCjs instanceof ZegoTokenError,
    cjsErrorRecognisedByEsm: isZegoTokenError(fromCjs),
    adapters: [typeof zegoToken, typeof zegoTokenHandler, typeof koaZegoToken],
    client: Object.keys(client).sort(),
  }),
);
