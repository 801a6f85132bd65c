// Loopback HTTP helpers for the reliability tests: a keep-alive GET with a bounded agent, and raw
// exchanges over net.Socket for input that no HTTP client would send. What these helpers open
// (a watcher, an agent) is closed when the test that opened it finishes.
import { Agent, type IncomingHttpHeaders, request } from 'node:http';
import { connect } from 'node:net';
import { expect, onTestFinished } from 'vitest';
import { decodeToken04 } from 'zego-token';
import { SECRET } from '../support/index.js';

export interface SimpleResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** Collects unhandled rejections and uncaught exceptions from now until the current test finishes. */
export function watchUnhandled(): readonly unknown[] {
  const seen: unknown[] = [];
  const onUnhandled = (reason: unknown) => seen.push(reason);
  process.on('unhandledRejection', onUnhandled);
  process.on('uncaughtException', onUnhandled);
  onTestFinished(() => {
    process.off('unhandledRejection', onUnhandled);
    process.off('uncaughtException', onUnhandled);
  });
  return seen;
}

/**
 * After the storm: the server still answers a normal request with that user's token (minted with
 * test/support's SECRET), and nothing was left as an unhandled rejection (given a moment to surface).
 */
export async function expectStillServing(
  agent: Agent,
  url: string,
  headers: Record<string, string>,
  userId: string,
  unhandled: readonly unknown[],
): Promise<void> {
  const after = await get(agent, url, headers);
  expect(after.status).toBe(200);
  expect(decodeToken04((JSON.parse(after.body) as { token: string }).token, SECRET).userId).toBe(userId);
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(unhandled).toEqual([]);
}

/** A keep-alive agent holding at most `sockets` connections, destroyed when the current test finishes. */
export function keepAliveAgent(sockets: number): Agent {
  const agent = new Agent({ keepAlive: true, maxSockets: sockets, maxFreeSockets: sockets });
  onTestFinished(() => agent.destroy());
  return agent;
}

export function get(agent: Agent, url: string, headers: Record<string, string>): Promise<SimpleResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** Runs `task(0…count-1)` with at most `concurrency` in flight; resolves when all have settled. */
export async function pool<T>(count: number, concurrency: number, task: (index: number) => Promise<T>): Promise<T[]> {
  const results = new Array<T>(count);
  let next = 0;
  async function worker(): Promise<void> {
    while (next < count) {
      const index = next++;
      results[index] = await task(index);
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return results;
}

export interface RawExchange {
  /** Everything the server sent. */
  data: Buffer;
  /** The server closed the connection (after answering or not). */
  closed: boolean;
  /** The server neither closed nor finished within the time limit. */
  timedOut: boolean;
  error?: string;
}

/**
 * Sends `bytes` on a fresh connection, half-closes it (so the server sees the end of the input), and
 * collects what comes back until the server closes, or `timeoutMs` passes.
 */
export function rawExchange(port: number, bytes: Buffer, timeoutMs: number): Promise<RawExchange> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const socket = connect({ port, host: '127.0.0.1', allowHalfOpen: true });
    let settled = false;
    const finish = (outcome: Omit<RawExchange, 'data'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ data: Buffer.concat(chunks), ...outcome });
    };
    const timer = setTimeout(() => finish({ closed: false, timedOut: true }), timeoutMs);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    // A reset after the server has answered (it may not read the rest of a body) is a close too.
    socket.on('error', (error: NodeJS.ErrnoException) => finish({ closed: true, timedOut: false, error: error.code }));
    socket.on('end', () => finish({ closed: true, timedOut: false }));
    socket.on('close', () => finish({ closed: true, timedOut: false }));
    socket.on('connect', () => {
      socket.write(bytes);
      socket.end();
    });
  });
}

export interface ParsedResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/**
 * Splits what a Node HTTP server sent into responses (skipping 1xx interim ones). The first response
 * answers `firstMethod`, so a HEAD response has no body. Throws if the bytes are not HTTP responses.
 */
export function parseResponses(data: Buffer, firstMethod: string): ParsedResponse[] {
  const responses: ParsedResponse[] = [];
  let at = 0;
  let index = 0;
  while (at < data.length) {
    const headEnd = data.indexOf('\r\n\r\n', at, 'latin1');
    if (headEnd < 0)
      throw new Error(`an incomplete response head: ${JSON.stringify(data.subarray(at, at + 80).toString('latin1'))}`);
    const [statusLine = '', ...headerLines] = data.subarray(at, headEnd).toString('latin1').split('\r\n');
    const match = /^HTTP\/1\.[01] (\d{3})(?: .*)?$/.exec(statusLine);
    if (!match) throw new Error(`not a status line: ${JSON.stringify(statusLine)}`);
    const status = Number(match[1]);
    const headers: Record<string, string> = {};
    for (const line of headerLines) {
      const colon = line.indexOf(':');
      if (colon <= 0) throw new Error(`a malformed header line: ${JSON.stringify(line)}`);
      const name = line.slice(0, colon).toLowerCase();
      const value = line.slice(colon + 1).trim();
      headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
    }
    at = headEnd + 4;
    if (status >= 100 && status < 200) continue;
    let body: Buffer;
    // A server that rejects the request line cannot know it said HEAD; Fastify's 400 then has a body.
    const length = Number(headers['content-length'] ?? 0);
    const rejectedHead = status === 400 && length > 0 && data.length - at >= length;
    const bodiless = (index === 0 && firstMethod === 'HEAD' && !rejectedHead) || status === 204 || status === 304;
    if (bodiless) body = Buffer.alloc(0);
    else if (headers['transfer-encoding']?.toLowerCase() === 'chunked') {
      const parts: Buffer[] = [];
      for (;;) {
        const lineEnd = data.indexOf('\r\n', at, 'latin1');
        if (lineEnd < 0) throw new Error('an incomplete chunk size line');
        const size = Number.parseInt(data.subarray(at, lineEnd).toString('latin1'), 16);
        if (!Number.isFinite(size)) throw new Error('a malformed chunk size');
        at = lineEnd + 2;
        if (size === 0) {
          const trailerEnd = data.indexOf('\r\n', at, 'latin1');
          at = trailerEnd < 0 ? data.length : trailerEnd + 2;
          break;
        }
        parts.push(data.subarray(at, at + size));
        at += size + 2;
      }
      body = Buffer.concat(parts);
    } else if (headers['content-length'] !== undefined) {
      const length = Number(headers['content-length']);
      if (!Number.isInteger(length) || length < 0) throw new Error('a malformed content-length');
      body = data.subarray(at, at + length);
      if (body.length !== length) throw new Error('a truncated body');
      at += length;
    } else {
      body = data.subarray(at);
      at = data.length;
    }
    responses.push({ status, headers, body });
    index++;
  }
  return responses;
}
