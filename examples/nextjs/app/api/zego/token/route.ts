// GET /api/zego/token: a ZEGO token for the signed-in user, 401 for anyone else. The file's place is the
// route, so the handler is created without `path`: it answers every request Next.js routes to it. It
// reads its options at its first request (so `next build` needs no secrets); instrumentation.ts checks
// them when the server starts.
import { createFetchHandler } from 'zego-token';
import { tokenOptions } from '@/lib/token';

export const GET = createFetchHandler(tokenOptions);
