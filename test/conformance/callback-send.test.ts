// `zego-token callback send` (run in-process) against every host's callback route: over a real socket
// for each adapter and the core's fetch handler, and without a socket for the handlers that take a
// fetch Request (the core's fetch handler, Hono's app.fetch). A right CallbackSecret gets 200 and the
// route's onCallback sees the verified body; a wrong one gets 401 and a non-zero exit.
import { Hono } from 'hono';
import { zegoCallback as honoZegoCallback } from 'hono-zego-token';
import { describe, expect, it } from 'vitest';
import { type CallbackBody, createCallbackFetchHandler } from 'zego-token';
import { runCli } from '../../packages/zego-token/test/support/cli.js';
import { CALLBACK_SECRET } from '../support/index.js';
import { callbackServerImpls } from './servers.js';

/** One example in the product modules' shape (after AI Agent's documented ASRResult body), as a test fixture. */
const EXAMPLES = [
  {
    product: 'ai-agent',
    event: 'ASRResult',
    source: 'core_products/aiagent/en/server/callbacks/receiving-callback.mdx',
    contentType: 'application/json',
    text: '{"AppId":1234567,"AgentInstanceId":"1912124734317838336","Event":"ASRResult","Nonce":"1","Signature":"x","Timestamp":1745502313000,"Data":{"UserId":"user_1","Text":"Hello"}}',
  },
  {
    product: 'rtc',
    event: 'stream_create',
    source: 'a form-encoded RTC callback (test fixture)',
    contentType: 'application/x-www-form-urlencoded',
    text: 'event=stream_create&stream_id=s1&signature=x&timestamp=1499676978&nonce=1',
  },
] as const;

/** Runs `callback send <event>` with the CallbackSecret `secret`, at the real clock (the routes check the timestamp's age). */
function send(url: string, event: string, secret: string, fetch?: (request: Request) => Promise<Response>) {
  return runCli(['callback', 'send', event, '--url', url], {
    secret: null,
    env: { ZEGO_CALLBACK_SECRET: secret },
    now: Math.floor(Date.now() / 1000),
    callbackExamples: EXAMPLES,
    fetch,
  });
}

describe.each(callbackServerImpls.map((impl) => [impl.name, impl] as const))('%s', (_name, impl) => {
  it('callback send: 200 and the verified body with the right secret; 401 and exit 1 with a wrong one', async () => {
    const received: CallbackBody[] = [];
    const { url } = await impl.start({
      callback: { callbackSecret: CALLBACK_SECRET, onCallback: (body) => void received.push(body) },
    });
    const ok = await send(`${url}/zego/callback`, 'ASRResult', CALLBACK_SECRET);
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/\n200 OK\n/);
    expect(received).toEqual([
      expect.objectContaining({
        AppId: 1234567,
        AgentInstanceId: '1912124734317838336',
        Event: 'ASRResult',
        Data: { UserId: 'user_1', Text: 'Hello' },
        Signature: expect.stringMatching(/^[0-9a-f]{40}$/),
      }),
    ]);
    expect(String(received[0]?.Timestamp)).toMatch(/^\d{13}$/);

    const form = await send(`${url}/zego/callback`, 'stream_create', CALLBACK_SECRET);
    expect(form.code).toBe(0);
    expect(received[1]).toMatchObject({ event: 'stream_create', stream_id: 's1' });

    const wrong = await send(`${url}/zego/callback`, 'ASRResult', 'not-the-callback-secret');
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toMatch(/\n401 Unauthorized\n.*CALLBACK_SIGNATURE_INVALID/);
    expect(wrong.stderr).toMatch(/the route answered 401/);
    expect(received).toHaveLength(2);
  });
});

describe('in-process, without a socket', () => {
  const handlers = {
    'the core fetch handler': (onCallback: (body: CallbackBody) => void) =>
      createCallbackFetchHandler({ callbackSecret: CALLBACK_SECRET, onCallback }),
    'Hono app.fetch': (onCallback: (body: CallbackBody) => void) => {
      const app = new Hono().use(honoZegoCallback({ callbackSecret: CALLBACK_SECRET, onCallback }));
      return async (request: Request) => app.fetch(request);
    },
  };
  it.each(Object.entries(handlers))(
    '%s: 200 with the right secret, 401 and exit 1 with a wrong one',
    async (_name, make) => {
      const received: CallbackBody[] = [];
      const handler = make((body) => void received.push(body));
      const url = 'http://in-process.test/zego/callback';
      const ok = await send(url, 'ASRResult', CALLBACK_SECRET, handler);
      expect(ok.code).toBe(0);
      expect(received).toEqual([
        expect.objectContaining({ Event: 'ASRResult', Data: { UserId: 'user_1', Text: 'Hello' } }),
      ]);
      const wrong = await send(url, 'ASRResult', 'not-the-callback-secret', handler);
      expect(wrong.code).toBe(1);
      expect(wrong.stdout).toMatch(/\n401 Unauthorized\n/);
      expect(received).toHaveLength(1);
    },
  );
});
