// Faults under load: a resolver that throws, rejects, returns bad IDs, refuses with a 4xx or finds
// nobody, on a fixed schedule by request index (so every outcome is known in advance), with 50
// requests in flight. Each failing request gets its error, every other request its own token, the
// errors are reported once each, nothing is left as an unhandled rejection, and the server goes on
// serving.
import createHttpError from 'http-errors';
import { describe, expect, it } from 'vitest';
import { decodeToken04 } from 'zego-token';
import { type Headers, HOST_ERROR_BODY, serverImpls } from '../conformance/servers.js';
import { APP_ID, SECRET } from '../support/index.js';
import { expectStillServing, get, keepAliveAgent, pool, watchUnhandled } from './http.js';

const REQUESTS = 4_000;
const IN_FLIGHT = 50;

type Fault = 'throw' | 'reject' | 'bad-id' | 'forbidden' | 'nobody' | 'none';

/** The schedule: request i's fault, from its index alone. */
function faultOf(index: number): Fault {
  switch (index % 10) {
    case 1:
      return 'throw';
    case 3:
      return 'reject';
    case 5:
    case 8:
      return 'bad-id';
    case 7:
      return 'forbidden';
    case 9:
      return 'nobody';
    default:
      return 'none';
  }
}

// userIds that fail the checks: too long, spaces, control characters, outside ZEGO's set, not strings.
const BAD_IDS: readonly unknown[] = ['x'.repeat(65), 'has space', 'tab\there', 'caf\u00e9', '\u{1F600}', 42, ['a'], {}];

const nextTick = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The resolver: reads the request index from a header and fails (or not) as scheduled, sometimes asynchronously. */
async function resolveScheduled(headers: Headers): Promise<string | null> {
  const index = Number(headers['x-index']);
  const fault = faultOf(index);
  if (index % 4 === 0) await nextTick();
  switch (fault) {
    case 'throw':
      throw new Error(`resolver failure ${index}`);
    case 'reject':
      await nextTick();
      throw new TypeError(`resolver rejection ${index}`);
    case 'bad-id':
      return BAD_IDS[index % BAD_IDS.length] as string;
    case 'forbidden':
      throw createHttpError(403, `no entry for ${index}`);
    case 'nobody':
      return null;
    case 'none':
      return `user-${index}`;
  }
}

/** Half the resolvers are synchronous (throwing synchronously too), half return promises. */
function resolver(headers: Headers): string | null | Promise<string | null> {
  const index = Number(headers['x-index']);
  if (index % 2 === 1) {
    const fault = faultOf(index);
    if (fault === 'throw') throw new Error(`resolver failure ${index}`);
    if (fault === 'bad-id') return BAD_IDS[index % BAD_IDS.length] as string;
    if (fault === 'forbidden') throw createHttpError(403, `no entry for ${index}`);
    if (fault === 'nobody') return null;
  }
  return resolveScheduled(headers);
}

describe.each(serverImpls.map((impl) => [impl.name, impl] as const))('%s', (_name, impl) => {
  it(`answers ${REQUESTS} requests with scheduled resolver faults, each as expected`, { timeout: 60_000 }, async () => {
    const unhandled = watchUnhandled();
    const agent = keepAliveAgent(IN_FLIGHT);
    const reported: unknown[] = [];
    const running = await impl.start({
      route: {
        appId: APP_ID,
        serverSecret: SECRET,
        resolveUser: resolver,
        onError: (error) => reported.push(error),
      },
    });
    const url = `${running.url}/zego/token`;
    const responses = await pool(REQUESTS, IN_FLIGHT, (index) => get(agent, url, { 'x-index': String(index) }));

    const counts: Record<Fault, number> = { throw: 0, reject: 0, 'bad-id': 0, forbidden: 0, nobody: 0, none: 0 };
    responses.forEach((response, index) => {
      const fault = faultOf(index);
      counts[fault]++;
      const label = `request ${index} (${fault})`;
      expect(response.body, label).not.toContain(SECRET);
      const body = JSON.parse(response.body) as Record<string, unknown>;
      switch (fault) {
        case 'none': {
          expect(response.status, label).toBe(200);
          expect(body.userId, label).toBe(`user-${index}`);
          expect(decodeToken04(body.token as string, SECRET).userId, label).toBe(`user-${index}`);
          break;
        }
        case 'forbidden':
          expect(response.status, label).toBe(403);
          // http-errors marks 4xx messages as safe to expose.
          expect(body, label).toEqual({ error: { code: 'FORBIDDEN', message: `no entry for ${index}` } });
          break;
        case 'nobody':
          expect(response.status, label).toBe(401);
          expect((body.error as { code: string }).code, label).toBe('UNAUTHENTICATED');
          break;
        case 'bad-id':
          // A userId ZEGO would reject: the route answers in its own contract, naming the problem.
          expect(response.status, label).toBe(500);
          expect(body, label).toEqual({ error: { code: 'USER_ID_INVALID', message: 'Internal Server Error' } });
          break;
        default:
          // Thrown and rejected are the host's own failures: they go to its error handling (the
          // fetch handler rejects, and its host answers, as Hono's or Next.js's would).
          expect(response.status, label).toBe(500);
          expect(body, label).toEqual(HOST_ERROR_BODY);
      }
    });
    const failures = REQUESTS - counts.none;
    expect(counts.throw).toBeGreaterThan(0);
    expect(counts.reject).toBeGreaterThan(0);
    expect(counts['bad-id']).toBeGreaterThan(0);
    // Every failed request was reported to onError exactly once; no successful one was.
    expect(reported.length).toBe(failures);

    await expectStillServing(agent, url, { 'x-index': '0' }, 'user-0', unhandled);
  });
});
