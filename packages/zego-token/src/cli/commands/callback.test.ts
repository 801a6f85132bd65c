import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { CALLBACK_SECRET, freePort, listen, zegoCallbackSignature } from '../../../../../test/support/index.js';
import { expectUsageError, NOW, runCli } from '../../../test/support/cli.js';
import { CALLBACK_EXAMPLES } from '../../callback/events/examples.js';
import { PRODUCT_CALLBACKS } from '../../callback/events/parse.js';
import type { CallbackExample } from '../../callback/events/types.js';
import { createCallbackFetchHandler } from '../../node/index.js';

/** Test fixtures in the shape of the product modules' examples (texts after ZEGO's documented ones). */
const EXAMPLES: readonly CallbackExample[] = [
  {
    product: 'rtc',
    event: 'room_create',
    source: 'core_products/real-time-voice-video/en/server/callback/room/created.mdx',
    contentType: 'application/json',
    text: `{
    "event": "room_create",
    "appid": 1,
    "timestamp": 1499676978,
    "nonce": "350176",
    "signature": "signature",
    "room_id": "rid_1242649",
    "room_session_id": 858012925204410400,
    "id_name": "id123"
}`,
  },
  {
    product: 'zim',
    event: 'room_create',
    source: 'test fixture: a ZIM room_create',
    contentType: 'application/json',
    text: '{"appid":"1","event":"room_create","nonce":"7","signature":"x","timestamp":"1499676978","room_id":"z1"}',
  },
  {
    product: 'ai-agent',
    event: 'ASRResult',
    source: 'core_products/aiagent/en/server/callbacks/receiving-callback.mdx',
    contentType: 'application/json',
    text: '{"AppId":1234567,"Event":"ASRResult","Nonce":"7450395512627324902","Signature":"fd9c","Timestamp":1745502313000,"Data":{"Text":"Hello"}}',
  },
  {
    product: 'mini-game',
    event: 'game_settlement',
    source: 'test fixture: a MiniGame report',
    contentType: 'application/json',
    text: '{"AppId":1234567890,"SignatureNonce":"15215528852396","Timestamp":1234567890,"Signature":"Pc5W","ReportType":2}',
  },
  {
    product: 'rtc',
    event: 'stream_create',
    source: 'test fixture: a form-encoded RTC callback',
    contentType: 'application/x-www-form-urlencoded',
    text: 'event=stream_create&stream_id=s1&signature=x&timestamp=1499676978&nonce=350176',
  },
];

const ENV = { ZEGO_CALLBACK_SECRET: CALLBACK_SECRET };
const NOW_MS = NOW * 1000;

/** A route stand-in that keeps each request's raw text and content type, and answers `status`. */
async function recorder(status = 200, answer = '') {
  const received: Array<{ text: string; contentType: string | undefined }> = [];
  const { url } = await listen((request: IncomingMessage, response: ServerResponse) => {
    let text = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => {
      text += chunk;
    });
    request.on('end', () => {
      received.push({ text, contentType: request.headers['content-type'] });
      response.statusCode = status;
      response.end(answer);
    });
  });
  return { url: `${url}/zego/callback`, received };
}

const send = (url: string, ...rest: string[]) =>
  runCli(['callback', 'send', ...rest, '--url', url], { env: ENV, secret: null, callbackExamples: EXAMPLES });

/** The fields of a JSON text, parsed here only to look at the signature fields (all of them safe integers or strings). */
function signatureOf(text: string, names: [string, string, string]) {
  const body = JSON.parse(text) as Record<string, unknown>;
  const [signature, timestamp, nonce] = names.map((name) => body[name]);
  return { signature, timestamp, nonce };
}

describe('callback send', () => {
  it("signs the example with fresh signature fields in RTC's names, keeps the rest of the text as written, and prints the answer", async () => {
    const route = await recorder(200, '{"ok":true}');
    const result = await send(route.url, 'room_create', '--product', 'rtc');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^POST http:\/\/127\.0\.0\.1:\d+\/zego\/callback: rtc room_create, JSON, signed as signature\/timestamp\/nonce \(timestamp in seconds\)\n200 OK\n\{"ok":true\}\n$/,
    );
    const [got] = route.received;
    expect(got?.contentType).toBe('application/json');
    // The bare 64-bit number is sent exactly as documented (JSON.parse would have made it ...400 → ...400 rounded).
    expect(got?.text).toContain('"room_session_id": 858012925204410400,');
    const { signature, timestamp, nonce } = signatureOf(got?.text ?? '', ['signature', 'timestamp', 'nonce']);
    // The timestamp keeps the example's JSON type (a bare number) and unit (seconds), at the CLI's clock.
    expect(got?.text).toContain(`"timestamp": ${NOW},`);
    expect(timestamp).toBe(NOW);
    expect(nonce).toMatch(/^[1-9]\d*$/);
    expect(nonce).not.toBe('350176');
    expect(signature).toBe(zegoCallbackSignature(CALLBACK_SECRET, String(timestamp), String(nonce)));
    // Everything else in the text is as documented.
    const untouched = (text: string) => text.replace(/"(signature|timestamp|nonce)": [^,\n]+/g, '"$1": …');
    expect(untouched(got?.text ?? '')).toBe(untouched(EXAMPLES[0]?.text ?? ''));
  });

  it('uses a fresh nonce each time', async () => {
    const route = await recorder();
    await send(route.url, 'room_create', '--product', 'rtc');
    await send(route.url, 'room_create', '--product', 'rtc');
    const nonces = route.received.map(({ text }) => signatureOf(text, ['signature', 'timestamp', 'nonce']).nonce);
    expect(new Set(nonces).size).toBe(2);
  });

  it("uses AI Agent's Signature/Timestamp/Nonce with a timestamp in ms, and MiniGame's SignatureNonce", async () => {
    const route = await recorder();
    expect((await send(route.url, 'ASRResult')).code).toBe(0);
    expect((await send(route.url, 'game_settlement')).code).toBe(0);
    const [agent, game] = route.received.map(({ text }) => text);
    const a = signatureOf(agent ?? '', ['Signature', 'Timestamp', 'Nonce']);
    expect(a.timestamp).toBe(NOW_MS);
    expect(a.signature).toBe(zegoCallbackSignature(CALLBACK_SECRET, String(NOW_MS), String(a.nonce)));
    expect(agent).toContain('"Data":{"Text":"Hello"}');
    const g = signatureOf(game ?? '', ['Signature', 'Timestamp', 'SignatureNonce']);
    expect(g.timestamp).toBe(NOW);
    expect(typeof g.nonce).toBe('string');
    expect(g.signature).toBe(zegoCallbackSignature(CALLBACK_SECRET, String(NOW), String(g.nonce)));
    expect(game).toContain('"AppId":1234567890');
  });

  it('sends a form example as a form', async () => {
    const route = await recorder();
    expect((await send(route.url, 'stream_create')).code).toBe(0);
    const [got] = route.received;
    expect(got?.contentType).toBe('application/x-www-form-urlencoded');
    const form = new URLSearchParams(got?.text);
    expect([...form.keys()]).toEqual(['event', 'stream_id', 'signature', 'timestamp', 'nonce']);
    expect(form.get('timestamp')).toBe(String(NOW));
    expect(form.get('signature')).toBe(zegoCallbackSignature(CALLBACK_SECRET, String(NOW), form.get('nonce') ?? ''));
  });

  it('asks which product for an event two products share, and names an unknown event only when it looks like one', async () => {
    const route = await recorder();
    expectUsageError(
      await send(route.url, 'room_create'),
      /room_create is an event of rtc and zim: say which with --product/,
    );
    expect((await send(route.url, 'room_create', '--product', 'zim')).code).toBe(0);
    expect(route.received[0]?.text).toContain('"room_id":"z1"');
    expectUsageError(await send(route.url, 'no_such_event'), /no documented example for the event no_such_event: /);
    const odd = await send(route.url, 'x y\u001b[2J');
    expectUsageError(odd, /no documented example for the event: /);
    expect(odd.stderr).not.toContain('\u001b');
  });

  it('signs a --body FILE, adding the fields it lacks, in the naming asked for', async () => {
    const route = await recorder();
    const files = { '/tmp/body.json': '{"event":"custom","id":12345678901234567890}' };
    const result = await runCli(
      ['callback', 'send', '--body', '/tmp/body.json', '--naming', 'Signature/Timestamp/Nonce', '--url', route.url],
      { env: ENV, secret: null, callbackExamples: EXAMPLES, files },
    );
    expect(result.code).toBe(0);
    const text = route.received[0]?.text ?? '';
    expect(text.startsWith('{"event":"custom","id":12345678901234567890,"Signature":"')).toBe(true);
    const sent = signatureOf(text, ['Signature', 'Timestamp', 'Nonce']);
    expect(sent.timestamp).toBe(String(NOW_MS));
    expect(sent.signature).toBe(zegoCallbackSignature(CALLBACK_SECRET, String(NOW_MS), String(sent.nonce)));
    // Without a naming or product, a body with no signature fields is refused.
    files['/tmp/body.json'] = '{"event":"custom"}';
    expectUsageError(
      await runCli(['callback', 'send', '--body', '/tmp/body.json', '--url', route.url], {
        env: ENV,
        secret: null,
        callbackExamples: EXAMPLES,
        files,
      }),
      /which signature fields\? Say --product/,
    );
  });

  it('prints a non-2xx answer escaped and exits 1', async () => {
    const route = await recorder(401, '{"error":"bad\u001b]0;title\u0007"}');
    const result = await send(route.url, 'ASRResult');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('401 Unauthorized\n{"error":"bad\\x1b]0;title\\x07"}\n');
    expect(result.stdout).not.toContain('\u001b');
    expect(result.stderr).toMatch(/^zego-token callback: the route answered 401: check that the CallbackSecret/);
  });

  it('exits 1 when nothing answers', async () => {
    const port = await freePort();
    const result = await send(`http://127.0.0.1:${port}/zego/callback`, 'ASRResult');
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `zego-token callback: cannot send to http://127.0.0.1:${port}/zego/callback: ECONNREFUSED\n`,
    );
  });

  it('reads the CallbackSecret from ZEGO_CALLBACK_SECRET or --callback-secret-file, never from an argument', async () => {
    const route = await recorder();
    const fromFile = await runCli(
      ['callback', 'send', 'ASRResult', '--url', route.url, '--callback-secret-file', '/run/cb'],
      { secret: null, callbackExamples: EXAMPLES, files: { '/run/cb': `${CALLBACK_SECRET}\n` } },
    );
    expect(fromFile.code).toBe(0);
    const sent = signatureOf(route.received[0]?.text ?? '', ['Signature', 'Timestamp', 'Nonce']);
    expect(sent.signature).toBe(zegoCallbackSignature(CALLBACK_SECRET, String(NOW_MS), String(sent.nonce)));
    for (const flag of ['--callback-secret', '--secret']) {
      const refused = await runCli(['callback', 'send', 'ASRResult', '--url', route.url, flag, CALLBACK_SECRET], {
        secret: null,
        callbackExamples: EXAMPLES,
      });
      expectUsageError(
        refused,
        /is refused: a secret on the command line .*; set ZEGO_CALLBACK_SECRET or pass --callback-secret-file PATH instead/,
      );
      expect(refused.stderr).not.toContain(CALLBACK_SECRET);
    }
    const pasted = await runCli(['callback', 'send', CALLBACK_SECRET, '--url', route.url], {
      env: ENV,
      secret: null,
      callbackExamples: EXAMPLES,
    });
    expectUsageError(pasted, /the event is the CallbackSecret: pass it in ZEGO_CALLBACK_SECRET/);
    // A short secret that is part of an event's name is no reason to refuse it.
    const short = await runCli(['callback', 'send', 'ASRResult', '--url', route.url], {
      env: { ZEGO_CALLBACK_SECRET: 'SR' },
      secret: null,
      callbackExamples: EXAMPLES,
    });
    expect(short.code).toBe(0);
    expectUsageError(
      await runCli(['callback', 'send', 'ASRResult', '--url', route.url], { secret: null, callbackExamples: EXAMPLES }),
      /no CallbackSecret: set ZEGO_CALLBACK_SECRET or pass --callback-secret-file PATH/,
    );
    expect(route.received).toHaveLength(2);
  });

  it('--list lists the events by product, with their sources', async () => {
    const result = await runCli(['callback', 'send', '--list'], { secret: null, callbackExamples: EXAMPLES });
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe('rtc (signature/timestamp/nonce)');
    expect(result.stdout).toMatch(
      /\n {2}room_create +core_products\/real-time-voice-video\/en\/server\/callback\/room\/created\.mdx\n/,
    );
    expect(result.stdout).toMatch(/\nai-agent \(Signature\/Timestamp\/Nonce\)\n {2}ASRResult /);
  });
});

describe('callback send, in-process against the core fetch handler', () => {
  it('a right secret: 200, and onCallback got the verified body; a wrong one: 401 and exit 1', async () => {
    const seen: unknown[] = [];
    const handler = createCallbackFetchHandler({
      callbackSecret: CALLBACK_SECRET,
      now: () => NOW_MS,
      onCallback: (body) => {
        seen.push(body);
      },
    });
    const options = { secret: null, callbackExamples: EXAMPLES, fetch: (request: Request) => handler(request) };
    const ok = await runCli(['callback', 'send', 'ASRResult', '--url', 'http://in-process/zego/callback'], {
      ...options,
      env: ENV,
    });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/\n200 /);
    expect(seen).toEqual([expect.objectContaining({ Event: 'ASRResult', Data: { Text: 'Hello' }, Timestamp: NOW_MS })]);

    const wrong = await runCli(['callback', 'send', 'ASRResult', '--url', 'http://in-process/zego/callback'], {
      ...options,
      env: { ZEGO_CALLBACK_SECRET: 'not-the-callback-secret' },
    });
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toMatch(/\n401 .*\n.*CALLBACK_SIGNATURE_INVALID/);
    expect(seen).toHaveLength(1);
  });
});

describe("callback send, every product's documented examples (the registry)", () => {
  it('each event, sent to the core fetch handler, is verified, keeps its documented text and is detected as its product and event', async () => {
    const texts: string[] = [];
    const handler = createCallbackFetchHandler({
      callbackSecret: CALLBACK_SECRET,
      now: () => NOW_MS,
      onCallback: () => {},
    });
    const fetch = async (request: Request) => {
      texts.push(await request.clone().text());
      return handler(request);
    };
    // send sends an event's first example.
    const events = CALLBACK_EXAMPLES.filter(
      (example, index) =>
        CALLBACK_EXAMPLES.findIndex((other) => other.product === example.product && other.event === example.event) ===
        index,
    );
    expect(events.length).toBeGreaterThan(0);
    // The signature fields' values masked: everything else must be the documented text, byte for byte.
    const masked = (text: string) =>
      text.replace(
        /("(?:signature|timestamp|nonce|Signature|Timestamp|Nonce|SignatureNonce)"\s*:\s*)("[^"]*"|\d+)/g,
        '$1…',
      );
    for (const example of events) {
      const { product, event } = example;
      const result = await runCli(
        ['callback', 'send', event, '--product', product, '--url', 'http://in-process/zego/callback'],
        { env: ENV, secret: null, fetch },
      );
      expect(result.code, `${product} ${event}: ${result.stdout}${result.stderr}`).toBe(0);
      const sent = texts.at(-1) ?? '';
      expect(example.contentType).toBe('application/json');
      expect(masked(sent), `${product} ${event}`).toBe(masked(example.text));
      expect(masked(sent)).not.toBe(sent);
      // Which module claims it (detection reads names and event fields only).
      const fields = JSON.parse(sent) as Record<string, unknown>;
      const claimed = PRODUCT_CALLBACKS.flatMap((module) => {
        const name = module.detect(fields);
        return name === undefined ? [] : [[module.product, name]];
      });
      expect(claimed, `${product} ${event}`).toEqual([[product, event]]);
    }
  });
});

describe('callback sign', () => {
  it('prints the signed fields and a curl line that sends the signed body', async () => {
    const result = await runCli(['callback', 'sign', 'room_create', '--product', 'rtc'], {
      env: ENV,
      secret: null,
      callbackExamples: EXAMPLES,
    });
    expect(result.code).toBe(0);
    const signature = /\n {2}signature +([0-9a-f]{40})\n/.exec(result.stdout)?.[1];
    const nonce = /\n {2}nonce +(\d+)\n/.exec(result.stdout)?.[1] ?? '';
    expect(result.stdout).toMatch(new RegExp(`\\n {2}timestamp +${NOW}\\n`));
    expect(signature).toBe(zegoCallbackSignature(CALLBACK_SECRET, String(NOW), nonce));
    const curl = result.stdout.slice(result.stdout.indexOf('curl '));
    expect(curl).toMatch(
      /^curl -sS -i -X POST 'http:\/\/127\.0\.0\.1:3000\/zego\/callback' -H 'Content-Type: application\/json' --data-binary '\{\n/,
    );
    expect(curl).toContain(`"signature": "${signature}",`);
    expect(curl).toContain('"room_session_id": 858012925204410400,');

    const asJson = await runCli(['callback', 'sign', 'ASRResult', '--json'], {
      env: ENV,
      secret: null,
      callbackExamples: EXAMPLES,
    });
    const signed = JSON.parse(asJson.stdout) as {
      naming: string;
      unit: string;
      fields: Record<string, string>;
      body: string;
    };
    expect(signed).toMatchObject({
      naming: 'Signature/Timestamp/Nonce',
      unit: 'milliseconds',
      contentType: 'application/json',
    });
    expect(signed.fields.Timestamp).toBe(String(NOW_MS));
    expect(signed.fields.Signature).toBe(
      zegoCallbackSignature(CALLBACK_SECRET, String(NOW_MS), signed.fields.Nonce ?? ''),
    );
    expect(signed.body).toContain(`"Signature":"${signed.fields.Signature}"`);
  });
});
