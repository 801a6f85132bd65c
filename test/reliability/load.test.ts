// Load: 20,000 token requests over 100 connections against each host (Express 4 and 5, Koa 2 and 3,
// the fetch handler; plain apps without rate limiting, loopback only): zero errors, zero non-2xx,
// and every response a valid token for the user that request asked as, with no IV ever repeated.
import autocannon, { type AutocannonResult } from 'autocannon';
import { describe, expect, it } from 'vitest';
import { decodeToken04 } from 'zego-token';
import { serverImpls } from '../conformance/servers.js';
import { APP_ID, SECRET } from '../support/index.js';

const REQUESTS = 20_000;
const CONNECTIONS = 100;

interface Seen {
  user: string;
  status: number;
  body: string;
}

function load(url: string, seen: Seen[]): Promise<AutocannonResult> {
  let counter = 0;
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url,
        connections: CONNECTIONS,
        pipelining: 1,
        amount: REQUESTS,
        timeout: 20,
        requests: [
          {
            method: 'GET',
            path: '/zego/token',
            // One request at a time per connection, so the connection's context pairs each response
            // with the user its request asked as.
            setupRequest: (request, context) => {
              const user = `load-${counter++}`;
              context.user = user;
              return { ...request, headers: { ...request.headers, 'x-user': user } };
            },
            onResponse: (status, body, context) => {
              seen.push({ user: context.user as string, status, body });
            },
          },
        ],
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
}

describe.each(serverImpls.map((impl) => [impl.name, impl] as const))('%s', (_name, impl) => {
  it(`serves ${REQUESTS} token requests over ${CONNECTIONS} connections without an error`, {
    timeout: 60_000,
  }, async () => {
    const running = await impl.start({
      route: { appId: APP_ID, serverSecret: SECRET, resolveUser: (headers) => headers['x-user'] },
    });
    const seen: Seen[] = [];
    const result = await load(running.url, seen);

    expect(result.errors).toBe(0);
    expect(result.timeouts).toBe(0);
    expect(result.non2xx).toBe(0);
    expect(result['2xx']).toBeGreaterThanOrEqual(REQUESTS);
    expect(seen.length).toBe(result['2xx']);

    const ivs = new Set<string>();
    const users = new Set<string>();
    for (const { user, status, body } of seen) {
      expect(status).toBe(200);
      const parsed = JSON.parse(body) as { token: string; userId: string; appId: number };
      expect(parsed.userId).toBe(user);
      expect(parsed.appId).toBe(APP_ID);
      const claims = decodeToken04(parsed.token, SECRET);
      expect(claims.userId).toBe(user);
      expect(claims.appId).toBe(APP_ID);
      ivs.add(Buffer.from(parsed.token.slice(2), 'base64').subarray(10, 22).toString('hex'));
      users.add(user);
    }
    // Every request asked as a different user and got its own token; no IV was ever handed out twice.
    expect(users.size).toBe(seen.length);
    expect(ivs.size).toBe(seen.length);
  });
});
