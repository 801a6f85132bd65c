// The mount mistake every prefix-mounting host allows: middleware whose `path` is relative to its
// mount path, mounted AT that path (Express `app.use('/api/zego/token', zegoToken())`, koa-mount's
// `mount('/api/zego/token', …)`), answers one `path` further down and leaves its intended URL a bare
// 404. The host's adapter sees the request for the mount point pass by; this says so to the client and
// to `onError`. Neutral: both routes and both runtimes use it.
import { ZegoTokenError } from '../errors.js';
import { report } from './common.js';
import { codeResult, type RouteResult } from './responses.js';

/** What the check needs of a route's `config`: the token route's and the callback route's both have it. */
export interface MountedRouteConfig {
  readonly path: string;
  /** The token route's option; the callback route matches exactly. */
  readonly caseSensitive?: boolean;
}

/**
 * The answer for a request the middleware passed on, when it is for the mount point of middleware
 * mounted at its own `path`: a 404 `NOT_FOUND` whose message says where the route answers and how to
 * mount it, the same error handed to `onError`. `undefined` for every other request (pass it on).
 *
 * Call it only for requests the route did not answer (`route.handle(…)` gave `undefined`): it costs
 * nothing on the route's own requests. `mountPath` is the host's (Express `req.baseUrl`, koa-mount's
 * `ctx.mountPath`; `''` or `undefined` at the root), `requestPath` the path below it. The message holds
 * the URL the client asked for and the route's own path, nothing else: it is shown in production too,
 * where the mistake is as broken as in development.
 */
export function mountedAtOwnPath<TArgs extends readonly unknown[]>(
  name: 'zegoToken' | 'zegoCallback',
  config: MountedRouteConfig,
  method: string,
  mountPath: string | undefined,
  requestPath: string,
  onError: ((error: unknown, ...args: TArgs) => void) | undefined,
  args: TArgs,
): RouteResult | undefined {
  const { path } = config;
  if (!mountPath || path === '/' || (requestPath !== '/' && requestPath !== '')) return undefined;
  // A preflight is the CORS middleware's, as on the route's own path.
  if (method.toUpperCase() === 'OPTIONS') return undefined;
  const mount = mountPath.length > 1 && mountPath.endsWith('/') ? mountPath.slice(0, -1) : mountPath;
  const fold = (value: string) => (config.caseSensitive === false ? value.toLowerCase() : value);
  if (!fold(mount).endsWith(fold(path))) return undefined;
  const parent = mount.slice(0, mount.length - path.length) || '/';
  const message =
    `${name}() is mounted at "${mount}" and answers at "${mount}${path}": its \`path\` ("${path}") is relative ` +
    `to the mount path. Either mount it at "${parent}", or mount it without a path and give it path: "${mount}"`;
  const error = new ZegoTokenError('NOT_FOUND', message);
  report(onError, error, args);
  return codeResult('NOT_FOUND', message);
}
