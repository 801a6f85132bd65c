import { isZegoTokenError } from '../../node/index.js';
import {
  createZegoServerApi,
  type ZegoServerApi,
  ZegoServerApiError,
  type ZegoServerApiParams,
  type ZegoServerApiProduct,
  type ZegoServerApiRegion,
} from '../../node/server-api.js';
import { assertAppId } from '../../validate.js';
import { loadSecret, parseInteger, SECRET_HELP, SECRET_OPTIONS, UsageError } from '../args.js';
import { defineCommand, EXIT_INVALID, EXIT_OK } from '../command.js';
import { SDK_CODES, type SdkProduct } from '../explain-table.js';
import { json, oneLine, printable, safeJson, table } from '../format.js';

/** The flag each of the client's options comes from, to name it in the client's validation messages. */
const FLAG_FOR_OPTION: Readonly<Record<string, string>> = {
  product: '--product',
  region: '--region',
  baseUrl: '--base-url',
};

export const api = defineCommand({
  name: 'api',
  synopsis: [
    '<Action> --app-id N --product mini-game|rtc|zim|cloudrecord [--region sgp]',
    '[--param Key=Value ...] [--method GET|POST] [--body JSON] [--base-url URL] [--json]',
  ],
  summary: "sign and call one of ZEGO's Server APIs, and print ZEGO's answer",
  options: {
    ...SECRET_OPTIONS,
    'app-id': { type: 'string' },
    product: { type: 'string' },
    region: { type: 'string' },
    param: { type: 'string', multiple: true },
    method: { type: 'string' },
    body: { type: 'string' },
    'base-url': { type: 'string' },
    json: { type: 'boolean' },
  },
  help: `Usage: zego-token api <Action> --app-id N --product PRODUCT [options]

Signs one request to a ZEGO Server API with the ServerSecret (a fresh signature for each call) and
sends it. When ZEGO answers Code 0 it prints ZEGO's whole answer on stdout, indented: RTC's result is
in its Data, ZIM's at the top level (Result, ErrorList with each failed user's SubCode, List, Next).
Any other Code is printed on stderr with ZEGO's Message and RequestId (and, for the codes
zego-token explain knows, what it means and the fix). Control characters in ZEGO's text are shown
escaped. The client never retries, never follows a redirect and reads at most 1 MiB.

Arguments:
  <Action>            the action to call, as ZEGO's API reference names it (DescribeUserNum, ...)

Options:
  --app-id N          your AppID (1 to 4294967295), required
  --product PRODUCT   mini-game (MiniGameEngine), rtc, zim or cloudrecord, required
  --region REGION     a regional host: sha, hkg, fra, lax, bom or sgp; default none
                      (https://PRODUCT-api.zego.im/)
  --param Key=Value   a parameter for the query string; repeat it for more. A key given more than
                      once is sent as an array (Key[]=a&Key[]=b); Key[]=a sends an array of one
  --method GET|POST   default POST with --body, GET without
  --body JSON         a JSON body, for the actions that take one (POST)
  --base-url URL      call this https: URL instead of ZEGO's host (a proxy; http: only for
                      localhost, 127.0.0.0/8 and [::1], such as a test server)
  --secret-file PATH  read the ServerSecret from this file instead of ZEGO_SERVER_SECRET
  --json              print the answer as JSON on one line
  -h, --help          this help

${SECRET_HELP}

Exit codes: 0 ZEGO answered Code 0; 1 another Code, or no usable answer (a network error, a
timeout of 10 s, a redirect, an answer over 1 MiB, a body that is not ZEGO's JSON); 2 usage error.

Example:
  ZEGO_SERVER_SECRET=... zego-token api DescribeUserNum --app-id 1234567890 --product rtc \\
    --param RoomId=room1 --param RoomId=room2
`,

  async run({ values, positionals }, ctx) {
    if (positionals.length !== 1) {
      throw new UsageError(
        `api takes one Action, got ${positionals.length} arguments; parameters go in --param Key=Value, the ServerSecret in ZEGO_SERVER_SECRET or --secret-file`,
      );
    }
    const action = positionals[0] ?? '';
    if (values['app-id'] === undefined) throw new UsageError('--app-id is required');
    if (values.product === undefined)
      throw new UsageError('--product is required (mini-game, rtc, zim or cloudrecord)');
    const appId = parseInteger(values['app-id'], '--app-id');
    assertAppId(appId, '--app-id');
    const params = readParams(values.param ?? []);
    const { method, body } = readMethodAndBody(values.method, values.body);
    const { secret } = loadSecret(values['secret-file'], ctx.io.env, ctx.readFile);
    if (action.includes(secret)) {
      throw new UsageError('the Action is the ServerSecret: pass the secret in ZEGO_SERVER_SECRET or --secret-file');
    }

    let client: ZegoServerApi;
    try {
      client = createZegoServerApi({
        appId,
        serverSecret: secret,
        product: values.product as ZegoServerApiProduct,
        region: values.region as ZegoServerApiRegion | undefined,
        baseUrl: values['base-url'],
      });
    } catch (error) {
      throw isZegoTokenError(error) ? withFlagName(error) : error;
    }

    let answer: unknown;
    try {
      answer = await client.call(action, params, { method, body });
    } catch (error) {
      if (!(error instanceof ZegoServerApiError)) throw error;
      reportFailure(error, action, values.product as ZegoServerApiProduct, ctx.err);
      return EXIT_INVALID;
    }
    // Escaped JSON: a hostile string in the answer cannot drive the terminal.
    ctx.out(values.json ? safeJson(answer) : json(answer));
    return EXIT_OK;
  },
});

/** The client's message for a bad option, naming the flag instead (the messages never repeat a value). */
function withFlagName(error: Error): UsageError {
  const option = /^\w+/.exec(error.message)?.[0] ?? '';
  const flag = FLAG_FOR_OPTION[option];
  return new UsageError(flag === undefined ? error.message : `${flag}${error.message.slice(option.length)}`);
}

/**
 * `--param Key=Value`, repeated: a key given more than once (or written `Key[]`) becomes an array,
 * which the client sends as `Key[]=a&Key[]=b`. Values are never repeated in a message.
 */
function readParams(pairs: readonly string[]): ZegoServerApiParams {
  const params: Record<string, string | string[]> = {};
  const counts = new Map<string, number>();
  const parsed = pairs.map((pair) => {
    const separator = pair.indexOf('=');
    if (separator < 1) throw new UsageError('--param takes Key=Value (a name, =, then the value)');
    const rawKey = pair.slice(0, separator);
    const key = rawKey.endsWith('[]') ? rawKey.slice(0, -2) : rawKey;
    if (key.length === 0) throw new UsageError('--param takes Key=Value (a name, =, then the value)');
    counts.set(key, (counts.get(key) ?? 0) + (rawKey === key ? 1 : 2));
    return [key, pair.slice(separator + 1)] as const;
  });
  for (const [key, value] of parsed) {
    const existing = params[key];
    if ((counts.get(key) ?? 0) > 1) params[key] = Array.isArray(existing) ? [...existing, value] : [value];
    else params[key] = value;
  }
  return params;
}

function readMethodAndBody(
  methodText: string | undefined,
  bodyText: string | undefined,
): { method: 'GET' | 'POST' | undefined; body: unknown } {
  const method = methodText?.trim().toUpperCase();
  if (method !== undefined && method !== 'GET' && method !== 'POST')
    throw new UsageError('--method must be GET or POST');
  if (bodyText === undefined) return { method, body: undefined };
  if (method === 'GET') throw new UsageError('--body needs POST: a GET has no body');
  try {
    return { method, body: JSON.parse(bodyText) };
  } catch {
    throw new UsageError('--body must be JSON');
  }
}

/** Whose return codes a product's Server API answers, beside the gateway's. */
const PRODUCT_CODES: Readonly<Record<ZegoServerApiProduct, SdkProduct>> = {
  rtc: 'RTC Server API',
  zim: 'ZIM Server API',
  'mini-game': 'MiniGame (server)',
  cloudrecord: 'ZEGO Server API',
};

/** ZEGO's non-zero Code (with its Message, RequestId and, where the explain table knows it, the fix), or why there was no answer. */
function reportFailure(
  error: ZegoServerApiError,
  action: string,
  product: ZegoServerApiProduct,
  err: (text: string) => void,
): void {
  if (error.code !== 'SERVER_API_ERROR') {
    // The client's message starts with the action; the reason follows it.
    const reason = error.message.startsWith(`${action}: `) ? error.message.slice(action.length + 2) : error.message;
    const cause = (error.cause as { cause?: { code?: unknown } } | undefined)?.cause?.code;
    err(oneLine(`zego-token api: ${reason}${typeof cause === 'string' ? ` (${cause})` : ''}`));
    return;
  }
  const sources: readonly SdkProduct[] = ['ZEGO Server API', PRODUCT_CODES[product]];
  const known = SDK_CODES.find((entry) => sources.includes(entry.sdk) && entry.code === error.zegoCode);
  const rows: [string, string][] = [['Code', String(error.zegoCode)]];
  if (error.zegoMessage !== undefined) rows.push(['Message', oneLine(error.zegoMessage)]);
  if (error.requestId !== undefined) rows.push(['RequestId', oneLine(error.requestId)]);
  if (known !== undefined) rows.push(['meaning', known.meaning], ['fix', known.fix]);
  // The rest of the answer: what failed, where ZEGO says (ZIM's ErrorList with each user's SubCode).
  for (const [field, value] of Object.entries(error.answer ?? {})) {
    if (field !== 'Code' && field !== 'Message' && field !== 'RequestId')
      rows.push([printable(field), safeJson(value)]);
  }
  err(`zego-token api: ZEGO refused the call (SERVER_API_ERROR)\n${table(rows)}`);
}
