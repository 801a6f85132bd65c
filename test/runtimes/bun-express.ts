// Runs in Bun: an Express 5 app with express-zego-token's middleware on 127.0.0.1:PORT (the user from
// the x-test-user header, as a session would name it).

import { zegoToken } from 'express-zego-token';
import express from 'express5';
import { configFrom } from './app/load.js';
import { runtimeInfo, USER_HEADER } from './app/token-app.js';

declare const Bun: { env: Record<string, string | undefined> };

const app = express();
app.get('/runtime', (_req, res) => {
  res.json(runtimeInfo());
});
app.use(zegoToken({ ...configFrom((name) => Bun.env[name]), resolveUser: (req) => req.get(USER_HEADER) }));
app.listen(Number(Bun.env.PORT), '127.0.0.1');
