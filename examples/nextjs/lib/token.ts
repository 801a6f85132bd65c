// The token route's options, shared by the route (app/api/zego/token/route.ts) and the start-up check
// (instrumentation.ts): a route file may export only its handlers and Next.js's route settings.
import type { FetchHandlerOptions } from 'zego-token';
import { config, log } from './config';
import { getSession } from './session';

export const tokenOptions: FetchHandlerOptions = {
  appId: config.appId,
  serverSecret: config.serverSecret,
  effectiveTimeInSeconds: config.tokenTtl,
  resolveUser: async (request) => (await getSession(request)).user?.id,
  onIssued: ({ userId, expiresAt }) =>
    log(`token issued: ${userId}, expires ${new Date(expiresAt * 1000).toISOString()}`),
};
