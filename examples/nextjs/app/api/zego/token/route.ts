// GET /api/zego/token: a ZEGO token for the signed-in user, 401 for anyone else. The file's place is the
// route, so the handler is created without `path`: it answers every request Next.js routes to it.
import { createFetchHandler } from 'zego-token';
import { config, log } from '@/lib/config';
import { getSession } from '@/lib/session';

export const GET = createFetchHandler({
  appId: config.appId,
  serverSecret: config.serverSecret,
  effectiveTimeInSeconds: config.tokenTtl,
  resolveUser: async (request) => (await getSession(request)).user?.id,
  onIssued: ({ userId, expiresAt }) =>
    log(`token issued: ${userId}, expires ${new Date(expiresAt * 1000).toISOString()}`),
});
