// A Cloudflare Worker that gives each signed-in user of your app a ZEGO token at GET /zego/token, and,
// when ZEGO_CALLBACK_SECRET is set, receives ZEGO's callbacks at POST /zego/callback.
//
// Your app's sign-in issues an HS256 JWT (its access token) whose `sub` is the user's ID; the page
// sends it as `Authorization: Bearer …`. The Worker checks it with jose against AUTH_JWT_SECRET, and
// `createFetchHandler` from `zego-token/web` (Web Crypto only: no nodejs_compat) mints the token.
// `createCallbackFetchHandler` from the same entry verifies each callback's signature.
import { errors, jwtVerify } from 'jose';
import { createCallbackFetchHandler, createFetchHandler, isZegoTokenError } from 'zego-token/web';

/** The bindings from wrangler.toml (`[vars]`) and `wrangler secret put`. */
export interface Env {
  /** Your AppID from the ZEGO console (a var). */
  ZEGO_APP_ID?: string;
  /** Your ServerSecret from the ZEGO console (a secret). */
  ZEGO_SERVER_SECRET?: string;
  /** The key your sign-in signs its HS256 access tokens with, at least 32 characters (a secret). */
  AUTH_JWT_SECRET?: string;
  /** The `iss` and `aud` your access tokens carry, checked when set (vars). */
  AUTH_ISSUER?: string;
  AUTH_AUDIENCE?: string;
  /** The origins whose pages may fetch tokens, separated by commas or spaces (a var). */
  ALLOWED_ORIGINS?: string;
  /** The CallbackSecret from the ZEGO console (a secret); when set, the Worker receives ZEGO's callbacks. */
  ZEGO_CALLBACK_SECRET?: string;
}

// Not exported: every named export of a Worker's main module is taken for an entrypoint.
const TOKEN_PATH = '/zego/token';
const CALLBACK_PATH = '/zego/callback';

/**
 * What a callback's log line shows: its event, the room, stream or game it is about, and its nonce.
 * Never the signature, and none of the user data a body may carry.
 */
const LOGGED_FIELDS = [
  'event',
  'EventType',
  'room_id',
  'RoomId',
  'stream_id',
  'MiniGameId',
  'nonce',
  'Nonce',
  'SignatureNonce',
];

type Handler = (request: Request) => Promise<Response>;

/**
 * The `typ` header of your sign-in's access tokens: `at+jwt`, as RFC 9068 §2.1 has it. A refresh token
 * or an ID token signed with the same key carries another (or none) and gets no ZEGO token. If your
 * sign-in marks its access tokens otherwise, change this to what it writes.
 */
const ACCESS_TOKEN_TYPE = 'at+jwt';

/** A binding that must be set: its trimmed value, or `undefined` with the problem noted. */
function required(env: Env, name: 'AUTH_ISSUER' | 'AUTH_AUDIENCE', what: string, problems: string[]) {
  const value = env[name]?.trim() ?? '';
  if (value === '') problems.push(`${name} must be set to ${what}`);
  return value;
}

/**
 * Checks the bearer JWT and returns its subject, or `undefined` (the route answers 401). Only an
 * access token from your sign-in passes: HS256 with AUTH_JWT_SECRET, `typ` ACCESS_TOKEN_TYPE, `iss`
 * AUTH_ISSUER, `aud` including AUTH_AUDIENCE, a `sub` and an `exp` in the future. A missing binding
 * is noted in `problems`: the Worker then mints nothing.
 */
function bearerResolver(env: Env, problems: string[]): (request: Request) => Promise<string | undefined> {
  const secret = env.AUTH_JWT_SECRET ?? '';
  if (secret.length < 32) problems.push('AUTH_JWT_SECRET must be set, with at least 32 characters');
  const key = new TextEncoder().encode(secret);
  const options = {
    algorithms: ['HS256'],
    typ: ACCESS_TOKEN_TYPE,
    issuer: required(env, 'AUTH_ISSUER', "the `iss` of your sign-in's access tokens", problems),
    audience: required(env, 'AUTH_AUDIENCE', "the `aud` of your sign-in's access tokens", problems),
    requiredClaims: ['sub', 'exp', 'iss', 'aud'],
  };
  return async (request) => {
    const bearer = /^Bearer ([\w.-]+)$/i.exec(request.headers.get('Authorization') ?? '')?.[1];
    if (bearer === undefined) return undefined;
    try {
      return (await jwtVerify(bearer, key, options)).payload.sub;
    } catch (error) {
      // A bad signature, an expired token, another issuer, a refresh token: nobody is signed in.
      if (error instanceof errors.JOSEError) return undefined;
      throw error;
    }
  };
}

/** ALLOWED_ORIGINS as a set, each entry checked to be an origin (`https://host[:port]`, no path). */
function allowedOrigins(list: string | undefined, problems: string[]): ReadonlySet<string> {
  const origins = (list ?? '').split(/[\s,]+/).filter(Boolean);
  for (const origin of origins) {
    if (!URL.canParse(origin) || new URL(origin).origin !== origin) {
      problems.push(`ALLOWED_ORIGINS: ${JSON.stringify(origin)} is not an origin such as https://app.example.com`);
    }
  }
  return new Set(origins);
}

/** Runs `build`; the library's OPTION_INVALID (a bad ZEGO_APP_ID, say) is noted in `problems` instead. */
function checked<T>(problems: string[], build: () => T): T | undefined {
  try {
    return build();
  } catch (error) {
    if (!isZegoTokenError(error) || error.code !== 'OPTION_INVALID') throw error;
    problems.push(error.message);
    return undefined;
  }
}

/**
 * What the Worker answers when a binding is missing or wrong: 500 with every problem, to every request,
 * so that it never mints a token (or takes a callback) half-configured. The message names bindings only.
 */
function misconfigured(problems: readonly string[]): Handler {
  const message = `the Worker's bindings are not complete (see README.md, Configuration):\n- ${problems.join('\n- ')}`;
  console.error('zego token:', message);
  const body = { error: { code: 'OPTION_INVALID', message } };
  return async () => Response.json(body, { status: 500 });
}

/** The allow-listed fields of a verified callback, strings cut to 128 characters: `JSON.stringify` makes one line of it. */
function describeCallback(body: Record<string, unknown>): Record<string, string | number> {
  const summary: Record<string, string | number> = {};
  for (const field of LOGGED_FIELDS) {
    const value = body[field];
    if (typeof value === 'number' && Number.isFinite(value)) summary[field] = value;
    else if (typeof value === 'string') summary[field] = value.slice(0, 128);
  }
  return summary;
}

/**
 * ZEGO's callback route, or `undefined` without ZEGO_CALLBACK_SECRET. ZEGO sends a callback again until
 * it gets a 200: a handler that acts on one must be idempotent (docs/callbacks.md). This one only logs it.
 */
function callbackRoute(env: Env): Handler | undefined {
  if (!env.ZEGO_CALLBACK_SECRET) return undefined;
  return createCallbackFetchHandler({
    callbackSecret: env.ZEGO_CALLBACK_SECRET,
    onCallback: (body) => {
      console.log('zego callback:', JSON.stringify(describeCallback(body)));
    },
  });
}

/**
 * The token route with CORS for the listed origins only, and the callback route (server to server, so no
 * CORS) when ZEGO_CALLBACK_SECRET is set; everything they need comes from `env`.
 */
function createWorkerHandler(env: Env): Handler {
  const problems: string[] = [];
  const origins = allowedOrigins(env.ALLOWED_ORIGINS, problems);
  const resolveUser = bearerResolver(env, problems);
  const tokenRoute = checked(problems, () =>
    createFetchHandler({
      appId: Number(env.ZEGO_APP_ID),
      serverSecret: env.ZEGO_SERVER_SECRET ?? '',
      path: TOKEN_PATH,
      resolveUser,
      onError: (error) => {
        // 401s are routine; anything else is worth a line in `wrangler tail` (never the secret or a token).
        if (!isZegoTokenError(error) || error.code !== 'UNAUTHENTICATED') console.warn('zego token:', error);
      },
    }),
  );
  const callbacks = checked(problems, () => callbackRoute(env));
  if (tokenRoute === undefined || problems.length > 0) return misconfigured(problems);

  return async (request) => {
    const { pathname } = new URL(request.url);
    // Without the secret, /zego/callback goes on to the token route, which answers 404.
    if (callbacks !== undefined && pathname === CALLBACK_PATH) return callbacks(request);
    const origin = request.headers.get('Origin');
    const allowed = origin !== null && origins.has(origin);
    let response: Response;
    if (request.method === 'OPTIONS' && pathname === TOKEN_PATH) {
      // The preflight for a GET with an Authorization header. An unlisted origin gets no permission.
      response = new Response(null, { status: 204 });
      if (allowed) {
        response.headers.set('Access-Control-Allow-Methods', 'GET');
        response.headers.set('Access-Control-Allow-Headers', 'Authorization');
        response.headers.set('Access-Control-Max-Age', '600');
      }
    } else {
      response = await tokenRoute(request);
    }
    if (allowed) response.headers.set('Access-Control-Allow-Origin', origin);
    response.headers.append('Vary', 'Origin');
    return response;
  };
}

// Workers hand `env` to each request and forbid crypto at module scope, so the handler is made on the
// first request. A missing or bad binding makes it answer every request 500 OPTION_INVALID naming each
// problem (logged once, for `wrangler tail`): the Worker never runs half-configured.
let handler: Handler | undefined;

export default {
  fetch(request: Request, env: Env): Promise<Response> {
    handler ??= createWorkerHandler(env);
    return handler(request);
  },
};
