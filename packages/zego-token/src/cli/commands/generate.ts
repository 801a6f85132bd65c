import {
  createToken04,
  type IssuedToken,
  isZegoTokenError,
  roomPayload,
  ZEGO_USER_ID_PATTERN,
  type ZegoTokenErrorCode,
} from '../../node/index.js';
import { DEFAULT_EFFECTIVE_TIME_IN_SECONDS } from '../../route/options.js';
import { assertAppId, assertEffectiveTime, assertMode, assertUserId } from '../../validate.js';
import {
  IDENTITY_OPTIONS,
  loadSecret,
  parseDuration,
  parseInteger,
  SECRET_HELP,
  SECRET_OPTIONS,
  UsageError,
} from '../args.js';
import { ZIM_MAX_LIFETIME } from '../check.js';
import { defineCommand, EXIT_OK } from '../command.js';
import { formatDuration, json, withIsoTimes } from '../format.js';

/**
 * The checks `createToken04` makes beyond the ones the flags get first (an expiry that overflows,
 * a payload too large for the format) name its options; this says which flag to change.
 */
const FLAG_FOR_CODE: Partial<Record<ZegoTokenErrorCode, string>> = {
  EFFECTIVE_TIME_INVALID: '--ttl',
  PAYLOAD_INVALID: '--payload/--room',
};

export const generate = defineCommand({
  name: 'generate',
  synopsis: [
    '--app-id N --user-id ID [--ttl 3600] [--payload JSON | --room ID [--publish]]',
    '[--mode gcm|cbc] [--json]',
  ],
  summary: 'mint a token (prints it, or JSON with --json)',
  options: {
    ...SECRET_OPTIONS,
    ...IDENTITY_OPTIONS,
    ttl: { type: 'string' },
    payload: { type: 'string' },
    room: { type: 'string' },
    publish: { type: 'boolean' },
    mode: { type: 'string' },
    json: { type: 'boolean' },
  },
  help: `Usage: zego-token generate --app-id N --user-id ID [options]

Mints a Token04 and prints it on stdout (nothing else, so that $(zego-token generate ...) works).

Options:
  --app-id N          your AppID (1 to 4294967295), required
  --user-id ID        the userID the client will log in with, required
  --ttl DURATION      lifetime: seconds, or with a unit (90s, 30m, 2h, 7d); default ${DEFAULT_EFFECTIVE_TIME_IN_SECONDS}
  --payload JSON      payload to embed, as JSON (ZEGO rejects non-JSON payloads: 1002075)
  --room ID           embed a privilege payload for this room (login allowed)
  --publish           with --room: allow publishing too
  --mode gcm|cbc      gcm (default, what ZEGO recommends) or the legacy cbc variant
  --secret-file PATH  read the ServerSecret from this file instead of ZEGO_SERVER_SECRET
  --json              print JSON: token, appId, userId, mode, issuedAt, expiresAt (Unix seconds
                      and ISO), effectiveTimeInSeconds, payload
  -h, --help          this help

${SECRET_HELP}

Example:
  ZEGO_SERVER_SECRET=... zego-token generate --app-id 1234567890 --user-id alice --ttl 2h
`,

  async run({ values, positionals }, ctx) {
    if (positionals.length > 0) {
      throw new UsageError(
        `generate takes no arguments, only options (got ${positionals.length}); the ServerSecret goes in ZEGO_SERVER_SECRET or --secret-file, never on the command line`,
      );
    }
    if (values['app-id'] === undefined) throw new UsageError('--app-id is required');
    if (values['user-id'] === undefined) throw new UsageError('--user-id is required');
    const appId = parseInteger(values['app-id'], '--app-id');
    assertAppId(appId, '--app-id');
    const userId = values['user-id'];
    assertUserId(userId, '--user-id');
    const effectiveTimeInSeconds =
      values.ttl === undefined ? DEFAULT_EFFECTIVE_TIME_IN_SECONDS : parseDuration(values.ttl, '--ttl');
    assertEffectiveTime(effectiveTimeInSeconds, '--ttl');
    const mode = (values.mode ?? 'gcm').trim().toLowerCase();
    assertMode(mode, '--mode');
    const payload = readPayload(values.payload, values.room, values.publish === true);

    const { secret } = loadSecret(values['secret-file'], ctx.io.env, ctx.readFile);
    let created: IssuedToken;
    try {
      created = createToken04({
        appId,
        userId,
        serverSecret: secret,
        effectiveTimeInSeconds,
        payload,
        mode,
        now: ctx.now,
      });
    } catch (error) {
      const flag = isZegoTokenError(error) ? FLAG_FOR_CODE[error.code] : undefined;
      throw flag === undefined ? error : new UsageError(`${flag}: ${(error as Error).message}`);
    }

    const note = (text: string) => ctx.err(ctx.errStyle.yellow(`zego-token generate: note: ${text}`));
    if (effectiveTimeInSeconds > ZIM_MAX_LIFETIME) {
      note(`a lifetime of ${formatDuration(effectiveTimeInSeconds)}: ZIM refuses tokens valid for more than 24 days`);
    }
    if (!ZEGO_USER_ID_PATTERN.test(userId)) {
      note(
        "the userID has characters outside ZEGO's documented set (digits, letters, ~!@#$%^&*()_+=-`;',.<>/\\); SDKs may refuse to log in with it",
      );
    }
    if (mode === 'cbc') {
      note("cbc is the legacy variant of ZEGO's older helpers; use it only for a verifier that needs it");
    }

    if (values.json) {
      // What createToken04 returned, with the payload it carries.
      ctx.out(json(withIsoTimes({ ...created, payload })));
    } else {
      ctx.out(created.token);
    }
    return EXIT_OK;
  },
});

/** The payload from `--payload` (JSON, as ZEGO requires) or built by `--room`/`--publish`; `''` for none. */
function readPayload(payload: string | undefined, room: string | undefined, publish: boolean): string {
  if (payload !== undefined && room !== undefined) {
    throw new UsageError('--payload and --room cannot be combined (--room builds the payload)');
  }
  if (publish && room === undefined) throw new UsageError('--publish needs --room');
  if (room !== undefined) {
    try {
      return roomPayload({ roomId: room, publish });
    } catch (error) {
      if (isZegoTokenError(error)) throw new UsageError(`--room: ${error.message}`);
      throw error;
    }
  }
  if (payload === undefined || payload === '') return '';
  try {
    JSON.parse(payload);
  } catch {
    throw new UsageError('--payload must be JSON (ZEGO rejects tokens whose payload is not JSON: 1002075)');
  }
  return payload;
}
