import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { APP_ID, listen, OTHER_SECRET, SECRET } from '../../../../../test/support/index.js';
import { expectUsageError, runCli } from '../../../test/support/cli.js';

interface Received {
  method: string;
  query: URLSearchParams;
  contentType: string | undefined;
  body: string;
}

/**
 * A stand-in for ZEGO: checks each request's signature with an md5 of its own against SECRET, answers
 * 100000005 when it is wrong, and otherwise `answer` (Code 0 with `Data` by default).
 */
async function fakeZego(answer: (request: Received) => object = () => ({ Data: { ok: true } })) {
  const received: Received[] = [];
  const { url } = await listen((request: IncomingMessage, response: ServerResponse) => {
    let body = '';
    request.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8');
    });
    request.on('end', () => {
      const query = new URL(request.url ?? '/', 'http://zego.test').searchParams;
      const expected = createHash('md5')
        .update(`${query.get('AppId')}${query.get('SignatureNonce')}${SECRET}${query.get('Timestamp')}`)
        .digest('hex');
      const signed = query.get('Signature') === expected && query.get('SignatureVersion') === '2.0';
      const entry = { method: request.method ?? '', query, contentType: request.headers['content-type'], body };
      received.push(entry);
      response.setHeader('content-type', 'application/json');
      response.end(
        JSON.stringify(
          signed
            ? { Code: 0, Message: 'success', RequestId: 'req-ok', ...answer(entry) }
            : { Code: 100000005, Message: 'signature error', RequestId: 'req-bad-signature' },
        ),
      );
    });
  });
  return { url, received };
}

const call = (url: string, ...rest: string[]) => [
  'api',
  'DescribeUserNum',
  '--app-id',
  String(APP_ID),
  '--product',
  'rtc',
  '--base-url',
  url,
  ...rest,
];

describe('api', () => {
  it("signs a GET with the ServerSecret, sends repeated --param keys as arrays and prints ZEGO's answer indented", async () => {
    const zego = await fakeZego(() => ({ Data: { UserCountList: [{ RoomId: 'room1', UserCount: 2 }] } }));
    const result = await runCli(
      call(zego.url, '--param', 'RoomId=room1', '--param', 'RoomId=room2', '--param', 'Tag=a=b', '--param', 'One[]=x'),
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const answer = {
      Code: 0,
      Message: 'success',
      RequestId: 'req-ok',
      Data: { UserCountList: [{ RoomId: 'room1', UserCount: 2 }] },
    };
    expect(result.stdout).toBe(`${JSON.stringify(answer, null, 2)}\n`);
    expect(zego.received).toHaveLength(1);
    const [request] = zego.received;
    expect(request?.method).toBe('GET');
    expect(request?.body).toBe('');
    expect(request?.query.get('Action')).toBe('DescribeUserNum');
    expect(request?.query.get('AppId')).toBe(String(APP_ID));
    expect(request?.query.getAll('RoomId[]')).toEqual(['room1', 'room2']);
    expect(request?.query.has('RoomId')).toBe(false);
    expect(request?.query.get('Tag')).toBe('a=b');
    expect(request?.query.getAll('One[]')).toEqual(['x']);
  });

  it('--json prints the answer as one line of JSON, top-level fields (ZIM) and Data (RTC) alike', async () => {
    const zego = await fakeZego(({ query }) =>
      query.get('Zim') ? { Result: [{ UserId: 'u1', Status: 'Online' }] } : { Data: { Count: 3 } },
    );
    const rtc = await runCli(call(zego.url, '--json'));
    expect(rtc.code).toBe(0);
    expect(rtc.stdout).toBe('{"Code":0,"Message":"success","RequestId":"req-ok","Data":{"Count":3}}\n');
    const zim = await runCli(call(zego.url, '--json', '--param', 'Zim=1'));
    expect(zim.code).toBe(0);
    expect(zim.stdout).toBe(
      '{"Code":0,"Message":"success","RequestId":"req-ok","Result":[{"UserId":"u1","Status":"Online"}]}\n',
    );
  });

  it('POSTs a --body as JSON, the signed parameters still in the query; reads the secret from --secret-file', async () => {
    const zego = await fakeZego((request) => ({ Data: { echoed: JSON.parse(request.body) } }));
    const body = { RoomId: 'lobby', Users: [{ UserId: 'alice' }] };
    const result = await runCli(call(zego.url, '--body', JSON.stringify(body), '--secret-file', '/run/secret'), {
      secret: null,
      files: { '/run/secret': `${SECRET}\n` },
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).Data).toEqual({ echoed: body });
    const [request] = zego.received;
    expect(request?.method).toBe('POST');
    expect(request?.contentType).toBe('application/json');
    expect(request?.query.get('Signature')).toMatch(/^[0-9a-f]{32}$/);

    const forced = await runCli(call(zego.url, '--method', 'post'));
    expect(forced.code).toBe(0);
    expect(zego.received[1]?.method).toBe('POST');
    expect(zego.received[1]?.body).toBe('{}');
  });

  it("a non-zero Code: ZEGO's Code, Message and RequestId on stderr, the fix for a signature code, exit 1", async () => {
    const zego = await fakeZego();
    const result = await runCli(call(zego.url), { secret: OTHER_SECRET });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^zego-token api: ZEGO refused the call \(SERVER_API_ERROR\)\n/);
    expect(result.stderr).toMatch(/ {2}Code +100000005\n/);
    expect(result.stderr).toMatch(/ {2}Message +signature error\n/);
    expect(result.stderr).toMatch(/ {2}RequestId +req-bad-signature\n/);
    expect(result.stderr).toMatch(/ {2}fix +Sign with signZegoApiRequest, using this AppID's ServerSecret/);
  });

  it('a refused call shows the rest of the answer: the users that failed, with their SubCode', async () => {
    const zego = await fakeZego(() => ({
      Code: 660000011,
      Message: 'too many',
      ErrorList: [{ UserId: 'id4', SubCode: 660200001 }],
    }));
    const result = await runCli(call(zego.url));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/ {2}ErrorList +\[\{"UserId":"id4","SubCode":660200001\}\]\n/);
  });

  it("a product's documented Code: its meaning and fix from ZEGO's return-code page", async () => {
    const zego = await fakeZego(() => ({ Code: 660200001, Message: 'user not found' }));
    const result = await runCli(call(zego.url).map((word) => (word === 'rtc' ? 'zim' : word)));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/ {2}meaning +User ID does not exist/);
    expect(result.stderr).toMatch(/ {2}fix +Please confirm whether the user ID exists/);
  });

  it('a Code the explain table does not know: no fix', async () => {
    const zego = await fakeZego(() => ({ Code: 20001, Message: 'room not found' }));
    const result = await runCli(call(zego.url));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Code +20001\n/);
    expect(result.stderr).not.toMatch(/fix/);
  });

  it('an unreachable server or an answer that is not JSON: one line, exit 1', async () => {
    const closed = await listen(() => undefined);
    await closed.close();
    const refused = await runCli(call(closed.url));
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toBe('zego-token api: the request to ZEGO failed (ECONNREFUSED)\n');

    const html = await listen((_request, response) => response.end('<html>502 Bad Gateway</html>'));
    const notJson = await runCli(call(html.url));
    expect(notJson.code).toBe(1);
    expect(notJson.stderr).toBe('zego-token api: ZEGO answered HTTP 200 with a body that is not JSON\n');
  });

  it.each([
    ['no Action', ['api', '--app-id', '1', '--product', 'rtc'], /takes one Action, got 0 arguments/],
    ['two Actions', ['api', 'A', 'B', '--app-id', '1', '--product', 'rtc'], /takes one Action, got 2/],
    ['no --app-id', ['api', 'A', '--product', 'rtc'], /--app-id is required/],
    ['no --product', ['api', 'A', '--app-id', '1'], /--product is required/],
    ['a bad --app-id', ['api', 'A', '--app-id', '0', '--product', 'rtc'], /--app-id must be an integer from 1/],
    ['an unknown --product', ['api', 'A', '--app-id', '1', '--product', 'game'], /--product must be one of mini-game/],
    [
      'an unknown --region',
      ['api', 'A', '--app-id', '1', '--product', 'rtc', '--region', 'mars'],
      /--region must be one of sha/,
    ],
    [
      'a --base-url that is not http(s)',
      ['api', 'A', '--app-id', '1', '--product', 'rtc', '--base-url', 'ftp://x'],
      /--base-url must be an https: URL/,
    ],
    [
      'a --param without =',
      ['api', 'A', '--app-id', '1', '--product', 'rtc', '--param', 'Key'],
      /--param takes Key=Value/,
    ],
    ['a --param without a key', ['api', 'A', '--app-id', '1', '--product', 'rtc', '--param', '=v'], /Key=Value/],
    [
      'a --param that sets a signed parameter',
      ['api', 'A', '--app-id', '1', '--product', 'rtc', '--param', 'Signature=x'],
      /must not set Signature/,
    ],
    ['a bad --method', ['api', 'A', '--app-id', '1', '--product', 'rtc', '--method', 'PUT'], /--method must be GET/],
    [
      'a --body that is not JSON',
      ['api', 'A', '--app-id', '1', '--product', 'rtc', '--body', '{'],
      /--body must be JSON/,
    ],
    [
      'a --body with GET',
      ['api', 'A', '--app-id', '1', '--product', 'rtc', '--method', 'GET', '--body', '{}'],
      /--body needs POST/,
    ],
    ['an Action ZEGO cannot have', ['api', '1 bad', '--app-id', '1', '--product', 'rtc'], /action must be a ZEGO/],
  ] as const)('%s: a usage error, exit 2', async (_name, argv, pattern) => {
    expectUsageError(await runCli(argv), pattern);
  });

  it('no secret: a usage error, and a secret on the command line is refused unrepeated', async () => {
    expectUsageError(await runCli(call('http://127.0.0.1:9'), { secret: null }), /no ServerSecret/);
    expectUsageError(await runCli([...call('http://127.0.0.1:9'), '--secret', SECRET]), /--secret is refused/);
  });

  it('never repeats a value that could be the secret, and never sends the secret as the Action', async () => {
    const zego = await fakeZego();
    const misplaced = [
      ['api', SECRET, '--app-id', '1', '--product', 'rtc', '--base-url', zego.url],
      [...call(zego.url), '--param', SECRET],
      [...call(zego.url), '--param', `=${SECRET}`],
      [...call(zego.url), '--body', SECRET],
      [...call(zego.url), '--method', SECRET],
      ['api', 'A', '--app-id', SECRET, '--product', 'rtc'],
      ['api', 'A', '--app-id', '1', '--product', SECRET],
      ['api', 'A', '--app-id', '1', '--product', 'rtc', '--region', SECRET],
      ['api', 'A', '--app-id', '1', '--product', 'rtc', '--base-url', SECRET],
    ];
    for (const argv of misplaced) {
      // runCli fails the test if SECRET appears on stdout or stderr.
      expectUsageError(await runCli(argv));
    }
    expect(zego.received).toEqual([]);
  });
});
