// The middleware outside Express: a raw Node request has no `req.path` (as under @fastify/middie).
// It must answer its own path from `req.url` and pass every other request on, never throw.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { describe, expect, it } from 'vitest';
import { decodeToken04 } from 'zego-token';
import { CALLBACK_SECRET, listen, SECRET, signedCallback } from '../../../test/support/index.js';
import { zegoCallback, zegoToken } from './index.js';

describe('zegoToken on a raw Node request (no req.path)', () => {
  it('answers its path from req.url and passes everything else on', async () => {
    const middleware = zegoToken({ appId: 1, serverSecret: SECRET, resolveUser: () => 'alice' });
    const passedOn: string[] = [];
    const { url } = await listen((req: IncomingMessage, res: ServerResponse) => {
      const next: NextFunction = (error?: unknown) => {
        passedOn.push(`${req.url} ${error === undefined ? 'next()' : `next(${String(error)})`}`);
        res.statusCode = 418;
        res.end();
      };
      middleware(req as Request, res as Response, next);
    });

    const token = await fetch(`${url}/zego/token?x=1`);
    expect(token.status).toBe(200);
    const body = (await token.json()) as { token: string };
    expect(decodeToken04(body.token, SECRET).userId).toBe('alice');

    expect((await fetch(`${url}/other`)).status).toBe(418);
    expect(passedOn).toEqual(['/other next()']);
  });
});

describe('zegoCallback on a raw Node request (no req.path, no body parser)', () => {
  it('reads and verifies the body itself at its path, and passes everything else on', async () => {
    const received: unknown[] = [];
    const middleware = zegoCallback({
      callbackSecret: CALLBACK_SECRET,
      onCallback: (body) => void received.push(body),
    });
    const passedOn: string[] = [];
    const { url } = await listen((req: IncomingMessage, res: ServerResponse) => {
      middleware(req as Request, res as Response, (error?: unknown) => {
        passedOn.push(`${req.url} ${error === undefined ? 'next()' : 'next(error)'}`);
        res.statusCode = 418;
        res.end();
      });
    });
    const body = signedCallback({ event: 'raw' });
    const init = { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } };
    expect((await fetch(`${url}/zego/callback?x=1`, init)).status).toBe(200);
    expect(received).toEqual([body]);
    expect((await fetch(`${url}/other`, init)).status).toBe(418);
    expect(passedOn).toEqual(['/other next()']);
  });
});
