import { STATUS_CODES } from 'node:http';
import { parseCallbackBody } from '../../callback/body.js';
import { CALLBACK_EXAMPLES } from '../../callback/events/examples.js';
import { PRODUCT_CALLBACKS } from '../../callback/events/parse.js';
import type { CallbackExample } from '../../callback/events/types.js';
import { CALLBACK_NAMINGS } from '../../callback/signature.js';
import { CALLBACK_SECRET_HELP, loadCallbackSecret, UsageError } from '../args.js';
import {
  callbackRequest,
  type FieldValue,
  matchCallbackExample,
  type Naming,
  PRODUCT_NAMING,
  signCallbackText,
} from '../callback-text.js';
import { defineCommand, EXIT_INVALID, EXIT_OK } from '../command.js';
import { json, oneLine, printable, safeJson, table } from '../format.js';
import type { Context } from '../io.js';

type ContentType = CallbackExample['contentType'];

const PRODUCTS = Object.keys(PRODUCT_NAMING);

const DEFAULT_URL = 'http://127.0.0.1:3000/zego/callback';
/** A body file larger than this is refused; so is an answer's rest (it is cut, not read). */
const MAX_BODY_BYTES = 1024 * 1024;
const MAX_ANSWER_BYTES = 64 * 1024;
const TIMEOUT_MS = 10_000;

export const callback = defineCommand({
  name: 'callback',
  synopsis: [
    'send <event> --url URL [--product P] [--body FILE] [--naming N]',
    'send --list',
    'sign [<event> | --body FILE] [--product P] [--naming N] [--url URL]',
  ],
  summary: 'send a signed ZEGO callback (a documented example) to your callback route, or sign a body for curl',
  options: {
    'callback-secret-file': { type: 'string' },
    url: { type: 'string' },
    body: { type: 'string' },
    product: { type: 'string' },
    naming: { type: 'string' },
    list: { type: 'boolean' },
    json: { type: 'boolean' },
  },
  help: `Usage: zego-token callback send <event> --url URL [options]
       zego-token callback send --list
       zego-token callback sign [<event> | --body FILE] [options]

send signs a callback and POSTs it to your callback route exactly as ZEGO would: ZEGO's documented
example of <event> (or the body in --body FILE), with the product's signature fields
(signature/timestamp/nonce for RTC, ZIM and cloud recording; Signature/Timestamp/SignatureNonce
for MiniGame; Signature/Timestamp/Nonce for AI Agent, its timestamp in milliseconds), a fresh
nonce and timestamp, as JSON or a form like the example. The rest of the body is sent as written:
a bare 64-bit number stays exact. It prints the status and the body your route answered (control
characters escaped) and exits 1 unless the status is 2xx.

sign prints the signed fields for a body (an example's, or --body FILE), and a curl line that sends it.

Options:
  --url URL               where to POST (send: required; sign: for the curl line, default
                          ${DEFAULT_URL})
  --list                  list the events with a documented example, by product
  --product P             ${PRODUCTS.join(', ')}: the product whose example to send (for an
                          event two products share: RTC and ZIM both have room_create), or whose
                          signature fields to use for --body
  --body FILE             send or sign this body instead (JSON, or form fields); - reads stdin
  --naming N              the signature fields to use: ${CALLBACK_NAMINGS.map(({ naming }) => naming).join(', ')}
  --json                  print JSON: the list; sign's fields and body; send's status and answer
  --callback-secret-file PATH  read the CallbackSecret from this file instead of ZEGO_CALLBACK_SECRET
  -h, --help              this help

${CALLBACK_SECRET_HELP}

Exit codes: 0 the route answered 2xx (sign: printed); 1 another status, or no answer (connection
refused, a timeout of 10 s); 2 usage error.

Example:
  ZEGO_CALLBACK_SECRET=... zego-token callback send room_login --url http://127.0.0.1:3000/zego/callback
`,

  async run({ values, positionals }, ctx) {
    const [action, event, ...extra] = positionals;
    const examples = ctx.io.callbackExamples ?? CALLBACK_EXAMPLES;
    if (action !== 'send' && action !== 'sign') {
      throw new UsageError('callback takes send or sign: zego-token callback send <event> --url URL');
    }
    if (values.list === true) {
      if (values.json === true) ctx.out(json(examples.map(({ text: _text, ...entry }) => entry)));
      else printList(examples, ctx);
      return EXIT_OK;
    }
    if (extra.length > 0) {
      throw new UsageError(`callback ${action} takes one event, got ${positionals.length - 1} arguments`);
    }
    if (values.product !== undefined && !PRODUCTS.includes(values.product)) {
      throw new UsageError(`--product must be one of ${PRODUCTS.join(', ')}`);
    }
    const { secret } = loadCallbackSecret(values['callback-secret-file'], ctx.io.env, ctx.readFile);
    // Compared whole when short: a short secret may be part of an event's name.
    if (event !== undefined && (event === secret || (secret.length >= 8 && event.includes(secret)))) {
      throw new UsageError(
        'the event is the CallbackSecret: pass it in ZEGO_CALLBACK_SECRET or --callback-secret-file',
      );
    }
    const outgoing = await outgoingBody(event, values.body, values.product, examples, ctx, action);
    const signed = sign(outgoing, values.naming, values.product, secret, ctx.now());
    if (action === 'sign') {
      if (values.json === true) {
        const { naming, unit, fields, text, contentType } = signed;
        ctx.out(json({ naming: naming.naming, unit, fields: Object.fromEntries(fields), contentType, body: text }));
      } else printSigned(signed, values.url ?? DEFAULT_URL, ctx);
      return EXIT_OK;
    }
    if (values.url === undefined) throw new UsageError('--url is required: where your callback route answers');
    return send(signed, readUrl(values.url), ctx, values.json === true);
  },
});

/** The body to sign: an example's, or the --body file's; and what it is, when known. */
interface Outgoing {
  readonly text: string;
  readonly contentType: ContentType;
  readonly example?: CallbackExample;
}

function printList(examples: readonly CallbackExample[], ctx: Context): void {
  if (examples.length === 0) {
    ctx.out('no documented examples');
    return;
  }
  for (const product of [...new Set(examples.map((example) => example.product))]) {
    const naming = PRODUCT_NAMING[product] ?? '';
    ctx.out(ctx.outStyle.bold(`${product}`) + ctx.outStyle.dim(` (${naming})`));
    const rows = examples
      .filter((example) => example.product === product)
      .map((example) => [example.event, ctx.outStyle.dim(example.source)] as const);
    ctx.out(table(rows));
  }
}

/** The word the user typed, repeated only when it looks like an event name (it could be anything). */
function shownEvent(event: string): string {
  return /^[A-Za-z][\w.-]{0,40}$/.test(event) ? ` ${event}` : '';
}

function findExample(
  examples: readonly CallbackExample[],
  event: string,
  product: string | undefined,
): CallbackExample {
  const match = matchCallbackExample(examples, event, product);
  if (match !== undefined && 'sharedBy' in match) {
    throw new UsageError(`${event} is an event of ${match.sharedBy.join(' and ')}: say which with --product`);
  }
  if (match === undefined) {
    const where = product === undefined ? '' : ` of ${product}`;
    throw new UsageError(
      `no documented example${where} for the event${shownEvent(event)}: zego-token callback send --list lists them, or pass --body FILE`,
    );
  }
  return match.example;
}

async function outgoingBody(
  event: string | undefined,
  bodyPath: string | undefined,
  product: string | undefined,
  examples: readonly CallbackExample[],
  ctx: Context,
  action: string,
): Promise<Outgoing> {
  if (bodyPath !== undefined) {
    if (event !== undefined) throw new UsageError('pass an event or --body FILE, not both');
    const text = await readBodyFile(bodyPath, ctx);
    const contentType = text.trimStart().startsWith('{') ? 'application/json' : 'application/x-www-form-urlencoded';
    return { text, contentType };
  }
  if (event === undefined) {
    throw new UsageError(`callback ${action} needs an event (zego-token callback send --list) or --body FILE`);
  }
  const example = findExample(examples, event, product);
  return { text: example.text, contentType: example.contentType, example };
}

async function readBodyFile(path: string, ctx: Context): Promise<string> {
  let text: string;
  if (path === '-') {
    text = await ctx.io.readStdin(MAX_BODY_BYTES);
  } else {
    try {
      text = ctx.readFile(path);
    } catch (error) {
      const reason = (error as { code?: unknown }).code;
      throw new UsageError(`cannot read --body ${path}${typeof reason === 'string' ? ` (${reason})` : ''}`);
    }
  }
  if (new TextEncoder().encode(text).length > MAX_BODY_BYTES) {
    throw new UsageError(`--body is larger than ${MAX_BODY_BYTES} bytes`);
  }
  return text;
}

/** A signed body, ready to send, and what was signed. */
interface Signed {
  readonly text: string;
  readonly contentType: ContentType;
  readonly naming: (typeof CALLBACK_NAMINGS)[number];
  readonly unit: 'seconds' | 'milliseconds';
  readonly fields: ReadonlyArray<readonly [string, FieldValue]>;
  readonly example?: CallbackExample;
}

/** The body's fields, parsed as the callback route parses them (for their names, and the timestamp's digits). */
function fieldsOf(outgoing: Outgoing): Record<string, unknown> {
  try {
    return parseCallbackBody({ text: outgoing.text, contentType: outgoing.contentType });
  } catch {
    throw new UsageError(
      outgoing.contentType === 'application/json' ? 'the body is not a JSON object' : 'the body is not form fields',
    );
  }
}

/** Which naming signs the body: --naming, the product's (--product or the example's), the body's own fields, or its product's. */
function chooseNaming(
  namingOption: string | undefined,
  product: string | undefined,
  fields: Record<string, unknown>,
): (typeof CALLBACK_NAMINGS)[number] {
  if (namingOption !== undefined) {
    const named = CALLBACK_NAMINGS.find(({ naming }) => naming === namingOption);
    if (named === undefined) {
      throw new UsageError(`--naming must be one of ${CALLBACK_NAMINGS.map(({ naming }) => naming).join(', ')}`);
    }
    return named;
  }
  const byName = (name: Naming | undefined) => CALLBACK_NAMINGS.find(({ naming }) => naming === name);
  const inBody = CALLBACK_NAMINGS.find((names) =>
    [names.signature, names.timestamp, names.nonce].every((name) => Object.hasOwn(fields, name)),
  );
  const detected = PRODUCT_CALLBACKS.find((module) => module.detect(fields) !== undefined)?.product;
  const naming =
    byName(PRODUCT_NAMING[product ?? '']) ??
    inBody ??
    byName(detected === undefined ? undefined : PRODUCT_NAMING[detected]);
  if (naming === undefined) {
    throw new UsageError(`which signature fields? Say --product (${PRODUCTS.join(', ')}) or --naming`);
  }
  return naming;
}

function sign(
  outgoing: Outgoing,
  namingOption: string | undefined,
  productOption: string | undefined,
  secret: string,
  nowMs: number,
): Signed {
  const fields = fieldsOf(outgoing);
  const naming = chooseNaming(namingOption, productOption ?? outgoing.example?.product, fields);
  const signed = signCallbackText(outgoing, fields, naming, secret, nowMs);
  return {
    ...signed,
    contentType: outgoing.contentType,
    naming,
    ...(outgoing.example === undefined ? {} : { example: outgoing.example }),
  };
}

function describeSigned(signed: Signed): string {
  const what = signed.example === undefined ? 'the body' : `${signed.example.product} ${signed.example.event}`;
  const format = signed.contentType === 'application/json' ? 'JSON' : 'form';
  return `${what}, ${format}, signed as ${signed.naming.naming} (timestamp in ${signed.unit})`;
}

/** A word for the shell, in single quotes. */
function shellQuoted(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

/** Text for the terminal that keeps its line breaks (each line's control characters escaped). */
function printableLines(text: string): string {
  return text.split('\n').map(printable).join('\n');
}

function printSigned(signed: Signed, url: string, ctx: Context): void {
  ctx.out(ctx.outStyle.dim(describeSigned(signed)));
  ctx.out(table(signed.fields.map(([name, value]) => [name, String(value)] as const)));
  ctx.out('');
  ctx.out(
    printableLines(
      `curl -sS -i -X POST ${shellQuoted(url)} -H ${shellQuoted(`Content-Type: ${signed.contentType}`)} --data-binary ${shellQuoted(signed.text)}`,
    ),
  );
}

function readUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError('--url must be an http: or https: URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError('--url must be an http: or https: URL');
  }
  return url;
}

/** The answer's text, at most MAX_ANSWER_BYTES of it (the rest is not read). */
async function readAnswer(response: Response): Promise<{ text: string; cut: boolean }> {
  if (response.body === null) return { text: '', cut: false };
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { text: text + decoder.decode(), cut: false };
    size += value.byteLength;
    text += decoder.decode(value, { stream: true });
    if (size > MAX_ANSWER_BYTES) {
      reader.cancel().catch(() => {});
      return { text, cut: true };
    }
  }
}

async function send(signed: Signed, url: URL, ctx: Context, asJson: boolean): Promise<number> {
  if (!asJson) ctx.out(ctx.outStyle.dim(`POST ${printable(url.href)}: ${describeSigned(signed)}`));
  const request = callbackRequest(url, signed, TIMEOUT_MS);
  let response: Response;
  let answer: { text: string; cut: boolean };
  try {
    response = await (ctx.io.fetch ?? fetch)(request);
    answer = await readAnswer(response);
  } catch (error) {
    const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
    const reason =
      (error as { name?: unknown }).name === 'TimeoutError'
        ? `no answer within ${TIMEOUT_MS / 1000} s`
        : typeof cause?.code === 'string'
          ? cause.code
          : typeof cause?.message === 'string'
            ? cause.message
            : error instanceof Error
              ? error.message
              : String(error);
    ctx.err(oneLine(`zego-token callback: cannot send to ${url.href}: ${reason}`));
    return EXIT_INVALID;
  }
  const ok = response.status >= 200 && response.status < 300;
  const status = `${response.status} ${printable(response.statusText || (STATUS_CODES[response.status] ?? ''))}`.trim();
  if (asJson) {
    ctx.out(safeJson({ status: response.status, ok, answer: answer.text, cut: answer.cut }));
  } else {
    ctx.out(ok ? ctx.outStyle.green(status) : ctx.outStyle.red(status));
    if (answer.text.length > 0) ctx.out(printableLines(answer.text));
    if (answer.cut) ctx.out(ctx.outStyle.dim(`(cut at ${MAX_ANSWER_BYTES} bytes)`));
  }
  if (!ok) {
    const hint =
      response.status === 401
        ? ": check that the CallbackSecret is the one your route verifies with (the console's, not the ServerSecret)"
        : '';
    ctx.err(oneLine(`zego-token callback: the route answered ${response.status}${hint}`));
    return EXIT_INVALID;
  }
  return EXIT_OK;
}
