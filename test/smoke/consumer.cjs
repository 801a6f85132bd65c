// Loads the built packages with require(), as a CommonJS app does.
const core = require('zego-token');
const express = require('express-zego-token');
const koa = require('koa-zego-token');
const client = require('zego-token/client');
const testing = require('zego-token/testing');
const { thrown } = require('./thrown.cjs');

// test/support's SECRET, passed on the command line by imports.test.ts.
const secret = process.argv[2];
const token = core.generateToken04(1, 'cjs-user', secret, 60);
const error = thrown(() => core.decodeToken04('04!!', secret));
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
    testing: Object.keys(testing).sort(),
  }),
);
