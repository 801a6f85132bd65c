// The mount mistake docs/route.md warns about: `app.use('/api/zego/token', zegoToken())` answers at
// /api/zego/token/zego/token (the route's `path` is relative to the mount path). The request to the
// mount point itself gets a 404 whose JSON says where the route answers and how to mount it, and
// `onError` hears of it, under Express 4 and 5, for the token and the callback middleware alike.
import { zegoCallback, zegoToken } from 'express-zego-token';
import express4 from 'express4';
import express5 from 'express5';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { isZegoTokenError, type ZegoTokenError } from 'zego-token';
import { CALLBACK_SECRET, SECRET } from '../../../test/support/index.js';

const MAJORS = [
  ['Express 4', express4],
  ['Express 5', express5],
] as const;

const tokenOptions = { appId: 1, serverSecret: SECRET, resolveUser: () => 'alice' };
const callbackOptions = { callbackSecret: CALLBACK_SECRET, onCallback: () => undefined };

/** `onError`'s reports, as the typed errors they must be. */
function reports() {
  const errors: ZegoTokenError[] = [];
  const onError = (error: unknown) => {
    if (!isZegoTokenError(error)) throw new Error(`onError got ${String(error)}`);
    errors.push(error);
  };
  return { errors, onError };
}

describe.each(MAJORS)('%s', (_, express) => {
  it('answers the mount point of zegoToken mounted at its own path with a 404 that says where it answers', async () => {
    const { errors, onError } = reports();
    const app = express();
    app.use('/api/zego/token', zegoToken({ ...tokenOptions, onError }));

    const response = await request(app).get('/api/zego/token');
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('NOT_FOUND');
    const { message } = response.body.error as { message: string };
    expect(message).toContain('"/api/zego/token/zego/token"');
    expect(message).toContain('mount it at "/api"');
    expect(message).toContain('path: "/api/zego/token"');
    expect(errors.map(({ code, message }) => ({ code, message }))).toEqual([{ code: 'NOT_FOUND', message }]);

    // Where the documented rule puts it, it still answers; a query or a trailing slash is the same mistake.
    expect((await request(app).get('/api/zego/token/zego/token')).status).toBe(200);
    expect((await request(app).get('/api/zego/token/?x=1')).body.error.code).toBe('NOT_FOUND');
    // A preflight is the CORS middleware's, not the route's.
    expect((await request(app).options('/api/zego/token')).body).toEqual({});
  });

  it('says the same for zegoCallback mounted at its own path', async () => {
    const { errors, onError } = reports();
    const app = express();
    app.use('/hooks/zego/callback', zegoCallback({ ...callbackOptions, onError }));

    const response = await request(app).post('/hooks/zego/callback').send({});
    expect(response.status).toBe(404);
    expect(response.body.error.message).toContain('"/hooks/zego/callback/zego/callback"');
    expect(response.body.error.message).toContain('mount it at "/hooks"');
    expect(errors.map(({ code }) => code)).toEqual(['NOT_FOUND']);
  });

  it('says the same in a router mounted at the path, and suggests the root when the mount path is the path', async () => {
    const { errors, onError } = reports();
    const app = express();
    const router = express.Router();
    router.use('/zego/token', zegoToken({ ...tokenOptions, onError }));
    app.use(router);

    const response = await request(app).get('/zego/token');
    expect(response.status).toBe(404);
    expect(response.body.error.message).toContain('mount it at "/"');
    expect(errors).toHaveLength(1);
  });

  it('changes nothing where it is mounted right: other paths, the mount point of a prefix, are passed on', async () => {
    const { errors, onError } = reports();
    const app = express();
    app.use('/api', zegoToken({ ...tokenOptions, onError }));
    app.use('/api', zegoCallback({ ...callbackOptions, onError }));
    app.use((_req, res) => void res.status(404).json({ host: 'not found' }));

    expect((await request(app).get('/api/zego/token')).status).toBe(200);
    for (const path of ['/api', '/api/zego', '/zego/token', '/api/zego/token/zego/token']) {
      const response = await request(app).get(path);
      expect({ path, status: response.status, body: response.body }).toEqual({
        path,
        status: 404,
        body: { host: 'not found' },
      });
    }
    expect(errors).toEqual([]);
  });
});
