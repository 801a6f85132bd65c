// The Server API client's transport, from the security review: no redirect is followed (it would
// re-send the signed query and body to another origin), an answer is read up to a cap and no further,
// and no configuration or error lets the signed URL (`Signature=`) out. Real local HTTP servers.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { APP_ID, expectCodedError, expectCodedRejection, listen, SECRET } from '../../../../test/support/index.js';
import { createZegoServerApi, type ZegoServerApiError } from '../node/server-api.js';

const MiB = 1024 * 1024;
const ok = JSON.stringify({ Code: 0, Message: 'success', RequestId: 'r-1', Data: {} });

/** A server that records every request it gets (method, URL, body) and answers Code 0. */
async function recorder() {
  const received: { method: string; url: string; body: string }[] = [];
  const { url } = await listen(async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    received.push({ method: req.method ?? '', url: req.url ?? '', body: Buffer.concat(chunks).toString('utf8') });
    res.setHeader('content-type', 'application/json').end(ok);
  });
  return { url, received };
}

/** Everything an error shows when logged or serialised: message, cause chain, own properties. */
const everything = (error: unknown) => `${inspect(error, { depth: 20 })}\n${JSON.stringify(error)}`;

describe('redirects', () => {
  it.each([301, 302, 303, 307, 308])(
    'a %i is refused with SERVER_API_REDIRECTED, and nothing reaches the other origin',
    async (status) => {
      const other = await recorder();
      const redirecting = await listen((req: IncomingMessage, res: ServerResponse) => {
        req.resume();
        res.writeHead(status, { location: `${other.url}${req.url ?? '/'}` });
        res.end();
      });
      const api = createZegoServerApi({
        appId: APP_ID,
        serverSecret: SECRET,
        product: 'rtc',
        baseUrl: redirecting.url,
      });
      for (const call of [
        () => api.call('DescribeUserNum', { RoomId: ['room1'] }),
        () => api.call('StartMix', undefined, { body: { TaskId: 't1' } }),
      ]) {
        const error = await expectCodedRejection<ZegoServerApiError>(call(), 'SERVER_API_REDIRECTED');
        expect(error.status).toBe(502);
        expect(error.message).toContain(String(status));
      }
      expect(other.received).toEqual([]);
    },
  );
});

describe('the size of an answer', () => {
  /** Streams `total` bytes of JSON-looking text, chunked, as fast as the client reads; counts what it wrote. */
  async function flooding(total: number, declareLength: boolean) {
    const state = { written: 0, closed: false };
    const chunk = Buffer.alloc(64 * 1024, 'a');
    const { url } = await listen((req: IncomingMessage, res: ServerResponse) => {
      req.resume();
      res.writeHead(200, {
        'content-type': 'application/json',
        ...(declareLength ? { 'content-length': String(total) } : {}),
      });
      res.on('close', () => {
        state.closed = true;
      });
      const pump = () => {
        while (state.written < total && !state.closed) {
          state.written += chunk.length;
          if (!res.write(chunk)) {
            res.once('drain', pump);
            return;
          }
        }
        if (!state.closed) res.end();
      };
      res.write('{"Code":0,"Data":"');
      pump();
    });
    return { url, state };
  }

  it.each([
    ['chunked, without a length', false],
    ['with a Content-Length', true],
  ])(
    'a 100 MiB answer (%s) rejects with SERVER_API_ANSWER_TOO_LARGE, and the read stops near the cap',
    async (_name, declareLength) => {
      const zego = await flooding(100 * MiB, declareLength);
      const api = createZegoServerApi({ appId: APP_ID, serverSecret: SECRET, product: 'zim', baseUrl: zego.url });
      const error = await expectCodedRejection<ZegoServerApiError>(
        api.call('QueryUserOnlineState'),
        'SERVER_API_ANSWER_TOO_LARGE',
      );
      expect(error.message).toContain('1048576 bytes');
      // The server stops once the client hangs up: the cap plus what the sockets buffer, not 100 MiB.
      await expect.poll(() => zego.state.closed).toBe(true);
      expect(zego.state.written).toBeLessThan(16 * MiB);
    },
  );

  it('an answer just under the cap is read whole; maxAnswerBytes moves the cap', async () => {
    const data = 'x'.repeat(MiB - 100);
    const { url } = await listen((req: IncomingMessage, res: ServerResponse) => {
      req.resume();
      res.end(JSON.stringify({ Code: 0, Message: 'success', RequestId: 'r', Data: data }));
    });
    const api = createZegoServerApi({ appId: APP_ID, serverSecret: SECRET, product: 'rtc', baseUrl: url });
    expect((await api.call<{ Data: string }>('DescribeUserNum')).Data).toHaveLength(data.length);
    const small = createZegoServerApi({
      appId: APP_ID,
      serverSecret: SECRET,
      product: 'rtc',
      baseUrl: url,
      maxAnswerBytes: 1000,
    });
    await expectCodedRejection(small.call('DescribeUserNum'), 'SERVER_API_ANSWER_TOO_LARGE');
  });
});

describe('baseUrl', () => {
  it.each([
    ['credentials', 'https://user:pass@proxy.example.com/'],
    ['a user name only', 'https://user@proxy.example.com/'],
    ['plain http: to another host', 'http://proxy.example.com/'],
    ['plain http: to a name that starts like loopback', 'http://127.0.0.1.example.com/'],
    ['plain http: to a private address', 'http://10.0.0.8:8080/'],
  ])('refuses %s when the client is created, without repeating the URL', (_name, baseUrl) => {
    const error = expectCodedError(
      () => createZegoServerApi({ appId: APP_ID, serverSecret: SECRET, product: 'rtc', baseUrl }),
      'OPTION_INVALID',
    );
    expect(error.message).toMatch(/^baseUrl /);
    expect(error.message).not.toContain(baseUrl);
    expect(error.message).not.toContain('user:pass');
    expect(error.message).not.toContain('example.com');
  });

  it.each([
    'https://proxy.example.com/zego/',
    'http://127.0.0.1:8080/',
    'http://127.8.9.10/',
    'http://localhost:3000/',
    'http://[::1]:3000/',
  ])('accepts %s', (baseUrl) => {
    expect(createZegoServerApi({ appId: APP_ID, serverSecret: SECRET, product: 'rtc', baseUrl }).baseUrl).toBe(baseUrl);
  });
});

describe('no error holds the signed URL', () => {
  it('whatever fails: a refused connection, a timeout, a redirect, a page that echoes the URL, a fetch that throws it, a non-zero Code', async () => {
    const signatures: string[] = [];
    const remember = (url: string) => {
      const signature = new URL(url, 'http://zego').searchParams.get('Signature');
      if (signature) signatures.push(signature);
    };
    const closed = await listen(() => {});
    await closed.close();
    const silent = await listen((req: IncomingMessage) => {
      remember(req.url ?? '');
    });
    const redirecting = await listen((req: IncomingMessage, res: ServerResponse) => {
      remember(req.url ?? '');
      res.writeHead(307, { location: `http://127.0.0.1:9${req.url ?? '/'}` }).end();
    });
    const echoing = await listen((req: IncomingMessage, res: ServerResponse) => {
      remember(req.url ?? '');
      res.writeHead(502, { 'content-type': 'text/html' }).end(`<h1>Bad gateway for ${req.url}</h1>`);
    });
    const refusing = await listen((req: IncomingMessage, res: ServerResponse) => {
      remember(req.url ?? '');
      res.end(JSON.stringify({ Code: 100000005, Message: `bad signature in ${req.url}`, RequestId: 'r' }));
    });
    const throwingFetch: typeof fetch = async (input) => {
      remember(String(input));
      throw new TypeError(`fetch failed for ${String(input)}`, { cause: new Error(`connect to ${String(input)}`) });
    };

    const cases: [string, Partial<Parameters<typeof createZegoServerApi>[0]>][] = [
      ['SERVER_API_UNREACHABLE', { baseUrl: closed.url }],
      ['SERVER_API_UNREACHABLE', { baseUrl: silent.url, timeoutMs: 50 }],
      ['SERVER_API_REDIRECTED', { baseUrl: redirecting.url }],
      ['SERVER_API_UNREACHABLE', { baseUrl: echoing.url }],
      ['SERVER_API_ERROR', { baseUrl: refusing.url }],
      ['SERVER_API_UNREACHABLE', { fetch: throwingFetch }],
    ];
    for (const [code, options] of cases) {
      const api = createZegoServerApi({ appId: APP_ID, serverSecret: SECRET, product: 'rtc', ...options });
      const error = await expectCodedRejection(api.call('DescribeUserNum', { RoomId: ['r1'] }), code);
      const shown = everything(error);
      expect(shown, code).not.toMatch(/Signature=[0-9a-f]{32}/);
      expect(shown, code).not.toContain(SECRET);
      for (const signature of signatures) expect(shown, code).not.toContain(signature);
    }
    expect(signatures.length).toBeGreaterThanOrEqual(4);
  });
});
