// The host apps the conformance suite runs against, each a real server on a loopback port (`listen`
// from test/support, so each is closed after the test that started it). Every behaviour test runs
// against each of them. A new adapter adds its hosts in a module of its own under hosts/ and one line here.

import type { CallbackServerImpl, ServerImpl } from './hosts/common.js';
import { expressCallbackImpls, expressImpls } from './hosts/express.js';
import { fastifyCallbackImpls, fastifyImpls } from './hosts/fastify.js';
import { fetchCallbackImpl, fetchImpl, fetchWebImpl } from './hosts/fetch.js';
import { honoCallbackImpls, honoImpls } from './hosts/hono.js';
import { koaCallbackImpls, koaImpls } from './hosts/koa.js';
import { nestCallbackImpls, nestImpls } from './hosts/nestjs.js';

export * from './hosts/common.js';

export const serverImpls: readonly ServerImpl[] = [
  ...expressImpls,
  ...koaImpls,
  ...fastifyImpls,
  ...honoImpls,
  ...nestImpls,
  fetchImpl,
  fetchWebImpl,
];

/** The callback route's hosts (callback.test.ts), the same frameworks. */
export const callbackServerImpls: readonly CallbackServerImpl[] = [
  ...expressCallbackImpls,
  ...koaCallbackImpls,
  ...fastifyCallbackImpls,
  ...honoCallbackImpls,
  ...nestCallbackImpls,
  fetchCallbackImpl,
];
