/** Help texts. Kept next to each other so that they stay consistent. */

const SECRET_NOTE = `The ServerSecret comes from the ZEGO_SERVER_SECRET environment variable or from
--secret-file PATH (the file wins; one trailing newline is ignored). A secret on the command
line (--secret, --server-secret, ...) is refused: it would land in shell history and the
process list.`;

export const MAIN_HELP = `zego-token - mint, decode and debug ZEGO Token04 authentication tokens

Usage:
  zego-token generate --app-id N --user-id ID [--ttl 3600] [--payload JSON | --room ID [--publish]]
                      [--mode gcm|cbc] [--json]
  zego-token decode <token|-> [--app-id N] [--user-id ID] [--json]
  zego-token inspect <token|-> [--json]
  zego-token explain [<code>... | --list] [--json]

Commands:
  generate   mint a token (prints it, or JSON with --json)
  decode     decrypt a token with the ServerSecret and check it: expiry, AppID, userID
  inspect    what a token shows without the secret: version, mode, expiry
  explain    what a ZEGO token error code means, its usual cause and the fix

${SECRET_NOTE}

Exit codes: 0 success (decode: the token is valid now), 1 the token is not valid or the code is
unknown, 2 usage error. Run "zego-token <command> --help" for details. Colour only on a
terminal; NO_COLOR turns it off.
`;

export const GENERATE_HELP = `Usage: zego-token generate --app-id N --user-id ID [options]

Mints a Token04 and prints it on stdout (nothing else, so that $(zego-token generate ...) works).

Options:
  --app-id N          your AppID (1 to 4294967295), required
  --user-id ID        the userID the client will log in with, required
  --ttl DURATION      lifetime: seconds, or with a unit (90s, 30m, 2h, 7d); default 3600
  --payload JSON      payload to embed, as JSON (ZEGO rejects non-JSON payloads: 1002075)
  --room ID           embed a privilege payload for this room (login allowed)
  --publish           with --room: allow publishing too
  --mode gcm|cbc      gcm (default, what ZEGO recommends) or the legacy cbc variant
  --secret-file PATH  read the ServerSecret from this file instead of ZEGO_SERVER_SECRET
  --json              print JSON: token, appId, userId, mode, issuedAt, expiresAt (Unix seconds
                      and ISO), effectiveTimeInSeconds, payload
  -h, --help          this help

${SECRET_NOTE}

Example:
  ZEGO_SERVER_SECRET=... zego-token generate --app-id 1234567890 --user-id alice --ttl 2h
`;

export const DECODE_HELP = `Usage: zego-token decode <token|-> [options]

Decrypts a token with the ServerSecret and prints its claims, with times in ISO form and relative
to now. Checks it the way ZEGO does: not expired, and, when given, the AppID and userID the client
uses. Every problem found is explained on stderr with the SDK errors it leads to.

Arguments:
  <token>             the token, or - to read it from stdin

Options:
  --app-id N          the AppID the client uses: report a mismatch (Express 1002076)
  --user-id ID        the userID the client logs in with: report a mismatch (Express 1002077)
  --secret-file PATH  read the ServerSecret from this file instead of ZEGO_SERVER_SECRET
  --json              print JSON on stdout: valid, claims, header, problems, warnings
  -h, --help          this help

${SECRET_NOTE}

Exit codes: 0 the token is valid now; 1 it is not (expired, mismatch, wrong secret, malformed);
2 usage error (bad flags, no secret, a secret that is not 32 bytes).
`;

export const INSPECT_HELP = `Usage: zego-token inspect <token|-> [--json]

Shows what a token reveals without the secret: version, encryption mode, expiry (from the clear
header, which only decode can authenticate) and field sizes. Needs no ServerSecret.

Arguments:
  <token>             the token, or - to read it from stdin

Options:
  --json              print JSON on stdout
  -h, --help          this help

Exit codes: 0 well-formed and not expired by its header; 1 malformed, not a Token04, or expired;
2 usage error.
`;

export const EXPLAIN_HELP = `Usage: zego-token explain [<code>...] [--list] [--json]

Explains a token-related error code: what it means, its usual cause and the fix. Takes ZEGO's
numeric codes (Express native and Web, ZIM, MiniGame, and the token helper's errorCode 1/3/5/6)
and this package's own codes (TOKEN_EXPIRED, TOKEN_USER_ID_MISMATCH, ...). Without a code, or
with --list, lists every code it knows.

Options:
  --list              list all codes
  --json              print JSON on stdout
  -h, --help          this help

Exit codes: 0 explained; 1 a code it does not know; 2 usage error.

Examples:
  zego-token explain 1002077
  zego-token explain TOKEN_EXPIRED
`;
