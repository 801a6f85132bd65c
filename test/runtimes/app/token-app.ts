// Runs INSIDE the runtimes under test (Deno, Bun, workerd, Vercel's edge runtime): Web-standard APIs
// only, no node: import. A fetch handler that serves the token route of `zego-token` or
// `zego-token/web` at /zego/token (the user named by the `x-test-user` header, as an app's session
// would name it; none is a 401), at /runtime the runtime's name for itself, and, at /vectors, encodes and decodes every Token04 vector with the
// runtime's crypto and reports what it got, so that the vectors are checked byte for byte in the runtime.
// Given a CallbackSecret, the same entry's callback route at /zego/callback too (`withCallbacks`).
import vectorsFile from '../../support/token04.vectors.json' with { type: 'json' };

/** What the app uses of the core: `zego-token` and `zego-token/web` both have it (sync or async). */
export interface Core {
  encodeToken04(options: {
    appId: number;
    userId: string;
    serverSecret: string;
    ctime: number;
    effectiveTimeInSeconds: number;
    nonce: number;
    iv: Uint8Array;
    payload: string;
    mode: 'gcm' | 'cbc';
  }): string | Promise<string>;
  decodeToken04(
    token: string,
    secret: string,
  ): { userId: string; appId: number } | Promise<{ userId: string; appId: number }>;
  createFetchHandler(options: {
    appId: number;
    serverSecret: string;
    path: string;
    resolveUser: (request: Request) => string | undefined;
  }): (request: Request) => Promise<Response>;
}

/** The app's configuration, from the runtime's environment. */
export interface AppConfig {
  appId: number;
  serverSecret: string;
}

/**
 * The callback route's configuration, kept apart from `AppConfig`: the adapters' apps spread
 * `AppConfig` into options that refuse unknown keys.
 */
export interface CallbackConfig {
  callbackSecret: string;
}

/** What the callback route uses of the core: `createCallbackFetchHandler` of either entry. */
export interface CallbackCore {
  createCallbackFetchHandler(options: {
    callbackSecret: string;
    onCallback: (body: Record<string, unknown>) => unknown;
  }): (request: Request) => Promise<Response>;
}

/** What /vectors answers for one vector: the token the runtime encoded and what it decoded. */
export interface VectorResult {
  name: string;
  /** The runtime's own comparison of its token with the vector's. */
  matches: boolean;
  token: string;
  decodedUserId: string;
  decodedAppId: number;
}

/**
 * What /runtime answers: the runtime's own name for itself, its `navigator.userAgent` (`Deno/2.…`,
 * `Bun/1.…`, `Cloudflare-Workers`) or, in Vercel's edge runtime, which has none, its `EdgeRuntime` global.
 */
export interface RuntimeInfo {
  runtime: string;
}

/** The runtime's own name for itself, for /runtime. */
export function runtimeInfo(): RuntimeInfo {
  const { navigator, EdgeRuntime } = globalThis as { navigator?: { userAgent?: string }; EdgeRuntime?: unknown };
  const userAgent = navigator?.userAgent ?? '';
  return { runtime: userAgent === '' && typeof EdgeRuntime === 'string' ? `EdgeRuntime ${EdgeRuntime}` : userAgent };
}

/** The path of the token route in every runtime app. */
export const TOKEN_PATH = '/zego/token';
/** Where the core's apps (app/node-app.ts, app/web-app.ts) serve ZEGO's callbacks, when they have a CallbackSecret. */
export const CALLBACK_PATH = '/zego/callback';

/** The callback route's 200: the verified callback, as `onCallback` got it. */
export interface CallbackReply {
  received: Record<string, unknown>;
}

/** The header the apps read the signed-in user from. */
export const USER_HEADER = 'x-test-user';

function hexBytes(hex: string): Uint8Array {
  return Uint8Array.from(hex.match(/../g) ?? [], (byte) => Number.parseInt(byte, 16));
}

/** Encodes each vector with its IV, nonce and time, compares, and decodes the vector's token. */
export async function checkVectors(core: Core): Promise<VectorResult[]> {
  const results: VectorResult[] = [];
  for (const vector of vectorsFile.vectors) {
    const token = await core.encodeToken04({
      appId: vector.appId,
      userId: vector.userId,
      serverSecret: vector.secret,
      ctime: vector.ctime,
      effectiveTimeInSeconds: vector.effectiveTimeInSeconds,
      nonce: vector.nonce,
      iv: hexBytes(vector.iv),
      payload: vector.payload,
      mode: vector.mode as 'gcm' | 'cbc',
    });
    const decoded = await core.decodeToken04(vector.token, vector.secret);
    results.push({
      name: vector.name,
      matches: token === vector.token,
      token,
      decodedUserId: decoded.userId,
      decodedAppId: decoded.appId,
    });
  }
  return results;
}

/** The user an app's session would name: here, the `x-test-user` header. */
export function testUser(request: Request): string | undefined {
  return request.headers.get(USER_HEADER) ?? undefined;
}

/**
 * The app as a fetch handler. The token handler is created on the first request, not at import:
 * Workers refuse crypto work at module scope.
 */
export function tokenApp(core: Core, config: AppConfig): (request: Request) => Promise<Response> {
  let handler: ((request: Request) => Promise<Response>) | undefined;
  return async (request) => {
    const { pathname } = new URL(request.url);
    if (pathname === '/runtime') return Response.json(runtimeInfo());
    if (pathname === '/vectors') return Response.json(await checkVectors(core));
    handler ??= core.createFetchHandler({ ...config, path: TOKEN_PATH, resolveUser: testUser });
    return handler(request);
  };
}

/**
 * `app` with the core's callback route at /zego/callback, answering each verified callback with what
 * it received; `app` alone without a configuration. The handler is created on the first callback, like
 * the token handler: Workers refuse crypto work at module scope.
 */
export function withCallbacks(
  core: CallbackCore,
  config: CallbackConfig | undefined,
  app: (request: Request) => Promise<Response>,
): (request: Request) => Promise<Response> {
  if (config === undefined) return app;
  let callbacks: ((request: Request) => Promise<Response>) | undefined;
  return (request) => {
    if (new URL(request.url).pathname !== CALLBACK_PATH) return app(request);
    callbacks ??= core.createCallbackFetchHandler({
      callbackSecret: config.callbackSecret,
      onCallback: (body): CallbackReply => ({ received: body }),
    });
    return callbacks(request);
  };
}
