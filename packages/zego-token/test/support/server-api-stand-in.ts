// A loopback stand-in for ZEGO's Server API hosts (real sockets), for the server-api tests. It checks
// each request's signature as ZEGO documents it, with node:crypto's MD5 (AppId + SignatureNonce +
// ServerSecret + Timestamp, SignatureVersion 2.0), answers 100000005 to a request signed wrong, and
// `reply(request)` to the others; `received` keeps every request in order.
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { listen, SECRET } from '../../../../test/support/index.js';

export interface Received {
  method: string;
  path: string;
  query: URLSearchParams;
  contentType: string | undefined;
  body: unknown;
  signed: boolean;
}

export async function serverApiStandIn(reply: (request: Received) => object) {
  const received: Received[] = [];
  const { url } = await listen((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const { pathname, searchParams: query } = new URL(req.url ?? '/', 'http://loopback');
      const md5 = createHash('md5');
      md5.update(`${query.get('AppId')}${query.get('SignatureNonce')}${SECRET}${query.get('Timestamp')}`);
      const text = Buffer.concat(chunks).toString('utf8');
      const request: Received = {
        method: req.method ?? '',
        path: pathname,
        query,
        contentType: req.headers['content-type'],
        body: text === '' ? undefined : JSON.parse(text),
        signed: query.get('Signature') === md5.digest('hex') && query.get('SignatureVersion') === '2.0',
      };
      received.push(request);
      res.setHeader('content-type', 'application/json; charset=utf-8');
      res.end(JSON.stringify(request.signed ? reply(request) : { Code: 100000005, Message: 'bad signature' }));
    });
  });
  return { url, received };
}
