// Loads the built packages with require(), as a CommonJS app does.
const core = require('zego-token');
const express = require('express-zego-token');
const koa = require('koa-zego-token');
const client = require('zego-token/client');

const secret = 'fa94dd0f974cf2e293728a526b028271';
const token = core.generateToken04(1, 'cjs-user', secret, 60);
let error;
try {
  core.decodeToken04('04!!', secret);
} catch (caught) {
  error = caught;
}
process.stdout.write(
  JSON.stringify({
    userId: core.decodeToken04(token, secret).userId,
    errorCode: error.code,
    isError: core.isZegoTokenError(error),
    adapters: [
      typeof express.zegoToken,
      typeof express.zegoTokenHandler,
      typeof koa.zegoToken,
      typeof koa.zegoTokenHandler,
    ],
    client: Object.keys(client).sort(),
  }),
);
